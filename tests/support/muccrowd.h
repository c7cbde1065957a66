// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

class QTcpSocket;

namespace parla::testing {

/**
 * Fills a MUC room with many occupants cheaply, for scale tests and benchmarks.
 *
 * It is an external component (XEP-0114, "jabber:component:accept") of a LocalProsody started
 * with LocalProsodyOptions::crowdComponentSecret: one TCP connection, no TLS, no SASL, no
 * roster, and it may send from any JID of its domain. Each occupant i is
 * `user<i>@crowd.<host>/r` entering the room as `nick<i>` (XEP-0045 §7.2). Prosody's MUC treats
 * them like any remote occupant. Every join is broadcast to everyone already in the room, which
 * would make filling N occupants cost ~N²/2 presences; the fixture module
 * mod_muc_crowd_fixture (loaded with the same option) therefore sends crowd occupants only
 * their own self-presence (status 110). Real clients in the room see every crowd occupant as
 * usual. This socket counts the self-presences without parsing anything else.
 *
 * Blocking (it waits on the socket, no event loop needed); never aborts: failures are a false
 * return with errorString() set.
 * @code
 *   MucCrowd crowd(server.componentPort(), server.crowdHost(), secret);
 *   if (!crowd.connectToServer() || !crowd.fill("big@conference.localhost", 2000))
 *       qWarning() << crowd.errorString();
 * @endcode
 */
class MucCrowd : public QObject
{
    Q_OBJECT
public:
    MucCrowd(quint16 port, const QString &domain, const QString &secret, QObject *parent = nullptr);
    ~MucCrowd() override;

    /// Opens the component stream and completes the XEP-0114 §3 handshake.
    bool connectToServer(int timeoutMs = 10000);
    /// Sends `count` more occupants (numbered from joined() on) into `room` and waits until the
    /// room confirmed each one with its self-presence. The first occupant of a room that does
    /// not exist creates it and accepts the default configuration (instant room, §10.1.2).
    bool fill(const QString &room, int count, int timeoutMs = 600000);
    /// From now on, read and drop whatever the server sends while an event loop runs (the
    /// presences of whoever joins or leaves later), so the server never has to buffer it.
    void discardIncoming();
    /// How many occupants the room has confirmed so far (over all fill() calls).
    int joined() const { return m_joined; }
    /// Bytes received from the server so far (the broadcast cost of filling).
    qint64 bytesReceived() const { return m_bytesReceived; }
    QString errorString() const { return m_error; }

private:
    bool fail(const QString &message);
    /// Reads what is available; counts status-110 self-presences and errors.
    bool readSome(int timeoutMs);

    quint16 m_port;
    QString m_domain;
    QString m_secret;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_tail; ///< the last bytes of the previous read (patterns across reads)
    int m_joined = 0;
    int m_errors = 0;
    int m_sent = 0;
    qint64 m_bytesReceived = 0;
    QString m_error;
};

} // namespace parla::testing
