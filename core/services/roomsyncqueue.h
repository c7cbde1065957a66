// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSet>
#include <QString>

#include <deque>
#include <functional>

namespace parla::services {

/// The expensive per-room work after a join (XEP-0030 disco#info of the room, then the
/// XEP-0313 archive catch-up), run for a few rooms at a time.
///
/// Join presences are cheap and go out for every room at once; what follows a join is several
/// IQ round trips and store writes per room. With 50 autojoin rooms at login, starting all of
/// them at once makes every room wait for every other one (the server answers in order, the
/// store writer is one thread) and fills the GUI thread with bursts of results. The queue keeps
/// at most `maxRunning` rooms in flight; rooms the user has open go first (`priority`), so the
/// conversation on screen is complete before the 49 others. Pure bookkeeping, no Qt objects:
/// the owner (RoomManager) starts the work in the starter and calls finish() when it ends.
class RoomSyncQueue
{
public:
    /// A small number: enough to hide round trips behind each other (bench_autojoin: 6 caught
    /// up 50 rooms ~7–10% sooner than 3, with no longer GUI stall), few enough that a room the
    /// user opens later waits for at most this many.
    static constexpr int kDefaultMaxRunning = 6;

    explicit RoomSyncQueue(int maxRunning = kDefaultMaxRunning);

    /// Called for a room when its turn comes (synchronously, from enqueue/finish/prioritize).
    void setStarter(std::function<void(const QString &room)> starter);

    /// Queues `room` (priority rooms ahead of the others, each group first come first served);
    /// a room already queued or running is not queued twice (a priority request still moves it
    /// ahead). Starts it at once when a slot is free.
    void enqueue(const QString &room, bool priority);
    /// Moves a waiting room ahead of the non-priority ones (the user opened it).
    void prioritize(const QString &room);
    /// The room's work ended (done or failed): frees its slot for the next one. Returns whether
    /// it was running (a late answer from before clear() is not).
    bool finish(const QString &room);
    /// Forgets the room, waiting or running (left the room).
    void remove(const QString &room);
    /// Forgets everything (the connection is gone: the work is redone after the next join).
    void clear();

    bool isRunning(const QString &room) const { return m_running.contains(room); }
    bool isWaiting(const QString &room) const;
    int runningCount() const { return int(m_running.size()); }
    int waitingCount() const { return int(m_priority.size() + m_normal.size()); }
    int maxRunning() const { return m_maxRunning; }

private:
    void pump();
    static bool erase(std::deque<QString> &queue, const QString &room);

    int m_maxRunning;
    std::function<void(const QString &)> m_starter;
    std::deque<QString> m_priority;
    std::deque<QString> m_normal;
    QSet<QString> m_running;
    bool m_pumping = false;
};

} // namespace parla::services
