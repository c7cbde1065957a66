// SPDX-License-Identifier: GPL-3.0-or-later
// Group chat (XEP-0045) end to end against the real Prosody with three accounts: alice creates
// an instant room, bob and carol join; they talk (every message once, ours Sent only when the
// room reflects it), see each other with the right roles, change nicks (occupant-id kept),
// send private messages, invite (mediated, direct, decline), get kicked and banned, send
// while not joined, catch up from the room's archive — and forged stanzas change nothing.
#include "tests/support/await.h"
#include "tests/support/localprosody.h"
#include "tests/support/sessionlogin.h"

#include "models/occupantmodel.h"
#include "models/roles.h"
#include "services/passwordstore.h"
#include "services/rooms.h"
#include "session/appsession.h"
#include "storage/messagestore.h"

#include <QAbstractItemModel>
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;

namespace {
const QString kPassword = QStringLiteral("s3cret-enough");

using parla::testing::await;

int countBody(QAbstractItemModel *model, const QString &body)
{
    int n = 0;
    for (int i = 0; i < model->rowCount(); ++i)
        n += model->index(i, 0).data(models::MessageBodyRole).toString() == body ? 1 : 0;
    return n;
}

int stateOf(QAbstractItemModel *model, const QString &body)
{
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->index(i, 0).data(models::MessageBodyRole).toString() == body)
            return model->index(i, 0).data(models::MessageStateRole).toInt();
    }
    return -1;
}

QStringList nicks(QAbstractItemModel *model)
{
    QStringList out;
    for (int i = 0; i < model->rowCount(); ++i)
        out << model->index(i, 0).data(models::OccupantNickRole).toString();
    return out;
}

std::optional<storage::MessageRecord> stored(Account *a, const QString &peer, const QString &body)
{
    auto page = a->messages().latest(a->jid(), peer, 200);
    if (!xmpp::isOk(page))
        return std::nullopt;
    for (const auto &r : std::get<QList<storage::MessageRecord>>(page)) {
        if (r.body == body)
            return r;
    }
    return std::nullopt;
}
} // namespace

class TestMuc : public QObject
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

    static bool joined(AppSession *s, const QString &account, const QString &room)
    {
        const bool ok = QTest::qWaitFor(
            [&] { return s->rooms().roomInfo(account, room).state == RoomState::Joined; }, 15000);
        if (!ok)
            qWarning() << account << "not joined:" << int(s->rooms().roomInfo(account, room).state)
                       << s->rooms().roomInfo(account, room).errorText;
        return ok;
    }

    QString occupantIdOf(AppSession *s, const QString &account, const QString &nick)
    {
        Room *r = s->account(account)->rooms()->room(m_room);
        return r && r->occupants().contains(nick) ? r->occupants().value(nick).occupant.occupantId
                                                  : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_profiles.isValid());
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob", "carol"})
            QVERIFY(m_server.registerUser(QString::fromLatin1(user), kPassword));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_alice = login(QStringLiteral("alice"));
        m_bob = login(QStringLiteral("bob"));
        m_carol = login(QStringLiteral("carol"));
        QVERIFY(m_alice && m_bob && m_carol);
        m_room = u"coven@"_qs + m_server.conferenceHost();
    }

    void createJoinAndTalk()
    {
        // alice creates the room (instant: status 201 → empty owner form) and is its owner.
        QSignalSpy created(m_alice->account(a())->rooms(), &RoomManager::roomCreated);
        m_alice->rooms().joinRoom(a(), m_room, QStringLiteral("Alice"), {});
        QVERIFY(joined(m_alice.get(), a(), m_room));
        QCOMPARE(created.size(), 1);
        QCOMPARE(m_alice->rooms().roomInfo(a(), m_room).affiliation, RoomAffiliation::Owner);
        QCOMPARE(m_alice->rooms().roomInfo(a(), m_room).role, RoomRole::Moderator);
        m_bob->rooms().joinRoom(b(), m_room, QStringLiteral("Bob"), {});
        m_carol->rooms().joinRoom(c(), m_room, QStringLiteral("carol"), {});
        QVERIFY(joined(m_bob.get(), b(), m_room));
        QVERIFY(joined(m_carol.get(), c(), m_room));

        auto *occupants = m_alice->rooms().occupantModel(a(), m_room);
        QVERIFY(occupants);
        QAbstractItemModelTester tester(occupants);
        QVERIFY(QTest::qWaitFor([&] { return occupants->rowCount() == 3; }, 10000));
        // Moderators first, then by nick.
        QCOMPARE(nicks(occupants), (QStringList{u"Alice"_qs, u"Bob"_qs, u"carol"_qs}));
        QCOMPARE(occupants->index(0, 0).data(models::OccupantRoleRole).toInt(),
                 int(RoomRole::Moderator));
        QCOMPARE(occupants->index(1, 0).data(models::OccupantRoleRole).toInt(),
                 int(RoomRole::Participant));
        QVERIFY(occupants->index(0, 0).data(models::OccupantIsSelfRole).toBool());
        // Prosody assigns XEP-0421 ids.
        QVERIFY(!occupants->index(1, 0).data(models::OccupantIdRole).toString().isEmpty());

        auto *aliceView = m_alice->chats().messageModel(a(), m_room);
        auto *bobView = m_bob->chats().messageModel(b(), m_room);
        auto *carolView = m_carol->chats().messageModel(c(), m_room);
        m_alice->chats().sendMessage(a(), m_room, QStringLiteral("Welcome to the coven"));
        m_bob->chats().sendMessage(b(), m_room,
                                   QStringLiteral("Thrice the brinded cat hath mew'd"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return countBody(bobView, u"Welcome to the coven"_qs) == 1 &&
                       countBody(carolView, u"Thrice the brinded cat hath mew'd"_qs) == 1 &&
                       countBody(aliceView, u"Thrice the brinded cat hath mew'd"_qs) == 1;
            },
            10000));
        // Our own message: once, and Sent because the room reflected it.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return stateOf(aliceView, u"Welcome to the coven"_qs) == int(DeliveryState::Sent);
            },
            10000));
        QTest::qWait(300);
        QCOMPARE(countBody(aliceView, u"Welcome to the coven"_qs), 1);
        QCOMPARE(countBody(bobView, u"Welcome to the coven"_qs), 1);
        const auto record = stored(m_bob->account(b()), m_room, u"Welcome to the coven"_qs);
        QVERIFY(record);
        QCOMPARE(record->kind, storage::ConversationKind::GroupChat);
        QCOMPARE(record->senderJid, m_room + u"/Alice"_qs);
        QVERIFY(!record->outgoing);
        QVERIFY(!record->occupantId.isEmpty());
        QCOMPARE(stored(m_alice->account(a()), m_room, u"Welcome to the coven"_qs)->outgoing, true);
    }

    void mentionsNotifyOthersDoNot()
    {
        QSignalSpy notified(&m_carol->chats(), &ChatsApi::messageNotified);
        m_bob->chats().sendMessage(b(), m_room, QStringLiteral("just chatting"));
        m_bob->chats().sendMessage(b(), m_room, QStringLiteral("carol: your turn"));
        QVERIFY(QTest::qWaitFor([&] { return notified.size() >= 1; }, 10000));
        QTest::qWait(300);
        QCOMPARE(notified.size(), 1);
        QCOMPARE(notified.at(0).at(3).toString(), u"carol: your turn"_qs);
    }

    void nickChangeKeepsTheOccupant()
    {
        const QString before = occupantIdOf(m_bob.get(), b(), u"carol"_qs);
        QVERIFY(!before.isEmpty());
        m_carol->rooms().changeNick(c(), m_room, QStringLiteral("Caroline"));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_carol->rooms().roomInfo(c(), m_room).nick == u"Caroline"_qs; }, 10000));
        QVERIFY(QTest::qWaitFor(
            [&] { return !occupantIdOf(m_bob.get(), b(), u"Caroline"_qs).isEmpty(); }, 10000));
        QCOMPARE(occupantIdOf(m_bob.get(), b(), u"Caroline"_qs), before);
        QVERIFY(occupantIdOf(m_bob.get(), b(), u"carol"_qs).isEmpty());
        QCOMPARE(m_carol->rooms().roomInfo(c(), m_room).state, RoomState::Joined);
    }

    void privateMessage()
    {
        const QString toCarol = m_room + u"/Caroline"_qs;
        const QString fromBob = m_room + u"/Bob"_qs;
        m_bob->chats().sendMessage(b(), toCarol, QStringLiteral("psst, Caroline"));
        auto *carolPm = m_carol->chats().messageModel(c(), fromBob);
        QVERIFY(
            QTest::qWaitFor([&] { return countBody(carolPm, u"psst, Caroline"_qs) == 1; }, 10000));
        const auto record = stored(m_carol->account(c()), fromBob, u"psst, Caroline"_qs);
        QVERIFY(record);
        QCOMPARE(record->kind, storage::ConversationKind::Chat);
        // Not in the room's conversation.
        QVERIFY(!stored(m_carol->account(c()), m_room, u"psst, Caroline"_qs));
        const auto mine = stored(m_bob->account(b()), toCarol, u"psst, Caroline"_qs);
        QVERIFY(mine && mine->outgoing);
    }

    void invitations()
    {
        // Mediated (bob has no caps showing XEP-0249 to alice: not her contact).
        QSignalSpy invited(&m_bob->rooms(), &RoomsApi::invitationReceived);
        m_alice->rooms().inviteToRoom(a(), m_room, b(), QStringLiteral("come in"));
        QVERIFY(QTest::qWaitFor([&] { return invited.size() == 1; }, 10000));
        auto invitation = invited.at(0).at(1).value<RoomInvitation>();
        QCOMPARE(invitation.room, m_room);
        // The room is semi-anonymous: it names the inviter by occupant JID, not real JID.
        QCOMPARE(invitation.inviter, m_room + u"/Alice"_qs);
        QCOMPARE(invitation.reason, u"come in"_qs);
        QVERIFY(!invitation.direct);
        // The decline reaches alice through the room.
        QSignalSpy declined(m_alice->account(a())->rooms(), &RoomManager::declineReceived);
        m_bob->rooms().declineInvitation(b(), invitation, QStringLiteral("busy"));
        QVERIFY(QTest::qWaitFor([&] { return declined.size() == 1; }, 10000));
        QCOMPARE(declined.at(0).at(1).toString(), b());
        QCOMPARE(declined.at(0).at(2).toString(), u"busy"_qs);
        // Direct (XEP-0249).
        m_alice->account(a())->rooms()->invite(m_room, b(), QStringLiteral("direct"), true);
        QVERIFY(QTest::qWaitFor([&] { return invited.size() == 2; }, 10000));
        invitation = invited.at(1).at(1).value<RoomInvitation>();
        QVERIFY(invitation.direct);
        QCOMPARE(invitation.inviter, a());
        QCOMPARE(invitation.room, m_room);
    }

    void forgedStanzasChangeNothing()
    {
        auto *bobView = m_bob->chats().messageModel(b(), m_room);
        const auto original =
            stored(m_bob->account(b()), m_room, u"Thrice the brinded cat hath mew'd"_qs);
        QVERIFY(original);
        // carol claims alice's real JID inside her message, and corrects bob's message.
        QVERIFY(xmpp::isOk(m_carol->accounts().sendRawXml(
            c(), u"<message to='%1' type='groupchat' id='forge1'><body>I am alice</body>"
                 "<x xmlns='http://jabber.org/protocol/muc#user'><item jid='%2/desk' "
                 "affiliation='owner'/></x></message>"_qs.arg(m_room, a()))));
        QVERIFY(xmpp::isOk(m_carol->accounts().sendRawXml(
            c(), u"<message to='%1' type='groupchat' id='forge2'><body>bob says hacked</body>"
                 "<replace xmlns='urn:xmpp:message-correct:0' id='%2'/></message>"_qs.arg(
                     m_room, original->messageId))));
        m_carol->chats().sendMessage(c(), m_room, QStringLiteral("sentinel"));
        QVERIFY(QTest::qWaitFor([&] { return countBody(bobView, u"sentinel"_qs) == 1; }, 10000));
        const auto forged = stored(m_bob->account(b()), m_room, u"I am alice"_qs);
        QVERIFY(forged);
        QCOMPARE(forged->senderJid, m_room + u"/Caroline"_qs);
        QVERIFY(!forged->outgoing);
        const auto after =
            stored(m_bob->account(b()), m_room, u"Thrice the brinded cat hath mew'd"_qs);
        QVERIFY(after);
        QVERIFY(!after->edited);
        QVERIFY(!stored(m_bob->account(b()), m_room, u"bob says hacked"_qs));
        // bob's own correction of his message is applied everywhere.
        m_bob->chats().correctMessage(b(), original->id,
                                      QStringLiteral("Thrice and once the hedge-pig whined"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto r = stored(m_alice->account(a()), m_room,
                                      u"Thrice and once the hedge-pig whined"_qs);
                return r && r->edited;
            },
            10000));
    }

    void pendingWhileNotJoinedThenCatchUp()
    {
        m_carol->rooms().leaveRoom(c(), m_room);
        QCOMPARE(m_carol->rooms().roomInfo(c(), m_room).state, RoomState::NotJoined);
        auto *carolView = m_carol->chats().messageModel(c(), m_room);
        m_carol->chats().sendMessage(c(), m_room, QStringLiteral("written while away"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return stateOf(carolView, u"written while away"_qs) == int(DeliveryState::Pending);
            },
            5000));
        // Meanwhile bob talks: carol catches up from the room's archive, once, in order.
        auto *bobView = m_bob->chats().messageModel(b(), m_room);
        for (int i = 1; i <= 3; ++i)
            m_bob->chats().sendMessage(b(), m_room, u"missed %1"_qs.arg(i));
        QVERIFY(QTest::qWaitFor([&] { return countBody(bobView, u"missed 3"_qs) == 1; }, 10000));
        QTest::qWait(300);
        QCOMPARE(countBody(bobView, u"written while away"_qs), 0); // never sent before joining
        QSignalSpy archived(m_carol->account(c()), &Account::messagesStored);
        m_carol->rooms().joinRoom(c(), m_room, QStringLiteral("Caroline"), {});
        QVERIFY(joined(m_carol.get(), c(), m_room));
        QVERIFY(QTest::qWaitFor([&] { return countBody(bobView, u"written while away"_qs) == 1; },
                                10000));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return stateOf(carolView, u"written while away"_qs) == int(DeliveryState::Sent);
            },
            10000));
        QVERIFY(QTest::qWaitFor([&] { return countBody(carolView, u"missed 3"_qs) == 1; }, 10000));
        QTest::qWait(500);
        QStringList order;
        for (int i = 0; i < carolView->rowCount(); ++i) {
            const QString body = carolView->index(i, 0).data(models::MessageBodyRole).toString();
            if (body.startsWith(u"missed "))
                order << body;
        }
        QCOMPARE(order, (QStringList{u"missed 1"_qs, u"missed 2"_qs, u"missed 3"_qs}));
        // They came from the room's archive (XEP-0313 on the room JID, after our newest room
        // stanza-id), not from the join history, which a room with an archive is asked to skip.
        QStringList fromArchive;
        for (const auto &args : archived) {
            if (args.at(1).value<services::Route>() != services::Route::RoomArchive)
                continue;
            for (const auto &r : args.at(0).value<QList<storage::MessageRecord>>())
                fromArchive << r.body;
        }
        QCOMPARE(fromArchive, (QStringList{u"missed 1"_qs, u"missed 2"_qs, u"missed 3"_qs}));
        QCOMPARE(countBody(carolView, u"written while away"_qs), 1);
        QCOMPARE(countBody(carolView, u"Welcome to the coven"_qs), 1);
    }

    // What we send right after joining (a message written while away, after what we missed)
    // comes back from the room with a new room stanza-id before the room's catch-up starts:
    // the catch-up still starts where we were when the join went out, not after that.
    void catchUpStartsWhereTheJoinFoundUs()
    {
        m_carol->rooms().leaveRoom(c(), m_room);
        auto *bobView = m_bob->chats().messageModel(b(), m_room);
        for (int i = 1; i <= 3; ++i)
            m_bob->chats().sendMessage(b(), m_room, u"away %1"_qs.arg(i));
        QVERIFY(QTest::qWaitFor([&] { return countBody(bobView, u"away 3"_qs) == 1; }, 10000));
        QTest::qWait(1100); // a later second: carol's message is the newest she has
        auto *carolView = m_carol->chats().messageModel(c(), m_room);
        m_carol->chats().sendMessage(c(), m_room, QStringLiteral("back soon"));
        m_carol->rooms().joinRoom(c(), m_room, QStringLiteral("Caroline"), {});
        QVERIFY(joined(m_carol.get(), c(), m_room));
        QVERIFY(QTest::qWaitFor(
            [&] { return stateOf(carolView, u"back soon"_qs) == int(DeliveryState::Sent); },
            10000));
        QVERIFY(QTest::qWaitFor([&] { return countBody(carolView, u"away 3"_qs) == 1; }, 10000));
        QCOMPARE(countBody(carolView, u"away 1"_qs), 1);
        QCOMPARE(countBody(carolView, u"away 2"_qs), 1);
        QCOMPARE(countBody(carolView, u"back soon"_qs), 1);
    }

    void modelRolesForRooms()
    {
        auto *carolView = m_carol->chats().messageModel(c(), m_room);
        m_bob->chats().sendMessage(b(), m_room, QStringLiteral("Caroline, look"));
        QVERIFY(QTest::qWaitFor([&] { return countBody(carolView, u"Caroline, look"_qs) == 1; },
                                10000));
        for (int i = 0; i < carolView->rowCount(); ++i) {
            const QModelIndex idx = carolView->index(i, 0);
            const QString body = idx.data(models::MessageBodyRole).toString();
            if (body == u"Caroline, look") {
                QCOMPARE(idx.data(models::MessageSenderNickRole).toString(), u"Bob"_qs);
                QCOMPARE(idx.data(models::MessageSenderRole).toString(), u"Bob"_qs);
                QVERIFY(idx.data(models::MessageMentionsMeRole).toBool());
                QVERIFY(!idx.data(models::MessageOccupantIdRole).toString().isEmpty());
            } else if (body == u"missed 1") {
                QVERIFY(!idx.data(models::MessageMentionsMeRole).toBool());
            }
        }
        auto *conversations = m_carol->chats().conversationModel();
        bool found = false;
        for (int i = 0; i < conversations->rowCount(); ++i) {
            const QModelIndex idx = conversations->index(i, 0);
            if (idx.data(models::ConversationPeerRole).toString() != m_room)
                continue;
            found = true;
            QCOMPARE(idx.data(models::ConversationKindRole).toInt(),
                     int(storage::ConversationKind::GroupChat));
            QCOMPARE(idx.data(models::ConversationRoomStateRole).toInt(), int(RoomState::Joined));
            QCOMPARE(idx.data(models::ConversationTitleRole).toString(), u"coven"_qs);
        }
        QVERIFY(found);
    }

    void reconnectRejoins()
    {
        // A new session (no stream resumption): the room is NotJoined while we are away, never
        // "joined" while we cannot hear it, and entered again once connected.
        Account *alice = m_alice->account(a());
        alice->disconnectAccount();
        QVERIFY(QTest::qWaitFor(
            [&] { return m_alice->rooms().roomInfo(a(), m_room).state == RoomState::NotJoined; },
            5000));
        alice->connectAccount(kPassword);
        QVERIFY(joined(m_alice.get(), a(), m_room));
        auto *aliceView = m_alice->chats().messageModel(a(), m_room);
        m_bob->chats().sendMessage(b(), m_room, QStringLiteral("welcome back"));
        QVERIFY(
            QTest::qWaitFor([&] { return countBody(aliceView, u"welcome back"_qs) == 1; }, 10000));
        QCOMPARE(m_alice->rooms().roomInfo(a(), m_room).affiliation, RoomAffiliation::Owner);
    }

    void kickAndBan()
    {
        QVERIFY(xmpp::isOk(m_alice->accounts().sendRawXml(
            a(), u"<iq type='set' to='%1' id='kick1'><query xmlns='http://jabber.org/protocol/"
                 "muc#admin'><item nick='Bob' role='none'><reason>Avaunt!</reason></item>"
                 "</query></iq>"_qs.arg(m_room))));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_bob->rooms().roomInfo(b(), m_room).state == RoomState::Kicked; },
            10000));
        QVERIFY(m_bob->rooms().roomInfo(b(), m_room).errorText.contains(u"Avaunt!"));
        auto *occupants = m_alice->rooms().occupantModel(a(), m_room);
        QVERIFY(QTest::qWaitFor([&] { return !nicks(occupants).contains(u"Bob"_qs); }, 5000));

        QVERIFY(xmpp::isOk(m_alice->accounts().sendRawXml(
            a(), u"<iq type='set' to='%1' id='ban1'><query xmlns='http://jabber.org/protocol/"
                 "muc#admin'><item jid='%2' affiliation='outcast'><reason>Begone</reason></item>"
                 "</query></iq>"_qs.arg(m_room, c()))));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_carol->rooms().roomInfo(c(), m_room).state == RoomState::Banned; },
            10000));
        // Entering again is refused in plain words.
        m_carol->rooms().joinRoom(c(), m_room, QStringLiteral("Caroline"), {});
        QVERIFY(QTest::qWaitFor(
            [&] { return m_carol->rooms().roomInfo(c(), m_room).state == RoomState::Error; },
            10000));
        QVERIFY(m_carol->rooms().roomInfo(c(), m_room).errorText.contains(u"banned"));
    }

    void cleanupTestCase()
    {
        m_alice.reset();
        m_bob.reset();
        m_carol.reset();
        m_server.stop();
    }
};

QTEST_GUILESS_MAIN(TestMuc)
#include "tst_muc.moc"
