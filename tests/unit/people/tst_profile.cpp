// SPDX-License-Identifier: GPL-3.0-or-later
// Profiles: vcard-temp (XEP-0054) and vCard4 (XEP-0292) parse/serialise, nicknames (XEP-0172),
// last activity (XEP-0012), and the "don't reveal" switches of version, time and last activity.
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0012_last/lastactivitymanager.h"
#include "core/xmpp/xep/xep0092_version/versionmanager.h"
#include "core/xmpp/xep/xep0172_nick/nickmanager.h"
#include "core/xmpp/xep/xep0202_time/timemanager.h"
#include "core/xmpp/xep/xep0292_vcard4/vcard4.h"
#include "tests/unit/xep/xmlhelper.h"

#include <QSignalSpy>
#include <QTest>

using namespace parla;
using namespace parla::xmpp;

class TestProfile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void vcardTempFromTheXep()
    {
        // XEP-0054 Example 2 (abridged to the fields Parla uses; the rest is ignored).
        const auto v = VCard::fromElement(test::fromXml(R"(
            <vCard xmlns='vcard-temp'>
              <FN>Peter Saint-Andre</FN>
              <N><FAMILY>Saint-Andre</FAMILY><GIVEN>Peter</GIVEN></N>
              <NICKNAME>stpeter</NICKNAME>
              <URL>http://www.xmpp.org/xsf/people/stpeter.shtml</URL>
              <BDAY>1966-08-06</BDAY>
              <TEL><WORK/><VOICE/><NUMBER>303-308-3282</NUMBER></TEL>
              <EMAIL><INTERNET/><PREF/><USERID>stpeter@jabber.org</USERID></EMAIL>
              <JABBERID>stpeter@jabber.org</JABBERID>
              <DESC>More information about me is located on my personal website.</DESC>
              <PHOTO><TYPE>image/png</TYPE><BINVAL>iVBORw0KGgo=</BINVAL></PHOTO>
            </vCard>)"));
        QVERIFY(v);
        QCOMPARE(v->fullName, u"Peter Saint-Andre"_qs);
        QCOMPARE(v->nickname, u"stpeter"_qs);
        QCOMPARE(v->url, u"http://www.xmpp.org/xsf/people/stpeter.shtml"_qs);
        QCOMPARE(v->phone, u"303-308-3282"_qs);
        QCOMPARE(v->email, u"stpeter@jabber.org"_qs);
        QCOMPARE(v->note, u"More information about me is located on my personal website."_qs);
        QCOMPARE(v->photoType, u"image/png"_qs);
        QCOMPARE(v->photoData, QByteArray("\x89PNG\r\n\x1a\n"));
        // Round trip through our own serialisation.
        QCOMPARE(VCard::fromElement(v->toElement()), v);
    }

    void vcardSerialisedAsExpected()
    {
        VCard v;
        v.fullName = u"Alice"_qs;
        v.email = u"alice@example.org"_qs;
        const Element expected = test::fromXml(R"(
            <vCard xmlns='vcard-temp'>
              <FN>Alice</FN>
              <EMAIL><INTERNET/><USERID>alice@example.org</USERID></EMAIL>
            </vCard>)");
        QCOMPARE(v.toElement(), expected);
        QVERIFY(VCard().toElement().children().empty());
    }

    void vcardParsingIsTotal()
    {
        QVERIFY(!VCard::fromElement(Element()));
        QVERIFY(!VCard::fromElement(test::fromXml("<vcard xmlns='vcard-temp'/>")));
        const auto empty = VCard::fromElement(test::fromXml("<vCard xmlns='vcard-temp'/>"));
        QVERIFY(empty && empty->isEmpty());
        // A photo over the limit or with bad base64 is dropped; the rest stays.
        const auto big = VCard::fromElement(
            test::fromXml("<vCard xmlns='vcard-temp'><FN>x</FN><PHOTO><TYPE>image/png</TYPE>"
                          "<BINVAL>QUFBQUFBQUFBQUFB</BINVAL></PHOTO></vCard>"),
            4);
        QVERIFY(big && big->photoData.isEmpty() && big->fullName == u"x");
        const auto bad = VCard::fromElement(
            test::fromXml("<vCard xmlns='vcard-temp'><PHOTO><BINVAL>!!!</BINVAL></PHOTO></vCard>"));
        QVERIFY(bad && bad->photoData.isEmpty());
        // Text is cut.
        Element longName(u"vCard"_qs, ns::VCardTemp);
        longName.appendTextChild(u"FN"_qs, QString(100000, u'a'));
        QCOMPARE(VCard::fromElement(longName)->fullName.size(), 4096);
    }

    void vcard4FromTheXep()
    {
        // XEP-0292 §3 example (abridged).
        const auto v = vcard4::fromElement(test::fromXml(R"(
            <vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>
              <fn><text>Peter Saint-Andre</text></fn>
              <n><surname>Saint-Andre</surname><given>Peter</given><additional></additional></n>
              <nickname><text>stpeter</text></nickname>
              <tel><parameters><type><text>work</text></type></parameters>
                <uri>tel:+1-303-308-3282</uri></tel>
              <email><parameters><type><text>work</text></type></parameters>
                <text>psaintan@cisco.com</text></email>
              <url><uri>https://stpeter.im/</uri></url>
              <note><text>More information about me is located on my personal website.</text></note>
            </vcard>)"));
        QVERIFY(v);
        QCOMPARE(v->fullName, u"Peter Saint-Andre"_qs);
        QCOMPARE(v->nickname, u"stpeter"_qs);
        QCOMPARE(v->phone, u"+1-303-308-3282"_qs);
        QCOMPARE(v->email, u"psaintan@cisco.com"_qs);
        QCOMPARE(v->url, u"https://stpeter.im/"_qs);
        QCOMPARE(v->note, u"More information about me is located on my personal website."_qs);
        QCOMPARE(vcard4::fromElement(vcard4::toElement(*v)), v);
        QVERIFY(!vcard4::fromElement(test::fromXml("<vCard xmlns='vcard-temp'/>")));
    }

    void nicknameEvents()
    {
        // XEP-0172 Example 3, and the sender rule.
        const QByteArray event = R"(
            <message from='narrator@moby-dick.lit' to='starbuck@moby-dick.lit'>
              <event xmlns='http://jabber.org/protocol/pubsub#event'>
                <items node='http://jabber.org/protocol/nick'>
                  <item id='current'><nick xmlns='http://jabber.org/protocol/nick'>Ishmael</nick></item>
                </items>
              </event>
            </message>)";
        NickManager manager;
        QSignalSpy spy(&manager, &NickManager::nicknameReceived);
        QVERIFY(manager.processStanza(test::fromXml(event), {}));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<Jid>().bareString(), u"narrator@moby-dick.lit"_qs);
        QCOMPARE(spy.at(0).at(1).toString(), u"Ishmael"_qs);
        QByteArray spoof = event;
        spoof.replace("from='narrator@moby-dick.lit'", "from='narrator@moby-dick.lit/pequod'");
        QVERIFY(!manager.processStanza(test::fromXml(spoof), {}));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(nicknameFromElement(nicknameElement(u"  A   B "_qs)), u"A B"_qs);
        QVERIFY(manager.discoFeatures().contains(ns::Nick + u"+notify"_qs));
    }

    void lastActivityValues()
    {
        // XEP-0012 Example 2.
        const Element request = test::fromXml(
            "<iq from='romeo@montague.net/orchard' id='last1' to='juliet@capulet.com' type='get'>"
            "<query xmlns='jabber:iq:last'/></iq>");
        const Element expected =
            test::fromXml("<iq id='last1' to='romeo@montague.net/orchard' type='result'>"
                          "<query xmlns='jabber:iq:last' seconds='903'/></iq>");
        QCOMPARE(LastActivityManager::makeResponse(request, {903, {}}), expected);
        const auto parsed = LastActivity::fromElement(
            test::fromXml("<query xmlns='jabber:iq:last' seconds='903'>Heading Home</query>"));
        QCOMPARE(parsed, (LastActivity{903, u"Heading Home"_qs}));
        QVERIFY(!LastActivity::fromElement(test::fromXml("<query xmlns='jabber:iq:last'/>")));
        QVERIFY(!LastActivity::fromElement(
            test::fromXml("<query xmlns='jabber:iq:last' seconds='-4'/>")));
        QVERIFY(!LastActivity::fromElement(
            test::fromXml("<query xmlns='jabber:iq:last' seconds='soon'/>")));
    }

    void dontRevealSwitches()
    {
        // Off: not handled (the client answers service-unavailable), not advertised.
        const Element lastGet =
            test::fromXml("<iq type='get' id='a'><query xmlns='jabber:iq:last'/></iq>");
        const Element versionGet =
            test::fromXml("<iq type='get' id='b'><query xmlns='jabber:iq:version'/></iq>");
        const Element timeGet =
            test::fromXml("<iq type='get' id='c'><time xmlns='urn:xmpp:time'/></iq>");
        LastActivityManager last;
        VersionManager version;
        TimeManager time;
        QVERIFY(last.discoFeatures().contains(ns::LastActivity));
        QVERIFY(version.discoFeatures().contains(ns::Version));
        QVERIFY(time.discoFeatures().contains(ns::Time));
        last.setAnswering(false);
        version.setAnswering(false);
        time.setAnswering(false);
        QVERIFY(!last.handleStanza(lastGet));
        QVERIFY(!version.handleStanza(versionGet));
        QVERIFY(!time.handleStanza(timeGet));
        QVERIFY(last.discoFeatures().isEmpty());
        QVERIFY(version.discoFeatures().isEmpty());
        QVERIFY(time.discoFeatures().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
