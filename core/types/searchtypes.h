// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace parla {

/// Restricts a message search to one account and/or one conversation (empty: all).
struct SearchFilter
{
    QString account; ///< bare JID of our account
    QString peer;    ///< bare JID of the conversation
};

/// One character range of a snippet that matched the query (to highlight).
struct SearchMatch
{
    int start = 0;
    int length = 0;
    bool operator==(const SearchMatch &) const = default;
};

/// One message found by a full-text search, best match first.
///
/// `snippet` is plain text (the stored body, shortened around the matches), never markup:
/// the UI must escape it or draw it as text. `matches` are the ranges in `snippet` to
/// highlight.
struct SearchHit
{
    qint64 messageId = 0; ///< the database id (MessageIdRole of the conversation's model)
    QString account;
    QString peer;
    bool outgoing = false;
    QString senderJid;
    QDateTime timestamp; ///< UTC
    QString snippet;
    QList<SearchMatch> matches;
    double rank = 0; ///< FTS5 bm25 (lower is better)
};

} // namespace parla

Q_DECLARE_METATYPE(parla::SearchHit)
