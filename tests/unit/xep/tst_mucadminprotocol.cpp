// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0045 room administration and XEP-0425 moderation requests against the XEPs' examples,
// and total parsing of their results (hostile input yields nothing, never a crash).
#include "xmlhelper.h"

#include "core/xmpp/xep/xep0045_muc_admin/mucadmin.h"

#include <QTest>

using namespace parla;
using namespace parla::xmpp;
using namespace parla::xmpp::mucadmin;

namespace {
/// The request as it goes on the wire, without the id the client assigns.
QByteArray wire(Element iq)
{
    iq.setAttribute(QStringLiteral("id"), QString());
    return iq.toXml();
}

QByteArray example(const char *xml)
{
    return wire(test::fromXml(xml));
}

const Jid kRoom = Jid::fromString(u"coven@chat.shakespeare.lit");
} // namespace

class TestMucAdminProtocol : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ownerRequestsMatchTheXep()
    {
        // §10.2 example 163
        QCOMPARE(wire(configurationRequest(kRoom)),
                 example("<iq type='get' to='coven@chat.shakespeare.lit'>"
                         "<query xmlns='http://jabber.org/protocol/muc#owner'/></iq>"));
        // §10.1.2 example 156: the instant room
        QCOMPARE(wire(instantRoomRequest(kRoom)),
                 example("<iq type='set' to='coven@chat.shakespeare.lit'>"
                         "<query xmlns='http://jabber.org/protocol/muc#owner'>"
                         "<x xmlns='jabber:x:data' type='submit'/></query></iq>"));
        // §10.1.3 example 162: cancel
        QCOMPARE(wire(configurationCancel(kRoom)),
                 example("<iq type='set' to='coven@chat.shakespeare.lit'>"
                         "<query xmlns='http://jabber.org/protocol/muc#owner'>"
                         "<x xmlns='jabber:x:data' type='cancel'/></query></iq>"));
        // §10.9 example 201: destroy with an alternate venue and a reason
        QCOMPARE(wire(destroyRequest(kRoom, QStringLiteral("Macbeth doth come."),
                                     Jid::fromString(u"coven@chat.shakespeare.lit/x"),
                                     QStringLiteral("cauldronburn"))),
                 example("<iq type='set' to='coven@chat.shakespeare.lit'>"
                         "<query xmlns='http://jabber.org/protocol/muc#owner'>"
                         "<destroy jid='coven@chat.shakespeare.lit'>"
                         "<reason>Macbeth doth come.</reason>"
                         "<password>cauldronburn</password></destroy></query></iq>"));
    }

    void submitSendsOnlyValues()
    {
        DataForm form;
        form.fields.push_back({DataFormField::Type::Fixed, {}, {}, {}, false, {u"x"_qs}, {}});
        form.fields.push_back({DataFormField::Type::TextSingle,
                               u"muc#roomconfig_roomname"_qs,
                               u"Title"_qs,
                               {},
                               false,
                               {u"A Dark Cave"_qs},
                               {}});
        const Element iq = configurationSubmit(kRoom, form);
        const Element x = iq.firstChild(u"query", NsMucOwner).firstChild(u"x", u"jabber:x:data");
        QCOMPARE(x.attribute(u"type"), u"submit"_qs);
        QCOMPARE(x.childrenNamed(u"field").size(), size_t(1)); // the fixed field is dropped
    }

    void adminRequestsMatchTheXep()
    {
        // §8.2 example 80: kick
        QCOMPARE(wire(roleRequest(kRoom, u"pistol"_qs, RoomRole::None, u"Avaunt, you cullion!"_qs)),
                 example("<iq type='set' to='coven@chat.shakespeare.lit'>"
                         "<query xmlns='http://jabber.org/protocol/muc#admin'>"
                         "<item nick='pistol' role='none'><reason>Avaunt, you cullion!</reason>"
                         "</item></query></iq>"));
        // §9.1 example 110: ban (attribute order as we write it)
        QCOMPARE(
            wire(affiliationRequest(kRoom, Jid::fromString(u"earlofcambridge@shakespeare.lit/x"),
                                    RoomAffiliation::Outcast, u"Treason"_qs)),
            example("<iq type='set' to='coven@chat.shakespeare.lit'>"
                    "<query xmlns='http://jabber.org/protocol/muc#admin'>"
                    "<item affiliation='outcast' jid='earlofcambridge@shakespeare.lit'>"
                    "<reason>Treason</reason></item></query></iq>"));
        // §9.5 example 129: the ban list
        QCOMPARE(wire(affiliationListRequest(kRoom, RoomAffiliation::Outcast)),
                 example("<iq type='get' to='coven@chat.shakespeare.lit'>"
                         "<query xmlns='http://jabber.org/protocol/muc#admin'>"
                         "<item affiliation='outcast'/></query></iq>"));
    }

    void affiliationListParsesTotally()
    {
        const auto list = affiliationListFromResult(test::fromXml(R"(
<iq from='coven@chat.shakespeare.lit' type='result'>
  <query xmlns='http://jabber.org/protocol/muc#admin'>
    <item affiliation='outcast' jid='earlofcambridge@shakespeare.lit'>
      <reason>Treason</reason>
    </item>
    <item affiliation='outcast'/>
    <item affiliation='emperor' jid='nero@rome.lit'/>
    <item affiliation='member' jid='not a jid@@'/>
    <item affiliation='member' jid='hag66@shakespeare.lit' nick='thirdwitch'/>
  </query>
</iq>)"));
        QVERIFY(list);
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(0).jid, u"earlofcambridge@shakespeare.lit"_qs);
        QCOMPARE(list->at(0).affiliation, RoomAffiliation::Outcast);
        QCOMPARE(list->at(0).reason, u"Treason"_qs);
        QCOMPARE(list->at(1).nick, u"thirdwitch"_qs);
        QVERIFY(!affiliationListFromResult(test::fromXml("<iq type='result'/>")));
        QVERIFY(!configurationFromResult(test::fromXml("<iq type='result'/>")));
        QVERIFY(!configurationFromResult(test::fromXml(
            "<iq type='result'><query xmlns='http://jabber.org/protocol/muc#owner'/></iq>")));
    }

    void moderationRequestMatchesXep0425()
    {
        // XEP-0425 v0.3 §4
        QCOMPARE(
            wire(moderateRequest(Jid::fromString(u"room@muc.example.com"), u"stanza-id-1"_qs,
                                 u"This message contains inappropriate content for this forum"_qs)),
            example("<iq type='set' to='room@muc.example.com'>"
                    "<moderate id='stanza-id-1' xmlns='urn:xmpp:message-moderate:1'>"
                    "<retract xmlns='urn:xmpp:message-retract:1'/>"
                    "<reason>This message contains inappropriate content for this forum"
                    "</reason></moderate></iq>"));
    }

    void directoryListingFromRoomInfo()
    {
        // §6.4 example 10
        const auto info = DiscoInfo::fromElement(test::fromXml(R"(
<query xmlns='http://jabber.org/protocol/disco#info'>
  <identity category='conference' name='A Dark Cave' type='text'/>
  <feature var='http://jabber.org/protocol/muc'/>
  <feature var='muc_passwordprotected'/>
  <feature var='muc_membersonly'/>
  <x xmlns='jabber:x:data' type='result'>
    <field var='FORM_TYPE' type='hidden'>
      <value>http://jabber.org/protocol/muc#roominfo</value>
    </field>
    <field var='muc#roominfo_description' label='Description'>
      <value>The place for all good witches!</value>
    </field>
    <field var='muc#roominfo_occupants' label='Number of occupants'>
      <value>3</value>
    </field>
  </x>
</query>)"));
        QVERIFY(info);
        const RoomListing l = listingFromInfo(kRoom, u"ignored"_qs, &*info);
        QCOMPARE(l.room, u"coven@chat.shakespeare.lit"_qs);
        QCOMPARE(l.name, u"A Dark Cave"_qs);
        QCOMPARE(l.description, u"The place for all good witches!"_qs);
        QCOMPARE(l.occupants, 3);
        QVERIFY(l.passwordProtected && l.membersOnly);

        // No info (the request failed): the item's name, else the localpart; count unknown.
        QCOMPARE(listingFromInfo(kRoom, u"Cave"_qs, nullptr).name, u"Cave"_qs);
        const RoomListing bare = listingFromInfo(kRoom, {}, nullptr);
        QCOMPARE(bare.name, u"coven"_qs);
        QCOMPARE(bare.occupants, -1);

        // A hostile occupant count is ignored.
        auto hostile = *info;
        hostile.extensions = {test::fromXml(
            "<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'>"
            "<value>http://jabber.org/protocol/muc#roominfo</value></field>"
            "<field var='muc#roominfo_occupants'><value>-7</value></field></x>")};
        QCOMPARE(listingFromInfo(kRoom, {}, &hostile).occupants, -1);
    }

    void presetsOnlySetFieldsThatExist()
    {
        DataForm form;
        DataFormField publicRoom;
        publicRoom.type = DataFormField::Type::Boolean;
        publicRoom.var = u"muc#roomconfig_publicroom"_qs;
        publicRoom.values = {u"1"_qs};
        DataFormField whois;
        whois.type = DataFormField::Type::ListSingle;
        whois.var = u"muc#roomconfig_whois"_qs;
        whois.values = {u"moderators"_qs};
        whois.options = {{u"Moderators"_qs, u"moderators"_qs}, {u"Anyone"_qs, u"anyone"_qs}};
        form.fields = {publicRoom, whois};

        DataForm privateGroup = form;
        QCOMPARE(applyPreset(privateGroup, RoomPreset::PrivateGroup), 2);
        QCOMPARE(privateGroup.field(u"muc#roomconfig_publicroom")->value(), u"0"_qs);
        QCOMPARE(privateGroup.field(u"muc#roomconfig_whois")->value(), u"anyone"_qs);
        QVERIFY(!privateGroup.field(u"muc#roomconfig_membersonly")); // not invented

        // A list value the service does not offer is not forced on it.
        DataForm limited = form;
        limited.field(u"muc#roomconfig_whois")->options = {{u"Moderators"_qs, u"moderators"_qs}};
        QCOMPARE(applyPreset(limited, RoomPreset::PrivateGroup), 1);
        QCOMPARE(limited.field(u"muc#roomconfig_whois")->value(), u"moderators"_qs);

        DataForm untouched = form;
        QCOMPARE(applyPreset(untouched, RoomPreset::Custom), 0);
        QCOMPARE(applyPreset(untouched, RoomPreset::Instant), 0);
        QCOMPARE(untouched, form);
    }

    void errorsInPlainWords()
    {
        const Error forbidden =
            Error::fromStanza({StanzaError::Type::Auth, u"forbidden"_qs, {}, {}});
        QCOMPARE(describeError(forbidden, Action::Configure).text,
                 u"Only the room's owner may change its configuration."_qs);
        QCOMPARE(describeError(forbidden, Action::SetAffiliation, RoomAffiliation::Admin).text,
                 u"Only the room's owner may grant or revoke owner and admin rights."_qs);
        QCOMPARE(describeError(forbidden, Action::Moderate).text,
                 u"Only the room's moderators may retract messages."_qs);
        const Error timeout{Error::Kind::Timeout, {}, u"No answer."_qs};
        QCOMPARE(describeError(timeout, Action::Destroy).text, u"No answer."_qs);
        QCOMPARE(roleFromString(u"moderator"), std::optional(RoomRole::Moderator));
        QVERIFY(!roleFromString(u"king"));
        QCOMPARE(affiliationToString(RoomAffiliation::Outcast), u"outcast"_qs);
    }
};

QTEST_GUILESS_MAIN(TestMucAdminProtocol)
#include "tst_mucadminprotocol.moc"
