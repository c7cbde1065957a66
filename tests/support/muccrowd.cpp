// SPDX-License-Identifier: GPL-3.0-or-later
#include "muccrowd.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>

namespace parla::testing {

namespace {

QByteArray xmlEscape(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

/// Occurrences of `pattern` in `tail + data` that end inside `data` (none counted twice).
int countIn(const QByteArray &tail, const QByteArray &data, const QByteArray &pattern)
{
    const QByteArray hay = tail + data;
    int n = 0;
    for (qsizetype at = hay.indexOf(pattern); at >= 0; at = hay.indexOf(pattern, at + 1)) {
        if (at + pattern.size() > tail.size())
            ++n;
    }
    return n;
}

// Prosody serializes attributes with single quotes; accept both to stay honest.
const QByteArray kSelf1 = QByteArrayLiteral("code='110'");
const QByteArray kSelf2 = QByteArrayLiteral("code=\"110\"");
const QByteArray kError1 = QByteArrayLiteral("type='error'");
const QByteArray kError2 = QByteArrayLiteral("type=\"error\"");

} // namespace

MucCrowd::MucCrowd(quint16 port, const QString &domain, const QString &secret, QObject *parent)
    : QObject(parent), m_port(port), m_domain(domain), m_secret(secret)
{}

MucCrowd::~MucCrowd()
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
        m_socket->write("</stream:stream>");
        m_socket->waitForBytesWritten(1000);
        m_socket->disconnectFromHost();
    }
}

bool MucCrowd::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool MucCrowd::connectToServer(int timeoutMs)
{
    m_socket = std::make_unique<QTcpSocket>();
    m_socket->connectToHost(QHostAddress::LocalHost, m_port);
    if (!m_socket->waitForConnected(timeoutMs))
        return fail(QStringLiteral("component port: ") + m_socket->errorString());
    m_socket->write("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
                    "xmlns:stream='http://etherx.jabber.org/streams' to='" +
                    xmlEscape(m_domain) + "'>");
    // XEP-0114 §3: the server's stream header carries the id the handshake hashes.
    QByteArray received;
    QElapsedTimer clock;
    clock.start();
    qsizetype idAt = -1;
    while ((idAt = received.indexOf(" id=")) < 0 || received.indexOf('>', idAt) < 0) {
        if (clock.elapsed() > timeoutMs || !m_socket->waitForReadyRead(timeoutMs))
            return fail(QStringLiteral("no stream header from the server: ") +
                        QString::fromUtf8(received));
        received += m_socket->readAll();
    }
    const char quote = received.at(idAt + 4);
    const qsizetype end = received.indexOf(quote, idAt + 5);
    if (end < 0)
        return fail(QStringLiteral("malformed stream header"));
    const QByteArray streamId = received.mid(idAt + 5, end - idAt - 5);
    const QByteArray digest =
        QCryptographicHash::hash(streamId + m_secret.toUtf8(), QCryptographicHash::Sha1).toHex();
    m_socket->write("<handshake>" + digest + "</handshake>");
    received.clear();
    while (!received.contains("<handshake")) {
        if (received.contains("stream:error") || clock.elapsed() > timeoutMs ||
            !m_socket->waitForReadyRead(timeoutMs))
            return fail(QStringLiteral("handshake refused: ") + QString::fromUtf8(received));
        received += m_socket->readAll();
    }
    return true;
}

void MucCrowd::discardIncoming()
{
    if (!m_socket)
        return;
    connect(m_socket.get(), &QTcpSocket::readyRead, this,
            [this] { m_bytesReceived += m_socket->readAll().size(); });
    m_bytesReceived += m_socket->readAll().size();
}

bool MucCrowd::readSome(int timeoutMs)
{
    if (m_socket->bytesAvailable() == 0 && !m_socket->waitForReadyRead(timeoutMs))
        return false;
    const QByteArray data = m_socket->readAll();
    m_bytesReceived += data.size();
    m_joined += countIn(m_tail, data, kSelf1) + countIn(m_tail, data, kSelf2);
    m_errors += countIn(m_tail, data, kError1) + countIn(m_tail, data, kError2);
    m_tail = data.right(16);
    return true;
}

bool MucCrowd::fill(const QString &room, int count, int timeoutMs)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return fail(QStringLiteral("not connected"));
    const QByteArray roomJid = xmlEscape(room);
    const QByteArray domain = xmlEscape(m_domain);
    const int target = m_joined + count;
    QElapsedTimer clock;
    clock.start();
    auto occupant = [&](int i) { return "user" + QByteArray::number(i) + '@' + domain + "/r"; };
    // A small window of joins in flight: the server's answers are drained as we go, so
    // neither side's buffers grow without bound.
    constexpr int kWindow = 50;
    while (m_joined < target) {
        while (m_sent < target && m_sent - m_joined < kWindow) {
            const int i = m_sent++;
            m_socket->write("<presence from='" + occupant(i) + "' to='" + roomJid + "/nick" +
                            QByteArray::number(i) +
                            "'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
            if (i == 0) {
                // §10.1.2: if this occupant created the room, accept the defaults so the room
                // unlocks; an existing room answers with an error, which is harmless.
                m_socket->write("<iq type='set' id='crowd-unlock' from='" + occupant(0) + "' to='" +
                                roomJid +
                                "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                                "<x xmlns='jabber:x:data' type='submit'/></query></iq>");
            }
        }
        m_socket->flush();
        const int before = m_joined;
        if (clock.elapsed() > timeoutMs || !readSome(int(timeoutMs - clock.elapsed())))
            return fail(QStringLiteral("%1 of %2 occupants joined before the time ran out")
                            .arg(m_joined)
                            .arg(target));
        if (m_joined == before && m_errors > 1) // one error may be the unlock of an old room
            return fail(QStringLiteral("the room refused occupants (%1 errors, %2 joined)")
                            .arg(m_errors)
                            .arg(m_joined));
    }
    return true;
}

} // namespace parla::testing
