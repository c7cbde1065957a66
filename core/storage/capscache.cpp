// SPDX-License-Identifier: GPL-3.0-or-later
#include "capscache.h"

namespace parla::storage {

Result<std::optional<QByteArray>> CapsCache::get(const QString &hash, const QString &ver)
{
    Query q(m_db.reader(), "SELECT info FROM caps WHERE hash = ?1 AND ver = ?2");
    q.bindText(1, hash).bindText(2, ver);
    if (q.next())
        return std::optional<QByteArray>(q.blob(0));
    if (q.failed())
        return q.error();
    return std::optional<QByteArray>();
}

Task<Result<xmpp::Success>> CapsCache::put(const QString &hash, const QString &ver,
                                           const QByteArray &info)
{
    return m_db.write<xmpp::Success>([=](Connection &c) -> Result<xmpp::Success> {
        Query q(c, "INSERT INTO caps (hash, ver, info) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT (hash, ver) DO UPDATE SET info = excluded.info");
        if (!q.bindText(1, hash).bindText(2, ver).bindBlob(3, info).exec())
            return q.error();
        return xmpp::Success{};
    });
}

} // namespace parla::storage
