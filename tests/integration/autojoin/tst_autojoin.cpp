// SPDX-License-Identifier: GPL-3.0-or-later
// "50 joined rooms at login" (issue 4) against a real Prosody: alice has 50 XEP-0402 autojoin
// bookmarks and three that are not autojoin, and logs in through AppSession with one room open.
// Every autojoin room reaches Joined and is caught up, the open room's join presence goes out
// first and its catch-up ends first, every archived message is stored exactly once (first login:
// history on join; second login: since-history and the XEP-0313 archive overlap), and the
// bookmarks without autojoin are never joined. The catch-up queue is never wider than its bound.
#include "autojoinworld.h"

#include <QSignalSpy>
#include <QTest>

using namespace parla;
using namespace parla::services;
using namespace parla::testing;

class TestAutojoin : public QObject
{
    Q_OBJECT
private:
    AutojoinWorld m_world;
    QString m_profile;

    /// Logs in from `profile` with `open` shown, until every room is joined and caught up.
    /// Checks the widest the catch-up queue got on the way.
    std::unique_ptr<AppSession> login(const QString &profile, const QString &open, AutojoinLog &log)
    {
        auto session = m_world.openProfile(profile, open);
        if (!session)
            return nullptr;
        Account *account = session->account(m_world.jid());
        log.follow(account);
        int widest = 0;
        QObject probe;
        connect(account->rooms(), &RoomManager::roomChanged, &probe,
                [&] { widest = std::max(widest, account->rooms()->syncQueue().runningCount()); });
        account->connectAccount(m_world.password());
        const bool done = waitUntil(
            [&] {
                return QSet<QString>(log.caughtUp.cbegin(), log.caughtUp.cend()).size() ==
                       AutojoinWorld::kRooms;
            },
            120000);
        if (!done) {
            qWarning() << "joined" << log.joined.size() << "caught up" << log.caughtUp.size();
            return nullptr;
        }
        if (widest > account->rooms()->syncQueue().maxRunning()) {
            qWarning() << "catch-up queue ran" << widest << "rooms at once";
            return nullptr;
        }
        return session;
    }

    void verifyRooms(AppSession &session, const AutojoinLog &log, const QString &open)
    {
        Account *account = session.account(m_world.jid());
        // Every autojoin room: joined once, caught up once, in Joined state.
        QCOMPARE(log.joined.size(), AutojoinWorld::kRooms);
        QCOMPARE(log.caughtUp.size(), AutojoinWorld::kRooms);
        const QStringList rooms = m_world.rooms();
        QCOMPARE(QSet<QString>(log.joinsSent.cbegin(), log.joinsSent.cend()),
                 QSet<QString>(rooms.cbegin(), rooms.cend()));
        QCOMPARE(log.joinsSent.size(), AutojoinWorld::kRooms);
        for (const QString &room : rooms) {
            const Room *r = account->rooms()->room(room);
            QVERIFY2(r && r->state() == RoomState::Joined, qPrintable(room));
        }
        // The open room first: its presence is the first sent, it is the first joined, and
        // its catch-up is the first to end.
        QCOMPARE(log.joinsSent.first(), open);
        QCOMPARE(log.joined.first(), open);
        QCOMPARE(log.caughtUp.first(), open);
        // Bookmarks without autojoin: no room, no presence.
        for (int i = 0; i < AutojoinWorld::kIdleBookmarks; ++i) {
            QVERIFY(!account->rooms()->room(m_world.idleRoom(i)));
            QVERIFY(!log.joinsSent.contains(m_world.idleRoom(i)));
        }
        // Every archived message exactly once (bodies are unique per room and message).
        for (int i = 0; i < AutojoinWorld::kRooms; ++i) {
            const auto stored = account->messages().latest(m_world.jid(), m_world.room(i), 1000);
            QVERIFY(xmpp::isOk(stored));
            const auto &records = std::get<QList<storage::MessageRecord>>(stored);
            QSet<QString> bodies;
            for (const auto &r : records)
                bodies.insert(r.body);
            QCOMPARE(records.size(), qsizetype(m_world.postedPerRoom()));
            QCOMPARE(bodies.size(), m_world.postedPerRoom());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_world.setUp(3), qPrintable(m_world.error));
        m_profile = m_world.freshProfile();
        QVERIFY(!m_profile.isEmpty());
    }

    void firstLoginJoinsAllOpenRoomFirst()
    {
        const QString open = m_world.room(37); // not first in the bookmark list
        AutojoinLog log;
        auto session = login(m_profile, open, log);
        QVERIFY(session);
        verifyRooms(*session, log, open);
    }

    void secondLoginCatchesUpEachMessageOnce()
    {
        // While alice is away, two more messages in every room: on the next login they come
        // both as since-history on join and from the room's archive; stored once each.
        QVERIFY2(m_world.post(2), qPrintable(m_world.error));
        const QString open = m_world.room(12);
        AutojoinLog log;
        auto session = login(m_profile, open, log);
        QVERIFY(session);
        verifyRooms(*session, log, open);
        // This time every room had a stored stanza-id: each was caught up from its archive.
        const QStringList rooms = m_world.rooms();
        QCOMPARE(QSet<QString>(log.mamQueriedRooms.cbegin(), log.mamQueriedRooms.cend()),
                 QSet<QString>(rooms.cbegin(), rooms.cend()));
    }

    void openingARoomMovesItsCatchUpAhead()
    {
        // The user opens a room after login started: it is caught up before the rooms that
        // were queued ahead of it.
        QVERIFY2(m_world.post(1), qPrintable(m_world.error));
        const QString late = m_world.room(45);
        auto session = m_world.openProfile(m_profile, {});
        QVERIFY(session);
        Account *account = session->account(m_world.jid());
        AutojoinLog log;
        log.follow(account);
        bool opened = false;
        int caughtUpBeforeOpen = -1;
        connect(account->rooms(), &RoomManager::roomJoined, &log.context, [&](const QString &room) {
            // Once the late room is joined, it waits in the queue behind the others.
            if (room == late && !opened) {
                opened = true;
                caughtUpBeforeOpen = int(log.caughtUp.size());
                session->chats().openConversation(m_world.jid(), late);
            }
        });
        account->connectAccount(m_world.password());
        QVERIFY(waitUntil([&] { return log.caughtUp.size() == AutojoinWorld::kRooms; }, 120000));
        QVERIFY(opened);
        // At most the rooms already running when it was opened finish before it.
        const int position = int(log.caughtUp.indexOf(late));
        QVERIFY2(position <= caughtUpBeforeOpen + account->rooms()->syncQueue().maxRunning(),
                 qPrintable(QStringLiteral("caught up as %1 of 50").arg(position + 1)));
        QVERIFY(account->rooms()->isOpen(late));
        session->chats().closeConversation(m_world.jid(), late);
        QVERIFY(!account->rooms()->isOpen(late));
    }
};

QTEST_GUILESS_MAIN(TestAutojoin)
#include "tst_autojoin.moc"
