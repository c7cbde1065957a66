// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/jid.h"
#include "xmpp/xep/xep0410_selfping/selfping.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

namespace parla::xmpp {
class Client;
}

namespace parla::services {

/// Notices rooms that silently dropped us (XEP-0410 MUC Self-Ping, §3): after `interval` without
/// traffic from a joined room, it pings our own occupant JID there; "not joined" becomes
/// rejoinNeeded(room). An inconclusive answer (timeout, remote server unreachable) is retried
/// after `retryInterval` until the room answers one way or the other.
///
/// It knows no rooms service: the owner of the rooms tells it what is joined (setJoined /
/// setLeft) and what arrived (noteTraffic, cheap enough to call for every stanza from a room).
/// One timer serves all rooms (thousands of rooms cost one hash entry each): it fires at the
/// earliest possible deadline and re-checks the rooms' real deadlines then.
/// Pings are sent only while the client is connected (XEP-0410 §4: not while a session is
/// hibernated); a new connection counts as traffic for every room.
class SelfPingScheduler : public QObject
{
    Q_OBJECT
public:
    explicit SelfPingScheduler(xmpp::Client *client, QObject *parent = nullptr);

    /// Silence before a self-ping (XEP-0410 §3 suggests e.g. 15 minutes; the default).
    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_interval; }
    /// Wait before pinging again after an inconclusive answer (default 1 minute).
    void setRetryInterval(std::chrono::milliseconds interval) { m_retryInterval = interval; }
    /// How long a ping may take before it counts as a timeout (default 30 s).
    void setPingTimeout(std::chrono::milliseconds timeout) { m_pingTimeout = timeout; }

    /// We are in `room` (bare JID) as `occupantJid` (room@service/nick); also after a nick
    /// change, which replaces the occupant JID (XEP-0410 §4: call setLeft while the change is
    /// pending, so no ping races it).
    void setJoined(const QString &room, const QString &occupantJid);
    /// We left `room` (or it dropped us): no more pings for it.
    void setLeft(const QString &room);
    /// Something arrived from `room`: it still routes to us, so its silence timer restarts.
    void noteTraffic(const QString &room);

    QStringList rooms() const { return m_rooms.keys(); }
    /// How long until `room` is pinged if nothing arrives from it (0 when due or a ping is in
    /// flight); nullopt for a room not tracked. For a status line ("checked in 3 min").
    std::optional<std::chrono::milliseconds> timeUntilPing(const QString &room) const;

Q_SIGNALS:
    /// The room answered "not joined" (XEP-0410 §3): rejoin it. The room is forgotten here
    /// until setJoined is called again.
    void rejoinNeeded(const QString &room);
    /// Every classified self-ping (for the status shown to the user and for tests).
    void pinged(const QString &room, parla::xmpp::SelfPingOutcome outcome);

private:
    struct Room
    {
        xmpp::Jid occupant;
        qint64 deadline = 0; ///< m_clock time (ms) of the next ping
        bool inFlight = false;
        int generation = 0; ///< bumped by setJoined: an old ping's answer is ignored
    };
    qint64 now() const { return m_clock.elapsed(); }
    void schedule(qint64 deadline);
    void onTimer();
    void ping(const QString &room, Room &r);

    xmpp::Client *m_client;
    xmpp::SelfPinger *m_pinger;
    std::chrono::milliseconds m_interval{std::chrono::minutes(15)};
    std::chrono::milliseconds m_retryInterval{std::chrono::minutes(1)};
    std::chrono::milliseconds m_pingTimeout{std::chrono::seconds(30)};
    QHash<QString, Room> m_rooms;
    QElapsedTimer m_clock;
    QTimer m_timer;
    qint64 m_timerDeadline = -1; ///< when m_timer fires, -1 when stopped
    int m_nextGeneration = 0;
};

} // namespace parla::services
