// SPDX-License-Identifier: GPL-3.0-or-later
#include "roomsyncqueue.h"

#include <algorithm>

namespace parla::services {

RoomSyncQueue::RoomSyncQueue(int maxRunning) : m_maxRunning(std::max(1, maxRunning)) {}

void RoomSyncQueue::setStarter(std::function<void(const QString &)> starter)
{
    m_starter = std::move(starter);
}

bool RoomSyncQueue::erase(std::deque<QString> &queue, const QString &room)
{
    const auto it = std::find(queue.begin(), queue.end(), room);
    if (it == queue.end())
        return false;
    queue.erase(it);
    return true;
}

bool RoomSyncQueue::isWaiting(const QString &room) const
{
    return std::find(m_priority.begin(), m_priority.end(), room) != m_priority.end() ||
           std::find(m_normal.begin(), m_normal.end(), room) != m_normal.end();
}

void RoomSyncQueue::enqueue(const QString &room, bool priority)
{
    if (m_running.contains(room))
        return;
    if (isWaiting(room)) {
        if (priority)
            prioritize(room);
        return;
    }
    (priority ? m_priority : m_normal).push_back(room);
    pump();
}

void RoomSyncQueue::prioritize(const QString &room)
{
    if (erase(m_normal, room))
        m_priority.push_back(room);
}

bool RoomSyncQueue::finish(const QString &room)
{
    if (!m_running.remove(room))
        return false;
    pump();
    return true;
}

void RoomSyncQueue::remove(const QString &room)
{
    erase(m_priority, room);
    erase(m_normal, room);
    if (m_running.remove(room))
        pump();
}

void RoomSyncQueue::clear()
{
    m_priority.clear();
    m_normal.clear();
    m_running.clear();
}

void RoomSyncQueue::pump()
{
    // The starter may finish a room at once (nothing to do): that re-enters here; the outer
    // loop picks up the freed slot instead of recursing once per room.
    if (m_pumping)
        return;
    m_pumping = true;
    while (int(m_running.size()) < m_maxRunning && (!m_priority.empty() || !m_normal.empty())) {
        std::deque<QString> &from = m_priority.empty() ? m_normal : m_priority;
        const QString room = from.front();
        from.pop_front();
        m_running.insert(room);
        if (m_starter)
            m_starter(room);
    }
    m_pumping = false;
}

} // namespace parla::services
