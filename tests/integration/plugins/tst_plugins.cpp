// SPDX-License-Identifier: GPL-3.0-or-later
// The extension hook (AccountPlugin) end to end against the real Prosody: a test-only plug-in,
// installed through AppSession::addPlugin as omemo/ will be, sees every message of alice's on
// every route it takes in and out, and changes them the way an encryption would: it rewrites
// the stanza (an incoming "sealed:" body is opened in the Decrypt stage, an outgoing body is
// sealed in the Encrypt stage), while alice's own store keeps what she wrote.
//
// Routes in: live 1:1, carbon (alice's other client), our archive's catch-up (written while
// alice was offline; this Prosody has no offline storage, so only the archive has them), room,
// room archive (what was said before alice joined), room private message. Routes out: 1:1,
// room, room private message, an action (a reaction), a standalone chat state.
#include "tests/support/await.h"
#include "tests/support/localprosody.h"
#include "tests/support/sealing.h"
#include "tests/support/sessionlogin.h"

#include "models/roles.h"
#include "services/pipeline/accountplugin.h"
#include "services/pipeline/incomingpipeline.h"
#include "services/pipeline/outgoingpipeline.h"
#include "session/appsession.h"
#include "storage/messagestore.h"
#include "xmpp/client.h"
#include "xmpp/extension.h"
#include "xmpp/namespaces.h"

#include <QAbstractItemModel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;

namespace {
const QString kPassword = QStringLiteral("s3cret-enough");
const QString kFeature = QStringLiteral("urn:parla:test:plugin");

/// A plug-in's stanza handler and feature: answers requests in its own namespace (core's
/// managers consume what they know first; what nobody handles gets service-unavailable).
class SeenExtension : public xmpp::Extension
{
    Q_OBJECT
public:
    bool handleStanza(const xmpp::Element &stanza) override
    {
        if (stanza.name() != u"iq" || stanza.attribute(u"type") != u"get" ||
            stanza.firstChild(u"query", kFeature).isNull())
            return false;
        ++requests;
        client()->sendIqResult(stanza);
        return true;
    }
    QStringList discoFeatures() const override { return {kFeature}; }
    int requests = 0;
};

/// What the plug-in saw, for the test to check.
struct Seen
{
    QList<std::pair<Route, QString>> in;         ///< route, body as it arrived
    QList<std::pair<OutgoingKind, QString>> out; ///< kind, body (empty for actions)
    QStringList accounts;                        ///< install() calls
    SeenExtension *extension = nullptr;
};

class TestPlugin final : public AccountPlugin
{
public:
    explicit TestPlugin(Seen &seen) : m_seen(seen) {}
    QString name() const override { return QStringLiteral("test plug-in"); }
    void install(AccountHooks &account) override
    {
        m_seen.accounts << account.jid();
        Seen *seen = &m_seen;
        account.incoming().addStep(PipelineStage::Decrypt,
                                   [seen](IncomingBatch &batch, std::function<void()> next) {
                                       for (IncomingEnvelope &e : batch) {
                                           seen->in.append({e.route, e.stanza.childText(u"body")});
                                           testing::unseal(e);
                                       }
                                       next();
                                   });
        account.outgoing().addStep(PipelineStage::Encrypt,
                                   [seen](OutgoingEnvelope &e, std::function<void()> next) {
                                       seen->out.append({e.kind, e.stanza.childText(u"body")});
                                       testing::seal(e);
                                       next();
                                   });
        m_seen.extension = new SeenExtension;
        account.addExtension(m_seen.extension);
    }

private:
    Seen &m_seen;
};

int countBody(QAbstractItemModel *model, const QString &body)
{
    int n = 0;
    for (int i = 0; i < model->rowCount(); ++i)
        n += model->index(i, 0).data(models::MessageBodyRole).toString() == body ? 1 : 0;
    return n;
}

std::optional<StoredMessage> stored(AppSession *s, const QString &account, const QString &peer,
                                    const QString &body)
{
    auto page = s->chats().latestMessages(account, peer, 200);
    if (!xmpp::isOk(page))
        return std::nullopt;
    for (const StoredMessage &m : std::get<QList<StoredMessage>>(page)) {
        if (m.body == body)
            return m;
    }
    return std::nullopt;
}

} // namespace

class TestPlugins : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;
    QTemporaryDir m_profiles;
    std::unique_ptr<AppSession> m_alice, m_alicePhone, m_bob;
    Seen m_seen;
    QString m_room;

    QString jid(const QString &user) const { return user + u'@' + m_server.host(); }
    QString a() const { return jid(QStringLiteral("alice")); }
    QString b() const { return jid(QStringLiteral("bob")); }

    bool sawIn(Route route, const QString &body) const
    {
        return m_seen.in.contains(std::pair{route, body});
    }
    QString routesOf(const QString &body) const
    {
        QStringList out;
        for (const auto &[route, b] : m_seen.in) {
            if (b == body)
                out << routeName(route);
        }
        return out.join(u", ");
    }
    /// The plug-in's Encrypt step saw an action after the first `before` outgoing envelopes.
    bool actionSeenSince(qsizetype before) const
    {
        for (qsizetype i = before; i < m_seen.out.size(); ++i) {
            if (m_seen.out.at(i).first == OutgoingKind::Action)
                return true;
        }
        return false;
    }
    bool sawOut(OutgoingKind kind, const QString &body) const
    {
        return m_seen.out.contains(std::pair{kind, body});
    }
    static bool joined(AppSession *s, const QString &account, const QString &room)
    {
        return QTest::qWaitFor(
            [&] { return s->rooms().roomInfo(account, room).state == RoomState::Joined; }, 15000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_profiles.isValid());
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob"})
            QVERIFY(m_server.registerUser(QString::fromLatin1(user), kPassword));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_bob =
            testing::loginSession(m_server, m_profiles.filePath(u"bob"_qs), u"bob"_qs, kPassword);
        QVERIFY(m_bob);
        m_room = u"lab@"_qs + m_server.conferenceHost();
    }

    void archiveCatchUpWhileAliceWasAway()
    {
        // Nobody is alice yet: these land only in her archive (no offline storage here), and in
        // the room's archive.
        m_bob->chats().sendMessage(b(), a(), u"sealed:written while you were away"_qs);
        m_bob->rooms().joinRoom(b(), m_room, QStringLiteral("Bob"), {});
        QVERIFY(joined(m_bob.get(), b(), m_room));
        m_bob->chats().sendMessage(b(), m_room, u"sealed:said before alice came"_qs);
        auto *bobRoom = m_bob->chats().messageModel(b(), m_room);
        QVERIFY(QTest::qWaitFor(
            [&] { return countBody(bobRoom, u"sealed:said before alice came"_qs) == 1; }, 10000));
        const auto sent = stored(m_bob.get(), b(), a(), u"sealed:written while you were away"_qs);
        QVERIFY(sent);
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto m = stored(m_bob.get(), b(), a(), sent->body);
                return m && m->state == DeliveryState::Sent;
            },
            10000));

        // alice's session, with the plug-in added as app/ does it: before any message passes.
        auto alice = std::make_unique<AppSession>(m_profiles.filePath(u"alice"_qs),
                                                  std::make_unique<MemoryPasswordStore>());
        alice->setExtraCaCertificates({m_server.caCertificatePem()});
        alice->addPlugin(std::make_shared<TestPlugin>(m_seen));
        QVERIFY(m_seen.accounts.isEmpty()); // no account yet
        AccountSpec spec;
        spec.jid = a();
        spec.host = testing::LocalProsody::address();
        spec.port = m_server.c2sPort();
        spec.resource = QStringLiteral("desk");
        QVERIFY(testing::await(alice->accounts().addAccount(spec, kPassword)));
        m_alice = std::move(alice);
        QCOMPARE(m_seen.accounts, QStringList{a()}); // installed into the new account

        // Route::Archive: seen sealed, stored opened.
        auto *fromBob = m_alice->chats().messageModel(a(), b());
        QVERIFY(QTest::qWaitFor(
            [&] { return countBody(fromBob, u"written while you were away"_qs) == 1; }, 15000));
        QVERIFY(sawIn(Route::Archive, u"sealed:written while you were away"_qs));
        QVERIFY(!stored(m_alice.get(), a(), b(), u"sealed:written while you were away"_qs));
    }

    void liveAndOutgoingChat()
    {
        auto *fromBob = m_alice->chats().messageModel(a(), b());
        m_bob->chats().sendMessage(b(), a(), u"sealed:hello alice"_qs);
        QVERIFY(QTest::qWaitFor([&] { return countBody(fromBob, u"hello alice"_qs) == 1; }, 10000));
        QVERIFY(sawIn(Route::Live, u"sealed:hello alice"_qs));
        // The plug-in's stanza handler answers in its namespace; its feature is advertised.
        QVERIFY(m_seen.extension);
        xmpp::Client *bob = m_bob->account(b())->client();
        xmpp::Element ask(QStringLiteral("iq"), xmpp::ns::Client);
        ask.setAttribute(QStringLiteral("type"), QStringLiteral("get"))
            .setAttribute(QStringLiteral("to"), a() + u"/desk"_qs);
        ask.appendChild(xmpp::Element(QStringLiteral("query"), kFeature));
        QVERIFY(testing::await(bob->sendIq(ask)));
        QCOMPARE(m_seen.extension->requests, 1);
        xmpp::Element disco(QStringLiteral("iq"), xmpp::ns::Client);
        disco.setAttribute(QStringLiteral("type"), QStringLiteral("get"))
            .setAttribute(QStringLiteral("to"), a() + u"/desk"_qs);
        disco.appendChild(xmpp::Element(QStringLiteral("query"),
                                        QStringLiteral("http://jabber.org/protocol/disco#info")));
        const auto info = testing::await(bob->sendIq(disco));
        QVERIFY(info);
        QVERIFY2(info->toXml().contains(kFeature.toUtf8()), info->toXml().constData());

        // Out: alice stores what she wrote; bob, without the plug-in, gets the sealed stanza.
        m_alice->chats().sendMessage(a(), b(), u"hi bob"_qs);
        auto *bobView = m_bob->chats().messageModel(b(), a());
        QVERIFY(
            QTest::qWaitFor([&] { return countBody(bobView, u"sealed:hi bob"_qs) == 1; }, 10000));
        QVERIFY(sawOut(OutgoingKind::Chat, u"hi bob"_qs));
        const auto mine = stored(m_alice.get(), a(), b(), u"hi bob"_qs);
        QVERIFY(mine && mine->outgoing);
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto m = stored(m_alice.get(), a(), b(), u"hi bob"_qs);
                return m && m->state >= DeliveryState::Sent;
            },
            10000));
    }

    void actionsAndChatStates()
    {
        const auto target = stored(m_alice.get(), a(), b(), u"hello alice"_qs);
        QVERIFY(target);
        const int before = m_seen.out.size();
        m_alice->chats().toggleReaction(a(), target->id, QStringLiteral("👍"));
        QVERIFY(QTest::qWaitFor([&] { return actionSeenSince(before); }, 10000));
        // bob sees the reaction on his message: the action went out.
        auto *bobView = m_bob->chats().messageModel(b(), a());
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (int i = 0; i < bobView->rowCount(); ++i) {
                    const QModelIndex row = bobView->index(i, 0);
                    if (row.data(models::MessageBodyRole).toString() == u"sealed:hello alice" &&
                        !row.data(models::MessageReactionsRole).toList().isEmpty())
                        return true;
                }
                return false;
            },
            10000));
        m_alice->chats().setChatState(a(), b(), xmpp::ChatState::Composing);
        QVERIFY(QTest::qWaitFor([&] { return sawOut(OutgoingKind::Ephemeral, {}); }, 5000));
    }

    void carbonFromAlicesOtherClient()
    {
        m_alicePhone = testing::loginSession(m_server, m_profiles.filePath(u"alice-phone"_qs),
                                             u"alice"_qs, kPassword, u"phone"_qs);
        QVERIFY(m_alicePhone);
        m_alicePhone->chats().sendMessage(a(), b(), u"from my phone"_qs);
        auto *view = m_alice->chats().messageModel(a(), b());
        QVERIFY(QTest::qWaitFor([&] { return countBody(view, u"from my phone"_qs) == 1; }, 10000));
        QVERIFY(sawIn(Route::Carbon, u"from my phone"_qs));
        m_alicePhone.reset();
    }

    void roomRoutes()
    {
        m_alice->rooms().joinRoom(a(), m_room, QStringLiteral("Alice"), {});
        QVERIFY(joined(m_alice.get(), a(), m_room));
        auto *room = m_alice->chats().messageModel(a(), m_room);
        // Said before she came: from the room's archive.
        QVERIFY(QTest::qWaitFor([&] { return countBody(room, u"said before alice came"_qs) == 1; },
                                15000));
        // From the room's archive, or its join history, whichever the join took: the plug-in
        // saw it there.
        QVERIFY2(sawIn(Route::RoomArchive, u"sealed:said before alice came"_qs) ||
                     sawIn(Route::RoomHistory, u"sealed:said before alice came"_qs),
                 qPrintable(routesOf(u"sealed:said before alice came"_qs)));

        m_bob->chats().sendMessage(b(), m_room, u"sealed:welcome alice"_qs);
        QVERIFY(QTest::qWaitFor([&] { return countBody(room, u"welcome alice"_qs) == 1; }, 10000));
        QVERIFY(sawIn(Route::Room, u"sealed:welcome alice"_qs));

        m_alice->chats().sendMessage(a(), m_room, u"thanks all"_qs);
        auto *bobRoom = m_bob->chats().messageModel(b(), m_room);
        QVERIFY(QTest::qWaitFor([&] { return countBody(bobRoom, u"sealed:thanks all"_qs) == 1; },
                                10000));
        QVERIFY(sawOut(OutgoingKind::GroupChat, u"thanks all"_qs));
        // Our own reflection came back sealed and was matched to what alice wrote: one copy.
        QVERIFY(QTest::qWaitFor([&] { return countBody(room, u"thanks all"_qs) == 1; }, 10000));

        // Private messages with an occupant, both ways.
        const QString bobInRoom = m_room + u"/Bob"_qs;
        m_bob->chats().sendMessage(b(), m_room + u"/Alice"_qs, u"sealed:psst"_qs);
        auto *pm = m_alice->chats().messageModel(a(), bobInRoom);
        QVERIFY(QTest::qWaitFor([&] { return countBody(pm, u"psst"_qs) == 1; }, 10000));
        QVERIFY(sawIn(Route::RoomPrivate, u"sealed:psst"_qs));
        m_alice->chats().sendMessage(a(), bobInRoom, u"psst back"_qs);
        QVERIFY(QTest::qWaitFor([&] { return sawOut(OutgoingKind::RoomPrivate, u"psst back"_qs); },
                                10000));
        auto *bobPm = m_bob->chats().messageModel(b(), m_room + u"/Alice"_qs);
        QVERIFY(
            QTest::qWaitFor([&] { return countBody(bobPm, u"sealed:psst back"_qs) == 1; }, 10000));
    }

    void timesFromTheWireAreBounded()
    {
        // A sender's <delay/> naming our server, stamped in the year 2999: not believed (it
        // would stay last in the chat and the conversation list for ever).
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        const QByteArray future =
            "<message xmlns='jabber:client' type='chat' id='t-future' to='" + a().toUtf8() +
            "'><body>from the future</body><delay xmlns='urn:xmpp:delay' from='" +
            m_server.host().toUtf8() + "' stamp='2999-01-01T00:00:00Z'/></message>";
        QVERIFY(!m_bob->account(b())->client()->send(xmpp::Element::fromXml(future)).isEmpty());
        // An occupant back-dating a live room message with the room's name: not history.
        const QByteArray backdated =
            "<message xmlns='jabber:client' type='groupchat' id='t-back' to='" + m_room.toUtf8() +
            "'><body>back-dated</body><delay xmlns='urn:xmpp:delay' from='" + m_room.toUtf8() +
            "' stamp='2001-01-01T00:00:00Z'/></message>";
        QVERIFY(!m_bob->account(b())->client()->send(xmpp::Element::fromXml(backdated)).isEmpty());
        QVERIFY(QTest::qWaitFor(
            [&] {
                return stored(m_alice.get(), a(), b(), u"from the future"_qs) &&
                       stored(m_alice.get(), a(), m_room, u"back-dated"_qs);
            },
            10000));
        const QDateTime after = QDateTime::currentDateTimeUtc().addSecs(1);
        for (const auto &[peer, body] :
             {std::pair{b(), u"from the future"_qs}, std::pair{m_room, u"back-dated"_qs}}) {
            const QDateTime t = stored(m_alice.get(), a(), peer, body)->timestamp;
            QVERIFY2(t >= before && t <= after, qPrintable(body + u' ' + t.toString(Qt::ISODate)));
        }
    }

    void actionsMadeOfflineSurviveARestart()
    {
        QVERIFY(testing::await(m_alice->accounts().disconnectAccount(a())));
        const auto target = stored(m_alice.get(), a(), b(), u"hello alice"_qs);
        QVERIFY(target);
        const int before = m_seen.out.size();
        m_alice->chats().toggleReaction(a(), target->id, QStringLiteral("🎉"));
        // Through Encrypt means Persist has queued it in the outbox (the step calls next at
        // once); quitting now writes what is queued.
        QVERIFY(QTest::qWaitFor([&] { return actionSeenSince(before); }, 5000));
        m_alice.reset(); // Parla quits while offline

        auto passwords = std::make_unique<MemoryPasswordStore>();
        passwords->write(a(), kPassword);
        m_alice =
            std::make_unique<AppSession>(m_profiles.filePath(u"alice"_qs), std::move(passwords));
        m_alice->setExtraCaCertificates({m_server.caCertificatePem()});
        m_seen.accounts.clear();
        m_alice->addPlugin(std::make_shared<TestPlugin>(m_seen));
        QCOMPARE(m_seen.accounts, QStringList{a()}); // into the account loaded from the profile
        m_alice->start();
        auto *bobView = m_bob->chats().messageModel(b(), a());
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (int i = 0; i < bobView->rowCount(); ++i) {
                    const QModelIndex row = bobView->index(i, 0);
                    if (row.data(models::MessageBodyRole).toString() != u"sealed:hello alice")
                        continue;
                    for (const QVariant &r : row.data(models::MessageReactionsRole).toList()) {
                        if (r.toMap().value(QStringLiteral("emoji")).toString() == u"🎉")
                            return true;
                    }
                }
                return false;
            },
            15000));
    }

    void cleanupTestCase()
    {
        m_alice.reset();
        m_bob.reset();
    }
};

QTEST_MAIN(TestPlugins)
#include "tst_plugins.moc"
