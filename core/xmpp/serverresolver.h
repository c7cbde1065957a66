// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <vector>

class QDnsLookup;

namespace parla::xmpp {

/// Where to try to connect, in order.
struct ServerEndpoint
{
    QString host;
    quint16 port = 0;
    bool directTls = false;
    bool operator==(const ServerEndpoint &) const = default;
};

/// Finds the servers of a domain (RFC 6120 §3.2.1, XEP-0368): SRV records of
/// _xmpps-client._tcp (direct TLS) and _xmpp-client._tcp (STARTTLS), ordered by priority then
/// weight, direct TLS first among equal priorities; when neither exists, the domain itself on
/// 5222. A "." target (service decidedly not available) yields no endpoint for that record.
class ServerResolver : public QObject
{
    Q_OBJECT
public:
    explicit ServerResolver(QObject *parent = nullptr);
    void resolve(const QString &domain);
    void abort();

    /// Orders SRV answers (exposed for tests). `records`: target, port, priority, weight.
    struct SrvRecord
    {
        QString target;
        quint16 port;
        quint16 priority;
        quint16 weight;
        bool directTls;
    };
    static std::vector<ServerEndpoint> order(std::vector<SrvRecord> records, const QString &domain,
                                             bool anyAnswer);

Q_SIGNALS:
    void resolved(const std::vector<parla::xmpp::ServerEndpoint> &endpoints);

private:
    void lookupFinished();

    QString m_domain;
    QDnsLookup *m_tls = nullptr;
    QDnsLookup *m_plain = nullptr;
    int m_pending = 0;
    std::vector<SrvRecord> m_records;
    bool m_anyAnswer = false;
};

} // namespace parla::xmpp
