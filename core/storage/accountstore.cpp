// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountstore.h"

namespace parla::storage {

Result<QList<AccountRecord>> AccountStore::list()
{
    Query q(m_db.reader(), "SELECT jid, resource, host, port, direct_tls, pinned_certificates, "
                           "enabled, display_name, sort_order FROM account "
                           "ORDER BY sort_order, jid");
    QList<AccountRecord> accounts;
    while (q.next()) {
        AccountRecord a;
        a.jid = q.text(0);
        a.resource = q.text(1);
        a.host = q.text(2);
        const qint64 port = q.integer(3);
        a.port = port > 0 && port <= 65535 ? quint16(port) : 0;
        a.directTls = q.integer(4) != 0;
        a.pinnedCertificates = decodeStringList(q.text(5));
        a.enabled = q.integer(6) != 0;
        a.displayName = q.text(7);
        a.sortOrder = int(q.integer(8));
        accounts.append(a);
    }
    if (q.failed())
        return q.error();
    return accounts;
}

Task<Result<xmpp::Success>> AccountStore::save(const AccountRecord &account)
{
    return m_db.write<xmpp::Success>([account](Connection &c) -> Result<xmpp::Success> {
        Query q(c, "INSERT INTO account (jid, resource, host, port, direct_tls, "
                   "pinned_certificates, enabled, display_name, sort_order) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (jid) DO UPDATE SET "
                   "resource = excluded.resource, host = excluded.host, port = excluded.port, "
                   "direct_tls = excluded.direct_tls, "
                   "pinned_certificates = excluded.pinned_certificates, "
                   "enabled = excluded.enabled, display_name = excluded.display_name, "
                   "sort_order = excluded.sort_order");
        q.bindText(1, account.jid)
            .bindText(2, account.resource)
            .bindText(3, account.host)
            .bindInt(4, account.port)
            .bindInt(5, account.directTls)
            .bindText(6, encodeStringList(account.pinnedCertificates))
            .bindInt(7, account.enabled)
            .bindText(8, account.displayName)
            .bindInt(9, account.sortOrder);
        if (!q.exec())
            return q.error();
        return xmpp::Success{};
    });
}

Task<Result<xmpp::Success>> AccountStore::remove(const QString &jid)
{
    return m_db.write<xmpp::Success>([jid](Connection &c) -> Result<xmpp::Success> {
        Query q(c, "DELETE FROM account WHERE jid = ?1");
        if (!q.bindText(1, jid).exec())
            return q.error();
        return xmpp::Success{};
    });
}

} // namespace parla::storage
