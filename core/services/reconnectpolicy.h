// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace parla::services {

/// When to try again after a connection dropped: exponential back-off with jitter, reset by a
/// successful login; "now" when the network comes back or the machine wakes from suspend.
///
/// Jitter (±25 %) keeps a server that restarts from being hit by all its clients at once.
class ReconnectPolicy : public QObject
{
    Q_OBJECT
public:
    explicit ReconnectPolicy(QObject *parent = nullptr);

    void setBounds(std::chrono::milliseconds first, std::chrono::milliseconds max);
    /// The delay for the given attempt (0-based), jitter included (exposed for tests).
    std::chrono::milliseconds delayFor(int attempt) const;

    /// Schedules the next attempt; emits reconnectDue when it is time.
    void scheduleRetry();
    /// A login succeeded: the next failure starts from the first delay again.
    void reset();
    /// Stops any scheduled attempt (account disabled, or a non-transient error).
    void cancel();
    /// Try now (user asked, network back, resumed from suspend).
    void retryNow();
    bool isScheduled() const { return m_timer.isActive(); }
    int secondsUntilRetry() const;
    int attempt() const { return m_attempt; }

Q_SIGNALS:
    void reconnectDue();

private:
    std::chrono::milliseconds m_first{1000};
    std::chrono::milliseconds m_max{std::chrono::minutes(5)};
    int m_attempt = 0;
    QTimer m_timer;
};

/// Notices when the machine was suspended (the wall clock jumps past the monotonic clock) and
/// when the network comes back, so that accounts check their connection at once instead of
/// waiting for a TCP timeout.
class WakeDetector : public QObject
{
    Q_OBJECT
public:
    explicit WakeDetector(QObject *parent = nullptr);

Q_SIGNALS:
    /// The system resumed from suspend or the network changed: check connections now.
    void connectivityMayHaveChanged();

private:
    void tick();
    QTimer m_timer;
    QElapsedTimer m_monotonic;
    QDateTime m_lastWall;
    qint64 m_lastMonotonic = 0;
};

} // namespace parla::services
