// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncstore.h"

namespace parla::storage {

namespace {
Result<QString> oneText(Query &q)
{
    if (q.next())
        return q.text(0);
    if (q.failed())
        return q.error();
    return QString();
}

Result<QDateTime> oneTime(Query &q)
{
    if (q.next())
        return q.isNull(0) ? QDateTime() : QDateTime::fromMSecsSinceEpoch(q.integer(0), Qt::UTC);
    if (q.failed())
        return q.error();
    return QDateTime();
}
} // namespace

Result<QString> SyncStore::cursor(const QString &account)
{
    Query q(m_db.reader(), "SELECT last_id FROM mam_cursor WHERE account = ?1 AND peer = ''");
    q.bindText(1, account);
    return oneText(q);
}

Task<Result<xmpp::Success>> SyncStore::setCursor(const QString &account, const QString &stanzaId)
{
    return m_db.write<xmpp::Success>(
        [=](Connection &c) -> Result<xmpp::Success> { return writeCursor(c, account, stanzaId); });
}

Result<xmpp::Success> SyncStore::writeCursor(Connection &c, const QString &account,
                                             const QString &stanzaId)
{
    Query q(c, "INSERT INTO mam_cursor (account, peer, last_id) VALUES (?1, '', ?2) "
               "ON CONFLICT (account, peer) DO UPDATE SET last_id = excluded.last_id");
    if (!q.bindText(1, account).bindText(2, stanzaId).exec())
        return q.error();
    return xmpp::Success{};
}

Result<bool> SyncStore::historyComplete(const QString &account, const QString &peer)
{
    Query q(m_db.reader(), "SELECT complete FROM mam_cursor WHERE account = ?1 AND peer = ?2");
    q.bindText(1, account).bindText(2, peer);
    if (q.next())
        return q.integer(0) != 0;
    if (q.failed())
        return q.error();
    return false;
}

Task<Result<xmpp::Success>> SyncStore::setHistoryComplete(const QString &account,
                                                          const QString &peer)
{
    return m_db.write<xmpp::Success>([=](Connection &c) -> Result<xmpp::Success> {
        Query q(c, "INSERT INTO mam_cursor (account, peer, complete) VALUES (?1, ?2, 1) "
                   "ON CONFLICT (account, peer) DO UPDATE SET complete = 1");
        if (!q.bindText(1, account).bindText(2, peer).exec())
            return q.error();
        return xmpp::Success{};
    });
}

Task<Result<xmpp::Success>> SyncStore::addGap(const QString &account, const QString &peer,
                                              const QDateTime &after)
{
    const qint64 ms = after.isValid() ? after.toMSecsSinceEpoch() : 0;
    return m_db.write<xmpp::Success>([=](Connection &c) -> Result<xmpp::Success> {
        Query q(c, "INSERT INTO history_gap (account, peer, timestamp) VALUES (?1, ?2, ?3)");
        if (!q.bindText(1, account).bindText(2, peer).bindInt(3, ms).exec())
            return q.error();
        return xmpp::Success{};
    });
}

Result<QList<QDateTime>> SyncStore::gaps(const QString &account, const QString &peer)
{
    Query q(m_db.reader(), "SELECT DISTINCT timestamp FROM history_gap WHERE account = ?1 "
                           "AND peer IN ('', ?2) ORDER BY timestamp");
    q.bindText(1, account).bindText(2, peer);
    QList<QDateTime> out;
    while (q.next())
        out.append(QDateTime::fromMSecsSinceEpoch(q.integer(0), Qt::UTC));
    if (q.failed())
        return q.error();
    return out;
}

Result<QDateTime> SyncStore::newestTimestamp(const QString &account, const QString &peer) const
{
    if (peer.isEmpty()) {
        Query q(m_db.reader(), "SELECT max(timestamp) FROM message WHERE account = ?1");
        q.bindText(1, account);
        return oneTime(q);
    }
    Query q(m_db.reader(), "SELECT max(timestamp) FROM message WHERE account = ?1 AND peer = ?2");
    q.bindText(1, account).bindText(2, peer);
    return oneTime(q);
}

Result<QDateTime> SyncStore::timeOfStanzaId(const QString &account, const QString &by,
                                            const QString &stanzaId)
{
    Query q(m_db.reader(), "SELECT max(timestamp) FROM message WHERE account = ?1 AND "
                           "stanza_id_by = ?2 AND stanza_id = ?3");
    q.bindText(1, account).bindText(2, by).bindText(3, stanzaId);
    return oneTime(q);
}

Result<QDateTime> SyncStore::oldestTimestamp(const QString &account, const QString &peer)
{
    Query q(m_db.reader(), "SELECT min(timestamp) FROM message WHERE account = ?1 AND peer = ?2");
    q.bindText(1, account).bindText(2, peer);
    return oneTime(q);
}

Result<QString> SyncStore::newestStanzaId(const QString &account, const QString &peer,
                                          const QString &by)
{
    Query q(m_db.reader(), "SELECT stanza_id FROM message WHERE account = ?1 AND peer = ?2 "
                           "AND stanza_id_by = ?3 AND stanza_id IS NOT NULL "
                           "ORDER BY timestamp DESC, id DESC LIMIT 1");
    q.bindText(1, account).bindText(2, peer).bindText(3, by);
    return oneText(q);
}

Result<QString> SyncStore::oldestStanzaId(const QString &account, const QString &peer,
                                          const QString &by)
{
    Query q(m_db.reader(), "SELECT stanza_id FROM message WHERE account = ?1 AND peer = ?2 "
                           "AND stanza_id_by = ?3 AND stanza_id IS NOT NULL "
                           "ORDER BY timestamp, id LIMIT 1");
    q.bindText(1, account).bindText(2, peer).bindText(3, by);
    return oneText(q);
}

} // namespace parla::storage
