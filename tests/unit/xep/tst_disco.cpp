// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/xmpp/client.h"
#include "core/xmpp/namespaces.h"
#include "core/xmpp/stanzaerror.h"
#include "core/xmpp/xep/xep0030_disco/discomanager.h"
#include "core/xmpp/xep/xep0199_ping/pingmanager.h"
#include "xmlhelper.h"

#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
// XEP-0030 §3.1 "Result-set for information request".
const QByteArray kInfoResult = R"(
    <iq type='result'
        from='plays.shakespeare.lit'
        to='romeo@montague.net/orchard'
        id='info1'>
      <query xmlns='http://jabber.org/protocol/disco#info'>
        <identity
            category='conference'
            type='text'
            name='Play-Specific Chatrooms'/>
        <identity
            category='directory'
            type='chatroom'
            name='Play-Specific Chatrooms'/>
        <feature var='http://jabber.org/protocol/disco#info'/>
        <feature var='http://jabber.org/protocol/disco#items'/>
        <feature var='http://jabber.org/protocol/muc'/>
        <feature var='jabber:iq:register'/>
        <feature var='jabber:iq:search'/>
        <feature var='jabber:iq:time'/>
        <feature var='jabber:iq:version'/>
      </query>
    </iq>)";

Element infoGet(const QString &node = {})
{
    Element iq = test::fromXml("<iq type='get' from='romeo@montague.net/orchard' "
                               "to='juliet@capulet.com/balcony' id='info1'>"
                               "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    Element query = iq.children().front();
    query.setAttribute(u"node"_qs, node);
    Element out(u"iq"_qs, ns::Client);
    for (const auto &[k, v] : iq.attributes())
        out.setAttribute(k, v);
    out.appendChild(query);
    return out;
}
} // namespace

class TestDisco : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesInfoExample()
    {
        const Element query = test::fromXml(kInfoResult).firstChild(u"query", ns::DiscoInfo);
        const auto info = DiscoInfo::fromElement(query);
        QVERIFY(info);
        QCOMPARE(info->identities.size(), size_t(2));
        QCOMPARE(
            info->identities[1],
            (DiscoIdentity{u"directory"_qs, u"chatroom"_qs, u"Play-Specific Chatrooms"_qs, {}}));
        QCOMPARE(info->features.size(), 7);
        QVERIFY(info->hasFeature(u"http://jabber.org/protocol/muc"));
        QVERIFY(info->hasIdentity(u"conference", u"text"));
        QVERIFY(!info->hasIdentity(u"client", u"pc"));
        QCOMPARE(info->toElement(), query);
    }

    void keepsExtendedFormsAndLanguages()
    {
        // XEP-0128 §3 style: an extended form is kept verbatim; xml:lang on identities.
        const Element query = test::fromXml(R"(
            <query xmlns='http://jabber.org/protocol/disco#info' node='n'>
              <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
              <feature var='urn:xmpp:ping'/>
              <x xmlns='jabber:x:data' type='result'>
                <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>
                <field var='os'><value>Mac</value></field>
              </x>
            </query>)");
        const auto info = DiscoInfo::fromElement(query);
        QVERIFY(info);
        QCOMPARE(info->node, u"n"_qs);
        QCOMPARE(info->identities.at(0).lang, u"en"_qs);
        QCOMPARE(info->extensions.size(), size_t(1));
        QCOMPARE(info->extensions[0].firstChild(u"field").attribute(u"var"), u"FORM_TYPE"_qs);
        QCOMPARE(info->toElement(), query);
    }

    void infoParsingIsTotal()
    {
        QVERIFY(!DiscoInfo::fromElement(Element()));
        QVERIFY(!DiscoInfo::fromElement(test::fromXml("<query xmlns='jabber:iq:roster'/>")));
        const auto info = DiscoInfo::fromElement(test::fromXml(R"(
            <query xmlns='http://jabber.org/protocol/disco#info'>
              <identity category='client'/>
              <identity type='pc'/>
              <feature/>
              <feature var=''/>
              <unknown xmlns='urn:example'/>
            </query>)"));
        QVERIFY(info);
        QVERIFY(info->identities.empty());
        QVERIFY(info->features.isEmpty());
    }

    void parsesItemsExample()
    {
        // XEP-0030 §4.1 "Result-set for all items" (shortened) plus a node and a broken item.
        const Element query = test::fromXml(R"(
            <query xmlns='http://jabber.org/protocol/disco#items'>
              <item jid='people.shakespeare.lit'
                    name='Directory of Characters'/>
              <item jid='plays.shakespeare.lit'
                    name='Play-Specific Chatrooms'/>
              <item jid='mim.shakespeare.lit' node='n1'/>
              <item name='no jid'/>
              <item jid='@broken'/>
            </query>)");
        const auto items = DiscoItems::fromElement(query);
        QVERIFY(items);
        QCOMPARE(items->items.size(), size_t(3));
        QCOMPARE(items->items[0].jid, Jid::fromString(u"people.shakespeare.lit"));
        QCOMPARE(items->items[0].name, u"Directory of Characters"_qs);
        QCOMPARE(items->items[2].node, u"n1"_qs);
        QCOMPARE(DiscoItems::fromElement(items->toElement()), items);
    }

    void answersInfoWithAllFeatures()
    {
        Client client;
        auto *disco = new DiscoManager;
        client.addExtension(disco);
        client.addExtension(new PingManager);
        const Element reply = disco->makeResponse(infoGet());
        QCOMPARE(reply.attribute(u"type"), u"result"_qs);
        QCOMPARE(reply.attribute(u"id"), u"info1"_qs);
        QCOMPARE(reply.attribute(u"to"), u"romeo@montague.net/orchard"_qs);
        const auto info = DiscoInfo::fromElement(reply.firstChild(u"query", ns::DiscoInfo));
        QVERIFY(info);
        const std::vector<DiscoIdentity> parla{{u"client"_qs, u"pc"_qs, u"Parla"_qs, {}}};
        QCOMPARE(info->identities, parla);
        QCOMPARE(info->features, (QStringList{ns::DiscoInfo, ns::DiscoItems, ns::Ping}));
        QCOMPARE(info->features, client.discoFeatures());
        QVERIFY(disco->handleStanza(infoGet()));
    }

    void answersOwnNodesOnly()
    {
        DiscoManager disco;
        disco.setOwnNodeMatcher([](QStringView node) { return node == u"https://parla.im#abc"; });
        const Element ok = disco.makeResponse(infoGet(u"https://parla.im#abc"_qs));
        QCOMPARE(ok.attribute(u"type"), u"result"_qs);
        const auto info = DiscoInfo::fromElement(ok.firstChild(u"query", ns::DiscoInfo));
        QVERIFY(info);
        QCOMPARE(info->node, u"https://parla.im#abc"_qs); // §3.2: the node is echoed
        QCOMPARE(info->features, disco.ownInfo().features);

        const Element unknown = disco.makeResponse(infoGet(u"https://parla.im#old"_qs));
        QCOMPARE(unknown.attribute(u"type"), u"error"_qs);
        const auto error = StanzaError::fromStanza(unknown);
        QVERIFY(error);
        QCOMPARE(error->condition, u"item-not-found"_qs);
    }

    void answersItemsEmpty()
    {
        DiscoManager disco;
        const Element request =
            test::fromXml("<iq type='get' from='romeo@montague.net/orchard' id='items1'>"
                          "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
        // XEP-0030 §4.1 "Empty result set".
        const Element expected =
            test::fromXml("<iq type='result' to='romeo@montague.net/orchard' id='items1'>"
                          "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
        QCOMPARE(disco.makeResponse(request), expected);
    }

    void refusesSetAndIgnoresOthers()
    {
        DiscoManager disco;
        const Element set = test::fromXml("<iq type='set' from='a@b/c' id='s'><query "
                                          "xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        QCOMPARE(StanzaError::fromStanza(disco.makeResponse(set))->condition, u"bad-request"_qs);
        QVERIFY(!disco.handleStanza(
            test::fromXml("<iq type='result' id='r'><query "
                          "xmlns='http://jabber.org/protocol/disco#info'/></iq>")));
        QVERIFY(!disco.handleStanza(test::fromXml("<presence from='a@b/c'/>")));
        QVERIFY(!disco.handleStanza(
            test::fromXml("<iq type='get' id='r'><query xmlns='jabber:iq:version'/></iq>")));
    }

    void requestWithoutConnectionFails()
    {
        Client client;
        auto *disco = new DiscoManager;
        client.addExtension(disco);
        auto task = disco->requestInfo(Jid::fromString(u"shakespeare.lit"));
        QVERIFY(task.isFinished());
        QCOMPARE(std::get<Error>(*task.result()).kind, Error::Kind::Disconnected);
        QVERIFY(!disco->cachedInfo(Jid::fromString(u"shakespeare.lit")));
        auto items = disco->requestItems(Jid::fromString(u"shakespeare.lit"));
        QVERIFY(items.isFinished());
        QVERIFY(!isOk(*items.result()));
        QVERIFY(!disco->serverInfo());
    }
};

QTEST_GUILESS_MAIN(TestDisco)
#include "tst_disco.moc"
