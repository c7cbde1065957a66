// SPDX-License-Identifier: GPL-3.0-or-later
// RoomManager's part for many rooms at once (autojoin at login): joins batched open rooms first,
// the others held until the open rooms are caught up, and the after-join work (disco#info,
// archive catch-up) through the bounded RoomSyncQueue. See docs/architecture.md, "Many rooms at
// login".
#include "account.h"
#include "rooms.h"

#include <QTimer>

#include <algorithm>

namespace parla::services {

void RoomManager::queueJoin(Room *r)
{
    // Joins asked for in one event-loop turn (the autojoin bookmarks of a login, the rooms of a
    // new session) go out together at the end of it, open rooms first: the server answers in
    // order, so the room on screen is joined before the others.
    r->setState(RoomState::Joining);
    if (m_toJoin.contains(r))
        return;
    m_toJoin.append(r);
    if (m_toJoin.size() == 1)
        QTimer::singleShot(0, this, &RoomManager::flushJoins);
}

void RoomManager::flushJoins()
{
    QList<QPointer<Room>> batch = std::exchange(m_toJoin, {});
    const auto others = std::stable_partition(batch.begin(), batch.end(), [this](const auto &r) {
        return r && m_open.contains(r->m_info.room);
    });
    const bool hold = others != batch.begin() && others != batch.end();
    for (auto it = batch.begin(); it != batch.end(); ++it) {
        Room *r = *it;
        // Left, or the connection went, meanwhile (onConnected queues the wanted ones again).
        if (!r || !r->m_wanted || r->state() != RoomState::Joining ||
            !m_account->client()->isConnected())
            continue;
        if (it >= others && hold) {
            m_heldJoins.append(r);
            continue;
        }
        if (hold)
            m_holdingFor.insert(r->m_info.room);
        sendJoin(r);
    }
    if (!m_heldJoins.isEmpty()) {
        const quint64 generation = ++m_holdGeneration;
        QTimer::singleShot(kOpenFirstHoldMs, this, [this, generation] {
            if (generation == m_holdGeneration)
                releaseHeldJoins(); // a slow open room does not keep the others out for long
        });
    }
}

void RoomManager::releaseHeldJoins()
{
    ++m_holdGeneration;
    m_holdingFor.clear();
    const QList<QPointer<Room>> held = std::exchange(m_heldJoins, {});
    for (const QPointer<Room> &r : held) {
        if (r && r->m_wanted && r->state() == RoomState::Joining &&
            m_account->client()->isConnected())
            sendJoin(r);
    }
}

void RoomManager::stopHoldingFor(const QString &roomJid)
{
    if (m_holdingFor.remove(roomJid) && m_holdingFor.isEmpty())
        releaseHeldJoins();
}

void RoomManager::setOpen(const QString &roomJid, bool open)
{
    if (!open) {
        m_open.remove(roomJid);
        return;
    }
    m_open.insert(roomJid);
    m_sync.prioritize(roomJid); // already joined and waiting for its catch-up: next
}

void RoomManager::startSync(const QString &roomJid)
{
    Room *r = room(roomJid);
    if (!r || r->state() != RoomState::Joined) {
        m_sync.finish(roomJid); // left or dropped before its turn
        return;
    }
    fetchRoomInfo(r);
}

void RoomManager::syncDone(const QString &roomJid, quint64 generation)
{
    if (generation != m_syncGeneration || !m_sync.finish(roomJid))
        return;
    Q_EMIT roomCaughtUp(roomJid);
    stopHoldingFor(roomJid);
}

} // namespace parla::services
