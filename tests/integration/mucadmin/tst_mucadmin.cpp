// SPDX-License-Identifier: GPL-3.0-or-later
// Room administration against a real Prosody: alice (an AppSession) creates rooms with each
// preset, reads and edits their configuration, lists the directory, changes roles and
// affiliations, retracts a message (XEP-0425, through the fixture module) and destroys rooms;
// bob (another AppSession) is refused in plain words; carol is a bare client that enters rooms
// with raw presences and records what the rooms send her.
#include "tests/support/await.h"
#include "tests/support/localprosody.h"
#include "tests/support/sessionlogin.h"

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

/// Waits for a task; nullopt (with a warning) on failure or timeout.
using parla::testing::await;

/// The error text of a task that must fail ("" if it succeeded or timed out).
template <typename T>
QString awaitError(Task<Result<T>> task, int ms = 15000)
{
    if (!QTest::qWaitFor([&] { return task.isFinished(); }, ms))
        return {};
    if (const auto *e = std::get_if<Error>(&*task.result()))
        return e->text;
    return {};
}

/// Records every stanza a bare client receives.
class Recorder : public Extension
{
    Q_OBJECT
public:
    std::vector<Element> stanzas;
    bool handleStanza(const Element &stanza) override
    {
        stanzas.push_back(stanza);
        return stanza.name() != u"iq"; // IQ requests are answered service-unavailable
    }
    /// The first recorded stanza from index `from` on that satisfies `pred`.
    template <typename P>
    std::optional<Element> waitFor(P pred, size_t from = 0, int ms = 10000)
    {
        std::optional<Element> found;
        (void)QTest::qWaitFor(
            [&] {
                for (size_t i = from; i < stanzas.size(); ++i) {
                    if (pred(stanzas[i])) {
                        found = stanzas[i];
                        return true;
                    }
                }
                return false;
            },
            ms);
        return found;
    }
};

bool hasStatus(const Element &presence, QStringView code)
{
    const Element x = presence.firstChild(u"x", mucadmin::NsMucUser);
    for (const Element &s : x.childrenNamed(u"status", mucadmin::NsMucUser)) {
        if (s.attribute(u"code") == code)
            return true;
    }
    return false;
}

QString itemAttribute(const Element &presence, QStringView name)
{
    return presence.firstChild(u"x", mucadmin::NsMucUser)
        .firstChild(u"item", mucadmin::NsMucUser)
        .attribute(name);
}

bool isTrue(const DataForm &form, QStringView var)
{
    const auto *f = form.field(var);
    return f && (f->value() == u"1" || f->value() == u"true");
}

bool isFalse(const DataForm &form, QStringView var)
{
    const auto *f = form.field(var);
    // A boolean without a value is false (Prosody sends false that way).
    return f && (f->value().isEmpty() || f->value() == u"0" || f->value() == u"false");
}

QStringList jidsOf(const QList<AffiliationEntry> &entries)
{
    QStringList out;
    for (const auto &e : entries)
        out << e.jid;
    return out;
}
} // namespace

class TestMucAdmin : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;
    QTemporaryDir m_profiles;
    std::unique_ptr<AppSession> m_alice;
    std::unique_ptr<AppSession> m_bob;
    std::unique_ptr<Client> m_carol;
    Recorder *m_carolSees = nullptr;

    QString jid(const QString &user) const { return user + u'@' + m_server.host(); }
    QString room(const QString &name) const { return name + u'@' + m_server.conferenceHost(); }
    QString alice() const { return jid(QStringLiteral("alice")); }
    QString bob() const { return jid(QStringLiteral("bob")); }
    QString carol() const { return jid(QStringLiteral("carol")); }

    std::unique_ptr<AppSession> login(const QString &user)
    {
        return testing::loginSession(m_server, m_profiles.filePath(user), user, kPassword);
    }

    /// carol enters `roomJid` as `nick` with a raw presence; true once her self-presence came.
    bool carolJoins(const QString &roomJid, const QString &nick = QStringLiteral("carol"))
    {
        const size_t mark = m_carolSees->stanzas.size();
        Element presence(QStringLiteral("presence"), QStringLiteral("jabber:client"));
        presence.setAttribute(QStringLiteral("to"), roomJid + u'/' + nick);
        presence.appendChild(Element(QStringLiteral("x"), mucadmin::NsMuc));
        m_carol->send(presence);
        const auto answer = m_carolSees->waitFor(
            [&](const Element &s) {
                return s.name() == u"presence" && s.attribute(u"from") == roomJid + u'/' + nick &&
                       (hasStatus(s, u"110") || s.attribute(u"type") == u"error");
            },
            mark);
        return answer && answer->attribute(u"type") != u"error";
    }

    /// The next presence carol receives about `nick` in `roomJid` after `mark`.
    std::optional<Element> carolSeesPresenceOf(const QString &roomJid, const QString &nick,
                                               size_t mark)
    {
        return m_carolSees->waitFor(
            [&](const Element &s) {
                return s.name() == u"presence" && s.attribute(u"from") == roomJid + u'/' + nick;
            },
            mark);
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

        m_carol = std::make_unique<Client>();
        m_carolSees = new Recorder;
        m_carol->addExtension(m_carolSees);
        ConnectionSettings s;
        s.jid = Jid::fromString(carol());
        s.password = kPassword;
        s.resource = QStringLiteral("raw");
        s.host = testing::LocalProsody::address();
        s.port = m_server.c2sPort();
        s.extraCaCertificates = {m_server.caCertificatePem()};
        m_carol->setSettings(s);
        QSignalSpy connected(m_carol.get(), &Client::connected);
        m_carol->connectToServer();
        QVERIFY(QTest::qWaitFor([&] { return !connected.isEmpty(); }, 15000));
    }

    void cleanupTestCase()
    {
        if (m_carol)
            m_carol->disconnectFromServer();
    }

    void mucServicesFindTheConferenceComponent()
    {
        const auto services = await(m_alice->rooms().mucServices(alice()));
        QVERIFY(services);
        QCOMPARE(*services, QStringList{m_server.conferenceHost()});
    }

    void createRoomWithEachPresetAndReadTheConfigurationBack()
    {
        // Instant: the service's defaults, unlocked at once (carol may enter).
        QVERIFY(await(m_alice->rooms().createRoom(alice(), room(QStringLiteral("instant")),
                                                  QStringLiteral("alice"), RoomPreset::Instant)));
        QVERIFY(carolJoins(room(QStringLiteral("instant"))));
        QVERIFY(
            await(m_alice->rooms().roomConfiguration(alice(), room(QStringLiteral("instant")))));

        const auto pub = QStringLiteral("public");
        QVERIFY(await(m_alice->rooms().createRoom(alice(), room(pub), QStringLiteral("alice"),
                                                  RoomPreset::PublicChannel)));
        auto form = await(m_alice->rooms().roomConfiguration(alice(), room(pub)));
        QVERIFY(form);
        QVERIFY(isTrue(*form, u"muc#roomconfig_publicroom"));
        QVERIFY(isTrue(*form, u"muc#roomconfig_persistentroom"));
        QVERIFY(isFalse(*form, u"muc#roomconfig_membersonly"));
        QVERIFY(isFalse(*form, u"muc#roomconfig_moderatedroom"));
        QCOMPARE(form->field(u"muc#roomconfig_whois")->value(), QStringLiteral("moderators"));

        const auto priv = QStringLiteral("private");
        QVERIFY(await(m_alice->rooms().createRoom(alice(), room(priv), QStringLiteral("alice"),
                                                  RoomPreset::PrivateGroup)));
        form = await(m_alice->rooms().roomConfiguration(alice(), room(priv)));
        QVERIFY(form);
        QVERIFY(isFalse(*form, u"muc#roomconfig_publicroom"));
        QVERIFY(isTrue(*form, u"muc#roomconfig_membersonly"));
        QVERIFY(isTrue(*form, u"muc#roomconfig_persistentroom"));
        QCOMPARE(form->field(u"muc#roomconfig_whois")->value(), QStringLiteral("anyone"));
        // Members-only: carol, no member, is turned away.
        QVERIFY(!carolJoins(room(priv)));

        const auto mod = QStringLiteral("moderated");
        QVERIFY(await(m_alice->rooms().createRoom(alice(), room(mod), QStringLiteral("alice"),
                                                  RoomPreset::Moderated)));
        form = await(m_alice->rooms().roomConfiguration(alice(), room(mod)));
        QVERIFY(form);
        QVERIFY(isTrue(*form, u"muc#roomconfig_moderatedroom"));
        QVERIFY(isTrue(*form, u"muc#roomconfig_publicroom"));

        // Custom: the room stays locked (§10.1.1) until the owner submits the form.
        const auto custom = QStringLiteral("custom");
        QVERIFY(await(m_alice->rooms().createRoom(alice(), room(custom), QStringLiteral("alice"),
                                                  RoomPreset::Custom)));
        QVERIFY(!carolJoins(room(custom)));
        form = await(m_alice->rooms().roomConfiguration(alice(), room(custom)));
        QVERIFY(form);
        form->field(u"muc#roomconfig_roomname")->values = {QStringLiteral("Custom made")};
        QVERIFY(await(m_alice->rooms().submitRoomConfiguration(alice(), room(custom), *form)));
        QVERIFY(carolJoins(room(custom)));

        // Creating a room that exists is refused, not silently turned into a join.
        const QString again = awaitError(m_alice->rooms().createRoom(
            alice(), room(pub), QStringLiteral("alice"), RoomPreset::Instant));
        QVERIFY2(again.contains(QStringLiteral("already exists")), qPrintable(again));
    }

    void editConfigurationLaterAndListTheDirectory()
    {
        const auto pub = room(QStringLiteral("public"));
        auto form = await(m_alice->rooms().roomConfiguration(alice(), pub));
        QVERIFY(form);
        form->field(u"muc#roomconfig_roomname")->values = {QStringLiteral("The Public Square")};
        form->field(u"muc#roomconfig_roomdesc")->values = {QStringLiteral("Everyone welcome")};
        QVERIFY(await(m_alice->rooms().submitRoomConfiguration(alice(), pub, *form)));
        form = await(m_alice->rooms().roomConfiguration(alice(), pub));
        QVERIFY(form);
        QCOMPARE(form->field(u"muc#roomconfig_roomname")->value(),
                 QStringLiteral("The Public Square"));

        QVERIFY(carolJoins(pub));
        const auto listing =
            await(m_alice->rooms().roomDirectory(alice(), m_server.conferenceHost()));
        QVERIFY(listing);
        QStringList rooms;
        for (const auto &r : *listing)
            rooms << r.room;
        QVERIFY2(rooms.contains(pub), qPrintable(rooms.join(u',')));
        QVERIFY2(!rooms.contains(room(QStringLiteral("private"))), qPrintable(rooms.join(u',')));
        for (const auto &r : *listing) {
            if (r.room != pub)
                continue;
            QCOMPARE(r.name, QStringLiteral("The Public Square"));
            QCOMPARE(r.description, QStringLiteral("Everyone welcome"));
            QCOMPARE(r.occupants, 2); // alice and carol
            QVERIFY(!r.membersOnly);
        }
        // Without a service: every MUC service of the server (here the one).
        const auto all = await(m_alice->rooms().roomDirectory(alice(), QString()));
        QVERIFY(all);
        QCOMPARE(all->size(), listing->size());
    }

    void rolesAndAffiliationsRoundTrip()
    {
        const auto r = room(QStringLiteral("instant"));
        size_t mark = m_carolSees->stanzas.size();
        QVERIFY(await(m_alice->rooms().setOccupantRole(
            alice(), r, QStringLiteral("carol"), RoomRole::Visitor, QStringLiteral("quiet"))));
        auto p = carolSeesPresenceOf(r, QStringLiteral("carol"), mark);
        QVERIFY(p);
        QCOMPARE(itemAttribute(*p, u"role"), QStringLiteral("visitor"));

        mark = m_carolSees->stanzas.size();
        QVERIFY(await(m_alice->rooms().setOccupantRole(alice(), r, QStringLiteral("carol"),
                                                       RoomRole::Participant, {})));
        p = carolSeesPresenceOf(r, QStringLiteral("carol"), mark);
        QVERIFY(p);
        QCOMPARE(itemAttribute(*p, u"role"), QStringLiteral("participant"));

        mark = m_carolSees->stanzas.size();
        QVERIFY(await(m_alice->rooms().setOccupantRole(alice(), r, QStringLiteral("carol"),
                                                       RoomRole::Moderator, {})));
        p = carolSeesPresenceOf(r, QStringLiteral("carol"), mark);
        QVERIFY(p);
        QCOMPARE(itemAttribute(*p, u"role"), QStringLiteral("moderator"));

        // Affiliations by bare JID, read back from the lists.
        QVERIFY(await(
            m_alice->rooms().setAffiliation(alice(), r, carol(), RoomAffiliation::Member, {})));
        auto members = await(m_alice->rooms().affiliationList(alice(), r, RoomAffiliation::Member));
        QVERIFY(members);
        QCOMPARE(jidsOf(*members), QStringList{carol()});
        QVERIFY(await(
            m_alice->rooms().setAffiliation(alice(), r, carol(), RoomAffiliation::Admin, {})));
        auto admins = await(m_alice->rooms().affiliationList(alice(), r, RoomAffiliation::Admin));
        QVERIFY(admins);
        QCOMPARE(jidsOf(*admins), QStringList{carol()});
        members = await(m_alice->rooms().affiliationList(alice(), r, RoomAffiliation::Member));
        QVERIFY(members);
        QVERIFY(members->isEmpty());
        auto owners = await(m_alice->rooms().affiliationList(alice(), r, RoomAffiliation::Owner));
        QVERIFY(owners);
        QCOMPARE(jidsOf(*owners), QStringList{alice()});

        QVERIFY(await(m_alice->rooms().setAffiliation(alice(), r, bob(), RoomAffiliation::Outcast,
                                                      QStringLiteral("trouble"))));
        auto banned = await(m_alice->rooms().affiliationList(alice(), r, RoomAffiliation::Outcast));
        QVERIFY(banned);
        QCOMPARE(jidsOf(*banned), QStringList{bob()});
        // (Prosody 0.12 does not return reasons in affiliation lists.)
        QVERIFY(
            await(m_alice->rooms().setAffiliation(alice(), r, bob(), RoomAffiliation::None, {})));
        banned = await(m_alice->rooms().affiliationList(alice(), r, RoomAffiliation::Outcast));
        QVERIFY(banned);
        QVERIFY(banned->isEmpty());

        // Back to none, then kick: carol gets status 307 (§8.2).
        QVERIFY(
            await(m_alice->rooms().setAffiliation(alice(), r, carol(), RoomAffiliation::None, {})));
        mark = m_carolSees->stanzas.size();
        QVERIFY(await(m_alice->rooms().setOccupantRole(alice(), r, QStringLiteral("carol"),
                                                       RoomRole::None, QStringLiteral("out"))));
        const auto kicked = m_carolSees->waitFor(
            [&](const Element &s) {
                return s.name() == u"presence" && s.attribute(u"type") == u"unavailable" &&
                       s.attribute(u"from") == r + QStringLiteral("/carol") && hasStatus(s, u"307");
            },
            mark);
        QVERIFY(kicked);

        // A nick nobody has is reported as such.
        const QString nobody = awaitError(m_alice->rooms().setOccupantRole(
            alice(), r, QStringLiteral("nobody-here"), RoomRole::Visitor, {}));
        QVERIFY(!nobody.isEmpty());
    }

    void nonOwnerIsRefusedInPlainWords()
    {
        const auto r = room(QStringLiteral("public"));
        QCOMPARE(awaitError(m_bob->rooms().roomConfiguration(bob(), r)),
                 QStringLiteral("Only the room's owner may change its configuration."));
        QCOMPARE(awaitError(m_bob->rooms().destroyRoom(bob(), r, {})),
                 QStringLiteral("Only the room's owner may destroy it."));
        QCOMPARE(awaitError(
                     m_bob->rooms().setAffiliation(bob(), r, carol(), RoomAffiliation::Member, {})),
                 QStringLiteral("Only the room's admins and owners may change memberships and "
                                "bans."));
        QCOMPARE(
            awaitError(m_bob->rooms().setAffiliation(bob(), r, bob(), RoomAffiliation::Owner, {})),
            QStringLiteral("Only the room's owner may grant or revoke owner and admin "
                           "rights."));
        // The room is untouched.
        const auto owners =
            await(m_alice->rooms().affiliationList(alice(), r, RoomAffiliation::Owner));
        QVERIFY(owners);
        QCOMPARE(jidsOf(*owners), QStringList{alice()});
    }

    void moderationRetractsAMessage()
    {
        const auto r = room(QStringLiteral("moderated"));
        QVERIFY(carolJoins(r)); // a visitor in a moderated room: give her voice first
        QVERIFY(await(m_alice->rooms().setOccupantRole(alice(), r, QStringLiteral("carol"),
                                                       RoomRole::Participant, {})));
        size_t mark = m_carolSees->stanzas.size();
        Element message(QStringLiteral("message"), QStringLiteral("jabber:client"));
        message.setAttribute(QStringLiteral("to"), r);
        message.setAttribute(QStringLiteral("type"), QStringLiteral("groupchat"));
        message.appendTextChild(QStringLiteral("body"), QStringLiteral("buy magic potions"));
        m_carol->send(message);
        const auto echoed = m_carolSees->waitFor(
            [&](const Element &s) {
                return s.name() == u"message" && s.childText(u"body") == u"buy magic potions";
            },
            mark);
        QVERIFY(echoed);
        const Element sid = echoed->firstChild(u"stanza-id", u"urn:xmpp:sid:0");
        QCOMPARE(sid.attribute(u"by"), r);
        const QString stanzaId = sid.attribute(u"id");
        QVERIFY(!stanzaId.isEmpty());

        // What alice's store holds for that message (as the group-chat pipeline stores it).
        Account *a = m_alice->account(alice());
        QVERIFY(a);
        storage::MessageRecord record;
        record.account = alice();
        record.peer = r;
        record.kind = storage::ConversationKind::GroupChat;
        record.senderJid = r + QStringLiteral("/carol");
        record.body = QStringLiteral("buy magic potions");
        record.timestamp = QDateTime::currentDateTimeUtc();
        record.messageId = echoed->attribute(u"id");
        record.stanzaId = stanzaId;
        record.stanzaIdBy = r;
        record.state = DeliveryState::Delivered;
        const auto inserted = await(a->messages().insert(record));
        QVERIFY(inserted);

        // A stanza-id our own archive assigned names nothing in the room: refused locally.
        storage::MessageRecord ours = record;
        ours.stanzaId = QStringLiteral("our-archive-id");
        ours.stanzaIdBy = alice();
        ours.messageId = QStringLiteral("other");
        const auto oursInserted = await(a->messages().insert(ours));
        QVERIFY(oursInserted);
        QVERIFY(oursInserted->id != inserted->id);
        QVERIFY(awaitError(m_alice->rooms().moderateMessage(alice(), oursInserted->id, {}))
                    .contains(QStringLiteral("did not number")));
        // A 1:1 message is not a moderator's business.
        storage::MessageRecord chat = record;
        chat.kind = storage::ConversationKind::Chat;
        chat.peer = carol();
        chat.messageId = QStringLiteral("chat-1");
        chat.senderJid = carol() + QStringLiteral("/raw");
        chat.stanzaId = QStringLiteral("chat-sid"); // as if the room had numbered it
        chat.stanzaIdBy = r;
        const auto chatInserted = await(a->messages().insert(chat));
        QVERIFY(chatInserted);
        QVERIFY(chatInserted->id != inserted->id);
        QVERIFY(awaitError(m_alice->rooms().moderateMessage(alice(), chatInserted->id, {}))
                    .contains(QStringLiteral("Only messages in group chats")));

        // A stanza-id the room never gave: the room says so, in plain words.
        storage::MessageRecord ghost = record;
        ghost.stanzaId = QStringLiteral("no-such-archive-id");
        ghost.messageId = QStringLiteral("ghost");
        ghost.senderJid = r + QStringLiteral("/ghost");
        const auto ghostInserted = await(a->messages().insert(ghost));
        QVERIFY(ghostInserted);
        QVERIFY(ghostInserted->id != inserted->id);
        QCOMPARE(awaitError(m_alice->rooms().moderateMessage(alice(), ghostInserted->id, {})),
                 QStringLiteral("The room does not know that message."));

        mark = m_carolSees->stanzas.size();
        QVERIFY(
            await(m_alice->rooms().moderateMessage(alice(), inserted->id, QStringLiteral("spam"))));
        const auto retraction = m_carolSees->waitFor(
            [&](const Element &s) {
                return s.name() == u"message" && s.hasChild(u"retract", mucadmin::NsRetract);
            },
            mark);
        QVERIFY(retraction);
        QCOMPARE(retraction->attribute(u"from"), r);
        const Element retract = retraction->firstChild(u"retract", mucadmin::NsRetract);
        QCOMPARE(retract.attribute(u"id"), stanzaId);
        QCOMPARE(retract.firstChild(u"moderated", mucadmin::NsModerate).attribute(u"by"),
                 r + QStringLiteral("/alice"));
        QCOMPARE(retract.childText(u"reason"), QStringLiteral("spam"));

        // bob is no moderator there (not even an occupant): refused in plain words.
        Account *b = m_bob->account(bob());
        QVERIFY(b);
        storage::MessageRecord bobs = record;
        bobs.account = bob();
        const auto bobInserted = await(b->messages().insert(bobs));
        QVERIFY(bobInserted);
        QCOMPARE(awaitError(m_bob->rooms().moderateMessage(bob(), bobInserted->id, {})),
                 QStringLiteral("Only the room's moderators may retract messages."));
    }

    void badInputIsRefusedBeforeTheWire()
    {
        QCOMPARE(
            awaitError(m_alice->rooms().createRoom(alice(), QStringLiteral("no room here"),
                                                   QStringLiteral("alice"), RoomPreset::Instant)),
            QStringLiteral("That is not a valid room address."));
        QVERIFY(!awaitError(m_alice->rooms().createRoom(alice(), room(QStringLiteral("nameless")),
                                                        QStringLiteral("  "), RoomPreset::Instant))
                     .isEmpty());
        QCOMPARE(awaitError(m_alice->rooms().moderateMessage(alice(), 987654321, {})),
                 QStringLiteral("That message is not known."));
        QCOMPARE(awaitError(m_alice->rooms().roomDirectory(QStringLiteral("nobody@nowhere"), {})),
                 QStringLiteral("No such account."));
        QVERIFY(!awaitError(m_alice->rooms().affiliationList(
                                alice(), room(QStringLiteral("public")), RoomAffiliation::None))
                     .isEmpty());
    }

    void destroyTellsTheOccupants()
    {
        const auto r = room(QStringLiteral("custom"));
        const size_t mark = m_carolSees->stanzas.size();
        QVERIFY(await(m_alice->rooms().destroyRoom(alice(), r, QStringLiteral("moving on"))));
        const auto gone = m_carolSees->waitFor(
            [&](const Element &s) {
                return s.name() == u"presence" && s.attribute(u"type") == u"unavailable" &&
                       s.attribute(u"from") == r + QStringLiteral("/carol") &&
                       s.firstChild(u"x", mucadmin::NsMucUser).hasChild(u"destroy");
            },
            mark);
        QVERIFY(gone);
        QCOMPARE(
            gone->firstChild(u"x", mucadmin::NsMucUser).firstChild(u"destroy").childText(u"reason"),
            QStringLiteral("moving on"));
        // The room is gone: its configuration no longer exists.
        QVERIFY(!awaitError(m_alice->rooms().roomConfiguration(alice(), r)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMucAdmin)
#include "tst_mucadmin.moc"
