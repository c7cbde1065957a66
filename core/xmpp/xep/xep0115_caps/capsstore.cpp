// SPDX-License-Identifier: GPL-3.0-or-later
#include "capsstore.h"

namespace parla::xmpp {

std::optional<QByteArray> InMemoryCapsStore::lookup(const QString &hash, const QString &ver)
{
    const auto it = m_entries.constFind({hash, ver});
    if (it == m_entries.cend())
        return std::nullopt;
    return *it;
}

void InMemoryCapsStore::store(const QString &hash, const QString &ver,
                              const QByteArray &discoInfoXml)
{
    m_entries.insert({hash, ver}, discoInfoXml);
}

} // namespace parla::xmpp
