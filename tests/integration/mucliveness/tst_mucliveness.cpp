// SPDX-License-Identifier: GPL-3.0-or-later
// Group chat liveness and history through the real app wiring (AppSession) on the real Prosody:
// a room that silently drops us is noticed by XEP-0410 self-ping and entered again; a server
// restart brings the room back with nothing lost or duplicated (a message written while down
// stays Pending and goes out once); catch-up from the room's archive (XEP-0313) after being
// away delivers every message once, and a catch-up cut short by its page limit shows a gap.
#include "tests/support/await.h"
#include "tests/support/localprosody.h"
#include "tests/support/sessionlogin.h"

#include "models/roles.h"
#include "services/passwordstore.h"
#include "services/rooms.h"
#include "services/selfpingscheduler.h"
#include "session/appsession.h"
#include "storage/messagestore.h"
#include "xmpp/client.h"
#include "xmpp/iqutil.h"

#include <QAbstractItemModel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;
using namespace std::chrono_literals;

namespace {
const QString kPassword = QStringLiteral("still-in-the-room");
// tests/support/prosody-modules/mod_muc_silent_drop_fixture.lua
const QString kSilentDropNs = QStringLiteral("urn:parla:test:muc-silent-drop");

using parla::testing::await;

int rowOf(QAbstractItemModel *model, const QString &body)
{
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->index(i, 0).data(models::MessageBodyRole).toString() == body)
            return i;
    }
    return -1;
}

int countBody(QAbstractItemModel *model, const QString &body)
{
    int n = 0;
    for (int i = 0; i < model->rowCount(); ++i)
        n += model->index(i, 0).data(models::MessageBodyRole).toString() == body ? 1 : 0;
    return n;
}

int stateOf(QAbstractItemModel *model, const QString &body)
{
    const int row = rowOf(model, body);
    return row < 0 ? -1 : model->index(row, 0).data(models::MessageStateRole).toInt();
}

bool gapBefore(QAbstractItemModel *model, const QString &body)
{
    const int row = rowOf(model, body);
    return row >= 0 && model->index(row, 0).data(models::MessageGapBeforeRole).toBool();
}

/// How often `body` is in the account's store for `peer` (not just in a model).
int storedCount(Account *a, const QString &peer, const QString &body)
{
    auto page = a->messages().latest(a->jid(), peer, 500);
    if (!xmpp::isOk(page))
        return -1;
    int n = 0;
    for (const auto &r : std::get<QList<storage::MessageRecord>>(page))
        n += r.body == body ? 1 : 0;
    return n;
}
} // namespace

class TestMucLiveness : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;
    QTemporaryDir m_profiles;
    std::unique_ptr<AppSession> m_alice, m_bob, m_carol;
    QString m_room;

    QString jid(const QString &user) const { return user + u'@' + m_server.host(); }
    QString a() const { return jid(QStringLiteral("alice")); }
    QString b() const { return jid(QStringLiteral("bob")); }
    QString c() const { return jid(QStringLiteral("carol")); }

    std::unique_ptr<AppSession> login(const QString &user)
    {
        return testing::loginSession(m_server, m_profiles.filePath(user), user, kPassword);
    }

    static bool joined(AppSession *s, const QString &account, const QString &room, int ms = 15000)
    {
        const bool ok = QTest::qWaitFor(
            [&] { return s->rooms().roomInfo(account, room).state == RoomState::Joined; }, ms);
        if (!ok)
            qWarning() << account << "not joined:" << int(s->rooms().roomInfo(account, room).state)
                       << s->rooms().roomInfo(account, room).errorText;
        return ok;
    }

    QStringList occupantsOf(AppSession *s, const QString &account) const
    {
        const Room *r = s->account(account)->rooms()->room(m_room);
        return r ? QStringList(r->occupants().keys()) : QStringList();
    }

    /// Takes alice offline, lets `whileAway` happen, brings her back into the room.
    bool away(const std::function<void()> &whileAway)
    {
        Account *alice = m_alice->account(a());
        m_alice->accounts().setAccountEnabled(a(), false);
        if (!QTest::qWaitFor([&] { return !alice->client()->isConnected(); }, 10000))
            return false;
        // The room saw alice leave before bob talks (else the room might still route to her).
        if (!QTest::qWaitFor([&] { return !occupantsOf(m_bob.get(), b()).contains(u"alice"_qs); },
                             10000))
            return false;
        whileAway();
        m_alice->accounts().setAccountEnabled(a(), true);
        return joined(m_alice.get(), a(), m_room, 30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_profiles.isValid());
        testing::LocalProsodyOptions options;
        options.mucSilentDrop = true;
        QVERIFY2(m_server.prepare(options), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob", "carol"})
            QVERIFY(m_server.registerUser(QString::fromLatin1(user), kPassword));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_alice = login(QStringLiteral("alice"));
        m_bob = login(QStringLiteral("bob"));
        m_carol = login(QStringLiteral("carol"));
        QVERIFY(m_alice && m_bob && m_carol);
        m_room = u"heath@"_qs + m_server.conferenceHost();
        // Persistent (it must outlive the server restart) and archived (Prosody's muc_mam).
        QVERIFY(await(m_alice->rooms().createRoom(a(), m_room, QStringLiteral("alice"),
                                                  RoomPreset::PublicChannel)));
        QVERIFY(joined(m_alice.get(), a(), m_room));
        m_bob->rooms().joinRoom(b(), m_room, QStringLiteral("bob"), {});
        m_carol->rooms().joinRoom(c(), m_room, QStringLiteral("carol"), {});
        QVERIFY(joined(m_bob.get(), b(), m_room));
        QVERIFY(joined(m_carol.get(), c(), m_room));
        QVERIFY(
            QTest::qWaitFor([&] { return occupantsOf(m_alice.get(), a()).size() == 3; }, 10000));
    }

    void cleanup()
    {
        // A failed restart test must not leave the server down for the next one.
        if (!m_server.isRunning())
            QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    }

    void selfPingRejoinsARoomThatSilentlyDroppedUs()
    {
        SelfPingScheduler *selfPing = m_alice->selfPingScheduler(a());
        QVERIFY(selfPing);
        QVERIFY(selfPing->rooms().contains(m_room));
        selfPing->setPingTimeout(5s);
        selfPing->setRetryInterval(300ms);
        QSignalSpy pinged(selfPing, &SelfPingScheduler::pinged);

        // While joined, a silent room answers the self-ping "joined" (XEP-0410 §3).
        selfPing->setInterval(300ms);
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const auto &args : pinged) {
                    if (args.at(1).value<xmpp::SelfPingOutcome>() == xmpp::SelfPingOutcome::Joined)
                        return true;
                }
                return false;
            },
            10000));
        QCOMPARE(m_alice->rooms().roomInfo(a(), m_room).state, RoomState::Joined);

        // Now the room forgets alice without a word, and carol leaves while alice is out (so
        // alice never hears of it). No pings meanwhile: the next one must find her dropped.
        selfPing->setInterval(1h);
        QSignalSpy rejoins(selfPing, &SelfPingScheduler::rejoinNeeded);
        QList<RoomState> states;
        QObject scope; // ends the connection with this test
        connect(&m_alice->rooms(), &RoomsApi::roomChanged, &scope,
                [&](const QString &account, const QString &room) {
                    if (account == a() && room == m_room)
                        states << m_alice->rooms().roomInfo(a(), m_room).state;
                });
        xmpp::Element drop(QStringLiteral("drop"), kSilentDropNs);
        drop.setAttribute(QStringLiteral("nick"), QStringLiteral("alice"));
        QVERIFY(await(m_bob->account(b())->client()->sendIq(xmpp::makeIq(u"set", m_room, drop))));
        m_carol->rooms().leaveRoom(c(), m_room);
        // (bob was not told of alice's drop either: only carol goes from his list.)
        QVERIFY(QTest::qWaitFor(
            [&] { return !occupantsOf(m_bob.get(), b()).contains(u"carol"_qs); }, 10000));
        // alice does not know yet: still "joined", carol still listed.
        QCOMPARE(m_alice->rooms().roomInfo(a(), m_room).state, RoomState::Joined);
        QVERIFY(occupantsOf(m_alice.get(), a()).contains(u"carol"_qs));
        QVERIFY(states.isEmpty());

        selfPing->setInterval(300ms);
        QVERIFY(QTest::qWaitFor([&] { return rejoins.size() == 1; }, 10000));
        QVERIFY(joined(m_alice.get(), a(), m_room));
        // Joining → Joined, visible through the Session seam; never an error on the way.
        QVERIFY2(states.size() >= 2, qPrintable(QString::number(states.size())));
        QCOMPARE(states.first(), RoomState::Joining);
        QCOMPARE(states.last(), RoomState::Joined);
        QVERIFY(!states.contains(RoomState::Error) && !states.contains(RoomState::NotJoined));
        // The occupant list is the room's fresh one: carol, who left unannounced, is gone.
        QVERIFY(QTest::qWaitFor(
            [&] {
                QStringList nicks = occupantsOf(m_alice.get(), a());
                nicks.sort();
                return nicks == QStringList({u"alice"_qs, u"bob"_qs});
            },
            10000));
        QCOMPARE(rejoins.at(0).at(0).toString(), m_room);
        selfPing->setInterval(1h); // quiet for the other tests

        // bob's next message reaches alice, exactly once.
        QAbstractItemModel *aliceView = m_alice->chats().messageModel(a(), m_room);
        m_bob->chats().sendMessage(b(), m_room, QStringLiteral("welcome back"));
        QVERIFY(
            QTest::qWaitFor([&] { return countBody(aliceView, u"welcome back"_qs) == 1; }, 10000));
        QTest::qWait(500);
        QCOMPARE(countBody(aliceView, u"welcome back"_qs), 1);
        QCOMPARE(storedCount(m_alice->account(a()), m_room, u"welcome back"_qs), 1);
    }

    void serverRestartRejoinsWithNothingLostOrDuplicated()
    {
        Account *alice = m_alice->account(a());
        QAbstractItemModel *aliceView = m_alice->chats().messageModel(a(), m_room);
        QAbstractItemModel *bobView = m_bob->chats().messageModel(b(), m_room);
        m_bob->chats().sendMessage(b(), m_room, QStringLiteral("before the restart"));
        QVERIFY(QTest::qWaitFor([&] { return countBody(aliceView, u"before the restart"_qs) == 1; },
                                10000));

        // Every state alice's room shows from now on, and whether she could hear the room then.
        QList<RoomState> states;
        bool joinedWhileDown = false;
        QObject scope; // ends the connection with this test
        connect(&m_alice->rooms(), &RoomsApi::roomChanged, &scope,
                [&](const QString &account, const QString &room) {
                    if (account != a() || room != m_room)
                        return;
                    const RoomState s = m_alice->rooms().roomInfo(a(), m_room).state;
                    states << s;
                    if (s == RoomState::Joined &&
                        (!m_server.isRunning() || !alice->client()->isConnected()))
                        joinedWhileDown = true;
                });

        QVERIFY(m_server.stop());
        QVERIFY(QTest::qWaitFor([&] { return !alice->client()->isConnected(); }, 10000));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_alice->rooms().roomInfo(a(), m_room).state != RoomState::Joined; },
            5000));
        QCOMPARE(m_alice->rooms().roomInfo(a(), m_room).state, RoomState::NotJoined);

        // Written while down: stored Pending, not sent.
        m_alice->chats().sendMessage(a(), m_room, QStringLiteral("written while down"));
        QVERIFY(QTest::qWaitFor([&] { return countBody(aliceView, u"written while down"_qs) == 1; },
                                5000));
        QCOMPARE(stateOf(aliceView, u"written while down"_qs), int(DeliveryState::Pending));
        QTest::qWait(300);
        QCOMPARE(stateOf(aliceView, u"written while down"_qs), int(DeliveryState::Pending));

        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        // Nobody asks: the reconnect policy and the rooms service bring both back.
        QVERIFY(joined(m_alice.get(), a(), m_room, 30000));
        QVERIFY(joined(m_bob.get(), b(), m_room, 30000));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return stateOf(aliceView, u"written while down"_qs) == int(DeliveryState::Sent) &&
                       countBody(bobView, u"written while down"_qs) == 1;
            },
            15000));
        m_bob->chats().sendMessage(b(), m_room, QStringLiteral("after the restart"));
        QVERIFY(QTest::qWaitFor([&] { return countBody(aliceView, u"after the restart"_qs) == 1; },
                                10000));
        QTest::qWait(800); // room history / archive copies would arrive now
        for (const QString &body :
             {u"before the restart"_qs, u"written while down"_qs, u"after the restart"_qs}) {
            QCOMPARE(countBody(aliceView, body), 1);
            QCOMPARE(countBody(bobView, body), 1);
            QCOMPARE(storedCount(alice, m_room, body), 1);
            QCOMPARE(storedCount(m_bob->account(b()), m_room, body), 1);
        }
        QVERIFY(!joinedWhileDown);
        QVERIFY(!states.isEmpty());
        QCOMPARE(states.first(), RoomState::NotJoined);
        QCOMPARE(states.last(), RoomState::Joined);
        QVERIFY(!states.contains(RoomState::Error));
    }

    void catchUpAfterBeingAwayDeliversEachMessageOnce()
    {
        QAbstractItemModel *aliceView = m_alice->chats().messageModel(a(), m_room);
        const QStringList missed = {u"away 1"_qs, u"away 2"_qs, u"away 3"_qs};
        QVERIFY(away([&] {
            for (const QString &body : missed)
                m_bob->chats().sendMessage(b(), m_room, body);
            QAbstractItemModel *bobView = m_bob->chats().messageModel(b(), m_room);
            QVERIFY(QTest::qWaitFor(
                [&] { return stateOf(bobView, missed.last()) == int(DeliveryState::Sent); },
                10000));
        }));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(missed.cbegin(), missed.cend(),
                                   [&](const QString &m) { return countBody(aliceView, m) == 1; });
            },
            15000));
        QTest::qWait(800);
        for (const QString &body : missed) {
            QCOMPARE(countBody(aliceView, body), 1);
            QCOMPARE(storedCount(m_alice->account(a()), m_room, body), 1);
            QVERIFY(!gapBefore(aliceView, body)); // the archive had all of it
        }
        // In the order they were sent.
        QVERIFY(rowOf(aliceView, missed[0]) < rowOf(aliceView, missed[1]));
        QVERIFY(rowOf(aliceView, missed[1]) < rowOf(aliceView, missed[2]));
    }

    void archiveCatchUpCutShortShowsAGap()
    {
        // 2 pages of 2: seven missed messages are more than one catch-up takes.
        m_alice->account(a())->rooms()->setArchiveCatchUpLimits(2, 2);
        QAbstractItemModel *aliceView = m_alice->chats().messageModel(a(), m_room);
        QStringList missed;
        for (int i = 1; i <= 7; ++i)
            missed << u"gap %1"_qs.arg(i);
        QVERIFY(away([&] {
            QAbstractItemModel *bobView = m_bob->chats().messageModel(b(), m_room);
            for (const QString &body : std::as_const(missed)) {
                m_bob->chats().sendMessage(b(), m_room, body);
                // One at a time, so each has its own archive entry in order.
                QVERIFY(QTest::qWaitFor(
                    [&] { return stateOf(bobView, body) == int(DeliveryState::Sent); }, 10000));
            }
        }));
        // The catch-up took at most 4 archive entries from its cursor, in order, then stopped
        // and recorded a gap. Usually those are "gap 1"–"gap 4"; the cursor (our newest stored
        // room stanza-id in display order) can sit a little earlier when a live message and
        // archived ones (second-precision stamps) share a second, so fewer new ones fit.
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto g = m_alice->account(a())->syncStore().gaps(a(), m_room);
                return xmpp::isOk(g) && !std::get<QList<QDateTime>>(g).isEmpty();
            },
            15000));
        QTest::qWait(800);
        int taken = 0;
        while (taken < missed.size() && countBody(aliceView, missed[taken]) == 1)
            ++taken;
        QVERIFY2(taken >= 1 && taken <= 4, qPrintable(QString::number(taken)));
        for (int i = 0; i < missed.size(); ++i)
            QCOMPARE(countBody(aliceView, missed[i]), i < taken ? 1 : 0);
        auto gaps = m_alice->account(a())->syncStore().gaps(a(), m_room);
        QVERIFY(xmpp::isOk(gaps));
        QCOMPARE(std::get<QList<QDateTime>>(gaps).size(), 1);

        // The next live message sits after the hole: the model marks the gap before it.
        m_bob->chats().sendMessage(b(), m_room, QStringLiteral("after the gap"));
        QVERIFY(
            QTest::qWaitFor([&] { return countBody(aliceView, u"after the gap"_qs) == 1; }, 10000));
        QVERIFY(QTest::qWaitFor([&] { return gapBefore(aliceView, u"after the gap"_qs); }, 5000));
        for (int i = 0; i < taken; ++i)
            QVERIFY(!gapBefore(aliceView, missed[i]));
        m_alice->account(a())->rooms()->setArchiveCatchUpLimits(50, 20);
    }
};

QTEST_GUILESS_MAIN(TestMucLiveness)
#include "tst_mucliveness.moc"
