// SPDX-License-Identifier: GPL-3.0-or-later
#include "selfpingscheduler.h"

#include "xmpp/client.h"

namespace parla::services {

using namespace parla::xmpp;

SelfPingScheduler::SelfPingScheduler(Client *client, QObject *parent)
    : QObject(parent), m_client(client), m_pinger(new SelfPinger(client, this))
{
    m_clock.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SelfPingScheduler::onTimer);
    connect(m_client, &Client::connected, this, [this] {
        // The room may have been silent only because we were: start every room's wait anew.
        const qint64 deadline = now() + m_interval.count();
        for (Room &r : m_rooms)
            r.deadline = deadline;
        if (!m_rooms.isEmpty())
            schedule(deadline);
    });
    connect(m_client, &Client::disconnected, this, [this] {
        m_timer.stop();
        m_timerDeadline = -1;
    });
}

void SelfPingScheduler::setInterval(std::chrono::milliseconds interval)
{
    m_interval = interval;
    const qint64 deadline = now() + m_interval.count();
    for (Room &r : m_rooms) {
        if (!r.inFlight)
            r.deadline = std::min(r.deadline, deadline);
    }
    if (!m_rooms.isEmpty())
        schedule(deadline);
}

void SelfPingScheduler::setJoined(const QString &room, const QString &occupantJid)
{
    const auto occupant = Jid::parse(occupantJid);
    if (!occupant || occupant->resource().isEmpty() || occupant->bareString() != room)
        return;
    Room &r = m_rooms[room];
    r.occupant = *occupant;
    r.inFlight = false;
    r.generation = ++m_nextGeneration;
    r.deadline = now() + m_interval.count();
    schedule(r.deadline);
}

void SelfPingScheduler::setLeft(const QString &room)
{
    m_rooms.remove(room);
}

void SelfPingScheduler::noteTraffic(const QString &room)
{
    // Only the deadline moves; the timer, set for an earlier deadline, finds it later.
    const auto it = m_rooms.find(room);
    if (it != m_rooms.end() && !it->inFlight)
        it->deadline = now() + m_interval.count();
}

std::optional<std::chrono::milliseconds> SelfPingScheduler::timeUntilPing(const QString &room) const
{
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.cend())
        return std::nullopt;
    if (it->inFlight)
        return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(std::max<qint64>(0, it->deadline - now()));
}

void SelfPingScheduler::schedule(qint64 deadline)
{
    if (!m_client->isConnected())
        return; // the connected handler schedules
    if (m_timerDeadline >= 0 && m_timerDeadline <= deadline && m_timer.isActive())
        return;
    m_timerDeadline = deadline;
    m_timer.start(std::chrono::milliseconds(std::max<qint64>(0, deadline - now())));
}

void SelfPingScheduler::onTimer()
{
    m_timerDeadline = -1;
    if (!m_client->isConnected())
        return;
    const qint64 t = now();
    qint64 next = -1;
    QStringList due;
    for (auto it = m_rooms.cbegin(); it != m_rooms.cend(); ++it) {
        if (it->inFlight)
            continue;
        if (it->deadline <= t)
            due << it.key();
        else if (next < 0 || it->deadline < next)
            next = it->deadline;
    }
    if (next >= 0)
        schedule(next);
    // After the scan: an answer (or a receiver of pinged()) may change m_rooms.
    for (const QString &room : std::as_const(due)) {
        const auto it = m_rooms.find(room);
        if (it != m_rooms.end() && !it->inFlight)
            ping(room, *it);
    }
}

void SelfPingScheduler::ping(const QString &room, Room &r)
{
    r.inFlight = true;
    const int generation = r.generation;
    m_pinger->ping(r.occupant, m_pingTimeout)
        .then(this, [this, room, generation](SelfPingOutcome outcome) {
            const auto it = m_rooms.find(room);
            if (it == m_rooms.end() || it->generation != generation)
                return; // left or rejoined meanwhile
            it->inFlight = false;
            Q_EMIT pinged(room, outcome);
            // The signal's receiver may have changed the rooms: look the room up again.
            const auto again = m_rooms.find(room);
            if (again == m_rooms.end() || again->generation != generation)
                return;
            switch (outcome) {
            case SelfPingOutcome::Joined:
                again->deadline = now() + m_interval.count();
                schedule(again->deadline);
                break;
            case SelfPingOutcome::Inconclusive:
                again->deadline = now() + std::min(m_retryInterval, m_interval).count();
                schedule(again->deadline);
                break;
            case SelfPingOutcome::NotJoined:
                m_rooms.erase(again);
                Q_EMIT rejoinNeeded(room);
                break;
            }
        });
}

} // namespace parla::services
