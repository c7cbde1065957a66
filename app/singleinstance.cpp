// SPDX-License-Identifier: GPL-3.0-or-later
#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>

namespace parla::app {

Q_LOGGING_CATEGORY(lcInstance, "parla.app.instance")

namespace {
constexpr auto kStreamVersion = QDataStream::Qt_6_4;
// A newcomer that floods the socket is not a Parla: stop listening to it.
constexpr qint64 kMaxMessage = 256 * 1024;

QString userName()
{
    const QByteArray user = qgetenv("USER");
    return user.isEmpty() ? QString::fromLocal8Bit(qgetenv("USERNAME"))
                          : QString::fromLocal8Bit(user);
}
} // namespace

SingleInstance::SingleInstance(const QString &profileDirectory, QObject *parent)
    : QObject(parent), m_name(serverName(profileDirectory))
{}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverName(const QString &profileDirectory)
{
    // Socket names are short and may not contain the path's characters: hash it. The user is
    // part of it so two users sharing /tmp never talk to each other's Parla.
    const QString path = QDir::cleanPath(QDir(profileDirectory).absolutePath());
    const QByteArray hash =
        QCryptographicHash::hash((userName() + u'\n' + path).toUtf8(), QCryptographicHash::Sha256)
            .toHex()
            .left(24);
    return QStringLiteral("parla-") + QString::fromLatin1(hash);
}

bool SingleInstance::start(const QStringList &arguments, int timeoutMs)
{
    if (handOver(arguments, timeoutMs))
        return false;
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    if (!m_server->listen(m_name)) {
        // A socket left behind by a crashed Parla: nobody answered above, so take it over.
        QLocalServer::removeServer(m_name);
        if (!m_server->listen(m_name)) {
            qCWarning(lcInstance) << "cannot listen on" << m_name << m_server->errorString()
                                  << "- other launches will not find this one";
            delete m_server;
            m_server = nullptr;
        }
    }
    return true;
}

bool SingleInstance::handOver(const QStringList &arguments, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(qMin(timeoutMs, 1000)))
        return false; // nobody runs (or a stale socket)
    QByteArray payload;
    QDataStream out(&payload, QIODevice::WriteOnly);
    out.setVersion(kStreamVersion);
    out << arguments;
    socket.write(payload);
    if (!socket.waitForBytesWritten(timeoutMs) || !socket.waitForReadyRead(timeoutMs)) {
        qCWarning(lcInstance) << "the running Parla did not answer:" << socket.errorString();
        // It is there but stuck; starting a second one on the same database is worse.
        return true;
    }
    socket.disconnectFromServer();
    qCInfo(lcInstance) << "handed" << arguments << "to the running Parla";
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        auto read = [this, socket] {
            if (socket->bytesAvailable() > kMaxMessage) {
                socket->abort();
                return;
            }
            QDataStream in(socket);
            in.setVersion(kStreamVersion);
            in.startTransaction();
            QStringList arguments;
            in >> arguments;
            if (!in.commitTransaction())
                return; // not all there yet
            socket->write("1");
            socket->flush();
            Q_EMIT argumentsReceived(arguments);
        };
        connect(socket, &QLocalSocket::readyRead, this, read);
        if (socket->bytesAvailable() > 0) // arrived before the connection above
            read();
    }
}

} // namespace parla::app
