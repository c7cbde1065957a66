// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/capscache.h"
#include "xmpp/xep/xep0115_caps/capsstore.h"

namespace parla::services {

/// XEP-0115 caps cache kept in the profile's database, shared by all accounts: a client
/// version seen once is never asked about again.
class StoredCapsStore : public xmpp::CapsStore
{
public:
    explicit StoredCapsStore(storage::Database &db) : m_cache(db) {}

    std::optional<QByteArray> lookup(const QString &hash, const QString &ver) override
    {
        auto r = m_cache.get(hash, ver);
        return xmpp::isOk(r) ? std::get<std::optional<QByteArray>>(r) : std::nullopt;
    }
    void store(const QString &hash, const QString &ver, const QByteArray &discoInfoXml) override
    {
        m_cache.put(hash, ver, discoInfoXml);
    }

private:
    storage::CapsCache m_cache;
};

} // namespace parla::services
