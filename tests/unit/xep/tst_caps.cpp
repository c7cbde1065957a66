// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/xmpp/client.h"
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0030_disco/discomanager.h"
#include "core/xmpp/xep/xep0115_caps/capsmanager.h"
#include "core/xmpp/xep/xep0199_ping/pingmanager.h"
#include "xmlhelper.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
// XEP-0115 §5.2 "Simple Generation Example".
DiscoInfo simpleExample()
{
    DiscoInfo info;
    info.identities = {{u"client"_qs, u"pc"_qs, u"Exodus 0.9.1"_qs, {}}};
    info.features = {u"http://jabber.org/protocol/disco#info"_qs,
                     u"http://jabber.org/protocol/disco#items"_qs,
                     u"http://jabber.org/protocol/muc"_qs, u"http://jabber.org/protocol/caps"_qs};
    return info;
}

// XEP-0115 §5.3 "Complex Generation Example", pasted.
const QByteArray kComplexExample = R"(
    <iq from='benvolio@capulet.lit/230193'
        id='disco1'
        to='juliet@capulet.lit/chamber'
        type='result'>
      <query xmlns='http://jabber.org/protocol/disco#info'
             node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='>
        <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
        <identity xml:lang='el' category='client' name='Ψ 0.11' type='pc'/>
        <feature var='http://jabber.org/protocol/caps'/>
        <feature var='http://jabber.org/protocol/disco#info'/>
        <feature var='http://jabber.org/protocol/disco#items'/>
        <feature var='http://jabber.org/protocol/muc'/>
        <x xmlns='jabber:x:data' type='result'>
          <field var='FORM_TYPE' type='hidden'>
            <value>urn:xmpp:dataforms:softwareinfo</value>
          </field>
          <field var='ip_version' type='text-multi' >
            <value>ipv4</value>
            <value>ipv6</value>
          </field>
          <field var='os'>
            <value>Mac</value>
          </field>
          <field var='os_version'>
            <value>10.5.1</value>
          </field>
          <field var='software'>
            <value>Psi</value>
          </field>
          <field var='software_version'>
            <value>0.11</value>
          </field>
        </x>
      </query>
    </iq>)";

DiscoInfo complexExample()
{
    return *DiscoInfo::fromElement(
        test::fromXml(kComplexExample).firstChild(u"query", ns::DiscoInfo));
}

Element form(const QString &formType, const QString &fieldType = u"hidden"_qs)
{
    Element x(u"x"_qs, ns::DataForms);
    x.setAttribute(u"type"_qs, u"result"_qs);
    Element f(u"field"_qs, ns::DataForms);
    f.setAttribute(u"var"_qs, u"FORM_TYPE"_qs);
    f.setAttribute(u"type"_qs, fieldType);
    f.appendTextChild(u"value"_qs, formType);
    x.appendChild(f);
    return x;
}

const QString kSimpleVer = u"QgayPKawpkPSDYmwT/WM94uAlu0="_qs;
const QString kComplexVer = u"q07IKJEyjvHSyhy//CH0CxmKi8w="_qs;
} // namespace

class TestCaps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void simpleExampleHash()
    {
        QCOMPARE(CapsManager::verificationString(simpleExample()), kSimpleVer);
        QCOMPARE(CapsManager::check(simpleExample(), u"sha-1", kSimpleVer),
                 CapsManager::Check::Valid);
    }

    void complexExampleHash()
    {
        const DiscoInfo info = complexExample();
        QCOMPARE(info.identities.size(), size_t(2));
        QCOMPARE(info.extensions.size(), size_t(1));
        QCOMPARE(CapsManager::verificationString(info), kComplexVer);
        QCOMPARE(CapsManager::check(info, u"sha-1", kComplexVer), CapsManager::Check::Valid);
    }

    void orderDoesNotMatter()
    {
        DiscoInfo info = complexExample();
        std::reverse(info.identities.begin(), info.identities.end());
        std::reverse(info.features.begin(), info.features.end());
        QCOMPARE(CapsManager::verificationString(info), kComplexVer);
    }

    void otherHashes()
    {
        QVERIFY(CapsManager::hashAlgorithm(u"sha-256"));
        QVERIFY(!CapsManager::hashAlgorithm(u"md5"));
        QVERIFY(!CapsManager::hashAlgorithm(u"bogus"));
        const auto sha256 = CapsManager::verificationString(simpleExample(), u"sha-256");
        QVERIFY(sha256);
        QCOMPARE(QByteArray::fromBase64(sha256->toLatin1()).size(), 32);
        QCOMPARE(CapsManager::check(simpleExample(), u"md5", kSimpleVer),
                 CapsManager::Check::UnsupportedHash);
    }

    void mismatchIsDetected()
    {
        DiscoInfo info = simpleExample();
        info.features.append(u"urn:xmpp:jingle:1"_qs); // a forged extra feature
        QCOMPARE(CapsManager::check(info, u"sha-1", kSimpleVer), CapsManager::Check::HashMismatch);
    }

    void illFormedAnswersAreRefused_data()
    {
        QTest::addColumn<DiscoInfo>("info");
        DiscoInfo dupIdentity = simpleExample();
        dupIdentity.identities.push_back(dupIdentity.identities.front());
        QTest::newRow("duplicate identity") << dupIdentity;
        DiscoInfo dupFeature = simpleExample();
        dupFeature.features.append(u"http://jabber.org/protocol/muc"_qs);
        QTest::newRow("duplicate feature") << dupFeature;
        DiscoInfo dupFormType = complexExample();
        dupFormType.extensions.push_back(form(u"urn:xmpp:dataforms:softwareinfo"_qs));
        QTest::newRow("duplicate FORM_TYPE") << dupFormType;
        DiscoInfo twoValues = simpleExample();
        Element x = form(u"urn:example:a"_qs);
        Element field = x.children().front();
        field.appendTextChild(u"value"_qs, u"urn:example:b"_qs);
        x.removeChildren(u"field");
        x.appendChild(field);
        twoValues.extensions.push_back(x);
        QTest::newRow("FORM_TYPE with two values") << twoValues;
        // The 2009 "trivial preimage" shape: a feature smuggled into the name via '<'.
        DiscoInfo delimiter;
        delimiter.identities = {
            {u"client"_qs, u"pc"_qs, u"Exodus 0.9.1<http://jabber.org/protocol/caps"_qs, {}}};
        delimiter.features = {u"http://jabber.org/protocol/disco#info"_qs,
                              u"http://jabber.org/protocol/disco#items"_qs,
                              u"http://jabber.org/protocol/muc"_qs};
        QTest::newRow("delimiter in a name") << delimiter;
    }
    void illFormedAnswersAreRefused()
    {
        QFETCH(DiscoInfo, info);
        QVERIFY(!CapsManager::verificationString(info));
        QCOMPARE(CapsManager::check(info, u"sha-1", kSimpleVer), CapsManager::Check::IllFormed);
    }

    void formsWithoutHiddenFormTypeAreIgnored()
    {
        // §5.4 3.6: ignored, processing continues; the hash is the one without the form.
        DiscoInfo info = simpleExample();
        info.extensions.push_back(form(u"urn:example:visible"_qs, u"text-single"_qs));
        Element noFormType(u"x"_qs, ns::DataForms);
        noFormType.setAttribute(u"type"_qs, u"result"_qs);
        info.extensions.push_back(noFormType);
        QCOMPARE(CapsManager::verificationString(info), kSimpleVer);
    }

    void ownCapsMatchOwnInfo()
    {
        Client client;
        auto *disco = new DiscoManager;
        client.addExtension(disco);
        auto *caps = new CapsManager(disco);
        client.addExtension(caps);
        client.addExtension(new PingManager);
        const DiscoInfo own = disco->ownInfo();
        QVERIFY(own.hasFeature(ns::Caps));
        QVERIFY(own.hasFeature(ns::Ping));
        const Element c = caps->capsElement();
        QVERIFY(c.is(u"c", ns::Caps));
        QCOMPARE(c.attribute(u"hash"), u"sha-1"_qs);
        QCOMPARE(c.attribute(u"node"), u"https://parla.im"_qs);
        QCOMPARE(CapsManager::check(own, u"sha-1", c.attribute(u"ver")), CapsManager::Check::Valid);

        // XEP-0115 §6.2: disco#info at node#ver gives the same info; another ver does not.
        Element iq(u"iq"_qs, ns::Client);
        iq.setAttribute(u"type"_qs, u"get"_qs);
        iq.setAttribute(u"id"_qs, u"d1"_qs);
        iq.setAttribute(u"from"_qs, u"romeo@montague.lit/orchard"_qs);
        Element query(u"query"_qs, ns::DiscoInfo);
        query.setAttribute(u"node"_qs, u"https://parla.im#"_qs + c.attribute(u"ver"));
        iq.appendChild(query);
        const Element reply = disco->makeResponse(iq);
        QCOMPARE(reply.attribute(u"type"), u"result"_qs);
        const auto answered = DiscoInfo::fromElement(reply.firstChild(u"query", ns::DiscoInfo));
        QVERIFY(answered);
        QCOMPARE(CapsManager::check(*answered, u"sha-1", c.attribute(u"ver")),
                 CapsManager::Check::Valid);
        iq.removeChildren(u"query");
        query.setAttribute(u"node"_qs, u"https://parla.im#"_qs + kSimpleVer);
        iq.appendChild(query);
        QCOMPARE(disco->makeResponse(iq).attribute(u"type"), u"error"_qs);
    }

    void presenceIsObservedNotConsumed()
    {
        Client client;
        auto *disco = new DiscoManager;
        client.addExtension(disco);
        InMemoryCapsStore store;
        auto *caps = new CapsManager(disco, &store);
        client.addExtension(caps);
        QSignalSpy resolved(caps, &CapsManager::capsResolved);
        // XEP-0115 §4 example presence.
        const Element presence = test::fromXml(R"(
            <presence from='romeo@montague.lit/orchard'>
              <c xmlns='http://jabber.org/protocol/caps'
                 hash='sha-1'
                 node='http://code.google.com/p/exodus'
                 ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>
            </presence>)");
        QVERIFY(!caps->handleStanza(presence));
        // Not connected: nothing could be asked, nothing is known, nothing was stored.
        QCOMPARE(resolved.count(), 0);
        QVERIFY(!caps->infoFor(Jid::fromString(u"romeo@montague.lit/orchard")));
        QCOMPARE(store.size(), 0);
        // Legacy caps without 'hash' and non-presence stanzas are ignored as well.
        QVERIFY(!caps->handleStanza(
            test::fromXml("<presence from='a@b/c'><c xmlns='http://jabber.org/protocol/caps' "
                          "node='n' ver='1.0'/></presence>")));
        QVERIFY(!caps->handleStanza(test::fromXml("<message from='a@b/c'/>")));
    }

    void knownVerIsResolvedFromTheStore()
    {
        Client client;
        auto *disco = new DiscoManager;
        client.addExtension(disco);
        InMemoryCapsStore store;
        store.store(u"sha-1"_qs, kComplexVer, complexExample().toElement().toXml());
        auto *caps = new CapsManager(disco, &store);
        client.addExtension(caps);
        QSignalSpy resolved(caps, &CapsManager::capsResolved);
        const Jid benvolio = Jid::fromString(u"benvolio@capulet.lit/230193");
        QVERIFY(
            !caps->handleStanza(test::fromXml("<presence from='benvolio@capulet.lit/230193'><c "
                                              "xmlns='http://jabber.org/protocol/caps' "
                                              "hash='sha-1' node='http://psi-im.org' "
                                              "ver='q07IKJEyjvHSyhy//CH0CxmKi8w='/></presence>")));
        QCOMPARE(resolved.count(), 1);
        QCOMPARE(resolved.at(0).at(0).value<Jid>(), benvolio);
        const auto info = caps->infoFor(benvolio);
        QVERIFY(info);
        QVERIFY(info->hasFeature(u"http://jabber.org/protocol/muc"));
        QCOMPARE(CapsManager::verificationString(*info), kComplexVer);
        // Re-sent presence with the same caps: nothing new.
        QVERIFY(!caps->handleStanza(
            test::fromXml("<presence from='benvolio@capulet.lit/230193'><show>away</show><c "
                          "xmlns='http://jabber.org/protocol/caps' "
                          "hash='sha-1' node='http://psi-im.org' "
                          "ver='q07IKJEyjvHSyhy//CH0CxmKi8w='/></presence>")));
        QCOMPARE(resolved.count(), 1);
        // Unavailable: forgotten.
        QVERIFY(!caps->handleStanza(
            test::fromXml("<presence from='benvolio@capulet.lit/230193' type='unavailable'/>")));
        QVERIFY(!caps->infoFor(benvolio));
    }

    void tamperedStoreEntryIsNotTrusted()
    {
        Client client;
        auto *disco = new DiscoManager;
        client.addExtension(disco);
        InMemoryCapsStore store;
        DiscoInfo forged = simpleExample();
        forged.features.append(u"urn:xmpp:jingle:1"_qs);
        store.store(u"sha-1"_qs, kSimpleVer, forged.toElement().toXml());
        auto *caps = new CapsManager(disco, &store);
        client.addExtension(caps);
        QSignalSpy resolved(caps, &CapsManager::capsResolved);
        QVERIFY(
            !caps->handleStanza(test::fromXml("<presence from='romeo@montague.lit/orchard'><c "
                                              "xmlns='http://jabber.org/protocol/caps' "
                                              "hash='sha-1' node='http://code.google.com/p/exodus' "
                                              "ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>")));
        QCOMPARE(resolved.count(), 0);
        QVERIFY(!caps->infoFor(Jid::fromString(u"romeo@montague.lit/orchard")));
    }

    void presenceErrorsAndSubscriptionsAreIgnored()
    {
        Client client;
        auto *disco = new DiscoManager;
        client.addExtension(disco);
        InMemoryCapsStore store;
        store.store(u"sha-1"_qs, kSimpleVer, simpleExample().toElement().toXml());
        auto *caps = new CapsManager(disco, &store);
        client.addExtension(caps);
        QSignalSpy resolved(caps, &CapsManager::capsResolved);
        for (const char *type : {"subscribe", "error", "probe"}) {
            Element p = test::fromXml(
                "<presence from='romeo@montague.lit/orchard'><c "
                "xmlns='http://jabber.org/protocol/caps' "
                "hash='sha-1' node='n' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>");
            p.setAttribute(u"type"_qs, QString::fromLatin1(type));
            QVERIFY(!caps->handleStanza(p));
        }
        QCOMPARE(resolved.count(), 0);
    }

    void inMemoryStore()
    {
        InMemoryCapsStore store;
        QVERIFY(!store.lookup(u"sha-1"_qs, kSimpleVer));
        const QByteArray xml = simpleExample().toElement().toXml();
        store.store(u"sha-1"_qs, kSimpleVer, xml);
        QCOMPARE(store.lookup(u"sha-1"_qs, kSimpleVer), xml);
        QVERIFY(!store.lookup(u"sha-256"_qs, kSimpleVer));
    }
};

QTEST_GUILESS_MAIN(TestCaps)
#include "tst_caps.moc"
