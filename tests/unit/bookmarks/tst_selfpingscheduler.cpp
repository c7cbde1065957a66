// SPDX-License-Identifier: GPL-3.0-or-later
// SelfPingScheduler bookkeeping without a server: which rooms it watches, and that traffic from
// a room pushes its self-ping back (the pings themselves run in tests/integration/bookmarks).
#include "core/services/selfpingscheduler.h"
#include "core/xmpp/client.h"

#include <QTest>

using namespace parla;
using namespace parla::services;
using namespace std::chrono_literals;

class TestSelfPingScheduler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void watchesOnlyValidOccupantJids()
    {
        xmpp::Client client;
        SelfPingScheduler scheduler(&client);
        const QString room = QStringLiteral("hall@conference.example.org");
        scheduler.setJoined(room, room); // no nick
        scheduler.setJoined(room, QStringLiteral("other@conference.example.org/Juliet"));
        scheduler.setJoined(room, QStringLiteral("not a jid@@/x"));
        QVERIFY(scheduler.rooms().isEmpty());
        QVERIFY(!scheduler.timeUntilPing(room));

        scheduler.setJoined(room, room + QStringLiteral("/Juliet"));
        QCOMPARE(scheduler.rooms(), QStringList{room});
        scheduler.setLeft(room);
        QVERIFY(scheduler.rooms().isEmpty());
        scheduler.noteTraffic(room); // a room we left: nothing to do, nothing added
        QVERIFY(scheduler.rooms().isEmpty());
    }

    void trafficPushesThePingBack()
    {
        xmpp::Client client; // not connected: nothing is sent, deadlines still move
        SelfPingScheduler scheduler(&client);
        scheduler.setInterval(1h);
        const QString room = QStringLiteral("hall@conference.example.org");
        scheduler.setJoined(room, room + QStringLiteral("/Juliet"));
        const auto first = scheduler.timeUntilPing(room);
        QVERIFY(first && *first <= 1h && *first > 59min);
        // Silence: the ping comes closer. Traffic: it is a full interval away again.
        QTest::qWait(20);
        const auto later = scheduler.timeUntilPing(room);
        QVERIFY(later && *later < *first);
        scheduler.noteTraffic(room);
        const auto reset = scheduler.timeUntilPing(room);
        QVERIFY(reset && *reset > *later);
        // A shorter interval applies to rooms already watched.
        scheduler.setInterval(5min);
        const auto shorter = scheduler.timeUntilPing(room);
        QVERIFY(shorter && *shorter <= 5min);
    }
};

QTEST_GUILESS_MAIN(TestSelfPingScheduler)
#include "tst_selfpingscheduler.moc"
