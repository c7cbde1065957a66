// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcprelay.h"

#include <QTcpSocket>

#include <algorithm>
#include <utility>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace parla::testing {

struct TcpRelay::Link
{
    QTcpSocket *client = nullptr;
    QTcpSocket *server = nullptr;
    bool serverConnected = false;
    /// One side closed while the relay was a blackhole: propagate once it is lifted.
    bool closePending = false;
};

namespace {

/// Close so that the peer sees a reset rather than an orderly FIN: SO_LINGER with a zero
/// timeout makes close() send RST, as a router that lost its state would.
void resetSocket(QTcpSocket *socket)
{
#ifdef Q_OS_UNIX
    const qintptr fd = socket->socketDescriptor();
    if (fd != -1) {
        linger option{};
        option.l_onoff = 1;
        option.l_linger = 0;
        ::setsockopt(static_cast<int>(fd), SOL_SOCKET, SO_LINGER, &option, sizeof(option));
    }
#endif
    socket->abort();
}

} // namespace

TcpRelay::TcpRelay(QString targetHost, quint16 targetPort, QObject *parent)
    : QObject(parent), m_targetHost(std::move(targetHost)), m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpRelay::onNewConnection);
}

TcpRelay::~TcpRelay()
{
    while (!m_links.empty()) {
        closeLink(m_links.back().get(), true);
    }
}

bool TcpRelay::listen(quint16 port)
{
    if (!m_server.listen(address(), port)) {
        m_errorString = m_server.errorString();
        return false;
    }
    m_port = m_server.serverPort();
    m_refuse = false;
    return true;
}

bool TcpRelay::setRefuseNewConnections(bool refuse)
{
    if (refuse == m_refuse) {
        return true;
    }
    if (refuse) {
        m_server.close();
        m_refuse = true;
        return true;
    }
    return listen(m_port);
}

void TcpRelay::setBlackhole(bool blackhole)
{
    m_blackhole = blackhole;
    if (blackhole) {
        return;
    }
    // Copy: closing a link edits m_links.
    std::vector<Link *> links;
    for (const auto &link : m_links) {
        links.push_back(link.get());
    }
    for (Link *link : links) {
        pump(link);
        if (link->closePending) {
            closeLink(link, false);
        }
    }
}

qint64 TcpRelay::heldForClients() const
{
    qint64 held = 0;
    for (const auto &link : m_links)
        held += link->server->bytesAvailable();
    return held;
}

void TcpRelay::releaseAndClose()
{
    m_blackhole = false;
    while (!m_links.empty()) {
        Link *link = m_links.back().get();
        pump(link);
        closeLink(link, false);
    }
}

void TcpRelay::cutAll()
{
    while (!m_links.empty()) {
        closeLink(m_links.back().get(), true);
    }
}

void TcpRelay::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto owned = std::make_unique<Link>();
        Link *link = owned.get();
        link->client = client;
        link->server = new QTcpSocket(this);
        m_links.push_back(std::move(owned));
        ++m_totalConnections;

        // Client bytes wait in the client socket until the server side is connected.
        connect(client, &QTcpSocket::readyRead, this, [this, link] { pump(link); });
        connect(link->server, &QTcpSocket::readyRead, this, [this, link] { pump(link); });
        connect(link->server, &QTcpSocket::connected, this, [this, link] {
            link->serverConnected = true;
            pump(link);
        });
        const auto onClosed = [this, link] {
            if (m_blackhole) {
                link->closePending = true;
                return;
            }
            pump(link);
            closeLink(link, false);
        };
        connect(client, &QTcpSocket::disconnected, this, onClosed);
        connect(link->server, &QTcpSocket::disconnected, this, onClosed);
        connect(link->server, &QTcpSocket::errorOccurred, this,
                [this, link](QAbstractSocket::SocketError error) {
                    // An unreachable server looks like a reset to the client.
                    if (!link->serverConnected && error != QAbstractSocket::RemoteHostClosedError) {
                        closeLink(link, true);
                    }
                });
        link->server->connectToHost(m_targetHost, m_targetPort);
        Q_EMIT connectionAccepted();
    }
}

void TcpRelay::pump(Link *link)
{
    if (m_blackhole || !link->serverConnected) {
        return;
    }
    if (const QByteArray up = link->client->readAll(); !up.isEmpty()) {
        m_bytesToServer += up.size();
        link->server->write(up);
    }
    if (const QByteArray down = link->server->readAll(); !down.isEmpty()) {
        m_bytesToClient += down.size();
        link->client->write(down);
    }
}

void TcpRelay::closeLink(Link *link, bool reset)
{
    const auto it = std::find_if(m_links.begin(), m_links.end(),
                                 [link](const auto &candidate) { return candidate.get() == link; });
    if (it == m_links.end()) {
        return; // already closed (disconnected and errorOccurred both report one event)
    }
    const std::unique_ptr<Link> owned = std::move(*it);
    m_links.erase(it);
    for (QTcpSocket *socket : {link->client, link->server}) {
        disconnect(socket, nullptr, this, nullptr);
        if (reset) {
            resetSocket(socket);
            socket->deleteLater();
        } else if (socket->state() == QAbstractSocket::UnconnectedState) {
            socket->deleteLater();
        } else {
            // disconnectFromHost() first flushes what pump() just wrote; delete afterwards.
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            socket->disconnectFromHost();
        }
    }
    Q_EMIT connectionClosed();
}

} // namespace parla::testing
