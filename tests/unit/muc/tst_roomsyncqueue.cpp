// SPDX-License-Identifier: GPL-3.0-or-later
// RoomSyncQueue: at most N rooms catch up at once, open (priority) rooms first, a room is never
// queued twice, and a starter that finishes at once does not stall or recurse the queue.
#include "services/roomsyncqueue.h"

#include <QTest>

using namespace parla::services;

class TestRoomSyncQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void boundedAndInOrder()
    {
        RoomSyncQueue queue(2);
        QStringList started;
        queue.setStarter([&](const QString &room) { started << room; });
        for (const char *room : {"a", "b", "c", "d"})
            queue.enqueue(QString::fromLatin1(room), false);
        QCOMPARE(started, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(queue.runningCount(), 2);
        QCOMPARE(queue.waitingCount(), 2);
        QVERIFY(queue.finish(QStringLiteral("b")));
        QCOMPARE(started.last(), QStringLiteral("c"));
        QVERIFY(!queue.finish(QStringLiteral("b"))); // a late second answer frees nothing
        QCOMPARE(queue.runningCount(), 2);
        QVERIFY(queue.finish(QStringLiteral("a")));
        QVERIFY(queue.finish(QStringLiteral("c")));
        QVERIFY(queue.finish(QStringLiteral("d")));
        QCOMPARE(started.size(), 4);
        QCOMPARE(queue.runningCount(), 0);
    }

    void priorityRoomsGoFirst()
    {
        RoomSyncQueue queue(1);
        QStringList started;
        queue.setStarter([&](const QString &room) { started << room; });
        queue.enqueue(QStringLiteral("busy"), false);
        queue.enqueue(QStringLiteral("n1"), false);
        queue.enqueue(QStringLiteral("n2"), false);
        queue.enqueue(QStringLiteral("open"), true);
        queue.enqueue(QStringLiteral("n3"), false);
        // Opened by the user while waiting: moves ahead of the other ordinary rooms.
        queue.prioritize(QStringLiteral("n3"));
        // Queued again (a rejoin) as priority: not twice, but ahead.
        queue.enqueue(QStringLiteral("n2"), true);
        QCOMPARE(queue.waitingCount(), 4);
        for (const char *room : {"busy", "open", "n3", "n2", "n1"})
            queue.finish(QString::fromLatin1(room));
        QCOMPARE(started,
                 (QStringList{QStringLiteral("busy"), QStringLiteral("open"), QStringLiteral("n3"),
                              QStringLiteral("n2"), QStringLiteral("n1")}));
    }

    void removeAndClear()
    {
        RoomSyncQueue queue(1);
        QStringList started;
        queue.setStarter([&](const QString &room) { started << room; });
        queue.enqueue(QStringLiteral("a"), false);
        queue.enqueue(QStringLiteral("b"), false);
        queue.enqueue(QStringLiteral("c"), false);
        queue.remove(QStringLiteral("b")); // left while waiting: never started
        queue.remove(QStringLiteral("a")); // left while running: its slot goes to c
        QCOMPARE(started, (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
        queue.enqueue(QStringLiteral("d"), false);
        queue.clear(); // disconnected
        QCOMPARE(queue.runningCount(), 0);
        QCOMPARE(queue.waitingCount(), 0);
        QVERIFY(!queue.finish(QStringLiteral("c")));
        queue.enqueue(QStringLiteral("a"), false); // rejoined: runs again
        QCOMPARE(started.last(), QStringLiteral("a"));
    }

    void starterThatFinishesAtOnce()
    {
        // Rooms with nothing to do finish inside the starter: every one still runs, once.
        RoomSyncQueue queue(2);
        QStringList started;
        queue.setStarter([&](const QString &room) {
            started << room;
            QVERIFY(queue.runningCount() <= 2);
            queue.finish(room);
        });
        for (int i = 0; i < 50; ++i)
            queue.enqueue(QString::number(i), i == 49);
        QCOMPARE(started.size(), 50);
        QCOMPARE(QSet<QString>(started.begin(), started.end()).size(), 50);
        QCOMPARE(queue.runningCount(), 0);
        QCOMPARE(queue.waitingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRoomSyncQueue)
#include "tst_roomsyncqueue.moc"
