// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sqlite.h"
#include "types/searchtypes.h"

#include <QStringList>

namespace parla::storage {

/// Full-text search over message bodies (the FTS5 table message_fts of schema migration 2:
/// unicode61 with remove_diacritics 2, so "creme" finds "crème" and "Creme" finds "crème").
///
/// The user's text is never passed to FTS5 as query syntax: it is split into words, every word
/// becomes a quoted string, and the last one a prefix query (the user is still typing it).
/// `"`, `NEAR(`, `*`, `-`, `AND`, `column:` … are thus plain text, and a query of punctuation
/// only finds nothing instead of failing.
///
/// Works on any connection that has the schema (the GUI's read connection for small
/// lookups, or a search thread's own read connection).
class SearchStore
{
public:
    explicit SearchStore(Connection &connection) : m_connection(connection) {}

    /// The FTS5 MATCH expression for what the user typed; empty if it has no word to find.
    static QString matchExpression(const QString &userText);

    /// Up to `limit` messages matching every word, best first: bm25 rank, then newest first.
    /// An empty expression yields no hits (not an error).
    Result<QList<SearchHit>> search(const QString &userText, int limit,
                                    const SearchFilter &filter = {});

private:
    /// Ranking joined with the message table: exact within a filter, slow for common words.
    Result<QList<SearchHit>> searchJoined(const QString &expression, int limit,
                                          const SearchFilter &filter);

    Connection &m_connection;
};

} // namespace parla::storage
