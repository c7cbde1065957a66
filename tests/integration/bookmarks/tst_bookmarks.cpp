// SPDX-License-Identifier: GPL-3.0-or-later
// Bookmarks against a real Prosody: XEP-0402 between two resources of one account (add, change,
// autojoin, remove; <extensions/> of another client kept; a forged notification ignored), the
// XEP-0048 private-storage fallback on a server without mod_bookmarks, and XEP-0410 self-ping in
// a real room (joined; kicked → not joined; server restarted → not joined).
#include "tests/support/await.h"
#include "tests/support/localprosody.h"

#include "services/account.h"
#include "services/bookmarks.h"
#include "services/passwordstore.h"
#include "services/selfpingscheduler.h"
#include "session/appsession.h"
#include "xmpp/client.h"
#include "xmpp/iqutil.h"
#include "xmpp/namespaces.h"
#include "xmpp/xep/xep0048_bookmarks/legacybookmarks.h"
#include "xmpp/xep/xep0163_pep/pep.h"
#include "xmpp/xep/xep0402_bookmarks/bookmarksmanager.h"
#include "xmpp/xep/xep0410_selfping/selfping.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;
using namespace parla::xmpp;

namespace {
const QString kPassword = QStringLiteral("wherefore-art-thou");

using parla::testing::await;

/// Records every stanza a raw client receives (it consumes none).
class StanzaRecorder : public Extension
{
public:
    std::vector<Element> stanzas;
    bool handleStanza(const Element &stanza) override
    {
        stanzas.push_back(stanza);
        return false;
    }
    bool hasSelfPresenceFrom(const QString &occupant) const
    {
        for (const Element &s : stanzas) {
            if (s.name() != u"presence" || s.attribute(u"from") != occupant)
                continue;
            for (const Element &status : s.firstChild(u"x", u"http://jabber.org/protocol/muc#user")
                                             .childrenNamed(u"status"))
                if (status.attribute(u"code") == u"110")
                    return true;
        }
        return false;
    }
};

/// Collects what a Bookmarks service asked to join, for as long as it lives.
struct AutojoinLog
{
    QStringList rooms;
    QStringList left; ///< leaveRequested
    QObject context;  ///< ends the connections with the log (a test's local)
    void follow(Bookmarks *bookmarks)
    {
        QObject::connect(bookmarks, &Bookmarks::autojoinRequested, &context,
                         [this](const RoomBookmark &b) { rooms << b.room; });
        QObject::connect(bookmarks, &Bookmarks::leaveRequested, &context,
                         [this](const QString &room) { left << room; });
    }
};
} // namespace

class TestBookmarks : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;
    QTemporaryDir m_profiles;
    std::map<QString, std::unique_ptr<AppSession>> m_sessions;
    std::vector<std::unique_ptr<Client>> m_raw;

    QString jid(const QString &user, const testing::LocalProsody &server) const
    {
        return user + u'@' + server.host();
    }
    QString juliet() const { return jid(QStringLiteral("juliet"), m_server); }
    QString room(const QString &name) const { return name + u'@' + m_server.conferenceHost(); }

    Account *login(const QString &profile, const QString &user, const QString &resource,
                   const testing::LocalProsody &server)
    {
        auto session = std::make_unique<AppSession>(m_profiles.filePath(profile),
                                                    std::make_unique<MemoryPasswordStore>());
        session->setExtraCaCertificates({server.caCertificatePem()});
        AccountSpec spec;
        spec.jid = jid(user, server);
        spec.host = testing::LocalProsody::address();
        spec.port = server.c2sPort();
        spec.resource = resource;
        if (!await(session->accounts().addAccount(spec, kPassword)))
            return nullptr;
        Account *account = session->account(jid(user, server));
        m_sessions[profile] = std::move(session);
        return account;
    }
    Account *account(const QString &profile)
    {
        return m_sessions.at(profile)->accountList().front();
    }

    Client *raw(const QString &user, const QString &resource, const testing::LocalProsody &server,
                StanzaRecorder **recorder = nullptr)
    {
        auto client = std::make_unique<Client>();
        ConnectionSettings s;
        s.jid = Jid::fromString(jid(user, server));
        s.password = kPassword;
        s.resource = resource;
        s.host = testing::LocalProsody::address();
        s.port = server.c2sPort();
        s.extraCaCertificates = {server.caCertificatePem()};
        client->setSettings(s);
        auto *r = new StanzaRecorder;
        client->addExtension(r);
        if (recorder)
            *recorder = r;
        QSignalSpy connected(client.get(), &Client::connected);
        client->connectToServer();
        if (!QTest::qWaitFor([&] { return !connected.isEmpty(); }, 15000))
            return nullptr;
        m_raw.push_back(std::move(client));
        return m_raw.back().get();
    }

    static bool waitLoaded(Bookmarks *b)
    {
        return QTest::qWaitFor([&] { return b->isLoaded(); }, 15000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<RoomBookmark>();
        QVERIFY(m_profiles.isValid());
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"juliet", "romeo", "mallory"})
            QVERIFY2(m_server.registerUser(QString::fromLatin1(user), kPassword),
                     qPrintable(m_server.errorString()));
        // Mallory is a contact: her PEP service may send Juliet notifications (XEP-0163 §4.3).
        QVERIFY(m_server.seedMutualContacts(QStringLiteral("juliet"), QStringLiteral("mallory")));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(
            login(QStringLiteral("a"), QStringLiteral("juliet"), QStringLiteral("a"), m_server));
        QVERIFY(
            login(QStringLiteral("b"), QStringLiteral("juliet"), QStringLiteral("b"), m_server));
        QVERIFY(waitLoaded(account(QStringLiteral("a"))->bookmarks()));
        QVERIFY(waitLoaded(account(QStringLiteral("b"))->bookmarks()));
    }

    void addChangeRemoveBetweenResources()
    {
        Bookmarks *a = account(QStringLiteral("a"))->bookmarks();
        Bookmarks *b = account(QStringLiteral("b"))->bookmarks();
        // Prosody's mod_bookmarks unifies XEP-0048 and XEP-0402 (#compat): PEP it is.
        QCOMPARE(a->storage(), Bookmarks::Storage::Pep);
        QVERIFY(a->list().isEmpty());
        AutojoinLog joinsA, joinsB;
        joinsA.follow(a);
        joinsB.follow(b);
        QSignalSpy changedB(&m_sessions.at(QStringLiteral("b"))->rooms(),
                            &RoomsApi::bookmarksChanged);

        RoomBookmark play{room(QStringLiteral("play")), QStringLiteral("The Play"),
                          QStringLiteral("Juliet"), QString(), false};
        QVERIFY(await(m_sessions.at(QStringLiteral("a"))->rooms().setBookmark(juliet(), play)));
        QCOMPARE(a->list(), QList{play});
        QVERIFY(QTest::qWaitFor([&] { return b->list() == QList{play}; }, 15000));
        QVERIFY(!changedB.isEmpty());
        QCOMPARE(changedB.first().first().toString(), juliet());
        QCOMPARE(m_sessions.at(QStringLiteral("b"))->rooms().bookmarks(juliet()), QList{play});

        // Change: renamed, password, autojoin on → B is asked to join; A (who did it) is not.
        play.name = QStringLiteral("The Play's the Thing");
        play.password = QStringLiteral("nurse");
        play.autojoin = true;
        QVERIFY(await(a->set(play)));
        QVERIFY(QTest::qWaitFor([&] { return b->list() == QList{play}; }, 15000));
        QCOMPARE(joinsB.rooms, QStringList{play.room});
        QVERIFY(joinsA.rooms.isEmpty());

        // Remove: B, asked to autojoin it, is now asked to leave (XEP-0402 §4); A is not.
        QVERIFY(joinsB.left.isEmpty());
        QVERIFY(
            await(m_sessions.at(QStringLiteral("a"))->rooms().removeBookmark(juliet(), play.room)));
        QVERIFY(a->list().isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return b->list().isEmpty(); }, 15000));
        QCOMPARE(joinsB.left, QStringList{play.room});
        QVERIFY(joinsA.left.isEmpty());
    }

    void autojoinOncePerLogin()
    {
        Bookmarks *a = account(QStringLiteral("a"))->bookmarks();
        Account *accountB = account(QStringLiteral("b"));
        Bookmarks *b = accountB->bookmarks();
        const RoomBookmark hall{room(QStringLiteral("hall")), QStringLiteral("Great Hall"),
                                QStringLiteral("Juliet"), QString(), true};
        const RoomBookmark crypt{
            room(QStringLiteral("crypt")), QStringLiteral("Crypt"), {}, {}, false};
        QVERIFY(await(a->set(hall)));
        QVERIFY(await(a->set(crypt)));
        QVERIFY(QTest::qWaitFor([&] { return b->list().size() == 2; }, 15000));

        // A new session of B (no resumption): fetched again, hall requested exactly once.
        AutojoinLog joinsB;
        joinsB.follow(b);
        accountB->disconnectAccount();
        QVERIFY(QTest::qWaitFor([&] { return !accountB->client()->isConnected(); }, 15000));
        accountB->connectAccount(kPassword);
        QVERIFY(QTest::qWaitFor([&] { return joinsB.rooms.contains(hall.room); }, 15000));
        // A later notification about another room changes nothing for hall.
        RoomBookmark renamed = crypt;
        renamed.name = QStringLiteral("The Capulets' Crypt");
        QVERIFY(await(a->set(renamed)));
        QVERIFY(QTest::qWaitFor([&] { return b->find(crypt.room) == renamed; }, 15000));
        QCOMPARE(joinsB.rooms, QStringList{hall.room});
        QVERIFY(joinsB.left.isEmpty()); // crypt never was autojoin

        // Autojoin switched off elsewhere: leave.
        RoomBookmark manual = hall;
        manual.autojoin = false;
        QVERIFY(await(a->set(manual)));
        QVERIFY(QTest::qWaitFor([&] { return b->find(hall.room) == manual; }, 15000));
        QCOMPARE(joinsB.left, QStringList{hall.room});

        QVERIFY(await(a->remove(hall.room)));
        QVERIFY(await(a->remove(crypt.room)));
        QVERIFY(QTest::qWaitFor([&] { return b->list().isEmpty(); }, 15000));
    }

    void extensionsOfAnotherClientSurviveOurEdit()
    {
        Bookmarks *a = account(QStringLiteral("a"))->bookmarks();
        Client *other = raw(QStringLiteral("juliet"), QStringLiteral("other"), m_server);
        QVERIFY(other);
        BookmarkConference theirs;
        theirs.room = Jid::fromString(room(QStringLiteral("orchard")));
        theirs.name = QStringLiteral("Orchard");
        theirs.extensions = Element(QStringLiteral("extensions"), ns::Bookmarks);
        Element state(QStringLiteral("state"), QStringLiteral("urn:example:client"));
        state.setAttribute(QStringLiteral("minimized"), QStringLiteral("true"));
        theirs.extensions.appendChild(state);
        QVERIFY(await(other->sendIq(BookmarksManager::makePublish(theirs))));
        QVERIFY(
            QTest::qWaitFor([&] { return a->find(theirs.room.bareString()).has_value(); }, 15000));

        RoomBookmark ours = *a->find(theirs.room.bareString());
        ours.name = QStringLiteral("The Orchard");
        ours.nick = QStringLiteral("Jules");
        QVERIFY(await(a->set(ours)));

        const auto fetched = await(other->sendIq(BookmarksManager::makeFetch()));
        QVERIFY(fetched);
        const auto list = BookmarksManager::conferencesFromResult(*fetched);
        const auto it = std::find_if(list.begin(), list.end(),
                                     [&](const auto &c) { return c.room == theirs.room; });
        QVERIFY(it != list.end());
        QCOMPARE(it->name, QStringLiteral("The Orchard"));
        QCOMPARE(it->nick, QStringLiteral("Jules"));
        QCOMPARE(it->extensions, theirs.extensions);
        QVERIFY(await(a->remove(ours.room)));
    }

    void forgedNotificationIsIgnored()
    {
        Account *accountB = account(QStringLiteral("b"));
        Bookmarks *b = accountB->bookmarks();
        AutojoinLog joins;
        joins.follow(b);
        QStringList bodies;
        QObject guard;
        connect(accountB, &Account::messagesStored, &guard,
                [&](const QList<storage::MessageRecord> &records) {
                    for (const auto &m : records)
                        bodies << m.body;
                });
        // A stranger, and our own other resource (a full JID is a client, not our PEP
        // service), each send a notification that would add an autojoin room, then a message.
        const QString target = juliet() + QStringLiteral("/b");
        for (const auto &[user, resource] :
             {std::pair{QStringLiteral("mallory"), QStringLiteral("evil")},
              std::pair{QStringLiteral("juliet"), QStringLiteral("forger")}}) {
            Client *forger = raw(user, resource, m_server);
            QVERIFY(forger);
            BookmarkConference evil;
            evil.room = Jid::fromString(room(QStringLiteral("trap-") + user));
            evil.autojoin = true;
            Element item(QStringLiteral("item"), ns::PubSubEvent);
            item.setAttribute(QStringLiteral("id"), evil.room.bareString());
            item.appendChild(evil.toConference());
            Element items(QStringLiteral("items"), ns::PubSubEvent);
            items.setAttribute(QStringLiteral("node"), ns::Bookmarks);
            items.appendChild(item);
            Element event(QStringLiteral("event"), ns::PubSubEvent);
            event.appendChild(items);
            Element message(QStringLiteral("message"), ns::Client);
            message.setAttribute(QStringLiteral("to"), target);
            message.setAttribute(QStringLiteral("type"), QStringLiteral("headline"));
            message.appendChild(event);
            forger->send(message);
            // Stanzas from one sender to one recipient arrive in order (RFC 6120 §10.1).
            Element chat(QStringLiteral("message"), ns::Client);
            chat.setAttribute(QStringLiteral("to"), target);
            chat.setAttribute(QStringLiteral("type"), QStringLiteral("chat"));
            const QString marker = QStringLiteral("after the forgery from ") + user;
            chat.appendTextChild(QStringLiteral("body"), marker);
            forger->send(chat);
            QVERIFY(QTest::qWaitFor([&] { return bodies.contains(marker); }, 15000));
            QVERIFY(!b->find(evil.room.bareString()));
        }
        QVERIFY(b->list().isEmpty());
        QVERIFY(joins.rooms.isEmpty());
    }

    void contactsPepBookmarksAreNotOurs()
    {
        // The real attack: Mallory, a contact, publishes a bookmarks node on her own PEP
        // service. Juliet advertises urn:xmpp:bookmarks:1+notify, so Prosody notifies her from
        // mallory@host — a bare JID, as genuine as a PEP event gets, but not our account.
        Account *accountB = account(QStringLiteral("b"));
        Bookmarks *b = accountB->bookmarks();
        AutojoinLog joins;
        joins.follow(b);
        QStringList bodies;
        QObject guard;
        connect(accountB, &Account::messagesStored, &guard,
                [&](const QList<storage::MessageRecord> &records) {
                    for (const auto &m : records)
                        bodies << m.body;
                });
        Client *mallory = raw(QStringLiteral("mallory"), QStringLiteral("pep"), m_server);
        QVERIFY(mallory);
        BookmarkConference trap;
        trap.room = Jid::fromString(room(QStringLiteral("trap-pep")));
        trap.autojoin = true;
        // No publish-options: her node keeps PEP's default access model (presence), so her
        // contacts are notified.
        QVERIFY(await(mallory->sendIq(makeIq(
            u"set", {},
            pep::publishRequest(ns::Bookmarks, trap.room.bareString(), trap.toConference())))));
        // The notification leaves the server before the publish result; a message sent after
        // the result arrives after it.
        Element chat(QStringLiteral("message"), ns::Client);
        chat.setAttribute(QStringLiteral("to"), juliet() + QStringLiteral("/b"));
        chat.setAttribute(QStringLiteral("type"), QStringLiteral("chat"));
        chat.appendTextChild(QStringLiteral("body"), QStringLiteral("after mallory's publish"));
        mallory->send(chat);
        QVERIFY(QTest::qWaitFor(
            [&] { return bodies.contains(QStringLiteral("after mallory's publish")); }, 15000));
        QVERIFY(!b->find(trap.room.bareString()));
        QVERIFY(joins.rooms.isEmpty());
    }

    void legacyFallbackWithoutPepCompat()
    {
        // A server without mod_bookmarks: PEP works but nothing unifies it with XEP-0048
        // (no urn:xmpp:bookmarks:1#compat), so bookmarks go to private XML storage.
        testing::LocalProsody legacy;
        testing::LocalProsodyOptions options;
        options.extraHostConfig << QStringLiteral("modules_disabled = { \"bookmarks\" }");
        QVERIFY2(legacy.prepare(options), qPrintable(legacy.errorString()));
        QVERIFY(legacy.registerUser(QStringLiteral("juliet"), kPassword));
        QVERIFY2(legacy.start(options), qPrintable(legacy.errorString()));

        // An older client stored a URL, an unknown element and a conference of its own.
        Client *old = raw(QStringLiteral("juliet"), QStringLiteral("old"), legacy);
        QVERIFY(old);
        const Element stored = Element::fromXml(
            "<storage xmlns='storage:bookmarks'>"
            "<conference jid='council@conference.localhost' name='Council' autojoin='true' "
            "x-extra='kept'><nick>Jules</nick><minimized xmlns='urn:example:client'/>"
            "</conference><url name='Works' url='http://example.org/'/>"
            "<folder xmlns='urn:example:folders' name='Plays'/></storage>");
        QVERIFY(!stored.isNull());
        QVERIFY(await(old->sendIq(
            LegacyBookmarksManager::makeStore(*LegacyBookmarkStorage::fromStorage(stored)))));

        Account *a = login(QStringLiteral("legacy-a"), QStringLiteral("juliet"),
                           QStringLiteral("a"), legacy);
        QVERIFY(a);
        AutojoinLog joins;
        joins.follow(a->bookmarks());
        QVERIFY(waitLoaded(a->bookmarks()));
        QCOMPARE(a->bookmarks()->storage(), Bookmarks::Storage::PrivateXml);
        const RoomBookmark council{QStringLiteral("council@conference.localhost"),
                                   QStringLiteral("Council"),
                                   QStringLiteral("Jules"),
                                   {},
                                   true};
        QCOMPARE(a->bookmarks()->list(), QList{council});

        // Add one and change the other: the old client's data is all still there.
        const RoomBookmark play{QStringLiteral("play@conference.localhost"),
                                QStringLiteral("Play"),
                                QStringLiteral("Juliet"),
                                {},
                                false};
        QVERIFY(await(a->bookmarks()->set(play)));
        RoomBookmark quiet = council;
        quiet.autojoin = false;
        QVERIFY(await(a->bookmarks()->set(quiet)));
        QCOMPARE(a->bookmarks()->list(), (QList{quiet, play}));

        const auto result = await(old->sendIq(LegacyBookmarksManager::makeFetch()));
        QVERIFY(result);
        const auto storage = LegacyBookmarkStorage::fromQueryResult(*result);
        QVERIFY(storage);
        const Element e = storage->element();
        QCOMPARE(e.childrenNamed(u"url", ns::LegacyBookmarks).size(), size_t(1));
        QVERIFY(e.hasChild(u"folder", u"urn:example:folders"));
        const Element c = e.firstChild(u"conference", ns::LegacyBookmarks);
        QCOMPARE(c.attribute(u"x-extra"), QStringLiteral("kept"));
        QCOMPARE(c.attribute(u"autojoin"), QStringLiteral("false"));
        QVERIFY(c.hasChild(u"minimized", u"urn:example:client"));
        QCOMPARE(storage->conferences().size(), size_t(2));

        QVERIFY(await(a->bookmarks()->remove(play.room)));
        QCOMPARE(a->bookmarks()->list(), QList{quiet});
        QCOMPARE(joins.rooms, QStringList{council.room}); // once, at login
        m_sessions.erase(QStringLiteral("legacy-a"));
    }

    void selfPingJoinedThenKicked()
    {
        StanzaRecorder *romeoSeen = nullptr;
        StanzaRecorder *julietSeen = nullptr;
        Client *romeo = raw(QStringLiteral("romeo"), QStringLiteral("r"), m_server, &romeoSeen);
        Client *juliet =
            raw(QStringLiteral("juliet"), QStringLiteral("muc"), m_server, &julietSeen);
        QVERIFY(romeo && juliet);
        const QString verona = room(QStringLiteral("verona"));
        const auto join = [&](Client *c, const QString &nick) {
            Element presence(QStringLiteral("presence"), ns::Client);
            presence.setAttribute(QStringLiteral("to"), verona + u'/' + nick);
            presence.appendChild(
                Element(QStringLiteral("x"), QStringLiteral("http://jabber.org/protocol/muc")));
            c->send(presence);
        };
        // Romeo creates the room (owner, hence moderator); Juliet joins.
        join(romeo, QStringLiteral("Romeo"));
        QVERIFY(QTest::qWaitFor(
            [&] { return romeoSeen->hasSelfPresenceFrom(verona + QStringLiteral("/Romeo")); },
            15000));
        // Prosody locks a new room until its owner configures it: accept the defaults
        // (an instant room, XEP-0045 §10.1.2).
        Element submit(QStringLiteral("x"), ns::DataForms);
        submit.setAttribute(QStringLiteral("type"), QStringLiteral("submit"));
        Element owner(QStringLiteral("query"),
                      QStringLiteral("http://jabber.org/protocol/muc#owner"));
        owner.appendChild(submit);
        QVERIFY(await(romeo->sendIq(makeIq(u"set", verona, owner))));
        join(juliet, QStringLiteral("Juliet"));
        const QString occupant = verona + QStringLiteral("/Juliet");
        QVERIFY(QTest::qWaitFor([&] { return julietSeen->hasSelfPresenceFrom(occupant); }, 15000));

        SelfPinger pinger(juliet);
        auto joined = pinger.ping(Jid::fromString(occupant));
        QVERIFY(QTest::qWaitFor([&] { return joined.isFinished(); }, 15000));
        QCOMPARE(*joined.result(), SelfPingOutcome::Joined);

        // The scheduler pings after the (short) silence and is satisfied.
        SelfPingScheduler scheduler(juliet);
        scheduler.setInterval(std::chrono::milliseconds(200));
        QList<SelfPingOutcome> outcomes;
        QStringList rejoin;
        connect(&scheduler, &SelfPingScheduler::pinged, this,
                [&](const QString &, SelfPingOutcome o) { outcomes << o; });
        connect(&scheduler, &SelfPingScheduler::rejoinNeeded, this,
                [&](const QString &r) { rejoin << r; });
        scheduler.setJoined(verona, occupant);
        QVERIFY(QTest::qWaitFor([&] { return !outcomes.isEmpty(); }, 15000));
        QCOMPARE(outcomes.first(), SelfPingOutcome::Joined);
        QVERIFY(rejoin.isEmpty());

        // Romeo kicks Juliet (XEP-0045 §8.2); the room no longer knows her.
        Element item(QStringLiteral("item"),
                     QStringLiteral("http://jabber.org/protocol/muc#admin"));
        item.setAttribute(QStringLiteral("nick"), QStringLiteral("Juliet"));
        item.setAttribute(QStringLiteral("role"), QStringLiteral("none"));
        Element query(QStringLiteral("query"),
                      QStringLiteral("http://jabber.org/protocol/muc#admin"));
        query.appendChild(item);
        QVERIFY(await(romeo->sendIq(makeIq(u"set", verona, query))));
        auto kicked = pinger.ping(Jid::fromString(occupant));
        QVERIFY(QTest::qWaitFor([&] { return kicked.isFinished(); }, 15000));
        QCOMPARE(*kicked.result(), SelfPingOutcome::NotJoined);
        QVERIFY(QTest::qWaitFor([&] { return !rejoin.isEmpty(); }, 15000));
        QCOMPARE(rejoin, QStringList{verona});
        QVERIFY(scheduler.rooms().isEmpty());
    }

    void selfPingAfterServerRestart()
    {
        // Juliet joins a room; the server restarts and forgets the (temporary) room. Once
        // connected again, the ping must not say "joined".
        StanzaRecorder *seen = nullptr;
        Client *juliet = raw(QStringLiteral("juliet"), QStringLiteral("restart"), m_server, &seen);
        QVERIFY(juliet);
        const QString occupant = room(QStringLiteral("balcony")) + QStringLiteral("/Juliet");
        Element presence(QStringLiteral("presence"), ns::Client);
        presence.setAttribute(QStringLiteral("to"), occupant);
        presence.appendChild(
            Element(QStringLiteral("x"), QStringLiteral("http://jabber.org/protocol/muc")));
        juliet->send(presence);
        QVERIFY(QTest::qWaitFor([&] { return seen->hasSelfPresenceFrom(occupant); }, 15000));

        // Every session ends with the server: drop the others first so nothing reconnects
        // into the restarted server behind our back.
        m_sessions.clear();
        QVERIFY2(m_server.restart(), qPrintable(m_server.errorString()));
        QVERIFY(QTest::qWaitFor([&] { return !juliet->isConnected(); }, 15000));
        QSignalSpy connected(juliet, &Client::connected);
        juliet->connectToServer();
        QVERIFY(QTest::qWaitFor([&] { return !connected.isEmpty(); }, 15000));
        SelfPinger pinger(juliet);
        auto answer = pinger.ping(Jid::fromString(occupant));
        QVERIFY(QTest::qWaitFor([&] { return answer.isFinished(); }, 15000));
        QCOMPARE(*answer.result(), SelfPingOutcome::NotJoined);
    }

    void cleanupTestCase()
    {
        m_sessions.clear();
        m_raw.clear();
    }
};

QTEST_GUILESS_MAIN(TestBookmarks)
#include "tst_bookmarks.moc"
