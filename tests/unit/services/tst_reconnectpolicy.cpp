// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/reconnectpolicy.h"

#include <QSignalSpy>
#include <QTest>

using namespace parla::services;
using namespace std::chrono_literals;

class TestReconnectPolicy : public QObject
{
    Q_OBJECT

private:
    static constexpr int kSamples = 2000;

    /// min and max of many delayFor(attempt) samples.
    static std::pair<qint64, qint64> sampleRange(const ReconnectPolicy &policy, int attempt)
    {
        qint64 lo = std::numeric_limits<qint64>::max();
        qint64 hi = 0;
        for (int i = 0; i < kSamples; ++i) {
            const qint64 d = policy.delayFor(attempt).count();
            lo = std::min(lo, d);
            hi = std::max(hi, d);
        }
        return {lo, hi};
    }

private Q_SLOTS:
    void growsExponentiallyWithinJitter_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("base");
        // first 1000 ms, max 60 s: 1, 2, 4, 8, 16, 32 s, then capped at 60 s.
        QTest::addRow("0") << 0 << qint64(1000);
        QTest::addRow("1") << 1 << qint64(2000);
        QTest::addRow("2") << 2 << qint64(4000);
        QTest::addRow("3") << 3 << qint64(8000);
        QTest::addRow("5") << 5 << qint64(32000);
        QTest::addRow("6 capped") << 6 << qint64(60000);
        QTest::addRow("20 capped") << 20 << qint64(60000);
        QTest::addRow("1000 capped") << 1000 << qint64(60000);
    }

    void growsExponentiallyWithinJitter()
    {
        QFETCH(int, attempt);
        QFETCH(qint64, base);
        ReconnectPolicy policy;
        policy.setBounds(1000ms, 60s);
        const auto [lo, hi] = sampleRange(policy, attempt);
        QVERIFY2(lo >= base * 3 / 4, qPrintable(QString::number(lo)));
        QVERIFY2(hi <= base * 5 / 4, qPrintable(QString::number(hi)));
        // The jitter really spreads the delays (2000 samples over ±25 % never all land in
        // the middle 10 %), so clients do not all come back at once.
        QVERIFY2(lo < base * 95 / 100, qPrintable(QString::number(lo)));
        QVERIFY2(hi > base * 105 / 100, qPrintable(QString::number(hi)));
    }

    void consecutiveAttemptsGrow()
    {
        // Even with the worst jitter, attempt n+2 waits longer than attempt n (×4 vs ±25 %).
        ReconnectPolicy policy;
        policy.setBounds(100ms, std::chrono::hours(1));
        for (int attempt = 0; attempt < 10; ++attempt) {
            const auto [loNow, hiNow] = sampleRange(policy, attempt);
            const auto [loLater, hiLater] = sampleRange(policy, attempt + 2);
            Q_UNUSED(loNow);
            Q_UNUSED(hiLater);
            QVERIFY2(loLater > hiNow, qPrintable(QString::number(attempt)));
        }
    }

    void neverExceedsMaxPlusJitter()
    {
        ReconnectPolicy policy;
        policy.setBounds(1s, 5min);
        for (int attempt = 0; attempt < 64; ++attempt)
            QVERIFY(policy.delayFor(attempt) <= 375s); // 5 min + 25 %
    }

    void resetRestartsSequence()
    {
        ReconnectPolicy policy;
        policy.setBounds(10s, 10min); // long: nothing fires during the test
        QCOMPARE(policy.attempt(), 0);
        policy.scheduleRetry();
        policy.scheduleRetry();
        policy.scheduleRetry();
        QCOMPARE(policy.attempt(), 3);
        QVERIFY(policy.isScheduled());
        // The third retry used attempt 2: 40 s ± 25 %. The bounds allow a second of slack each
        // way: QTimer makes a timer this long "very coarse" (whole seconds).
        const int before = policy.secondsUntilRetry();
        QVERIFY2(before >= 29 && before <= 51, qPrintable(QString::number(before)));

        policy.reset();
        QCOMPARE(policy.attempt(), 0);
        QVERIFY(!policy.isScheduled());
        QCOMPARE(policy.secondsUntilRetry(), -1);
        policy.scheduleRetry();
        QCOMPARE(policy.attempt(), 1);
        // Back at the first delay: 10 s ± 25 % (plus a coarse timer's 5 %).
        const int after = policy.secondsUntilRetry();
        QVERIFY2(after >= 7 && after <= 14, qPrintable(QString::number(after)));
        QVERIFY(after < before);
        policy.cancel();
    }

    void scheduleRetryEmits()
    {
        ReconnectPolicy policy;
        policy.setBounds(10ms, 40ms);
        QSignalSpy due(&policy, &ReconnectPolicy::reconnectDue);
        policy.scheduleRetry();
        QVERIFY(policy.isScheduled());
        QCOMPARE(due.count(), 0); // not synchronously
        QTRY_COMPARE(due.count(), 1);
        QVERIFY(!policy.isScheduled());
        policy.scheduleRetry();
        QTRY_COMPARE(due.count(), 2);
        QCOMPARE(policy.attempt(), 2);
    }

    void cancelStops()
    {
        ReconnectPolicy policy;
        policy.setBounds(10ms, 10ms);
        QSignalSpy due(&policy, &ReconnectPolicy::reconnectDue);
        policy.scheduleRetry();
        policy.cancel();
        QVERIFY(!policy.isScheduled());
        // Wait well past the longest possible delay (12.5 ms): nothing fires.
        QTest::qWait(100);
        QCOMPARE(due.count(), 0);
        // cancel keeps the attempt count: a non-transient error is not a successful login.
        QCOMPARE(policy.attempt(), 1);
    }

    void retryNowEmitsAtOnce()
    {
        ReconnectPolicy policy;
        policy.setBounds(10min, 10min);
        QSignalSpy due(&policy, &ReconnectPolicy::reconnectDue);
        policy.scheduleRetry();
        policy.retryNow();
        QCOMPARE(due.count(), 1);       // synchronously
        QVERIFY(!policy.isScheduled()); // the scheduled attempt is replaced, not added
        QCOMPARE(policy.secondsUntilRetry(), -1);

        // Also without anything scheduled.
        ReconnectPolicy idle;
        QSignalSpy idleDue(&idle, &ReconnectPolicy::reconnectDue);
        idle.retryNow();
        QCOMPARE(idleDue.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestReconnectPolicy)
#include "tst_reconnectpolicy.moc"
