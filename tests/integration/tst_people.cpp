// SPDX-License-Identifier: GPL-3.0-or-later
// People against a real Prosody: avatars (XEP-0084 publish → +notify → fetch, verify, cache,
// decode; XEP-0153 vCard photo), profiles (XEP-0054/0292), nicknames (XEP-0172), version/time/
// last activity between two clients and the "don't reveal" switches (XEP-0092/0202/0012),
// blocking (XEP-0191) and a spam report (XEP-0377).
#include "tests/support/await.h"
#include "tests/support/localprosody.h"

#include "services/passwordstore.h"
#include "services/people.h"
#include "session/appsession.h"
#include "xmpp/client.h"
#include "xmpp/im/presence.h"
#include "xmpp/xep/xep0054_vcard/vcard.h"
#include "xmpp/xep/xep0084_avatar/avatar.h"
#include "xmpp/xep/xep0092_version/versionmanager.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;
using namespace parla::xmpp;

namespace {
const QString kPassword = QStringLiteral("people-person");

using parla::testing::await;

using parla::testing::awaitError;
} // namespace

class TestPeople : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;
    QTemporaryDir m_profiles;
    std::map<QString, std::unique_ptr<AppSession>> m_sessions;

    QString jid(const QString &user) const { return user + u'@' + m_server.host(); }

    Account *login(const QString &user)
    {
        auto passwords = std::make_unique<MemoryPasswordStore>();
        auto session =
            std::make_unique<AppSession>(m_profiles.filePath(user), std::move(passwords));
        session->setExtraCaCertificates({m_server.caCertificatePem()});
        AccountSpec spec;
        spec.jid = jid(user);
        spec.host = testing::LocalProsody::address();
        spec.port = m_server.c2sPort();
        spec.resource = QStringLiteral("desk");
        if (!await(session->accounts().addAccount(spec, kPassword)))
            return nullptr;
        Account *account = session->account(jid(user));
        m_sessions[user] = std::move(session);
        return account;
    }

    Account *account(const QString &user) { return m_sessions.at(user)->account(jid(user)); }
    People *people(const QString &user) { return account(user)->people(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_profiles.isValid());
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob", "carol", "erin"})
            QVERIFY2(m_server.registerUser(QString::fromLatin1(user), kPassword),
                     qPrintable(m_server.errorString()));
        QVERIFY(m_server.seedMutualContacts(QStringLiteral("alice"), QStringLiteral("bob")));
        QVERIFY(m_server.seedMutualContacts(QStringLiteral("bob"), QStringLiteral("erin")));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(login(QStringLiteral("alice")));
        QVERIFY(login(QStringLiteral("bob")));
        // Each sees the other online (presence, and with it the caps that +notify needs).
        const Jid a = Jid::fromString(jid(QStringLiteral("alice")));
        const Jid b = Jid::fromString(jid(QStringLiteral("bob")));
        QVERIFY(QTest::qWaitFor(
            [&] { return !account(QStringLiteral("bob"))->presence()->resources(a).isEmpty(); },
            15000));
        QVERIFY(QTest::qWaitFor(
            [&] { return !account(QStringLiteral("alice"))->presence()->resources(b).isEmpty(); },
            15000));
    }

    void avatarPublishedNotifiedFetchedVerifiedCached()
    {
        const QString a = jid(QStringLiteral("alice"));
        QImage picture(300, 200, QImage::Format_RGB32);
        picture.fill(QColor(200, 30, 90));
        QVERIFY(await(people(QStringLiteral("alice"))->publishAvatar(picture)));

        // Bob hears of it through the +notify metadata event, without asking.
        People *bob = people(QStringLiteral("bob"));
        QVERIFY(QTest::qWaitFor([&] { return !bob->avatarHash(a).isEmpty(); }, 15000));
        const QString hash = bob->avatarHash(a);

        // Nothing is fetched until a row asks; then it is fetched, verified, cached, decoded.
        const QString cached = m_profiles.filePath(u"bob/cache/avatars/"_qs + hash + u".avatar"_qs);
        QVERIFY(!QFile::exists(cached));
        QSignalSpy changed(bob, &People::avatarChanged);
        QVERIFY(bob->avatar(a, 48).isNull());
        QVERIFY(QTest::qWaitFor([&] { return !bob->avatar(a, 48).isNull(); }, 15000));
        QCOMPARE(bob->avatar(a, 48).size(), QSize(48, 48));
        QVERIFY(!changed.isEmpty());
        QFile file(cached);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(xmpp::avatarHash(file.readAll()), hash);
        // The centre colour survived the round trip.
        QCOMPARE(bob->avatar(a, 48).pixelColor(24, 24).red(), 200);

        // XEP-0153: the same picture is alice's vCard photo, for older clients.
        const auto vcard = await(
            account(QStringLiteral("bob"))->people()->vcards()->requestVCard(Jid::fromString(a)));
        QVERIFY(vcard);
        QCOMPARE(xmpp::avatarHash(vcard->photoData), hash);
    }

    void profileAndNickname()
    {
        const QString a = jid(QStringLiteral("alice"));
        Profile profile;
        profile.fullName = QStringLiteral("Alice Liddell");
        profile.nickname = QStringLiteral("ally");
        profile.email = QStringLiteral("alice@wonder.land");
        profile.phone = QStringLiteral("+44 1865 000000");
        profile.url = QStringLiteral("https://wonder.land/");
        profile.note = QStringLiteral("Curiouser and curiouser.");
        QVERIFY(await(people(QStringLiteral("alice"))->publishProfile(profile)));

        People *bob = people(QStringLiteral("bob"));
        const auto fetched = await(bob->fetchProfile(a));
        QVERIFY(fetched);
        QCOMPARE(*fetched, profile);
        // The vcard-temp copy too (and it kept the avatar photo).
        const auto vcard = await(bob->vcards()->requestVCard(Jid::fromString(a)));
        QVERIFY(vcard);
        QCOMPARE(vcard->fullName, profile.fullName);
        QVERIFY(!vcard->photoData.isEmpty());
        // XEP-0172: the nickname arrives as a PEP event.
        QVERIFY(QTest::qWaitFor([&] { return bob->nickname(a) == u"ally"; }, 15000));
    }

    void versionTimeLastActivityAndDontReveal()
    {
        const QString a = jid(QStringLiteral("alice"));
        People *alice = people(QStringLiteral("alice"));
        alice->setIdleProvider([] { return qint64(42); });
        People *bob = people(QStringLiteral("bob"));
        auto details = await(bob->fetchContactDetails(a));
        QVERIFY(details);
        QCOMPARE(details->resources.size(), 1);
        const ResourceDetails &r = details->resources.first();
        QCOMPARE(r.resource, u"desk"_qs);
        QCOMPARE(r.clientName, u"Parla"_qs);
        QVERIFY(!r.clientVersion.isEmpty());
        QVERIFY(r.os.isEmpty()); // not revealed by default
        QVERIFY(r.localTime.isValid());
        QCOMPARE(r.idleSeconds, 42);
        QCOMPARE(details->profile.fullName, u"Alice Liddell"_qs);

        // Alice turns every answer off: bob learns nothing, and the answer is
        // service-unavailable.
        alice->setRevealSettings({false, false, false, false});
        details = await(bob->fetchContactDetails(a));
        QVERIFY(details);
        QCOMPARE(details->resources.size(), 1);
        QVERIFY(details->resources.first().clientName.isEmpty());
        QVERIFY(!details->resources.first().localTime.isValid());
        QCOMPARE(details->resources.first().idleSeconds, -1);
        auto *version = account(QStringLiteral("bob"))->client()->findExtension<VersionManager>();
        const auto error =
            awaitError(version->requestVersion(Jid::fromString(a).withResource(u"desk")));
        QVERIFY(error);
        QCOMPARE(error->stanza.condition, u"service-unavailable"_qs);

        // Revealing the OS when allowed.
        alice->setRevealSettings({true, true, true, true});
        details = await(bob->fetchContactDetails(a));
        QVERIFY(details && !details->resources.first().os.isEmpty());
    }

    void lastSeenOfAnOfflineContact()
    {
        // Erin comes and goes; the server then tells bob how long ago (XEP-0012 §4).
        QVERIFY(login(QStringLiteral("erin")));
        m_sessions.erase(QStringLiteral("erin"));
        const QString e = jid(QStringLiteral("erin"));
        Account *bob = account(QStringLiteral("bob"));
        QVERIFY(QTest::qWaitFor(
            [&] { return bob->presence()->resources(Jid::fromString(e)).isEmpty(); }, 15000));
        const auto details = await(bob->people()->fetchContactDetails(e));
        QVERIFY(details);
        QVERIFY(details->resources.isEmpty());
        QVERIFY(details->lastSeenSecondsAgo >= 0);
    }

    void blockingStopsDelivery()
    {
        const QString a = jid(QStringLiteral("alice"));
        const QString b = jid(QStringLiteral("bob"));
        Account *alice = account(QStringLiteral("alice"));
        Account *bob = account(QStringLiteral("bob"));
        QStringList received;
        QObject guard; // the connection ends with this test function
        connect(alice, &Account::messagesStored, &guard,
                [&](const QList<storage::MessageRecord> &records) {
                    for (const auto &m : records) {
                        if (!m.outgoing)
                            received << m.body;
                    }
                });

        QVERIFY(await(alice->people()->block(b, false)));
        // The server's push updates the list (and the list is what the dialog shows).
        QVERIFY(QTest::qWaitFor([&] { return alice->people()->isBlocked(b); }, 10000));
        QCOMPARE(alice->people()->blocklist(), QStringList{b});
        // Wait until the server has taken bob's message (stream-management ack, or the
        // bounce of a blocked message), so that it is judged while the block is in place.
        QSignalSpy bobStates(bob, &Account::messageStateChanged);
        bob->sendMessage(a, QStringLiteral("while blocked"));
        QVERIFY(QTest::qWaitFor([&] { return !bobStates.isEmpty(); }, 10000));

        QVERIFY(await(alice->people()->unblock(b)));
        QVERIFY(QTest::qWaitFor([&] { return !alice->people()->isBlocked(b); }, 10000));
        bob->sendMessage(a, QStringLiteral("after unblock"));
        // Both went the same way in order: had the first been delivered, it would be here first.
        QVERIFY(QTest::qWaitFor([&] { return received.contains(u"after unblock"_qs); }, 15000));
        QCOMPARE(received, QStringList{u"after unblock"_qs});
    }

    void spamReportAccepted()
    {
        Account *bob = account(QStringLiteral("bob"));
        const QString c = jid(QStringLiteral("carol"));
        QVERIFY(await(bob->people()->block(c, true)));
        QVERIFY(QTest::qWaitFor([&] { return bob->people()->isBlocked(c); }, 10000));
        QVERIFY(await(bob->people()->unblock(c)));
    }

    void cleanupTestCase() { m_sessions.clear(); }
};

QTEST_GUILESS_MAIN(TestPeople)
#include "tst_people.moc"
