// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0425 moderation and XEP-0424 retraction references in a room, over a real Account and
// store, offline, fed recorded XML: the room's announcement (bare room JID) wipes the message
// it numbered and the model shows "Removed by a moderator"; the same claim from an occupant,
// from another room, or naming an 'id' attribute instead of the room's stanza-id, is refused.
// Also: the parser against XEP-0425's examples, which id our own room retraction names, and
// where a copy of our own private message to an occupant (XEP-0280 §6 carbon) is filed, and
// that without occupant-ids a nick's new holder cannot correct what was written before it
// entered (XEP-0308 §6).
#include "core/models/messagemodel.h"
#include "core/models/roles.h"
#include "core/services/account.h"
#include "core/services/passwordstore.h"
#include "core/services/rooms.h"
#include "core/storage/database.h"
#include "core/xmpp/xep/xep0425_moderation/moderation.h"
#include "tests/unit/storage/storagetest.h"
#include "tests/unit/xep/xmlhelper.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace parla;
using namespace parla::storage;
using namespace parla::xmpp;

namespace {
const QString Me = QStringLiteral("hag66@shakespeare.lit");
const QString Room = QStringLiteral("coven@chat.shakespeare.lit");
const QString Other = QStringLiteral("heath@chat.shakespeare.lit");

Element xml(const QByteArray &text)
{
    const Element e = parla::xmpp::test::fromXml(text);
    if (e.isNull())
        qFatal("bad test XML");
    return e;
}

// XEP-0045 §7.2.3 Example 24: our own presence (status 110) in `room`.
QByteArray selfPresence(const QString &room)
{
    return "<presence from='" + room.toUtf8() +
           "/thirdwitch' to='hag66@shakespeare.lit/pda'><x "
           "xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' "
           "role='participant'/><status code='110'/></x></presence>";
}

// An occupant's message as the room relays it, numbered by the room (XEP-0359).
QByteArray occupantMessage(const QString &id, const QString &stanzaId, const QString &body,
                           const QByteArray &extra = {})
{
    return "<message type='groupchat' from='coven@chat.shakespeare.lit/firstwitch' "
           "to='hag66@shakespeare.lit/pda' id='" +
           id.toUtf8() + "'><body>" + body.toUtf8() +
           "</body><stanza-id xmlns='urn:xmpp:sid:0' by='coven@chat.shakespeare.lit' id='" +
           stanzaId.toUtf8() + "'/>" + extra + "</message>";
}

// XEP-0425 §4.1 Example 3, with `from` and the retracted id as given.
QByteArray announcement(const QString &from, const QString &ref, const QString &reason = {})
{
    QByteArray x = "<message type='groupchat' id='retraction-id-1' from='" + from.toUtf8() +
                   "' to='hag66@shakespeare.lit/pda'><retract id='" + ref.toUtf8() +
                   "' xmlns='urn:xmpp:message-retract:1'><moderated "
                   "by='coven@chat.shakespeare.lit/macbeth' "
                   "xmlns='urn:xmpp:message-moderate:1'><occupant-id "
                   "xmlns='urn:xmpp:occupant-id:0' id='dd72603d'/></moderated>";
    if (!reason.isEmpty())
        x += "<reason>" + reason.toUtf8() + "</reason>";
    return x + "</retract></message>";
}
} // namespace

class TestRoomModeration : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    services::MemoryPasswordStore m_passwords;
    std::unique_ptr<services::Account> m_account;

    MucManager *muc() const { return m_account->rooms()->muc(); }

    void enter(const QString &room)
    {
        m_account->rooms()->join(room, QStringLiteral("thirdwitch")); // offline: remembered
        muc()->join(Jid::fromString(room), QStringLiteral("thirdwitch"));
        QVERIFY(muc()->handleStanza(xml(selfPresence(room))));
        QCOMPARE(m_account->rooms()->room(room)->state(), RoomState::Joined);
    }

    /// Feeds an occupant's message and returns its stored record.
    MessageRecord receive(const QString &id, const QString &stanzaId, const QString &body,
                          const QByteArray &extra = {})
    {
        QSignalSpy stored(m_account.get(), &services::Account::messagesStored);
        if (!muc()->handleStanza(xml(occupantMessage(id, stanzaId, body, extra))))
            return {};
        if (!stored.wait(5000))
            return {};
        return stored.takeFirst().at(0).value<QList<MessageRecord>>().value(0);
    }

    MessageRecord reread(qint64 id)
    {
        auto r = m_account->messages().message(id);
        return isOk(r) && std::get<std::optional<MessageRecord>>(r)
                   ? *std::get<std::optional<MessageRecord>>(r)
                   : MessageRecord{};
    }

private Q_SLOTS:
    void init()
    {
        m_db = storage::test::openOrNull(m_dir.filePath(QStringLiteral("mod.db")));
        QVERIFY(m_db);
        AccountRecord record;
        record.jid = Me;
        services::AccountContext context;
        context.database = m_db.get();
        context.passwords = &m_passwords;
        m_account = std::make_unique<services::Account>(record, context);
        enter(Room);
    }
    void cleanup()
    {
        m_account.reset();
        m_db.reset();
        QFile::remove(m_dir.filePath(QStringLiteral("mod.db")));
    }

    void parsesTheXepExamples()
    {
        const auto live = Moderation::fromMessage(
            xml(announcement(Room, u"stanza-id-1"_qs, u"inappropriate"_qs)));
        QVERIFY(live);
        QCOMPARE(live->id, QStringLiteral("stanza-id-1"));
        QCOMPARE(live->by, QStringLiteral("coven@chat.shakespeare.lit/macbeth"));
        QCOMPARE(live->moderatorOccupantId, QStringLiteral("dd72603d"));
        QCOMPARE(live->reason, QStringLiteral("inappropriate"));
        QVERIFY(!live->tombstone);
        // §6 Example 5: the archived tombstone.
        const auto tomb = Moderation::fromMessage(
            xml("<message type='groupchat' from='coven@chat.shakespeare.lit/oldhag' "
                "id='message-id-1'><retracted stamp='2019-09-20T23:19:12Z' "
                "xmlns='urn:xmpp:message-retract:1'><moderated by='witch@shakespeare.example' "
                "xmlns='urn:xmpp:message-moderate:1'/><reason>off topic</reason></retracted>"
                "</message>"));
        QVERIFY(tomb);
        QVERIFY(tomb->tombstone);
        QCOMPARE(tomb->reason, QStringLiteral("off topic"));
        // A plain XEP-0424 retraction is no moderation; a nameless announcement is nothing.
        QVERIFY(!Moderation::fromMessage(xml("<message><retract id='x' "
                                             "xmlns='urn:xmpp:message-retract:1'/></message>")));
        QVERIFY(!Moderation::fromMessage(
            xml("<message><retract xmlns='urn:xmpp:message-retract:1'><moderated "
                "xmlns='urn:xmpp:message-moderate:1'/></retract></message>")));
    }

    void theRoomsAnnouncementIsBelievedAndNothingElse()
    {
        enter(Other);
        const MessageRecord first = receive(u"m1"_qs, u"sid-1"_qs, u"buy magic potions"_qs);
        const MessageRecord second = receive(u"m2"_qs, u"sid-2"_qs, u"and cheap brooms"_qs);
        QVERIFY(first.id > 0 && second.id > 0);
        QCOMPARE(first.stanzaIdBy, Room);

        // Spoofs, all naming `first`: the author itself claiming a moderation (XEP-0425 §7:
        // discarded whole, not even taken as an author's retraction), another occupant,
        // another room we are in, and the room naming the 'id' attribute, not its stanza-id.
        QVERIFY(muc()->handleStanza(xml(announcement(Room + u"/firstwitch"_qs, u"sid-1"_qs))));
        QVERIFY(muc()->handleStanza(xml(announcement(Room + u"/macbeth"_qs, u"sid-1"_qs))));
        QVERIFY(muc()->handleStanza(xml(announcement(Other, u"sid-1"_qs))));
        QVERIFY(muc()->handleStanza(xml(announcement(Room, u"m1"_qs))));

        // The real one, for `second`: writes are ordered, so once it is applied the spoofs
        // before it have been too.
        QSignalSpy updated(m_account.get(), &services::Account::messageUpdated);
        QVERIFY(muc()->handleStanza(xml(announcement(Room, u"sid-2"_qs, u"spam"_qs))));
        QVERIFY(updated.wait(5000));
        QCOMPARE(updated.size(), 1);
        QCOMPARE(updated.at(0).at(0).toLongLong(), second.id);

        const MessageRecord untouched = reread(first.id);
        QCOMPARE(untouched.body, QStringLiteral("buy magic potions"));
        QVERIFY(!untouched.retracted && !untouched.moderated);
        const MessageRecord moderated = reread(second.id);
        QVERIFY(moderated.retracted && moderated.moderated);
        QVERIFY(moderated.body.isEmpty());
        QCOMPARE(moderated.moderationReason, QStringLiteral("spam"));

        // The model shows the tombstone instead of the text.
        models::MessageModel model(m_account.get(), Room);
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex firstRow = model.index(0, 0);
        const QModelIndex secondRow = model.index(1, 0);
        QVERIFY(!firstRow.data(models::MessageModeratedRole).toBool());
        QCOMPARE(firstRow.data(models::MessageBodyRole).toString(), first.body);
        QVERIFY(secondRow.data(models::MessageModeratedRole).toBool());
        QVERIFY(secondRow.data(models::MessageRetractedRole).toBool());
        QCOMPARE(secondRow.data(models::MessageBodyRole).toString(),
                 QStringLiteral("Removed by a moderator: spam"));

        // Without a reason; the model follows the update.
        QVERIFY(muc()->handleStanza(xml(announcement(Room, u"sid-1"_qs))));
        QVERIFY(updated.wait(5000));
        QTRY_VERIFY(model.index(0, 0).data(models::MessageModeratedRole).toBool());
        QCOMPARE(model.index(0, 0).data(models::MessageBodyRole).toString(),
                 QStringLiteral("Removed by a moderator"));
    }

    void authorRetractionNamesTheRoomsStanzaId()
    {
        // XEP-0424 §business-id: the room's stanza-id in a group chat…
        const MessageRecord first = receive(u"m1"_qs, u"sid-1"_qs, u"oops"_qs);
        QCOMPARE(services::Account::retractionRef(first), QStringLiteral("sid-1"));
        // … the 'id' where the room numbered nothing, and always in a 1:1 chat.
        MessageRecord unnumbered = first;
        unnumbered.stanzaId.clear();
        unnumbered.stanzaIdBy.clear();
        QCOMPARE(services::Account::retractionRef(unnumbered), QStringLiteral("m1"));
        MessageRecord chat = first;
        chat.kind = ConversationKind::Chat;
        chat.stanzaIdBy = Me;
        QCOMPARE(services::Account::retractionRef(chat), QStringLiteral("m1"));

        // An incoming author retraction naming the stanza-id is matched to the message.
        QSignalSpy updated(m_account.get(), &services::Account::messageUpdated);
        QVERIFY(muc()->handleStanza(
            xml("<message type='groupchat' from='coven@chat.shakespeare.lit/firstwitch' "
                "id='r1'><retract id='sid-1' xmlns='urn:xmpp:message-retract:1'/>"
                "<body>/me retracted a previous message</body></message>")));
        QVERIFY(updated.wait(5000));
        const MessageRecord retracted = reread(first.id);
        QVERIFY(retracted.retracted);
        QVERIFY(!retracted.moderated);
    }

    void aNicksNewHolderCannotCorrectWhatCameBefore()
    {
        // The room assigns no occupant-ids: the nick is all there is (XEP-0308 §6).
        const MessageRecord before = receive(u"m1"_qs, u"sid-1"_qs, u"the cauldron is ready"_qs);
        QVERIFY(before.id > 0);
        const QByteArray item = "<x xmlns='http://jabber.org/protocol/muc#user'><item "
                                "affiliation='none' role='participant'/></x>";
        QVERIFY(muc()->handleStanza(xml("<presence type='unavailable' "
                                        "from='coven@chat.shakespeare.lit/firstwitch'>" +
                                        item + "</presence>")));
        QTest::qWait(2); // the new holder enters strictly after the message
        QVERIFY(muc()->handleStanza(
            xml("<presence from='coven@chat.shakespeare.lit/firstwitch'>" + item + "</presence>")));
        QTest::qWait(2); // and writes strictly after entering (millisecond stamps)

        // The new firstwitch tries to rewrite the old one's message: refused. Then corrects
        // its own, later message: accepted (and, writes being ordered, the refusal is final).
        const QByteArray fixOld = "<replace id='m1' xmlns='urn:xmpp:message-correct:0'/>";
        QVERIFY(muc()->handleStanza(
            xml(occupantMessage(u"c1"_qs, u"sid-2"_qs, u"the cauldron is poisoned"_qs, fixOld))));
        const MessageRecord own = receive(u"m2"_qs, u"sid-3"_qs, u"hello agian"_qs);
        QVERIFY(own.id > 0);
        QSignalSpy updated(m_account.get(), &services::Account::messageUpdated);
        QVERIFY(muc()->handleStanza(
            xml(occupantMessage(u"c2"_qs, u"sid-4"_qs, u"hello again"_qs,
                                "<replace id='m2' xmlns='urn:xmpp:message-correct:0'/>"))));
        QVERIFY(updated.wait(5000));
        QCOMPARE(reread(own.id).body, QStringLiteral("hello again"));
        QCOMPARE(reread(before.id).body, QStringLiteral("the cauldron is ready"));
    }

    void ownPrivateMessagesAreFiledUnderTheOccupant()
    {
        QSignalSpy stored(m_account.get(), &services::Account::messagesStored);
        int sent = 0;
        auto carbon = [&](const QString &from, const QString &to, bool marked) {
            ChatMessage m;
            m.type = ChatMessage::Type::Chat;
            m.from = Jid::fromString(from);
            m.to = Jid::fromString(to);
            m.id = QStringLiteral("pm-%1").arg(++sent);
            m.body = QStringLiteral("psst");
            m.mucPrivate = marked;
            // As the carbon route hands it to the pipeline (XEP-0280: from our own account).
            services::IncomingEnvelope e;
            e.stanza = m.toElement();
            e.route = services::Route::Carbon;
            e.message = m;
            e.sender.jid = m.from;
            m_account->receive({e});
            if (!stored.wait(5000))
                return QString();
            return stored.takeFirst().at(0).value<QList<MessageRecord>>().value(0).peer;
        };
        const QString phone = Me + QStringLiteral("/phone");
        // A room we are in: its occupant, marker or not (XEP-0045 §7.5).
        QCOMPARE(carbon(phone, Room + u"/firstwitch"_qs, false), Room + u"/firstwitch"_qs);
        // A room this client is not in: the marker our other client added says so.
        const QString cellar = QStringLiteral("cellar@chat.shakespeare.lit/bob");
        QCOMPARE(carbon(phone, cellar, true), cellar);
        // Unmarked, unknown: a contact's resource, filed under the contact as ever.
        QCOMPARE(carbon(phone, u"juliet@capulet.lit/balcony"_qs, false),
                 QStringLiteral("juliet@capulet.lit"));
        // A contact's marker is not believed (only our own clients say what they sent).
        QCOMPARE(carbon(u"juliet@capulet.lit/balcony"_qs, Me, true),
                 QStringLiteral("juliet@capulet.lit"));
        // The marker is written and read back (XEP-0045 §7.5 Example 47).
        ChatMessage pm;
        pm.to = Jid::fromString(cellar);
        pm.body = QStringLiteral("x");
        pm.mucPrivate = true;
        const auto back = ChatMessage::fromElement(pm.toElement());
        QVERIFY(back && back->mucPrivate);
        pm.mucPrivate = false;
        QVERIFY(!ChatMessage::fromElement(pm.toElement())->mucPrivate);
    }
};

QTEST_GUILESS_MAIN(TestRoomModeration)
#include "tst_roommoderation.moc"
