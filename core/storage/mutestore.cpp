// SPDX-License-Identifier: GPL-3.0-or-later
#include "mutestore.h"

namespace parla::storage {

Task<Result<xmpp::Success>> MuteStore::setMutedUntil(const QString &account, const QString &peer,
                                                     const QDateTime &until)
{
    const bool mute = until.isValid();
    const qint64 ms = mute ? until.toMSecsSinceEpoch() : 0;
    return m_db.write<xmpp::Success>([=](Connection &c) -> Result<xmpp::Success> {
        if (!mute) {
            Query q(c, "DELETE FROM conversation_mute WHERE account = ?1 AND peer = ?2");
            if (!q.bindText(1, account).bindText(2, peer).exec())
                return q.error();
            return xmpp::Success{};
        }
        Query q(c, "INSERT INTO conversation_mute (account, peer, muted_until) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT (account, peer) DO UPDATE SET muted_until = excluded.muted_until");
        if (!q.bindText(1, account).bindText(2, peer).bindInt(3, ms).exec())
            return q.error();
        return xmpp::Success{};
    });
}

Result<QHash<QString, QDateTime>> MuteStore::load(const QString &account)
{
    QHash<QString, QDateTime> out;
    Query q(m_db.reader(), "SELECT peer, muted_until FROM conversation_mute WHERE account = ?1");
    q.bindText(1, account);
    while (q.next())
        out.insert(q.text(0), QDateTime::fromMSecsSinceEpoch(q.integer(1), Qt::UTC));
    if (q.failed())
        return q.error();
    return out;
}

} // namespace parla::storage
