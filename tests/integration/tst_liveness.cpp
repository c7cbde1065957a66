// SPDX-License-Identifier: GPL-3.0-or-later
// Keeping a session alive and knowing the other side, against a real Prosody: a dead link
// noticed by XEP-0199 pings, reconnection after a server restart, roster versioning across a
// restart of the application (RFC 6121 §2.6), disco/caps/version/time between two real clients
// (XEP-0030, XEP-0115, XEP-0092, XEP-0202), and a resource conflict (RFC 6120 §7.7.2.2).
#include "tests/support/await.h"
#include "tests/support/localprosody.h"
#include "tests/support/tcprelay.h"

#include "models/roles.h"
#include "services/passwordstore.h"
#include "session/appsession.h"
#include "xmpp/client.h"
#include "xmpp/namespaces.h"
#include "xmpp/xep/xep0030_disco/discomanager.h"
#include "xmpp/xep/xep0092_version/versionmanager.h"
#include "xmpp/xep/xep0115_caps/capsmanager.h"
#include "xmpp/xep/xep0199_ping/pingmanager.h"
#include "xmpp/xep/xep0202_time/timemanager.h"

#include <QAbstractItemModel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;
using namespace parla::xmpp;
using namespace std::chrono_literals;

namespace {
const QString kPassword = QStringLiteral("live-and-let-live");

using parla::testing::await;

/// The 'ver' attribute of every roster get in `xml`; a null QString for a get without one.
QStringList rosterGetVersions(const QByteArray &xml)
{
    static const QRegularExpression query(
        QStringLiteral("<query[^>]*xmlns=['\"]jabber:iq:roster['\"][^>]*>|<query[^>]*/>"));
    static const QRegularExpression ver(QStringLiteral("\\sver=['\"]([^'\"]*)['\"]"));
    QStringList out;
    const QString text = QString::fromUtf8(xml);
    if (!text.contains(u"type='get'") && !text.contains(u"type=\"get\""))
        return out;
    for (auto it = query.globalMatch(text); it.hasNext();) {
        const QString tag = it.next().captured(0);
        if (!tag.contains(u"jabber:iq:roster"))
            continue;
        const auto m = ver.match(tag);
        out << (m.hasMatch() ? m.captured(1) : QString());
    }
    return out;
}

int rosterRowsFor(QAbstractItemModel *model, const QString &peer, QString *subscription = nullptr)
{
    int n = 0;
    for (int i = 0; i < model->rowCount(); ++i) {
        const QModelIndex idx = model->index(i, 0);
        if (idx.data(models::ContactJidRole).toString() == peer) {
            ++n;
            if (subscription)
                *subscription = idx.data(models::ContactSubscriptionRole).toString();
        }
    }
    return n;
}
} // namespace

class TestLiveness : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;
    QTemporaryDir m_profiles;

    QString jid(const QString &user) const { return user + u'@' + m_server.host(); }

    ConnectionSettings settingsFor(const QString &user, quint16 port = 0)
    {
        ConnectionSettings s;
        s.jid = Jid::fromString(jid(user));
        s.password = kPassword;
        s.resource = QStringLiteral("live");
        s.host = testing::LocalProsody::address();
        s.port = port ? port : m_server.c2sPort();
        s.extraCaCertificates = {m_server.caCertificatePem()};
        s.connectTimeout = 10s;
        return s;
    }

    static bool waitConnected(Client &c, bool *resumed = nullptr)
    {
        QSignalSpy connected(&c, &Client::connected);
        QSignalSpy disconnected(&c, &Client::disconnected);
        c.connectToServer();
        if (!QTest::qWaitFor([&] { return !connected.isEmpty() || !disconnected.isEmpty(); },
                             15000) ||
            connected.isEmpty())
            return false;
        if (resumed)
            *resumed = connected.first().first().toBool();
        return true;
    }

    /// A session whose password store already knows every test account (as a keyring would
    /// after the first run), so that a reopened profile can log in by itself.
    std::unique_ptr<AppSession> makeSession(const QString &name)
    {
        auto passwords = std::make_unique<MemoryPasswordStore>();
        for (const char *user : {"alice", "bob", "carol", "dave", "erin", "frank", "grace"})
            passwords->write(jid(QString::fromLatin1(user)), kPassword);
        auto s = std::make_unique<AppSession>(m_profiles.filePath(name), std::move(passwords));
        s->setExtraCaCertificates({m_server.caCertificatePem()});
        return s;
    }

    AccountSpec spec(const QString &user) const
    {
        AccountSpec s;
        s.jid = jid(user);
        s.host = testing::LocalProsody::address();
        s.port = m_server.c2sPort();
        s.resource = QStringLiteral("desk");
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ConnectionError>();
        qRegisterMetaType<DiscoInfo>();
        QVERIFY(m_profiles.isValid());
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob", "carol", "dave", "erin", "frank", "grace"})
            QVERIFY2(m_server.registerUser(QString::fromLatin1(user), kPassword),
                     qPrintable(m_server.errorString()));
        // Contacts written into prosody's store before it runs (nobody is online yet).
        QVERIFY2(m_server.seedMutualContacts(QStringLiteral("alice"), QStringLiteral("bob")),
                 qPrintable(m_server.errorString()));
        QVERIFY2(m_server.seedMutualContacts(QStringLiteral("carol"), QStringLiteral("dave")),
                 qPrintable(m_server.errorString()));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    }

    void deadConnectionIsNoticedByPing()
    {
        testing::TcpRelay relay(testing::LocalProsody::address(), m_server.c2sPort());
        QVERIFY(relay.listen());
        Client c;
        auto *ping = new PingManager;
        ping->setIdleInterval(1s);
        ping->setTimeout(1s);
        c.addExtension(ping);
        c.setSettings(settingsFor(QStringLiteral("alice"), relay.port()));
        QVERIFY(waitConnected(c));
        QVERIFY(c.canResume());

        // The link goes silent without closing: only the unanswered keep-alive can tell.
        QSignalSpy lost(ping, &PingManager::connectionLost);
        QSignalSpy disconnected(&c, &Client::disconnected);
        relay.setBlackhole(true);
        QVERIFY(QTest::qWaitFor([&] { return !disconnected.isEmpty(); }, 8000));
        const auto e = disconnected.first().first().value<ConnectionError>();
        QCOMPARE(e.kind, ConnectionError::Kind::ConnectionLost);
        QVERIFY(e.isTransient());
        QCOMPARE(lost.size(), 1);
        QCOMPARE(c.state(), Client::State::Disconnected);

        // The network comes back. The server never saw the link die, so the XEP-0198 session is
        // still there and is taken over by the new connection (mod_smacks closes the old one).
        relay.setBlackhole(false);
        bool resumed = false;
        QVERIFY(waitConnected(c, &resumed));
        QVERIFY(resumed);
        QCOMPARE(relay.totalConnections(), 2);
        // And the keep-alive keeps working on the new connection: no false alarm while idle.
        QTest::qWait(2500);
        QCOMPARE(lost.size(), 1);
        QVERIFY(c.isConnected());
        QVERIFY(await(ping->ping(Jid::fromString(m_server.host()), 5s)));
    }

    void rosterVersionSurvivesRestartOfTheApplication()
    {
        const QString a = jid(QStringLiteral("alice"));
        const QString b = jid(QStringLiteral("bob"));
        QStringList firstVersions;
        {
            auto session = makeSession(QStringLiteral("alice-roster"));
            QCOMPARE(session->people().rosterModel()->rowCount(), 0);
            auto added = session->accounts().addAccount(spec(QStringLiteral("alice")), kPassword);
            Account *account = session->account(a);
            QVERIFY(account);
            connect(account->client(), &Client::xmlSent, this,
                    [&firstVersions](const QByteArray &xml) {
                        firstVersions << rosterGetVersions(xml);
                    });
            QVERIFY(await(added));
            QVERIFY(QTest::qWaitFor(
                [&] { return rosterRowsFor(session->people().rosterModel(), b) == 1; }, 10000));
            // Nothing cached yet: ver='' asks for the full roster, versioned (RFC 6121 §2.6.2).
            QCOMPARE(firstVersions.size(), 1);
            QVERIFY(!firstVersions.first().isNull());
            QVERIFY(firstVersions.first().isEmpty());
        }

        auto session = makeSession(QStringLiteral("alice-roster"));
        QVERIFY(session->isOpen());
        // RFC 6121 §2.6: the cached roster is shown at once, before any connection.
        QString subscription;
        QVERIFY(session->people().rosterModel()->rowCount() > 0);
        QCOMPARE(rosterRowsFor(session->people().rosterModel(), b, &subscription), 1);
        QCOMPARE(subscription, QStringLiteral("both"));

        Account *account = session->account(a);
        QVERIFY(account);
        QCOMPARE(account->state(), ConnectionState::Disconnected);
        QStringList versions;
        connect(account->client(), &Client::xmlSent, this,
                [&versions](const QByteArray &xml) { versions << rosterGetVersions(xml); });
        QSignalSpy ready(account->rosterManager(), &RosterManager::rosterReady);
        QSignalSpy unchanged(account->rosterManager(), &RosterManager::rosterUnchanged);
        QSignalSpy reset(account, &Account::rosterReset);
        session->start();
        QVERIFY(
            QTest::qWaitFor([&] { return account->state() == ConnectionState::Connected; }, 15000));
        QVERIFY(QTest::qWaitFor([&] { return !ready.isEmpty(); }, 10000));
        // The request carried the version we stored, so the server may answer "unchanged".
        QCOMPARE(versions.size(), 1);
        QVERIFY2(!versions.first().isEmpty(), "the roster get had no (or an empty) ver");
        // Nothing changed meanwhile: the server answers with an empty result (§2.6.3) and the
        // cached roster stays as it is.
        QCOMPARE(unchanged.size(), 1);
        QCOMPARE(reset.size(), 0);
        QTest::qWait(300);
        QCOMPARE(rosterRowsFor(session->people().rosterModel(), b, &subscription), 1);
        QCOMPARE(subscription, QStringLiteral("both"));
        QCOMPARE(account->roster().size(), 1);
    }

    void discoCapsVersionAndTimeBetweenTwoClients()
    {
        const QString c = jid(QStringLiteral("carol"));
        const QString d = jid(QStringLiteral("dave"));
        auto carol = makeSession(QStringLiteral("carol"));
        auto dave = makeSession(QStringLiteral("dave"));
        QVERIFY(await(carol->accounts().addAccount(spec(QStringLiteral("carol")), kPassword)));
        Account *carolAccount = carol->account(c);
        QSignalSpy resolved(carolAccount->caps(), &CapsManager::capsResolved);
        QVERIFY(await(dave->accounts().addAccount(spec(QStringLiteral("dave")), kPassword)));
        Account *daveAccount = dave->account(d);
        const Jid daveFull = daveAccount->client()->boundJid();
        QVERIFY(daveFull.isFull());

        // Dave's presence carries caps; carol asks dave's node#ver once and verifies it.
        QVERIFY(QTest::qWaitFor([&] { return carolAccount->caps()->infoFor(daveFull).has_value(); },
                                10000));
        const DiscoInfo info = *carolAccount->caps()->infoFor(daveFull);
        QVERIFY2(info.hasFeature(ns::Ping), qPrintable(info.features.join(u' ')));
        QVERIFY(info.hasFeature(u"jabber:iq:version"));
        QVERIFY(info.hasFeature(u"urn:xmpp:time"));
        QVERIFY(info.hasIdentity(u"client", u"pc"));
        // It came from a verified hash: what dave advertises is what carol got.
        const QString daveVer = daveAccount->caps()->ownVerificationString();
        QCOMPARE(CapsManager::check(info, u"sha-1", daveVer), CapsManager::Check::Valid);
        QCOMPARE(CapsManager::verificationString(info).value_or(QString()), daveVer);
        QVERIFY(std::any_of(resolved.cbegin(), resolved.cend(), [&](const QList<QVariant> &args) {
            return args.first().value<Jid>() == daveFull;
        }));

        auto *version = carolAccount->client()->findExtension<VersionManager>();
        QVERIFY(version);
        const auto sw = await(version->requestVersion(daveFull));
        QVERIFY(sw);
        QCOMPARE(sw->name, QStringLiteral("Parla"));
        QVERIFY(sw->os.isEmpty()); // not revealed unless the user allows it

        auto *time = carolAccount->client()->findExtension<TimeManager>();
        QVERIFY(time);
        const auto t = await(time->requestTime(daveFull));
        QVERIFY(t);
        QVERIFY(t->utc.isValid());
        QVERIFY(qAbs(t->utc.secsTo(QDateTime::currentDateTimeUtc())) < 60);

        // What Prosody 0.12 says about the account itself (its bare JID, XEP-0030 §3): the
        // PEP service (XEP-0163 §1: identity pubsub/pep) and the account's archive (XEP-0313).
        QVERIFY(QTest::qWaitFor([&] { return carolAccount->disco()->accountInfo().has_value(); },
                                5000));
        const DiscoInfo account = *carolAccount->disco()->accountInfo();
        QVERIFY2(account.hasIdentity(u"pubsub", u"pep"), qPrintable(account.features.join(u' ')));
        QVERIFY2(account.hasFeature(u"urn:xmpp:mam:2"), qPrintable(account.features.join(u' ')));
        const auto server = carolAccount->disco()->serverInfo();
        QVERIFY(server);
        QVERIFY(server->hasIdentity(u"server", u"im"));
        QVERIFY(server->hasFeature(ns::Ping));
    }

    void resourceConflictIsNotFought()
    {
        // Prosody 0.12's conflict_resolve defaults to "kick_old" (core/sessionmanager.lua): the
        // newcomer gets the resource and the old session is closed with <conflict/>
        // (RFC 6120 §7.7.2.2 allows either; the old one is what we must handle).
        Client first;
        first.setSettings(settingsFor(QStringLiteral("grace")));
        QVERIFY(waitConnected(first));
        QSignalSpy firstDown(&first, &Client::disconnected);
        Client second;
        second.setSettings(settingsFor(QStringLiteral("grace")));
        QVERIFY(waitConnected(second));
        QCOMPARE(second.boundJid(), first.boundJid()); // the same resource, not a renamed one
        QVERIFY(QTest::qWaitFor([&] { return !firstDown.isEmpty(); }, 5000));
        const auto e = firstDown.first().first().value<ConnectionError>();
        QCOMPARE(e.kind, ConnectionError::Kind::StreamError);
        QCOMPARE(e.streamCondition, StreamErrorCondition::Conflict);
        QVERIFY(!e.isTransient());
        QVERIFY(!e.text.isEmpty());

        // An Account kicked this way does not take the resource back (no loop of kicks): it
        // says why and comes back once under a fresh resource (issue 12: never left dead).
        auto session = makeSession(QStringLiteral("grace"));
        auto desk = spec(QStringLiteral("grace"));
        desk.resource = QStringLiteral("live");
        second.disconnectFromServer();
        QVERIFY(await(session->accounts().addAccount(desk, kPassword)));
        Account *account = session->account(jid(QStringLiteral("grace")));
        Client third;
        third.setSettings(settingsFor(QStringLiteral("grace")));
        QSignalSpy thirdDown(&third, &Client::disconnected);
        QVERIFY(waitConnected(third));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return account->state() == ConnectionState::Connected &&
                       account->client()->boundJid().resource() != third.boundJid().resource();
            },
            10000));
        QVERIFY(account->client()->boundJid().resource().startsWith(u"live."_qs));
        // Longer than the first reconnect delay (~1 s): nobody came back to kick `third`.
        QTest::qWait(2500);
        QVERIFY(thirdDown.isEmpty());
        QCOMPARE(account->state(), ConnectionState::Connected);
    }

    void accountReconnectsAfterServerRestart()
    {
        const QString e = jid(QStringLiteral("erin"));
        const QString f = jid(QStringLiteral("frank"));
        auto erin = makeSession(QStringLiteral("erin"));
        auto frank = makeSession(QStringLiteral("frank"));
        QVERIFY(await(erin->accounts().addAccount(spec(QStringLiteral("erin")), kPassword)));
        QVERIFY(await(frank->accounts().addAccount(spec(QStringLiteral("frank")), kPassword)));
        Account *erinAccount = erin->account(e);
        Account *frankAccount = frank->account(f);

        QVERIFY2(m_server.restart(), qPrintable(m_server.errorString()));
        QVERIFY(QTest::qWaitFor([&] { return erinAccount->state() != ConnectionState::Connected; },
                                10000));
        // Initial presence is what makes erin reachable again: watch for it on the new stream.
        bool erinAvailable = false;
        connect(erinAccount->client(), &Client::xmlSent, this,
                [&erinAvailable](const QByteArray &x) {
                    if (x.startsWith("<presence"))
                        erinAvailable = true;
                });
        // Nobody calls retry(): the reconnect policy brings both back by itself.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return erinAccount->state() == ConnectionState::Connected &&
                       frankAccount->state() == ConnectionState::Connected;
            },
            20000));
        QVERIFY(QTest::qWaitFor([&] { return erinAvailable; }, 5000));
        QVERIFY(erinAccount->lastError().kind == ConnectionError::Kind::None);

        QAbstractItemModel *erinView = erin->chats().messageModel(e, f);
        QCOMPARE(erinView->rowCount(), 0);
        frank->chats().sendMessage(f, e, QStringLiteral("still there?"));
        QVERIFY(QTest::qWaitFor([&] { return erinView->rowCount() == 1; }, 10000));
        QTest::qWait(500);
        QCOMPARE(erinView->rowCount(), 1);
        QCOMPARE(erinView->index(0, 0).data(models::MessageBodyRole).toString(),
                 QStringLiteral("still there?"));
    }
};

QTEST_GUILESS_MAIN(TestLiveness)
#include "tst_liveness.moc"
