// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchstore.h"

#include <QRegularExpression>

#include <algorithm>

namespace parla::storage {

namespace {

// snippet() wraps each matched term in these. XML 1.0 forbids both characters (§2.2), so no
// body that came over XMPP contains them: they cannot be confused with the text.
constexpr char16_t MatchOpen = u'\x02';
constexpr char16_t MatchClose = u'\x03';

/// Drops the markers from snippet() output and records where they were.
void parseSnippet(const QString &marked, SearchHit &hit)
{
    hit.snippet.reserve(marked.size());
    int start = -1;
    for (const QChar c : marked) {
        if (c == MatchOpen) {
            start = int(hit.snippet.size());
        } else if (c == MatchClose) {
            if (start >= 0 && hit.snippet.size() > start)
                hit.matches.append({start, int(hit.snippet.size()) - start});
            start = -1;
        } else {
            hit.snippet.append(c);
        }
    }
}

bool hasWordCharacter(const QString &token)
{
    return std::any_of(token.begin(), token.end(),
                       [](QChar c) { return c.isLetterOrNumber() || c.isMark(); });
}

} // namespace

QString SearchStore::matchExpression(const QString &userText)
{
    // Whitespace-separated chunks; each is quoted as an FTS5 string (a phrase of the words the
    // tokenizer finds in it), so no character of it is FTS5 syntax. Chunks without a letter
    // or digit would be empty phrases: dropped.
    QStringList parts;
    const QStringList chunks =
        userText.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    for (const QString &chunk : chunks) {
        if (!hasWordCharacter(chunk))
            continue;
        QString quoted = chunk;
        quoted.replace(u'"', QStringLiteral("\"\""));
        parts.append(u'"' + quoted + u'"');
    }
    if (parts.isEmpty())
        return {};
    // The last word is probably still being typed: a prefix query ("cr" finds "crème").
    parts.last().append(u'*');
    return parts.join(u' ');
}

Result<QList<SearchHit>> SearchStore::search(const QString &userText, int limit,
                                             const SearchFilter &filter)
{
    QList<SearchHit> hits;
    const QString expression = matchExpression(userText);
    if (expression.isEmpty() || limit <= 0)
        return hits;

    // Fast path: FTS5 ranks inside the virtual table for `ORDER BY rank LIMIT n` and builds
    // snippets only for the rows it returns. A join in the same query (for the recency
    // tie-break or a filter) would make SQLite sort every match itself and build a snippet for
    // each: seconds for a common word. So: over-fetch by rank here, then read the few rows'
    // metadata by id, apply the filter and the tie-break in C++.
    const bool filtered = !filter.account.isEmpty() || !filter.peer.isEmpty();
    const int fetch = limit * (filtered ? 20 : 4);
    struct Ranked
    {
        qint64 id;
        double rank;
        QString snippet;
    };
    QList<Ranked> ranked;
    {
        Query q(m_connection,
                "SELECT rowid, rank, snippet(message_fts, 0, char(2), char(3), '…', 24) "
                "FROM message_fts WHERE message_fts MATCH ?1 ORDER BY rank LIMIT ?2");
        q.bindText(1, expression).bindInt(2, fetch);
        while (q.next())
            ranked.append({q.integer(0), q.real(1), q.text(2)});
        if (q.failed())
            return q.error();
    }
    for (const Ranked &r : std::as_const(ranked)) {
        Query q(m_connection, "SELECT account, peer, outgoing, sender_jid, timestamp "
                              "FROM message WHERE id = ?1");
        q.bindInt(1, r.id);
        if (!q.next()) {
            if (q.failed())
                return q.error();
            continue; // deleted meanwhile
        }
        SearchHit hit;
        hit.messageId = r.id;
        hit.account = q.text(0);
        hit.peer = q.text(1);
        if ((!filter.account.isEmpty() && hit.account != filter.account) ||
            (!filter.peer.isEmpty() && hit.peer != filter.peer))
            continue;
        hit.outgoing = q.integer(2) != 0;
        hit.senderJid = q.text(3);
        hit.timestamp = QDateTime::fromMSecsSinceEpoch(q.integer(4), Qt::UTC);
        parseSnippet(r.snippet, hit);
        hit.rank = r.rank;
        hits.append(std::move(hit));
    }
    // bm25, then newest first. Messages tied on bm25 beyond the over-fetch could be missed;
    // ties are of identical-looking messages, so which of them shows matters little.
    std::stable_sort(hits.begin(), hits.end(), [](const SearchHit &a, const SearchHit &b) {
        if (a.rank != b.rank)
            return a.rank < b.rank;
        if (a.timestamp != b.timestamp)
            return a.timestamp > b.timestamp;
        return a.messageId > b.messageId;
    });
    if (hits.size() >= limit || ranked.size() < fetch) {
        hits.resize(std::min<qsizetype>(hits.size(), limit));
        return hits;
    }
    // A filter left too few of the over-fetched rows: rank inside the filter (slower, exact).
    return searchJoined(expression, limit, filter);
}

Result<QList<SearchHit>> SearchStore::searchJoined(const QString &expression, int limit,
                                                   const SearchFilter &filter)
{
    QList<SearchHit> hits;
    // Step 1, the ranking: only ids, so the expensive snippet is not built for every match
    // (SQLite evaluates the select list before sorting).
    QList<std::pair<qint64, double>> ids;
    {
        Query q(m_connection, "SELECT m.id, bm25(message_fts) FROM message_fts "
                              "JOIN message m ON m.id = message_fts.rowid "
                              "WHERE message_fts MATCH ?1 AND (?2 = '' OR m.account = ?2) "
                              "AND (?3 = '' OR m.peer = ?3) "
                              "ORDER BY bm25(message_fts), m.timestamp DESC, m.id DESC LIMIT ?4");
        q.bindText(1, expression)
            .bindText(2, filter.account)
            .bindText(3, filter.peer)
            .bindInt(4, limit);
        while (q.next())
            ids.append({q.integer(0), q.real(1)});
        if (q.failed())
            return q.error();
    }
    // Step 2, the shown part of each hit: FTS5 finds one rowid of a MATCH by seeking.
    for (const auto &[id, rank] : std::as_const(ids)) {
        Query q(m_connection, "SELECT m.account, m.peer, m.outgoing, m.sender_jid, m.timestamp, "
                              "snippet(message_fts, 0, char(2), char(3), '…', 24) "
                              "FROM message_fts JOIN message m ON m.id = message_fts.rowid "
                              "WHERE message_fts MATCH ?1 AND message_fts.rowid = ?2");
        q.bindText(1, expression).bindInt(2, id);
        if (!q.next()) {
            if (q.failed())
                return q.error();
            continue; // deleted between the two steps
        }
        SearchHit hit;
        hit.messageId = id;
        hit.rank = rank;
        hit.account = q.text(0);
        hit.peer = q.text(1);
        hit.outgoing = q.integer(2) != 0;
        hit.senderJid = q.text(3);
        hit.timestamp = QDateTime::fromMSecsSinceEpoch(q.integer(4), Qt::UTC);
        parseSnippet(q.text(5), hit);
        hits.append(std::move(hit));
    }
    return hits;
}

} // namespace parla::storage
