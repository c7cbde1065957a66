// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0280 Message Carbons: parsing the XEP's examples, and the sender rule (§11) with forged
// copies: from a contact, from a full JID, from nobody, inside groupchat traffic.
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0280_carbons/carbonsmanager.h"
#include "xmlhelper.h"

#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
const Jid kRomeo = Jid::fromString(u"romeo@montague.example");

// XEP-0280 §7, Example 11 "Receiving a Carbon of a received message".
const QByteArray kReceived =
    "<message xmlns='jabber:client' from='romeo@montague.example' "
    "to='romeo@montague.example/home' type='chat'>"
    "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
    "<message xmlns='jabber:client' from='juliet@capulet.example/balcony' "
    "to='romeo@montague.example/garden' type='chat' id='m1'>"
    "<body>What man art thou that, thus bescreen'd in night, so stumblest on my counsel?</body>"
    "<thread>0e3141cd80894871a68e6fe6b1ec56fa</thread>"
    "<stanza-id xmlns='urn:xmpp:sid:0' id='s1' by='romeo@montague.example'/>"
    "</message></forwarded></received></message>";

// XEP-0280 §7, Example 12 "Receiving a Carbon of a sent message".
const QByteArray kSent = "<message xmlns='jabber:client' from='romeo@montague.example' "
                         "to='romeo@montague.example/garden' type='chat'>"
                         "<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                         "<message xmlns='jabber:client' to='juliet@capulet.example/balcony' "
                         "from='romeo@montague.example/home' type='chat' id='m2'>"
                         "<body>Neither, fair saint, if either thee dislike.</body>"
                         "<origin-id xmlns='urn:xmpp:sid:0' id='o2'/>"
                         "</message></forwarded></sent></message>";

CarbonsManager::Verdict verdict(const QByteArray &xml, Carbon *out = nullptr)
{
    Carbon c;
    const Element e = test::fromXml(xml);
    if (e.isNull())
        qFatal("bad test XML");
    return CarbonsManager::check(e, kRomeo, out ? out : &c);
}

QByteArray replaced(QByteArray xml, const QByteArray &from, const QByteArray &to)
{
    return xml.replace(from, to);
}
} // namespace

class TestCarbons : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void receivedCarbonIsUnwrapped()
    {
        Carbon c;
        QCOMPARE(verdict(kReceived, &c), CarbonsManager::Verdict::Accepted);
        QCOMPARE(c.direction, Carbon::Direction::Received);
        QCOMPARE(c.message.from.toString(), u"juliet@capulet.example/balcony"_qs);
        QCOMPARE(c.message.to.toString(), u"romeo@montague.example/garden"_qs);
        QCOMPARE(c.message.id, u"m1"_qs);
        QCOMPARE(c.message.stanzaId, u"s1"_qs);
        QVERIFY(c.message.body.startsWith(u"What man art thou"_qs));
    }

    void sentCarbonIsUnwrapped()
    {
        Carbon c;
        QCOMPARE(verdict(kSent, &c), CarbonsManager::Verdict::Accepted);
        QCOMPARE(c.direction, Carbon::Direction::Sent);
        QCOMPARE(c.message.from.bare(), kRomeo);
        QCOMPARE(c.message.to.bareString(), u"juliet@capulet.example"_qs);
        QCOMPARE(c.message.originId, u"o2"_qs);
    }

    void carbonFromAnotherJidIsDropped()
    {
        // A contact "forwarding" a message as if it were our copy (§11).
        QCOMPARE(verdict(replaced(kReceived, "from='romeo@montague.example' ",
                                  "from='juliet@capulet.example' ")),
                 CarbonsManager::Verdict::Dropped);
    }

    void carbonFromAFullJidIsDropped()
    {
        // Someone else's full JID, and even one of our own resources: only the account (bare).
        QCOMPARE(verdict(replaced(kSent, "from='romeo@montague.example' ",
                                  "from='juliet@capulet.example/balcony' ")),
                 CarbonsManager::Verdict::Dropped);
        QCOMPARE(verdict(replaced(kSent, "from='romeo@montague.example' ",
                                  "from='romeo@montague.example/home' ")),
                 CarbonsManager::Verdict::Dropped);
    }

    void carbonWithoutFromIsDropped()
    {
        QCOMPARE(verdict(replaced(kReceived, "from='romeo@montague.example' ", "")),
                 CarbonsManager::Verdict::Dropped);
    }

    void groupchatIsNeverUnwrapped()
    {
        // Outer groupchat: not a carbon at all (left to the MUC code).
        QCOMPARE(verdict(replaced(kReceived, "to='romeo@montague.example/home' type='chat'",
                                  "to='romeo@montague.example/home' type='groupchat'")),
                 CarbonsManager::Verdict::NotACarbon);
        // Inner groupchat: dropped.
        QCOMPARE(verdict(replaced(kReceived, "to='romeo@montague.example/garden' type='chat'",
                                  "to='romeo@montague.example/garden' type='groupchat'")),
                 CarbonsManager::Verdict::Dropped);
    }

    void privateMessagesAreNotUsed()
    {
        QCOMPARE(verdict(replaced(kSent, "<origin-id",
                                  "<private xmlns='urn:xmpp:carbons:2'/><origin-id")),
                 CarbonsManager::Verdict::Dropped);
        Element m(u"message"_qs, ns::Client);
        CarbonsManager::markPrivate(m);
        QVERIFY(m.hasChild(u"private", ns::Carbons));
        QVERIFY(m.hasChild(u"no-copy", ns::Hints));
    }

    void malformedAndUnrelatedInput()
    {
        QCOMPARE(verdict("<message xmlns='jabber:client' from='romeo@montague.example'>"
                         "<body>hi</body></message>"),
                 CarbonsManager::Verdict::NotACarbon);
        QCOMPARE(verdict("<message xmlns='jabber:client' from='romeo@montague.example'>"
                         "<received xmlns='urn:xmpp:carbons:2'/></message>"),
                 CarbonsManager::Verdict::Dropped);
        QCOMPARE(verdict("<message xmlns='jabber:client' from='romeo@montague.example'>"
                         "<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                         "<message xmlns='jabber:client' from='@@bad'/></forwarded></sent>"
                         "</message>"),
                 CarbonsManager::Verdict::Dropped);
    }
};

QTEST_GUILESS_MAIN(TestCarbons)
#include "tst_carbons.moc"
