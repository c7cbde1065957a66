// SPDX-License-Identifier: GPL-3.0-or-later
// The application core (AppSession, Account, stores, models) against a real Prosody:
// registration, subscriptions, messages both ways, a cut connection, offline queueing,
// restart with history — and that no message is lost or shown twice.
#include "tests/support/await.h"
#include "tests/support/localprosody.h"
#include "tests/support/tcprelay.h"

#include "models/roles.h"
#include "services/historysync.h"
#include "services/passwordstore.h"
#include "session/appsession.h"
#include "storage/messagestore.h"
#include "xmpp/client.h"

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

QStringList bodies(QAbstractItemModel *model)
{
    QStringList out;
    for (int i = 0; i < model->rowCount(); ++i)
        out << model->index(i, 0).data(models::MessageBodyRole).toString();
    return out;
}

/// Sent, or further along (a receipt may already have made it Delivered).
bool reachedServer(int state)
{
    return state == int(DeliveryState::Sent) || state == int(DeliveryState::Delivered) ||
           state == int(DeliveryState::Read);
}

int stateOf(QAbstractItemModel *model, const QString &body)
{
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->index(i, 0).data(models::MessageBodyRole).toString() == body)
            return model->index(i, 0).data(models::MessageStateRole).toInt();
    }
    return -1;
}
} // namespace

class TestSession : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;
    QTemporaryDir m_profiles;

    std::unique_ptr<AppSession> makeSession(const QString &name)
    {
        auto s = std::make_unique<AppSession>(m_profiles.filePath(name),
                                              std::make_unique<MemoryPasswordStore>());
        s->setExtraCaCertificates({m_server.caCertificatePem()});
        return s;
    }

    AccountSpec spec(const QString &user, quint16 port = 0) const
    {
        AccountSpec s;
        s.jid = user + u'@' + m_server.host();
        s.host = testing::LocalProsody::address();
        s.port = port ? port : m_server.c2sPort();
        s.resource = QStringLiteral("desk");
        return s;
    }

    QString jid(const QString &user) const { return user + u'@' + m_server.host(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_profiles.isValid());
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob", "carol"})
            QVERIFY(m_server.registerUser(QString::fromLatin1(user), kPassword));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    }

    void inBandRegistrationCreatesAWorkingAccount()
    {
        auto session = makeSession(QStringLiteral("ibr"));
        AccountSpec server = spec(QStringLiteral("newcomer"));
        auto form = await(session->accounts().fetchRegistrationForm(server));
        QVERIFY(form);
        QStringList vars;
        for (const auto &f : form->fields)
            vars << f.var;
        QVERIFY2(vars.contains(QStringLiteral("username")) &&
                     vars.contains(QStringLiteral("password")),
                 qPrintable(vars.join(u',')));
        for (auto &f : form->fields) {
            if (f.var == u"username")
                f.value = QStringLiteral("newcomer");
            else if (f.var == u"password")
                f.value = kPassword;
        }
        QVERIFY(await(session->accounts().registerAccount(server, *form)));
        Account *a = session->account(jid(QStringLiteral("newcomer")));
        QVERIFY(a);
        QCOMPARE(a->state(), ConnectionState::Connected);

        // Registering the same name again is refused in plain words.
        auto again = makeSession(QStringLiteral("ibr2"));
        auto form2 = await(again->accounts().fetchRegistrationForm(server));
        QVERIFY(form2);
        for (auto &f : form2->fields) {
            if (f.var == u"username")
                f.value = QStringLiteral("newcomer");
            else if (f.var == u"password")
                f.value = kPassword;
        }
        auto task = again->accounts().registerAccount(server, *form2);
        QVERIFY(QTest::qWaitFor([&] { return task.isFinished(); }, 10000));
        QVERIFY(!xmpp::isOk(*task.result()));
        QVERIFY(!std::get<xmpp::Error>(*task.result()).text.isEmpty());
    }

    void wrongPasswordIsReportedInPlainWords()
    {
        auto session = makeSession(QStringLiteral("wrong"));
        auto task =
            session->accounts().addAccount(spec(QStringLiteral("carol")), QStringLiteral("nope"));
        QVERIFY(QTest::qWaitFor([&] { return task.isFinished(); }, 15000));
        QVERIFY(!xmpp::isOk(*task.result()));
        Account *a = session->account(jid(QStringLiteral("carol")));
        QCOMPARE(a->state(), ConnectionState::Failed);
        QCOMPARE(a->lastError().kind, xmpp::ConnectionError::Kind::AuthenticationFailed);
    }

    void subscribeChatCutAndResume()
    {
        testing::TcpRelay relay(testing::LocalProsody::address(), m_server.c2sPort());
        QVERIFY(relay.listen());
        auto alice = makeSession(QStringLiteral("alice"));
        auto bob = makeSession(QStringLiteral("bob"));
        QAbstractItemModelTester rosterTester(alice->people().rosterModel());
        QVERIFY(await(
            alice->accounts().addAccount(spec(QStringLiteral("alice"), relay.port()), kPassword)));
        QVERIFY(await(bob->accounts().addAccount(spec(QStringLiteral("bob")), kPassword)));
        const QString a = jid(QStringLiteral("alice"));
        const QString b = jid(QStringLiteral("bob"));

        // Alice asks; bob sees the request and accepts; both end up with "both".
        QSignalSpy requested(&bob->people(), &PeopleApi::subscriptionRequested);
        alice->people().addContact(a, b, QStringLiteral("Bob"), {QStringLiteral("Friends")});
        QVERIFY(QTest::qWaitFor([&] { return !requested.isEmpty(); }, 10000));
        QCOMPARE(requested.first().at(1).toString(), a);
        bob->people().answerSubscription(b, a, true);
        auto subscription = [](AppSession *s, const QString &account, const QString &peer) {
            const auto &roster = s->account(account)->roster();
            const auto it = roster.constFind(peer);
            return it == roster.cend() ? QString()
                                       : xmpp::RosterItem::subscriptionName(it->subscription);
        };
        QVERIFY(QTest::qWaitFor([&] { return subscription(alice.get(), a, b) == u"both"; }, 10000));
        QVERIFY(QTest::qWaitFor([&] { return subscription(bob.get(), b, a) == u"both"; }, 10000));
        // Presence flows once subscribed.
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (int i = 0; i < alice->people().rosterModel()->rowCount(); ++i) {
                    const QModelIndex idx = alice->people().rosterModel()->index(i, 0);
                    if (idx.data(models::ContactJidRole).toString() == b)
                        return idx.data(models::ContactAvailabilityRole).toInt() !=
                               int(Availability::Offline);
                }
                return false;
            },
            10000));

        // Messages both ways, shown once, marked sent on the server's ack.
        QAbstractItemModel *aliceView = alice->chats().messageModel(a, b);
        QAbstractItemModel *bobView = bob->chats().messageModel(b, a);
        QAbstractItemModelTester messageTester(aliceView);
        alice->chats().openConversation(a, b);
        alice->chats().sendMessage(a, b, QStringLiteral("hello bob"));
        bob->chats().sendMessage(b, a, QStringLiteral("hi alice 👋"));
        QVERIFY(QTest::qWaitFor(
            [&] { return bobView->rowCount() == 2 && aliceView->rowCount() == 2; }, 10000));
        QVERIFY(QTest::qWaitFor(
            [&] { return reachedServer(stateOf(aliceView, QStringLiteral("hello bob"))); }, 5000));

        // The link drops mid-conversation; bob keeps writing; alice writes while offline.
        QSignalSpy aliceState(alice->account(a), &Account::stateChanged);
        relay.cutAll();
        QVERIFY(QTest::qWaitFor(
            [&] { return alice->account(a)->state() != ConnectionState::Connected; }, 10000));
        for (int i = 0; i < 5; ++i)
            bob->chats().sendMessage(b, a, QStringLiteral("while you were away %1").arg(i));
        alice->chats().sendMessage(a, b, QStringLiteral("written offline"));
        // Stored (shown) as pending before anything goes on the wire.
        QVERIFY(QTest::qWaitFor(
            [&] { return stateOf(aliceView, QStringLiteral("written offline")) != -1; }, 5000));
        QCOMPARE(stateOf(aliceView, QStringLiteral("written offline")),
                 int(DeliveryState::Pending));

        // Back (the reconnect policy retries by itself), resumed: everything arrives exactly once.
        QVERIFY(QTest::qWaitFor(
            [&] { return alice->account(a)->state() == ConnectionState::Connected; }, 20000));
        QVERIFY(QTest::qWaitFor([&] { return aliceView->rowCount() == 8; }, 10000));
        QVERIFY(QTest::qWaitFor([&] { return bobView->rowCount() == 8; }, 10000));
        QTest::qWait(500);
        QCOMPARE(aliceView->rowCount(), 8);
        QCOMPARE(bobView->rowCount(), 8);
        const QStringList seen = bodies(aliceView);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(seen.count(QStringLiteral("while you were away %1").arg(i)), 1);
        QCOMPARE(bodies(bobView).count(QStringLiteral("written offline")), 1);
        QVERIFY(QTest::qWaitFor(
            [&] { return reachedServer(stateOf(aliceView, QStringLiteral("written offline"))); },
            5000));
    }

    void messagesQueuedOfflineAreSentAfterReconnectWithoutResumption()
    {
        auto alice = makeSession(QStringLiteral("alice-q"));
        auto bob = makeSession(QStringLiteral("bob-q"));
        QVERIFY(await(alice->accounts().addAccount(spec(QStringLiteral("alice")), kPassword)));
        QVERIFY(await(bob->accounts().addAccount(spec(QStringLiteral("bob")), kPassword)));
        const QString a = jid(QStringLiteral("alice"));
        const QString b = jid(QStringLiteral("bob"));
        QAbstractItemModel *bobView = bob->chats().messageModel(b, a);
        QAbstractItemModel *aliceView = alice->chats().messageModel(a, b);
        // Bob's new profile first catches up with the newest page of his archive (XEP-0313).
        QVERIFY(
            QTest::qWaitFor([&] { return bob->account(b)->historySync()->hasCaughtUp(); }, 15000));
        const int before = bobView->rowCount();
        // Bob must be online (initial presence sent) for live delivery.
        auto bobAvailable = [&] {
            for (int i = 0; i < alice->people().rosterModel()->rowCount(); ++i) {
                const QModelIndex idx = alice->people().rosterModel()->index(i, 0);
                if (idx.data(models::ContactJidRole).toString() == b)
                    return idx.data(models::ContactAvailabilityRole).toInt() !=
                           int(Availability::Offline);
            }
            return false;
        };
        QVERIFY(QTest::qWaitFor(bobAvailable, 15000));

        alice->accounts().setAccountEnabled(a, false);
        QCOMPARE(alice->account(a)->state(), ConnectionState::Disconnected);
        alice->chats().sendMessage(a, b, QStringLiteral("queued 1"));
        alice->chats().sendMessage(a, b, QStringLiteral("queued 2"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return stateOf(aliceView, QStringLiteral("queued 2")) ==
                       int(DeliveryState::Pending);
            },
            5000));
        alice->accounts().setAccountEnabled(a, true);
        QVERIFY(QTest::qWaitFor([&] { return bobView->rowCount() == before + 2; }, 15000));
        QTest::qWait(500);
        QCOMPARE(bobView->rowCount(), before + 2);
        QCOMPARE(bodies(bobView).mid(before),
                 (QStringList{QStringLiteral("queued 1"), QStringLiteral("queued 2")}));
        QVERIFY(QTest::qWaitFor(
            [&] { return reachedServer(stateOf(aliceView, QStringLiteral("queued 2"))); }, 5000));
    }

    void pendingMessageTheServerAlreadyHasIsNotSentAgain()
    {
        // Issue 12's doubling: a message still Pending here that the server did get (its ack
        // was lost, or Parla was killed before it came). Reproduced exactly: while alice's desk
        // is offline with the message Pending, her phone sends the same stanza (same id and
        // origin-id), so the server archives and delivers it. When the desk logs in again, its
        // archive catch-up finds the copy and marks the message Sent before anything is
        // resent: bob receives it once on the wire, not only once in his de-duplicated view.
        auto desk = makeSession(QStringLiteral("alice-dup"));
        auto phone = makeSession(QStringLiteral("alice-dup-phone"));
        auto bob = makeSession(QStringLiteral("bob-dup"));
        QVERIFY(await(desk->accounts().addAccount(spec(QStringLiteral("alice")), kPassword)));
        AccountSpec phoneSpec = spec(QStringLiteral("alice"));
        phoneSpec.resource = QStringLiteral("phone");
        QVERIFY(await(phone->accounts().addAccount(phoneSpec, kPassword)));
        QVERIFY(await(bob->accounts().addAccount(spec(QStringLiteral("bob")), kPassword)));
        const QString a = jid(QStringLiteral("alice"));
        const QString b = jid(QStringLiteral("bob"));
        QVERIFY(
            QTest::qWaitFor([&] { return desk->account(a)->historySync()->hasCaughtUp(); }, 15000));
        // Bob online and caught up: the copy reaches him live, not in his own archive query.
        QVERIFY(
            QTest::qWaitFor([&] { return bob->account(b)->historySync()->hasCaughtUp(); }, 15000));
        const QString body =
            QStringLiteral("only once %1").arg(QDateTime::currentMSecsSinceEpoch());
        QByteArray bobWire;
        connect(bob->account(b)->client(), &xmpp::Client::xmlReceived, this,
                [&](const QByteArray &xml) { bobWire += xml; });

        desk->accounts().setAccountEnabled(a, false);
        desk->chats().sendMessage(a, b, body);
        QAbstractItemModel *deskView = desk->chats().messageModel(a, b);
        QVERIFY(QTest::qWaitFor([&] { return stateOf(deskView, body) != -1; }, 5000));
        QCOMPARE(stateOf(deskView, body), int(DeliveryState::Pending));
        auto page = desk->chats().latestMessages(a, b, 10);
        QVERIFY(xmpp::isOk(page));
        QString id;
        for (const StoredMessage &m : std::get<QList<StoredMessage>>(page)) {
            if (m.body == body)
                id = m.messageId;
        }
        QVERIFY(!id.isEmpty());

        const QByteArray copy = "<message xmlns='jabber:client' type='chat' to='" + b.toUtf8() +
                                "' id='" + id.toUtf8() + "'><body>" + body.toUtf8() +
                                "</body><origin-id xmlns='urn:xmpp:sid:0' id='" + id.toUtf8() +
                                "'/></message>";
        QVERIFY(!phone->account(a)->client()->send(xmpp::Element::fromXml(copy)).isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return bobWire.count(body.toUtf8()) == 1; }, 10000));

        desk->accounts().setAccountEnabled(a, true);
        QVERIFY(QTest::qWaitFor([&] { return reachedServer(stateOf(deskView, body)); }, 15000));
        QVERIFY(
            QTest::qWaitFor([&] { return desk->account(a)->historySync()->hasCaughtUp(); }, 15000));
        QTest::qWait(1000); // a resend would be on the wire by now
        QCOMPARE(bobWire.count(body.toUtf8()), 1);
        QCOMPARE(bodies(deskView).count(body), 1);

        // What is really still Pending after the catch-up does go out, once.
        desk->accounts().setAccountEnabled(a, false);
        const QString later = body + QStringLiteral(" (later)");
        desk->chats().sendMessage(a, b, later);
        QVERIFY(QTest::qWaitFor([&] { return stateOf(deskView, later) != -1; }, 5000));
        desk->accounts().setAccountEnabled(a, true);
        QVERIFY(QTest::qWaitFor([&] { return bobWire.count(later.toUtf8()) == 1; }, 20000));
        QVERIFY(QTest::qWaitFor([&] { return reachedServer(stateOf(deskView, later)); }, 10000));
        QTest::qWait(500);
        QCOMPARE(bobWire.count(later.toUtf8()), 1);
    }

    // Issue 12: a second client with the same resource kicks the first (RFC 6120 §4.9.3.3
    // conflict). The first says why and comes back once under a fresh resource; if that one is
    // taken too, it stops and says so (Reconnect takes it back), never left dead in "failed"
    // without a word.
    void replacedSessionComesBackOnceUnderAFreshResource()
    {
        const QString a = jid(QStringLiteral("alice"));
        auto first = makeSession(QStringLiteral("alice-conflict-1"));
        QVERIFY(await(first->accounts().addAccount(spec(QStringLiteral("alice")), kPassword)));
        QCOMPARE(first->accounts().connectionStatus(a).boundJid, a + u"/desk"_qs);

        auto second = makeSession(QStringLiteral("alice-conflict-2"));
        QVERIFY(await(second->accounts().addAccount(spec(QStringLiteral("alice")), kPassword)));
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto status = first->accounts().connectionStatus(a);
                return status.state == ConnectionState::Connected &&
                       status.boundJid != a + u"/desk"_qs;
            },
            20000));
        const QString fresh = first->accounts().connectionStatus(a).boundJid;
        QVERIFY2(fresh.startsWith(a + u"/desk."_qs), qPrintable(fresh));
        QCOMPARE(second->accounts().connectionStatus(a).state, ConnectionState::Connected);
        QCOMPARE(second->accounts().connectionStatus(a).boundJid, a + u"/desk"_qs);

        // Taken over again, under the fresh resource: the first stops and says why.
        AccountSpec third = spec(QStringLiteral("alice"));
        third.resource = xmpp::Jid::fromString(fresh).resource();
        auto thief = makeSession(QStringLiteral("alice-conflict-3"));
        QVERIFY(await(thief->accounts().addAccount(third, kPassword)));
        QVERIFY(QTest::qWaitFor(
            [&] { return first->accounts().connectionStatus(a).state == ConnectionState::Failed; },
            15000));
        const QString why = first->accounts().connectionStatus(a).errorText;
        QVERIFY2(why.contains(u"replaced"_qs) && why.contains(u"Reconnect"_qs), qPrintable(why));

        // Reconnect (the user's choice): back again.
        first->account(a)->retry();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return first->accounts().connectionStatus(a).state == ConnectionState::Connected;
            },
            20000));
    }

    void receiptsMarkDeliveredOnlyFromThePeer()
    {
        auto alice = makeSession(QStringLiteral("alice-r"));
        auto bob = makeSession(QStringLiteral("bob-r"));
        auto carol = makeSession(QStringLiteral("carol-r"));
        QVERIFY(await(alice->accounts().addAccount(spec(QStringLiteral("alice")), kPassword)));
        QVERIFY(await(bob->accounts().addAccount(spec(QStringLiteral("bob")), kPassword)));
        QVERIFY(await(carol->accounts().addAccount(spec(QStringLiteral("carol")), kPassword)));
        const QString a = jid(QStringLiteral("alice"));
        const QString b = jid(QStringLiteral("bob"));
        const QString c = jid(QStringLiteral("carol"));

        // Bob is a mutual contact (earlier test): his client confirms (XEP-0184) on its own.
        QAbstractItemModel *toBob = alice->chats().messageModel(a, b);
        alice->chats().sendMessage(a, b, QStringLiteral("please confirm"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return stateOf(toBob, QStringLiteral("please confirm")) ==
                       int(DeliveryState::Delivered);
            },
            10000));

        // Carol is no contact of alice: her client sends no receipt (it would reveal presence).
        QAbstractItemModel *toCarol = alice->chats().messageModel(a, c);
        alice->chats().sendMessage(a, c, QStringLiteral("hello stranger"));
        QAbstractItemModel *carolView = carol->chats().messageModel(c, a);
        QVERIFY(QTest::qWaitFor([&] { return carolView->rowCount() == 1; }, 10000));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return stateOf(toCarol, QStringLiteral("hello stranger")) ==
                       int(DeliveryState::Sent);
            },
            5000));
        auto latest = alice->account(a)->messages().latest(a, c, 1);
        QVERIFY(xmpp::isOk(latest));
        const QString id = std::get<QList<storage::MessageRecord>>(latest).front().messageId;

        // Bob forges a receipt for alice's message to carol: ignored.
        const QString forged =
            QStringLiteral(
                "<message to='%1'><received xmlns='urn:xmpp:receipts' id='%2'/></message>")
                .arg(a, id);
        QVERIFY(xmpp::isOk(bob->accounts().sendRawXml(b, forged)));
        QTest::qWait(800);
        QCOMPARE(stateOf(toCarol, QStringLiteral("hello stranger")), int(DeliveryState::Sent));

        // The same receipt from carol herself counts.
        QVERIFY(xmpp::isOk(carol->accounts().sendRawXml(c, forged)));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return stateOf(toCarol, QStringLiteral("hello stranger")) ==
                       int(DeliveryState::Delivered);
            },
            5000));
    }

    void restartKeepsHistory()
    {
        const QString a = jid(QStringLiteral("alice"));
        const QString b = jid(QStringLiteral("bob"));
        QStringList before;
        {
            auto alice = makeSession(QStringLiteral("alice-q"));
            QVERIFY(alice->account(a));
            before = bodies(alice->chats().messageModel(a, b));
            QVERIFY(before.contains(QStringLiteral("queued 1")));
        }
        auto again = makeSession(QStringLiteral("alice-q"));
        QVERIFY(again->account(a));
        QCOMPARE(bodies(again->chats().messageModel(a, b)), before);
        QVERIFY(again->chats().conversationModel()->rowCount() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
