// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the benchmarks that run against the real Prosody fixture: main-thread
// responsiveness (StallProbe), process CPU time, and the settings a bare client logs in with.
#pragma once

#include "core/storage/accountstore.h"
#include "core/storage/database.h"
#include "core/xmpp/client.h"
#include "tests/support/localprosody.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTimer>

#include <benchmark/benchmark.h>

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

/// CPU milliseconds of the calling thread.
inline double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

/// Main-thread (GUI-thread) responsiveness: the longest gap between the ticks of a 5 ms timer.
/// A gap is how long an event (a click, a repaint) would have waited. Each gap's main-thread
/// CPU time is measured too: a gap with little CPU is the thread waiting for a core (other
/// processes on a loaded machine), one full of CPU is work done on the main thread.
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
    }
    void start()
    {
        m_longestMs = 0;
        m_longestBusyMs = 0;
        m_clock.start();
        m_sinceStart.start();
        m_cpuAtTick = threadCpuMs();
        m_timer.start();
    }
    /// The longest gap, including the one still open.
    double stop()
    {
        m_timer.stop();
        tick();
        return m_longestMs;
    }
    /// The most main-thread CPU time spent inside one gap (work that blocked the thread).
    double longestBusyMs() const { return m_longestBusyMs; }

private:
    void tick()
    {
        const double gap = double(m_clock.nsecsElapsed()) / 1e6;
        const double cpu = threadCpuMs();
        const double busy = cpu - m_cpuAtTick;
        m_longestMs = std::max(m_longestMs, gap);
        m_longestBusyMs = std::max(m_longestBusyMs, busy);
        if (m_verbose && gap > 20) {
            // CLOCK_MONOTONIC, to find the stall in `perf record -k CLOCK_MONOTONIC` samples.
            timespec now{};
            clock_gettime(CLOCK_MONOTONIC, &now);
            qInfo("stall of %.1f ms (%.1f ms of it main-thread CPU), ending %.3f s after start "
                  "(monotonic %ld.%06ld)",
                  gap, busy, double(m_sinceStart.nsecsElapsed()) / 1e9, long(now.tv_sec),
                  long(now.tv_nsec / 1000));
        }
        m_clock.start();
        m_cpuAtTick = cpu;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceStart;
    double m_longestMs = 0;
    double m_longestBusyMs = 0;
    double m_cpuAtTick = 0;
    /// PARLA_BENCH_STALLS=1 lists every stall over 20 ms (where to look).
    const bool m_verbose = qEnvironmentVariableIntValue("PARLA_BENCH_STALLS") != 0;
};

/// One measured stretch per iteration (begin() … end()): its wall time is the iteration's time;
/// the longest main-thread stall and busy block and the process CPU are collected, and
/// report() turns them into counters (with the bytes received in the last iteration).
class Measure
{
public:
    void begin()
    {
        m_probe.start();
        m_clock.start();
        m_cpuBefore = processCpuSeconds();
    }
    void end(benchmark::State &state)
    {
        state.SetIterationTime(double(m_clock.nsecsElapsed()) / 1e9);
        m_cpu += processCpuSeconds() - m_cpuBefore;
        m_longestStallMs = std::max(m_longestStallMs, m_probe.stop());
        m_longestBusyMs = std::max(m_longestBusyMs, m_probe.longestBusyMs());
    }
    void setReceivedBytes(qint64 bytes) { m_bytes = bytes; }
    void report(benchmark::State &state, qint64 itemsPerIteration) const
    {
        state.counters["longestStallMs"] = m_longestStallMs;
        state.counters["longestBusyMs"] = m_longestBusyMs;
        state.counters["receivedMB"] = double(m_bytes) / 1e6;
        state.counters["processCpuS"] = m_cpu / double(std::max<int64_t>(1, state.iterations()));
        state.SetItemsProcessed(state.iterations() * itemsPerIteration);
    }

private:
    StallProbe m_probe;
    QElapsedTimer m_clock;
    double m_cpuBefore = 0, m_cpu = 0, m_longestStallMs = 0, m_longestBusyMs = 0;
    qint64 m_bytes = 0;
};

/// A fresh Parla profile in `dir` holding one account of the fixture (not yet flushed: the
/// caller may add more, e.g. a sync cursor, then calls flush()).
inline std::unique_ptr<storage::Database> createProfile(const QString &dir,
                                                        const testing::LocalProsody &prosody,
                                                        const QString &jid, const QString &resource)
{
    QDir().mkpath(dir);
    auto opened = storage::Database::open(QDir(dir).filePath(QStringLiteral("parla.db")));
    if (!xmpp::isOk(opened))
        qFatal("cannot create the profile in %s", qPrintable(dir));
    auto db = std::move(std::get<std::unique_ptr<storage::Database>>(opened));
    storage::AccountRecord record;
    record.jid = jid;
    record.resource = resource;
    record.host = testing::LocalProsody::address();
    record.port = prosody.c2sPort();
    storage::AccountStore(*db).save(record);
    return db;
}

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
