// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QTcpServer>

#include <memory>
#include <vector>

class QTcpSocket;

namespace parla::testing {

/**
 * A loopback TCP proxy between a client under test and a server, for simulating network
 * failures that a real server cannot produce on demand:
 *  - cutAll(): every current connection is reset (RST) on both sides, as when a NAT box or
 *    a mobile network drops state;
 *  - setBlackhole(true): connections stay open but nothing is forwarded in either direction,
 *    as on a dead network; XEP-0199 ping / XEP-0198 ack timeouts are what notices it. Bytes
 *    are held, not lost (TCP would retransmit), and flow again on setBlackhole(false);
 *  - setRefuseNewConnections(true): the listening port is closed, so connects are refused
 *    (existing connections continue).
 */
class TcpRelay : public QObject
{
    Q_OBJECT
public:
    TcpRelay(QString targetHost, quint16 targetPort, QObject *parent = nullptr);
    ~TcpRelay() override;

    /// Listen on 127.0.0.1 (a free port unless one is given). Returns false on failure.
    bool listen(quint16 port = 0);
    quint16 port() const { return m_port; }
    static QHostAddress address() { return QHostAddress(QHostAddress::LocalHost); }

    /// Reset every current connection, both the client's and the server's side.
    void cutAll();
    void setBlackhole(bool blackhole);
    bool isBlackhole() const { return m_blackhole; }
    /// Bytes the server sent that a blackhole holds back from the clients.
    qint64 heldForClients() const;
    /// Ends a blackhole by delivering what it held to the clients and closing every link in
    /// order right behind it (FIN, not reset): a server that says its last words and hangs up.
    void releaseAndClose();
    /// Close (true) or reopen (false) the listening port on the same port number.
    bool setRefuseNewConnections(bool refuse);
    bool refusesNewConnections() const { return m_refuse; }

    int activeConnections() const { return static_cast<int>(m_links.size()); }
    int totalConnections() const { return m_totalConnections; }
    /// Bytes forwarded from clients to the server / from the server to clients.
    qint64 bytesToServer() const { return m_bytesToServer; }
    qint64 bytesToClient() const { return m_bytesToClient; }
    QString errorString() const { return m_errorString; }

Q_SIGNALS:
    void connectionAccepted();
    void connectionClosed();

private:
    struct Link;
    void onNewConnection();
    void pump(Link *link);
    void closeLink(Link *link, bool reset);

    QString m_targetHost;
    quint16 m_targetPort;
    QTcpServer m_server;
    quint16 m_port = 0;
    bool m_blackhole = false;
    bool m_refuse = false;
    int m_totalConnections = 0;
    qint64 m_bytesToServer = 0;
    qint64 m_bytesToClient = 0;
    QString m_errorString;
    std::vector<std::unique_ptr<Link>> m_links;
};

} // namespace parla::testing
