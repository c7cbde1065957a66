// SPDX-License-Identifier: GPL-3.0-or-later
#include "outboxstore.h"

#include <QDateTime>

namespace parla::storage {

Task<Result<qint64>> OutboxStore::enqueue(const QString &account, const QString &peer,
                                          const QString &stanza)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return m_db.write<qint64>([=](Connection &c) -> Result<qint64> {
        Query q(c, "INSERT INTO pending_action (account, peer, stanza, created) "
                   "VALUES (?1, ?2, ?3, ?4) RETURNING id");
        q.bindText(1, account).bindText(2, peer).bindText(3, stanza).bindInt(4, now);
        if (q.next())
            return q.integer(0);
        return q.error();
    });
}

Task<Result<xmpp::Success>> OutboxStore::remove(qint64 id)
{
    return m_db.write<xmpp::Success>([=](Connection &c) -> Result<xmpp::Success> {
        Query q(c, "DELETE FROM pending_action WHERE id = ?1");
        if (!q.bindInt(1, id).exec())
            return q.error();
        return xmpp::Success{};
    });
}

Result<QList<PendingAction>> OutboxStore::pending(const QString &account)
{
    QList<PendingAction> out;
    Query q(m_db.reader(),
            "SELECT id, account, peer, stanza FROM pending_action WHERE account = ?1 ORDER BY id");
    q.bindText(1, account);
    while (q.next())
        out.append({q.integer(0), q.text(1), q.text(2), q.text(3)});
    if (q.failed())
        return q.error();
    return out;
}

} // namespace parla::storage
