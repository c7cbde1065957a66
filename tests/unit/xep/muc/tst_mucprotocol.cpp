// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0045 (and 0421, 0249, 0158) values against the XEPs' examples, and MucManager's sender
// rules with spoofed stanzas: occupant traffic only from rooms we are in, mediated
// invitations only from a room's bare JID, real JIDs only from the room's presence,
// occupant-ids only from rooms that assign them, groupchat carbons never unwrapped.
#include "../xmlhelper.h"
#include "core/xmpp/client.h"
#include "core/xmpp/xep/xep0045_muc/mucmanager.h"
#include "core/xmpp/xep/xep0158_captcha/captcha.h"
#include "core/xmpp/xep/xep0249_invite/directinvite.h"
#include "core/xmpp/xep/xep0280_carbons/carbonsmanager.h"
#include "core/xmpp/xep/xep0421_occupantid/occupantid.h"

#include <QSignalSpy>
#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
const Jid kRoom = Jid::fromString(u"coven@chat.shakespeare.lit");

Element xml(const QByteArray &text)
{
    const Element e = test::fromXml(text);
    if (e.isNull())
        qFatal("bad test XML");
    return e;
}

// XEP-0045 §7.2.3 Example 22 (another occupant, non-anonymous room: the room shows the jid).
const QByteArray kOccupant =
    "<presence from='coven@chat.shakespeare.lit/firstwitch' to='hag66@shakespeare.lit/pda' "
    "id='26'><x xmlns='http://jabber.org/protocol/muc#user'>"
    "<item affiliation='owner' role='moderator' jid='crone1@shakespeare.lit/desktop'/>"
    "</x><occupant-id xmlns='urn:xmpp:occupant-id:0' id='oc-first'/></presence>";

// §7.2.3 Example 24 (our own presence, status 110, 100, 170) + XEP-0421 id.
const QByteArray kSelf =
    "<presence from='coven@chat.shakespeare.lit/thirdwitch' to='hag66@shakespeare.lit/pda' "
    "id='n13mt3l'><x xmlns='http://jabber.org/protocol/muc#user'>"
    "<item affiliation='member' role='participant' jid='hag66@shakespeare.lit/pda'/>"
    "<status code='100'/><status code='110'/><status code='170'/></x>"
    "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='oc-self'/></presence>";
} // namespace

class TestMucProtocol : public QObject
{
    Q_OBJECT
private:
    Client *m_client = nullptr;
    MucManager *m_muc = nullptr;

private Q_SLOTS:
    void init()
    {
        m_client = new Client(this);
        m_muc = new MucManager;
        m_client->addExtension(m_muc);
        // Not connected: join() only records the room (nothing reaches a socket).
        m_muc->join(kRoom, QStringLiteral("thirdwitch"));
    }
    void cleanup()
    {
        delete m_client;
        m_client = nullptr;
    }

    // ---- value types ----

    void kickPresenceParses()
    {
        // §8.2 Example 89: the kicked occupant's own presence.
        const auto user = MucUser::fromStanza(
            xml("<presence from='harfleur@chat.shakespeare.lit/pistol' type='unavailable'>"
                "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' "
                "role='none'><actor nick='Fluellen'/><reason>Avaunt, you cullion!</reason>"
                "</item><status code='110'/><status code='307'/></x></presence>"));
        QVERIFY(user);
        QVERIFY(user->hasStatus(mucstatus::Kicked));
        QVERIFY(user->hasStatus(mucstatus::SelfPresence));
        QCOMPARE(user->item()->role, MucRole::None);
        QCOMPARE(user->item()->affiliation, MucAffiliation::None);
        QCOMPARE(user->item()->actorNick, u"Fluellen"_qs);
        QCOMPARE(user->item()->reason, u"Avaunt, you cullion!"_qs);
    }

    void destroyAndRoundTrip()
    {
        // §10.9 Example 204.
        const auto user = MucUser::fromStanza(
            xml("<presence from='heath@chat.shakespeare.lit/firstwitch' type='unavailable'>"
                "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' "
                "role='none'/><destroy jid='coven@chat.shakespeare.lit'><reason>Macbeth doth "
                "come.</reason></destroy></x></presence>"));
        QVERIFY(user && user->destroy);
        QCOMPARE(user->destroy->alternate, kRoom);
        QCOMPARE(user->destroy->reason, u"Macbeth doth come."_qs);
        const auto again = MucUser::fromElement(user->toElement());
        QVERIFY(again && again->destroy);
        QCOMPARE(again->destroy->reason, user->destroy->reason);
        QCOMPARE(again->items.size(), std::size_t(1));
    }

    void hostileItemsAreSkipped()
    {
        const auto user = MucUser::fromStanza(
            xml("<presence><x xmlns='http://jabber.org/protocol/muc#user'>"
                "<item affiliation='emperor' role='moderator'/><item role='god'/>"
                "<status code='abc'/><status code='99999'/><status code='303'/>"
                "<item affiliation='member' nick='ok'/></x></presence>"));
        QVERIFY(user);
        QCOMPARE(user->items.size(), std::size_t(1));
        QCOMPARE(user->items.front().nick, u"ok"_qs);
        QCOMPARE(user->statuses, QList<int>{303});
        QVERIFY(!MucUser::fromStanza(xml("<presence/>")));
    }

    void joinPayload()
    {
        MucJoin join;
        join.password = QStringLiteral("cauldronburn");
        join.maxStanzas = 20;
        const auto back = MucJoin::fromElement(join.toElement());
        QVERIFY(back);
        QCOMPARE(back->password, join.password);
        QCOMPARE(back->maxStanzas, std::optional<int>(20));
    }

    void occupantIdParses()
    {
        QCOMPARE(OccupantId::fromStanza(xml(kOccupant)), u"oc-first"_qs);
        QCOMPARE(OccupantId::fromStanza(xml("<message/>")), QString());
    }

    void directInviteParses()
    {
        // XEP-0249 §2 Example 1.
        const auto invite = DirectInvite::fromMessage(
            xml("<message from='crone1@shakespeare.lit/desktop' to='hecate@shakespeare.lit'>"
                "<x xmlns='jabber:x:conference' jid='darkcave@macbeth.shakespeare.lit' "
                "password='cauldronburn' reason='Hey Hecate, this is the place for all good "
                "witches!'/></message>"));
        QVERIFY(invite);
        QCOMPARE(invite->room.bareString(), u"darkcave@macbeth.shakespeare.lit"_qs);
        QCOMPARE(invite->password, u"cauldronburn"_qs);
        QVERIFY(!DirectInvite::fromMessage(
            xml("<message><x xmlns='jabber:x:conference' jid='room@host/res'/></message>")));
        QVERIFY(!DirectInvite::fromMessage(
            xml("<message><x xmlns='jabber:x:conference' jid='@@'/></message>")));
    }

    void captchaParses()
    {
        // XEP-0158 §3 Example 2 (shortened), with a XEP-0231 image.
        const auto captcha = Captcha::fromMessage(xml(
            "<message from='coven@chat.shakespeare.lit' to='hag66@shakespeare.lit/pda' "
            "id='F3A6292C'><body>Your messages are blocked</body>"
            "<x xmlns='jabber:x:oob'><url>http://www.shakespeare.lit/captchas/F3A6292C</url></x>"
            "<captcha xmlns='urn:xmpp:captcha'><x xmlns='jabber:x:data' type='form'>"
            "<field type='hidden' var='FORM_TYPE'><value>urn:xmpp:captcha</value></field>"
            "<field type='hidden' var='from'><value>coven@chat.shakespeare.lit</value></field>"
            "<field type='hidden' var='challenge'><value>F3A6292C</value></field>"
            "<field label='Enter the text you see' var='ocr'><media xmlns='urn:xmpp:media-element'>"
            "<uri type='image/png'>cid:sha1+f24030b8d91d233bac14777be5ab531ca3b9f102@bob.xmpp.org"
            "</uri></media></field></x></captcha>"
            "<data xmlns='urn:xmpp:bob' cid='sha1+f24030b8d91d233bac14777be5ab531ca3b9f102@bob."
            "xmpp.org' type='image/png'>iVBORw0KGgo=</data></message>"));
        QVERIFY(captcha);
        QCOMPARE(captcha->id, u"F3A6292C"_qs);
        QVERIFY(captcha->form.field(u"ocr"));
        QCOMPARE(captcha->image, QByteArray("\x89PNG\r\n\x1a\n"));
        QCOMPARE(captcha->imageType, u"image/png"_qs);
        QCOMPARE(captcha->url, u"http://www.shakespeare.lit/captchas/F3A6292C"_qs);
        const Element answer = captcha->answer(captcha->form);
        QCOMPARE(answer.attribute(u"to"), u"coven@chat.shakespeare.lit"_qs);
        QVERIFY(answer.hasChild(u"captcha", mucns::Captcha));
        // No form, or not a captcha form: nothing.
        QVERIFY(
            !Captcha::fromMessage(xml("<message><captcha xmlns='urn:xmpp:captcha'/></message>")));
    }

    void joinErrorsInPlainWords()
    {
        StanzaError e;
        e.condition = QStringLiteral("conflict");
        QVERIFY(MucManager::describeJoinError(e).contains(u"nickname"));
        e.condition = QStringLiteral("not-authorized");
        QVERIFY(MucManager::describeJoinError(e).contains(u"password"));
        e.condition = QStringLiteral("forbidden");
        QVERIFY(MucManager::describeJoinError(e).contains(u"banned"));
        e.condition = QStringLiteral("service-unavailable");
        QVERIFY(MucManager::describeJoinError(e).contains(u"full"));
        e.condition = QStringLiteral("registration-required");
        QVERIFY(MucManager::describeJoinError(e).contains(u"members"));
        e.condition = QStringLiteral("item-not-found");
        QVERIFY(MucManager::describeJoinError(e).contains(u"does not exist"));
    }

    // ---- MucManager routing and sender rules ----

    void presenceOfTrackedRoomIsConsumed()
    {
        QSignalSpy occupants(m_muc, &MucManager::occupantPresence);
        QSignalSpy joined(m_muc, &MucManager::joined);
        QVERIFY(m_muc->handleStanza(xml(kOccupant)));
        QVERIFY(m_muc->handleStanza(xml(kSelf)));
        QCOMPARE(occupants.size(), 2);
        QCOMPARE(joined.size(), 1);
        const auto first = occupants.at(0).at(1).value<MucPresence>();
        QVERIFY(!first.self);
        QVERIFY(first.occupantId.isEmpty());
        QCOMPARE(first.unverifiedOccupantId, u"oc-first"_qs);
        QCOMPARE(first.user.item()->jid.toString(), u"crone1@shakespeare.lit/desktop"_qs);
        // The room put an occupant-id in our own presence only after the first occupant's:
        // from now on they are believed.
        QVERIFY(m_muc->assignsOccupantIds(kRoom));
        const auto self = joined.at(0).at(1).value<MucPresence>();
        QVERIFY(self.self);
        QCOMPARE(self.occupantId, u"oc-self"_qs);
        QVERIFY(m_muc->isJoined(kRoom));
    }

    void presenceOfOtherRoomsIsLeftAlone()
    {
        QSignalSpy occupants(m_muc, &MucManager::occupantPresence);
        QVERIFY(!m_muc->handleStanza(
            xml("<presence from='juliet@capulet.lit/balcony'><x xmlns='http://jabber.org/"
                "protocol/muc#user'><item role='moderator'/></x></presence>")));
        QCOMPARE(occupants.size(), 0);
    }

    void joinErrorForgetsTheRoom()
    {
        QSignalSpy failed(m_muc, &MucManager::joinFailed);
        QVERIFY(m_muc->handleStanza(
            xml("<presence from='coven@chat.shakespeare.lit/thirdwitch' type='error'>"
                "<error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                "</error></presence>")));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(1).value<StanzaError>().condition, u"conflict"_qs);
        QVERIFY(!m_muc->isTracked(kRoom));
    }

    void nickChangeKeepsUsInTheRoom()
    {
        QVERIFY(m_muc->handleStanza(xml(kSelf)));
        QSignalSpy left(m_muc, &MucManager::left);
        // §7.6 Example 56/57.
        QVERIFY(m_muc->handleStanza(
            xml("<presence from='coven@chat.shakespeare.lit/thirdwitch' type='unavailable'>"
                "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' "
                "nick='oldhag' role='participant'/><status code='303'/><status code='110'/></x>"
                "</presence>")));
        QCOMPARE(m_muc->nick(kRoom), u"oldhag"_qs);
        QCOMPARE(left.size(), 0);
        QVERIFY(m_muc->isJoined(kRoom));
    }

    void kickEndsTheRoom()
    {
        QVERIFY(m_muc->handleStanza(xml(kSelf)));
        QSignalSpy left(m_muc, &MucManager::left);
        QVERIFY(m_muc->handleStanza(
            xml("<presence from='coven@chat.shakespeare.lit/thirdwitch' type='unavailable'>"
                "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' "
                "role='none'><reason>out</reason></item><status code='307'/><status code='110'/>"
                "</x></presence>")));
        QCOMPARE(left.size(), 1);
        QVERIFY(left.at(0).at(1).value<MucPresence>().user.hasStatus(mucstatus::Kicked));
        QVERIFY(!m_muc->isTracked(kRoom));
    }

    void groupchatFromTheRoom()
    {
        QVERIFY(m_muc->handleStanza(xml(kSelf)));
        QSignalSpy messages(m_muc, &MucManager::messageReceived);
        QVERIFY(m_muc->handleStanza(
            xml("<message from='coven@chat.shakespeare.lit/firstwitch' type='groupchat' id='m1'>"
                "<body>Thrice the brinded cat hath mew'd.</body>"
                "<stanza-id xmlns='urn:xmpp:sid:0' id='s1' by='coven@chat.shakespeare.lit'/>"
                "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='oc-first'/></message>")));
        QCOMPARE(messages.size(), 1);
        const auto m = messages.at(0).at(1).value<MucMessage>();
        QCOMPARE(m.message.stanzaId, u"s1"_qs);
        QCOMPARE(m.occupantId, u"oc-first"_qs);
        QCOMPARE(m.message.from.resource(), u"firstwitch"_qs);
    }

    void groupchatFromElsewhereIsDropped()
    {
        QVERIFY(m_muc->handleStanza(xml(kSelf)));
        QSignalSpy messages(m_muc, &MucManager::messageReceived);
        // A contact's full JID, an untracked room, no sender at all: consumed and dropped
        // (never handed to the 1:1 code either).
        QVERIFY(m_muc->handleStanza(
            xml("<message from='juliet@capulet.lit/balcony' type='groupchat'><body>x</body>"
                "</message>")));
        QVERIFY(m_muc->handleStanza(
            xml("<message from='other@chat.shakespeare.lit/firstwitch' type='groupchat'>"
                "<body>x</body></message>")));
        QVERIFY(m_muc->handleStanza(xml("<message type='groupchat'><body>x</body></message>")));
        QCOMPARE(messages.size(), 0);
    }

    void forgedStanzaIdIsDropped()
    {
        QVERIFY(m_muc->handleStanza(xml(kSelf)));
        QSignalSpy messages(m_muc, &MucManager::messageReceived);
        QVERIFY(m_muc->handleStanza(
            xml("<message from='coven@chat.shakespeare.lit/firstwitch' type='groupchat' id='m1'>"
                "<body>hi</body><stanza-id xmlns='urn:xmpp:sid:0' id='s1' "
                "by='hag66@shakespeare.lit'/></message>")));
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.at(0).at(1).value<MucMessage>().message.stanzaId.isEmpty());
    }

    void occupantIdsOnlyFromRoomsThatAssignThem()
    {
        // Our presence without an id: the room does not assign them; an occupant's claim is
        // not believed.
        QVERIFY(m_muc->handleStanza(
            xml("<presence from='coven@chat.shakespeare.lit/thirdwitch'><x xmlns='http://"
                "jabber.org/protocol/muc#user'><item role='participant'/><status code='110'/>"
                "</x></presence>")));
        QSignalSpy messages(m_muc, &MucManager::messageReceived);
        QVERIFY(m_muc->handleStanza(
            xml("<message from='coven@chat.shakespeare.lit/firstwitch' type='groupchat'>"
                "<body>hi</body><occupant-id xmlns='urn:xmpp:occupant-id:0' id='forged'/>"
                "</message>")));
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.at(0).at(1).value<MucMessage>().occupantId.isEmpty());
    }

    void realJidInAMessageIsNeverRead()
    {
        QVERIFY(m_muc->handleStanza(xml(kSelf)));
        QSignalSpy messages(m_muc, &MucManager::messageReceived);
        QVERIFY(m_muc->handleStanza(
            xml("<message from='coven@chat.shakespeare.lit/firstwitch' type='groupchat'>"
                "<body>I am the owner</body><x xmlns='http://jabber.org/protocol/muc#user'>"
                "<item jid='crone1@shakespeare.lit/desktop' affiliation='owner'/>"
                "<status code='104'/></x></message>")));
        QCOMPARE(messages.size(), 1);
        const auto m = messages.at(0).at(1).value<MucMessage>();
        QVERIFY(m.user.items.empty());
        QVERIFY(m.user.statuses.isEmpty());
    }

    void subjectChange()
    {
        QVERIFY(m_muc->handleStanza(xml(kSelf)));
        QSignalSpy subject(m_muc, &MucManager::subjectChanged);
        QVERIFY(m_muc->handleStanza(
            xml("<message from='coven@chat.shakespeare.lit/secondwitch' type='groupchat'>"
                "<subject>Fire Burn and Cauldron Bubble!</subject></message>")));
        QCOMPARE(subject.size(), 1);
        QCOMPARE(subject.at(0).at(1).toString(), u"secondwitch"_qs);
        QCOMPARE(subject.at(0).at(2).toString(), u"Fire Burn and Cauldron Bubble!"_qs);
    }

    void privateMessageFromOccupant()
    {
        QSignalSpy pms(m_muc, &MucManager::privateMessageReceived);
        QVERIFY(m_muc->handleStanza(
            xml("<message from='coven@chat.shakespeare.lit/firstwitch' type='chat'>"
                "<body>psst</body><x xmlns='http://jabber.org/protocol/muc#user'/></message>")));
        QCOMPARE(pms.size(), 1);
        QCOMPARE(pms.at(0).at(0).value<ChatMessage>().from.resource(), u"firstwitch"_qs);
        // A chat message from anyone else is not ours.
        QVERIFY(!m_muc->handleStanza(
            xml("<message from='juliet@capulet.lit/balcony' type='chat'><body>hi</body>"
                "</message>")));
    }

    void mediatedInvitationOnlyFromTheRoom()
    {
        QSignalSpy invitations(m_muc, &MucManager::invitationReceived);
        // §7.8.2 Example 58.
        const QByteArray invite =
            "<message from='darkcave@chat.shakespeare.lit' id='nzd143v8' "
            "to='hecate@shakespeare.lit'><x xmlns='http://jabber.org/protocol/muc#user'>"
            "<invite from='crone1@shakespeare.lit/desktop'><reason>Hey Hecate, this is the "
            "place for all good witches!</reason></invite><password>cauldronburn</password></x>"
            "</message>";
        QVERIFY(m_muc->handleStanza(xml(invite)));
        QCOMPARE(invitations.size(), 1);
        const auto i = invitations.at(0).at(0).value<MucInvitation>();
        QCOMPARE(i.room.bareString(), u"darkcave@chat.shakespeare.lit"_qs);
        QCOMPARE(i.inviter.toString(), u"crone1@shakespeare.lit/desktop"_qs);
        QCOMPARE(i.password, u"cauldronburn"_qs);
        QVERIFY(!i.direct);
        // The same from an occupant's full JID, or from a contact: dropped.
        QVERIFY(m_muc->handleStanza(xml(QByteArray(invite).replace(
            "from='darkcave@chat.shakespeare.lit'", "from='darkcave@chat.shakespeare.lit/x'"))));
        QVERIFY(m_muc->handleStanza(xml(QByteArray(invite).replace(
            "from='darkcave@chat.shakespeare.lit'", "from='mallory@evil.lit/res'"))));
        QCOMPARE(invitations.size(), 1);
    }

    void declineFromTheRoom()
    {
        QSignalSpy declines(m_muc, &MucManager::declineReceived);
        QVERIFY(m_muc->handleStanza(
            xml("<message from='coven@chat.shakespeare.lit' to='crone1@shakespeare.lit/desktop'>"
                "<x xmlns='http://jabber.org/protocol/muc#user'><decline "
                "from='hecate@shakespeare.lit'><reason>Sorry</reason></decline></x></message>")));
        QCOMPARE(declines.size(), 1);
        QCOMPARE(declines.at(0).at(1).value<Jid>().toString(), u"hecate@shakespeare.lit"_qs);
    }

    void directInvitationNamesItsSender()
    {
        QSignalSpy invitations(m_muc, &MucManager::invitationReceived);
        QVERIFY(m_muc->handleStanza(
            xml("<message from='crone1@shakespeare.lit/desktop' to='hecate@shakespeare.lit'>"
                "<x xmlns='jabber:x:conference' jid='darkcave@macbeth.shakespeare.lit'/>"
                "</message>")));
        QCOMPARE(invitations.size(), 1);
        const auto i = invitations.at(0).at(0).value<MucInvitation>();
        QVERIFY(i.direct);
        QCOMPARE(i.inviter.toString(), u"crone1@shakespeare.lit"_qs);
    }

    void captchaOnlyFromTrackedRoom()
    {
        QSignalSpy challenges(m_muc, &MucManager::challengeReceived);
        const QByteArray captcha =
            "<message from='coven@chat.shakespeare.lit' id='c1'><captcha xmlns='urn:xmpp:captcha'>"
            "<x xmlns='jabber:x:data' type='form'><field type='hidden' var='FORM_TYPE'><value>"
            "urn:xmpp:captcha</value></field><field var='qa' label='2+2?'/></x></captcha>"
            "</message>";
        QVERIFY(m_muc->handleStanza(xml(captcha)));
        QVERIFY(m_muc->handleStanza(xml(QByteArray(captcha).replace(
            "coven@chat.shakespeare.lit", "other@chat.shakespeare.lit"))));
        QCOMPARE(challenges.size(), 1);
    }

    void groupchatCarbonIsNeverUnwrapped()
    {
        // A carbon wrapper of type groupchat, and a carbon whose inner message is groupchat
        // (both from our own bare JID): neither becomes a 1:1 message.
        const Jid own = Jid::fromString(u"hag66@shakespeare.lit");
        Carbon c;
        QVERIFY(CarbonsManager::check(
                    xml("<message from='hag66@shakespeare.lit' type='groupchat'><received "
                        "xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                        "<message from='coven@chat.shakespeare.lit/firstwitch' type='groupchat'>"
                        "<body>x</body></message></forwarded></received></message>"),
                    own, &c) != CarbonsManager::Verdict::Accepted);
        QVERIFY(CarbonsManager::check(
                    xml("<message from='hag66@shakespeare.lit' type='chat'><received "
                        "xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                        "<message from='coven@chat.shakespeare.lit/firstwitch' type='groupchat'>"
                        "<body>x</body></message></forwarded></received></message>"),
                    own, &c) != CarbonsManager::Verdict::Accepted);
    }
};

QTEST_GUILESS_MAIN(TestMucProtocol)
#include "tst_mucprotocol.moc"
