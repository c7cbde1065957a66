// SPDX-License-Identifier: GPL-3.0-or-later
#include "reconnectpolicy.h"

#include <QNetworkInformation>
#include <QRandomGenerator>

#include <algorithm>

namespace parla::services {

ReconnectPolicy::ReconnectPolicy(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ReconnectPolicy::reconnectDue);
}

void ReconnectPolicy::setBounds(std::chrono::milliseconds first, std::chrono::milliseconds max)
{
    m_first = first;
    m_max = max;
}

std::chrono::milliseconds ReconnectPolicy::delayFor(int attempt) const
{
    const qint64 base = m_first.count() << std::min(attempt, 16);
    const qint64 capped = std::min<qint64>(base, m_max.count());
    const double jitter = 0.75 + QRandomGenerator::global()->generateDouble() * 0.5;
    return std::chrono::milliseconds(qint64(double(capped) * jitter));
}

void ReconnectPolicy::scheduleRetry()
{
    m_timer.start(delayFor(m_attempt));
    ++m_attempt;
}

void ReconnectPolicy::reset()
{
    m_attempt = 0;
    m_timer.stop();
}

void ReconnectPolicy::cancel()
{
    m_timer.stop();
}

void ReconnectPolicy::retryNow()
{
    m_timer.stop();
    Q_EMIT reconnectDue();
}

int ReconnectPolicy::secondsUntilRetry() const
{
    return m_timer.isActive() ? (m_timer.remainingTime() + 999) / 1000 : -1;
}

WakeDetector::WakeDetector(QObject *parent) : QObject(parent)
{
    m_monotonic.start();
    m_lastWall = QDateTime::currentDateTimeUtc();
    m_timer.setInterval(std::chrono::seconds(5));
    connect(&m_timer, &QTimer::timeout, this, &WakeDetector::tick);
    m_timer.start();
    if (QNetworkInformation::loadDefaultBackend() && QNetworkInformation::instance()) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability r) {
                    if (r == QNetworkInformation::Reachability::Online)
                        Q_EMIT connectivityMayHaveChanged();
                });
    }
}

void WakeDetector::tick()
{
    // During suspend the monotonic clock stops (CLOCK_MONOTONIC) while the wall clock moves on.
    const QDateTime wall = QDateTime::currentDateTimeUtc();
    const qint64 monotonic = m_monotonic.elapsed();
    const qint64 wallDelta = m_lastWall.msecsTo(wall);
    const qint64 monoDelta = monotonic - m_lastMonotonic;
    m_lastWall = wall;
    m_lastMonotonic = monotonic;
    if (wallDelta - monoDelta > 15000)
        Q_EMIT connectivityMayHaveChanged();
}

} // namespace parla::services
