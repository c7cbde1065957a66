// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverresolver.h"

#include <QDnsLookup>

#include <algorithm>

namespace parla::xmpp {

ServerResolver::ServerResolver(QObject *parent) : QObject(parent) {}

void ServerResolver::resolve(const QString &domain)
{
    abort();
    m_domain = domain;
    m_records.clear();
    m_anyAnswer = false;
    // Loopback and IP literals have no SRV records; skip the lookups (and their timeouts).
    if (domain == u"localhost" || domain.startsWith(u'[') ||
        (domain.count(u'.') == 3 && domain.front().isDigit())) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT resolved(order({}, m_domain, false)); }, Qt::QueuedConnection);
        return;
    }
    m_tls = new QDnsLookup(QDnsLookup::SRV, QStringLiteral("_xmpps-client._tcp.") + domain, this);
    m_plain = new QDnsLookup(QDnsLookup::SRV, QStringLiteral("_xmpp-client._tcp.") + domain, this);
    m_pending = 2;
    for (QDnsLookup *lookup : {m_tls, m_plain}) {
        connect(lookup, &QDnsLookup::finished, this, &ServerResolver::lookupFinished);
        lookup->lookup();
    }
}

void ServerResolver::abort()
{
    for (QDnsLookup *lookup : {m_tls, m_plain}) {
        if (lookup) {
            lookup->disconnect(this);
            lookup->abort();
            lookup->deleteLater();
        }
    }
    m_tls = m_plain = nullptr;
    m_pending = 0;
}

void ServerResolver::lookupFinished()
{
    auto *lookup = qobject_cast<QDnsLookup *>(sender());
    if (!lookup)
        return;
    if (lookup->error() == QDnsLookup::NoError) {
        const bool directTls = lookup == m_tls;
        for (const QDnsServiceRecord &r : lookup->serviceRecords()) {
            m_anyAnswer = true;
            m_records.push_back({r.target(), r.port(), r.priority(), r.weight(), directTls});
        }
    }
    if (--m_pending > 0)
        return;
    auto records = std::move(m_records);
    const bool any = m_anyAnswer;
    abort();
    Q_EMIT resolved(order(std::move(records), m_domain, any));
}

std::vector<ServerEndpoint> ServerResolver::order(std::vector<SrvRecord> records,
                                                  const QString &domain, bool anyAnswer)
{
    // RFC 2782: lower priority first; among equals, higher weight first (a deterministic
    // approximation of the weighted shuffle, good enough for a client); direct TLS first.
    std::stable_sort(records.begin(), records.end(), [](const SrvRecord &a, const SrvRecord &b) {
        if (a.priority != b.priority)
            return a.priority < b.priority;
        if (a.directTls != b.directTls)
            return a.directTls;
        return a.weight > b.weight;
    });
    std::vector<ServerEndpoint> out;
    for (const SrvRecord &r : records) {
        QString target = r.target;
        if (target.endsWith(u'.'))
            target.chop(1);
        if (target.isEmpty())
            continue; // RFC 2782 "." target: the service is decidedly not available
        ServerEndpoint e{target, r.port, r.directTls};
        if (std::find(out.begin(), out.end(), e) == out.end())
            out.push_back(e);
    }
    if (!anyAnswer)
        out.push_back({domain, 5222, false});
    return out;
}

} // namespace parla::xmpp
