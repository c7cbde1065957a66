// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0425 moderation seen by an occupant, against a real Prosody with the moderation fixture
// module: alice (moderator, an AppSession) retracts carol's messages; bob (another AppSession,
// an occupant) shows them as "Removed by a moderator" — live, and after being offline through
// the room's MAM archive (the archived retraction and the §6 tombstone). carol (a bare client)
// also claims a moderation herself: the room relays it from room@service/carol and bob refuses.
// Also XEP-0280 §6 / XEP-0045 §7.5: alice's other client ("phone", a bare client) sends a private
// message to an occupant; its carbon is filed under room@service/nick, not under the room.
// And §10.1.3: cancelling the first configuration of a Custom room leaves no locked room behind.
#include "tests/support/await.h"
#include "tests/support/localprosody.h"
#include "tests/support/sessionlogin.h"

#include "models/messagemodel.h"
#include "models/roles.h"
#include "services/passwordstore.h"
#include "session/appsession.h"
#include "storage/messagestore.h"
#include "xmpp/client.h"
#include "xmpp/xep/xep0045_muc_admin/mucadmin.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;
using namespace parla::xmpp;

namespace {
const QString kPassword = QStringLiteral("s3cret-enough");

using parla::testing::await;

/// Records every stanza a bare client receives.
class Recorder : public Extension
{
    Q_OBJECT
public:
    std::vector<Element> stanzas;
    bool handleStanza(const Element &stanza) override
    {
        stanzas.push_back(stanza);
        return stanza.name() != u"iq";
    }
};
} // namespace

class TestMucModeration : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;
    QTemporaryDir m_profiles;
    std::unique_ptr<AppSession> m_alice;
    std::unique_ptr<AppSession> m_bob;
    std::unique_ptr<Client> m_carol;
    Recorder *m_carolSees = nullptr;
    std::unique_ptr<Client> m_phone; ///< alice's other resource
    Recorder *m_phoneSees = nullptr;

    QString jid(const QString &user) const { return user + u'@' + m_server.host(); }
    QString room() const { return QStringLiteral("tavern@") + m_server.conferenceHost(); }
    QString alice() const { return jid(QStringLiteral("alice")); }
    QString bob() const { return jid(QStringLiteral("bob")); }

    std::unique_ptr<AppSession> login(const QString &user)
    {
        return testing::loginSession(m_server, m_profiles.filePath(user), user, kPassword);
    }

    std::unique_ptr<Client> rawClient(const QString &user, const QString &resource, Recorder *sees)
    {
        auto c = std::make_unique<Client>();
        c->addExtension(sees);
        ConnectionSettings s;
        s.jid = Jid::fromString(jid(user));
        s.password = kPassword;
        s.resource = resource;
        s.host = testing::LocalProsody::address();
        s.port = m_server.c2sPort();
        s.extraCaCertificates = {m_server.caCertificatePem()};
        c->setSettings(s);
        QSignalSpy connected(c.get(), &Client::connected);
        c->connectToServer();
        if (!QTest::qWaitFor([&] { return !connected.isEmpty(); }, 15000))
            return nullptr;
        return c;
    }

    static void enter(Client *client, const QString &occupantJid)
    {
        Element presence(QStringLiteral("presence"), QStringLiteral("jabber:client"));
        presence.setAttribute(QStringLiteral("to"), occupantJid);
        presence.appendChild(Element(QStringLiteral("x"), mucadmin::NsMuc));
        client->send(presence);
    }

    static Element privateMessage(const QString &to, const QString &body)
    {
        Element m(QStringLiteral("message"), QStringLiteral("jabber:client"));
        m.setAttribute(QStringLiteral("to"), to);
        m.setAttribute(QStringLiteral("type"), QStringLiteral("chat"));
        m.setAttribute(QStringLiteral("id"), Client::generateId());
        m.appendTextChild(QStringLiteral("body"), body);
        return m;
    }

    /// The messages of `peer` in alice's store, once one with `body` is there.
    QList<storage::MessageRecord> aliceHas(const QString &peer, const QString &body)
    {
        QList<storage::MessageRecord> out;
        (void)QTest::qWaitFor(
            [&] {
                auto page = m_alice->account(alice())->messages().latest(alice(), peer, 100);
                if (!isOk(page))
                    return false;
                out = std::get<QList<storage::MessageRecord>>(page);
                for (const auto &r : out) {
                    if (r.body == body)
                        return true;
                }
                return false;
            },
            15000);
        return out;
    }

    void carolSends(const Element &payload, const QString &body = {})
    {
        Element message(QStringLiteral("message"), QStringLiteral("jabber:client"));
        message.setAttribute(QStringLiteral("to"), room());
        message.setAttribute(QStringLiteral("type"), QStringLiteral("groupchat"));
        message.setAttribute(QStringLiteral("id"), Client::generateId());
        if (!body.isEmpty())
            message.appendTextChild(QStringLiteral("body"), body);
        if (!payload.isNull())
            message.appendChild(payload);
        m_carol->send(message);
    }

    /// The newest stored message of the room with `body` in `session`'s store, once it is there.
    std::optional<storage::MessageRecord> stored(AppSession *session, const QString &account,
                                                 const QString &body)
    {
        std::optional<storage::MessageRecord> found;
        (void)QTest::qWaitFor(
            [&] {
                auto page = session->account(account)->messages().latest(account, room(), 100);
                if (!isOk(page))
                    return false;
                for (const auto &r : std::get<QList<storage::MessageRecord>>(page)) {
                    if (r.body == body)
                        found = r;
                }
                return found.has_value();
            },
            15000);
        return found;
    }

    storage::MessageRecord reread(AppSession *session, const QString &account, qint64 id)
    {
        auto r = session->account(account)->messages().message(id);
        return isOk(r) && std::get<std::optional<storage::MessageRecord>>(r)
                   ? *std::get<std::optional<storage::MessageRecord>>(r)
                   : storage::MessageRecord{};
    }

    bool moderatedIn(AppSession *session, const QString &account, qint64 id)
    {
        return QTest::qWaitFor([&] { return reread(session, account, id).moderated; }, 15000);
    }

    bool roomJoined(AppSession *session, const QString &account)
    {
        return QTest::qWaitFor(
            [&] { return session->rooms().roomInfo(account, room()).state == RoomState::Joined; },
            15000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_profiles.isValid());
        testing::LocalProsodyOptions options;
        options.mucModeration = true;
        QVERIFY2(m_server.prepare(options), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob", "carol"})
            QVERIFY(m_server.registerUser(QString::fromLatin1(user), kPassword));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_alice = login(QStringLiteral("alice"));
        QVERIFY(m_alice);
        m_bob = login(QStringLiteral("bob"));
        QVERIFY(m_bob);

        m_carolSees = new Recorder;
        m_carol = rawClient(QStringLiteral("carol"), QStringLiteral("raw"), m_carolSees);
        QVERIFY(m_carol);
        m_phoneSees = new Recorder;
        m_phone = rawClient(QStringLiteral("alice"), QStringLiteral("phone"), m_phoneSees);
        QVERIFY(m_phone);

        // alice owns a persistent public room (archived); bob and carol are participants.
        QVERIFY(await(m_alice->rooms().createRoom(alice(), room(), QStringLiteral("alice"),
                                                  RoomPreset::PublicChannel)));
        QVERIFY(roomJoined(m_alice.get(), alice()));
        m_bob->rooms().joinRoom(bob(), room(), QStringLiteral("bob"), {});
        QVERIFY(roomJoined(m_bob.get(), bob()));
        enter(m_carol.get(), room() + QStringLiteral("/carol"));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_bob->rooms().occupantModel(bob(), room())->rowCount() == 3; }, 15000));
    }

    void cleanupTestCase()
    {
        if (m_carol)
            m_carol->disconnectFromServer();
        if (m_phone)
            m_phone->disconnectFromServer();
    }

    void privateMessageCarbonsAreFiledUnderTheOccupant()
    {
        // The phone also enters the room (another nick: no multi-session nick needed) and
        // writes to bob privately. Without the §7.5 <x/> marker (with it Prosody 0.12 copies
        // nothing): desk knows the room, so the carbon is the conversation room@service/bob.
        const QString toBob = room() + QStringLiteral("/bob");
        enter(m_phone.get(), room() + QStringLiteral("/alice-phone"));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_bob->rooms().occupantModel(bob(), room())->rowCount() == 4; }, 15000));
        m_phone->send(privateMessage(toBob, QStringLiteral("psst, bob")));
        const auto pm = aliceHas(toBob, QStringLiteral("psst, bob"));
        QCOMPARE(pm.size(), 1);
        QVERIFY(pm.first().outgoing);
        QCOMPARE(pm.first().kind, storage::ConversationKind::Chat);
        // Not in the room's conversation, nor a conversation with the bare room.
        const auto inRoom = m_alice->account(alice())->messages().latest(alice(), room(), 100);
        QVERIFY(isOk(inRoom));
        for (const auto &r : std::get<QList<storage::MessageRecord>>(inRoom))
            QVERIFY(r.body != u"psst, bob");
    }

    void cancellingACustomRoomLeavesNoLockedRoom()
    {
        const QString lab = QStringLiteral("lab@") + m_server.conferenceHost();
        QVERIFY(await(m_alice->rooms().createRoom(alice(), lab, QStringLiteral("alice"),
                                                  RoomPreset::Custom)));
        // Locked (§10.1.1): nobody else may enter while it waits for its configuration.
        auto carolEnters = [&] {
            const size_t mark = m_carolSees->stanzas.size();
            enter(m_carol.get(), lab + QStringLiteral("/carol"));
            std::optional<Element> answer;
            (void)QTest::qWaitFor(
                [&] {
                    for (size_t i = mark; i < m_carolSees->stanzas.size(); ++i) {
                        const Element &e = m_carolSees->stanzas[i];
                        if (e.name() == u"presence" &&
                            e.attribute(u"from") == lab + QStringLiteral("/carol")) {
                            answer = e;
                            return true;
                        }
                    }
                    return false;
                },
                15000);
            return answer;
        };
        const auto refused = carolEnters();
        QVERIFY(refused);
        QCOMPARE(refused->attribute(u"type"), QStringLiteral("error"));

        QVERIFY(await(m_alice->rooms().cancelRoomConfiguration(alice(), lab)));
        QCOMPARE(m_alice->rooms().roomInfo(alice(), lab).state, RoomState::NotJoined);
        // The room is gone for its owner (asked after the leave, on the same stream)…
        QVERIFY(!await(m_alice->rooms().roomConfiguration(alice(), lab)));
        // … and whoever enters the address next creates a new room (status 201).
        const auto entered = carolEnters();
        QVERIFY(entered);
        QVERIFY(entered->attribute(u"type") != u"error");
        bool created = false;
        const Element x = entered->firstChild(u"x", mucadmin::NsMucUser);
        for (const Element &status : x.childrenNamed(u"status", mucadmin::NsMucUser))
            created = created || status.attribute(u"code") == u"201";
        QVERIFY(created);
    }

    void liveModerationIsShownAndOccupantClaimsAreNot()
    {
        carolSends({}, QStringLiteral("buy magic potions"));
        const auto bobs = stored(m_bob.get(), bob(), QStringLiteral("buy magic potions"));
        const auto alices = stored(m_alice.get(), alice(), QStringLiteral("buy magic potions"));
        QVERIFY(bobs && alices);
        QCOMPARE(bobs->stanzaIdBy, room());
        QVERIFY(!bobs->stanzaId.isEmpty());

        // carol claims a moderation of her own message: the room relays it from
        // room@service/carol, which is no moderation (XEP-0425 §7) — nor her retraction.
        Element retract(QStringLiteral("retract"), mucadmin::NsRetract);
        retract.setAttribute(QStringLiteral("id"), bobs->stanzaId);
        Element moderated(QStringLiteral("moderated"), mucadmin::NsModerate);
        moderated.setAttribute(QStringLiteral("by"), room() + QStringLiteral("/alice"));
        retract.appendChild(moderated);
        carolSends(retract);
        // A message after it: once bob stored it, he had handled the claim (stream order).
        carolSends({}, QStringLiteral("just kidding"));
        QVERIFY(stored(m_bob.get(), bob(), QStringLiteral("just kidding")));
        storage::MessageRecord untouched = reread(m_bob.get(), bob(), bobs->id);
        QCOMPARE(untouched.body, QStringLiteral("buy magic potions"));
        QVERIFY(!untouched.retracted && !untouched.moderated);

        // alice, a moderator, retracts it: bob's copy becomes the tombstone with the reason.
        QVERIFY(
            await(m_alice->rooms().moderateMessage(alice(), alices->id, QStringLiteral("spam"))));
        QVERIFY(moderatedIn(m_bob.get(), bob(), bobs->id));
        const storage::MessageRecord gone = reread(m_bob.get(), bob(), bobs->id);
        QVERIFY(gone.retracted && gone.body.isEmpty());
        QCOMPARE(gone.moderationReason, QStringLiteral("spam"));
        QVERIFY(moderatedIn(m_alice.get(), alice(), alices->id));

        models::MessageModel model(m_bob->account(bob()), room());
        bool seen = false;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex i = model.index(row, 0);
            if (i.data(models::MessageIdRole).toLongLong() != bobs->id)
                continue;
            seen = true;
            QVERIFY(i.data(models::MessageModeratedRole).toBool());
            QCOMPARE(i.data(models::MessageBodyRole).toString(),
                     QStringLiteral("Removed by a moderator: spam"));
        }
        QVERIFY(seen);
    }

    void moderationWhileOfflineArrivesThroughTheRoomArchive()
    {
        carolSends({}, QStringLiteral("seen before leaving"));
        const auto seen = stored(m_bob.get(), bob(), QStringLiteral("seen before leaving"));
        QVERIFY(seen);
        m_bob->accounts().setAccountEnabled(bob(), false);
        QVERIFY(QTest::qWaitFor(
            [&] { return m_bob->account(bob())->state() == ConnectionState::Disconnected; },
            15000));

        // While bob is away: a new message, and both moderated (with reasons).
        carolSends({}, QStringLiteral("never seen by bob"));
        const auto unseen = stored(m_alice.get(), alice(), QStringLiteral("never seen by bob"));
        const auto seenByAlice =
            stored(m_alice.get(), alice(), QStringLiteral("seen before leaving"));
        QVERIFY(unseen && seenByAlice);
        QVERIFY(await(
            m_alice->rooms().moderateMessage(alice(), seenByAlice->id, QStringLiteral("old"))));
        QVERIFY(
            await(m_alice->rooms().moderateMessage(alice(), unseen->id, QStringLiteral("again"))));

        // bob comes back: the catch-up after his newest stanza-id brings the tombstone of the
        // message he never saw and the archived retraction of the one he had.
        m_bob->accounts().setAccountEnabled(bob(), true);
        QVERIFY(roomJoined(m_bob.get(), bob()));
        QVERIFY(moderatedIn(m_bob.get(), bob(), seen->id));
        QCOMPARE(reread(m_bob.get(), bob(), seen->id).moderationReason, QStringLiteral("old"));
        QVERIFY(reread(m_bob.get(), bob(), seen->id).body.isEmpty());
        std::optional<storage::MessageRecord> tomb;
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto page = m_bob->account(bob())->messages().latest(bob(), room(), 100);
                if (!isOk(page))
                    return false;
                for (const auto &r : std::get<QList<storage::MessageRecord>>(page)) {
                    if (r.stanzaId == unseen->stanzaId)
                        tomb = r;
                }
                return tomb.has_value() && tomb->moderated;
            },
            15000));
        QVERIFY(tomb->retracted && tomb->body.isEmpty());
        QCOMPARE(tomb->moderationReason, QStringLiteral("again"));
        QCOMPARE(tomb->senderJid, room() + QStringLiteral("/carol"));
    }
};

QTEST_GUILESS_MAIN(TestMucModeration)
#include "tst_mucmoderation.moc"
