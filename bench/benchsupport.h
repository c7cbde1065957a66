// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the benchmarks that run against the real Prosody fixture: main-thread
// responsiveness (StallProbe), process CPU time, and the settings a bare client logs in with.
#pragma once

#include "core/xmpp/client.h"
#include "tests/support/localprosody.h"

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <ctime>

namespace parla::bench {

/// CPU seconds of this process, every thread (the store's writer thread included).
inline double processCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

/// Main-thread (GUI-thread) responsiveness: the longest gap between the ticks of a 5 ms timer.
/// A gap is how long an event (a click, a repaint) would have waited.
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const double gap = double(m_clock.nsecsElapsed()) / 1e6;
            m_longestMs = std::max(m_longestMs, gap);
            if (m_verbose && gap > 20)
                qInfo("stall of %.1f ms, ending %.3f s after start", gap,
                      double(m_sinceStart.nsecsElapsed()) / 1e9);
            m_clock.start();
        });
    }
    void start()
    {
        m_longestMs = 0;
        m_clock.start();
        m_sinceStart.start();
        m_timer.start();
    }
    /// The longest gap, including the one still open.
    double stop()
    {
        m_timer.stop();
        return std::max(m_longestMs, double(m_clock.nsecsElapsed()) / 1e6);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceStart;
    double m_longestMs = 0;
    /// PARLA_BENCH_STALLS=1 lists every stall over 20 ms (where to look).
    const bool m_verbose = qEnvironmentVariableIntValue("PARLA_BENCH_STALLS") != 0;
};

/// How a bare xmpp::Client logs in to the fixture as `jid`, trusting its CA.
inline xmpp::ConnectionSettings bareSettings(const testing::LocalProsody &prosody,
                                             const QString &jid, const QString &password,
                                             const QString &resource)
{
    xmpp::ConnectionSettings settings;
    settings.jid = xmpp::Jid::fromString(jid);
    settings.password = password;
    settings.resource = resource;
    settings.host = testing::LocalProsody::address();
    settings.port = prosody.c2sPort();
    settings.extraCaCertificates = {prosody.caCertificatePem()};
    return settings;
}

/// PARLA_BENCH_ITERATIONS, else `fallback` (e.g. 1 while profiling).
inline int iterations(int fallback)
{
    return qEnvironmentVariableIsSet("PARLA_BENCH_ITERATIONS")
               ? std::max(1, qEnvironmentVariableIntValue("PARLA_BENCH_ITERATIONS"))
               : fallback;
}

} // namespace parla::bench
