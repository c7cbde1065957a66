// SPDX-License-Identifier: GPL-3.0-or-later
// The message-feature values on ChatMessage against the XEPs' own examples: chat states
// (XEP-0085), markers (XEP-0333), corrections (XEP-0308), retractions (XEP-0424), fallbacks
// (XEP-0428), replies (XEP-0461), reactions (XEP-0444), and XEP-0490's PEP item and publish —
// parsed, serialized back to the same XML, and hostile input refused.
#include "core/xmpp/client.h"
#include "core/xmpp/im/message.h"
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0490_mds/mdsmanager.h"
#include "xmlhelper.h"

#include <QSignalSpy>
#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
ChatMessage parse(const QByteArray &xml)
{
    auto m = ChatMessage::fromElement(test::fromXml(xml));
    return m.value_or(ChatMessage{});
}
/// Serializing the parsed example gives every child of the example back.
bool roundTrips(const QByteArray &xml)
{
    const Element original = test::fromXml(xml);
    auto m = ChatMessage::fromElement(original);
    if (!m)
        return false;
    const Element again = m->toElement();
    for (const Element &child : original.children()) {
        bool found = false;
        for (const Element &c : again.children())
            found = found || c == child;
        if (!found) {
            qWarning() << "missing after round trip:" << child.toXml();
            return false;
        }
    }
    return again.children().size() == original.children().size();
}
} // namespace

class TestMessageFeatures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chatStates()
    {
        // XEP-0085 Example 4 (standalone) and a content message with <active/>.
        const QByteArray xml = "<message from='bernardo@shakespeare.lit/pda' "
                               "to='francisco@shakespeare.lit' type='chat'>"
                               "<thread>act1scene1</thread>"
                               "<composing xmlns='http://jabber.org/protocol/chatstates'/>"
                               "</message>";
        const ChatMessage m = parse(xml);
        QCOMPARE(m.chatState, std::optional(ChatState::Composing));
        QVERIFY(m.hasFeaturePayload());
        QVERIFY(roundTrips(xml));
        for (const char *name : {"active", "composing", "paused", "inactive", "gone"}) {
            const auto n = ChatStateNotification::fromElement(
                Element(QString::fromLatin1(name), ns::ChatStates));
            QVERIFY(n);
            QCOMPARE(n->toElement().name(), QString::fromLatin1(name));
        }
        QVERIFY(
            !ChatStateNotification::fromElement(Element(QStringLiteral("typing"), ns::ChatStates)));
        QVERIFY(
            !ChatStateNotification::fromElement(Element(QStringLiteral("composing"), ns::Client)));
    }

    void markers()
    {
        // XEP-0333 Examples 3 and 4.
        const QByteArray markable = "<message from='northumberland@shakespeare.lit/westminster' "
                                    "id='message-1' to='westmoreland@shakespeare.lit' type='chat'>"
                                    "<body>My lord, dispatch; read o'er these articles.</body>"
                                    "<markable xmlns='urn:xmpp:chat-markers:0'/></message>";
        QVERIFY(parse(markable).markable);
        QVERIFY(roundTrips(markable));
        const QByteArray displayed =
            "<message from='westmoreland@shakespeare.lit/harfleur' id='message-2' "
            "to='northumberland@shakespeare.lit/westminster' type='chat'>"
            "<displayed xmlns='urn:xmpp:chat-markers:0' id='message-1'/></message>";
        const ChatMessage d = parse(displayed);
        QCOMPARE(d.marker, std::optional(ChatMarker{ChatMarker::Kind::Displayed,
                                                    QStringLiteral("message-1")}));
        QVERIFY(d.body.isEmpty() && d.hasFeaturePayload());
        QVERIFY(roundTrips(displayed));
        // §4: a marker MUST name an id.
        QVERIFY(
            !parse("<message type='chat'><displayed xmlns='urn:xmpp:chat-markers:0'/></message>")
                 .marker);
    }

    void correction()
    {
        // XEP-0308 Example 2.
        const QByteArray xml = "<message to='juliet@capulet.net/balcony' id='good1'>"
                               "<body>But soft, what light through yonder window breaks?</body>"
                               "<replace id='bad1' xmlns='urn:xmpp:message-correct:0'/></message>";
        QCOMPARE(parse(xml).correction, std::optional(Correction{QStringLiteral("bad1")}));
        QVERIFY(roundTrips(xml));
        QVERIFY(
            !parse("<message><body>x</body><replace xmlns='urn:xmpp:message-correct:0'/></message>")
                 .correction);
    }

    void retraction()
    {
        // XEP-0424 Example 2, with its XEP-0428 fallback and XEP-0334 store hint.
        const QByteArray xml =
            "<message type='chat' to='lord@capulet.example' id='retract-message-1'>"
            "<retract id='wrong-recipient-1' xmlns='urn:xmpp:message-retract:1'/>"
            "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/>"
            "<body>/me retracted a previous message, but it's unsupported by your client.</body>"
            "<store xmlns='urn:xmpp:hints'/></message>";
        const ChatMessage m = parse(xml);
        QCOMPARE(m.retraction, std::optional(Retraction{QStringLiteral("wrong-recipient-1")}));
        QCOMPARE(m.fallbacks.size(), 1);
        QVERIFY(!m.fallbacks.front().bodyRange);
        QVERIFY(m.storeHint);
        QVERIFY(Fallback::strip(m.body, m.fallbacks, ns::Retraction).isEmpty());
        QCOMPARE(m.body, Retraction::fallbackBody());
        QVERIFY(roundTrips(xml));
        // The old namespace (urn:xmpp:message-retract:0, apply-to) is not this protocol.
        QVERIFY(!parse("<message><retract xmlns='urn:xmpp:message-retract:0' id='x'/></message>")
                     .retraction);
    }

    void replyWithFallback()
    {
        // XEP-0461 Example 2 (without the pretty-printing): the fallback quote is 38 code points.
        const QString quote = QStringLiteral("> Anna wrote:\n> We should bake a cake\n");
        QCOMPARE(Fallback::codePointLength(quote), 38);
        const QByteArray xml = "<message to='anna@example.com' id='message-id3' type='chat'>"
                               "<body>" +
                               quote.toUtf8() +
                               "Great idea!</body>"
                               "<reply to='anna@example.com/laptop' id='message-id1' "
                               "xmlns='urn:xmpp:reply:0'/>"
                               "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'>"
                               "<body start='0' end='38'/></fallback></message>";
        const ChatMessage m = parse(xml);
        QVERIFY(m.reply);
        QCOMPARE(m.reply->id, QStringLiteral("message-id1"));
        QCOMPARE(m.reply->to.toString(), QStringLiteral("anna@example.com/laptop"));
        QCOMPARE(Fallback::strip(m.body, m.fallbacks, ns::Reply), QStringLiteral("Great idea!"));
        QCOMPARE(Fallback::extract(m.body, m.fallbacks, ns::Reply), quote);
        QVERIFY(roundTrips(xml));
        QCOMPARE(Reply::quoteFallback(QStringLiteral("a\nb")), QStringLiteral("> a\n> b\n"));
    }

    void fallbackCountsCodePoints()
    {
        // XEP-0426: 👋 is one character (two UTF-16 units).
        const QString body = QStringLiteral("> 👋\nhi");
        const QList<Fallback> f{{ns::Reply, std::pair{0, 4}}};
        QCOMPARE(Fallback::strip(body, f, ns::Reply), QStringLiteral("hi"));
        // Hostile ranges: past the end, reversed, not numbers — ignored or refused.
        QCOMPARE(Fallback::strip(body, {{ns::Reply, std::pair{3, 99}}}, ns::Reply), body);
        QVERIFY(!Fallback::fromElement(
            test::fromXml("<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'>"
                          "<body start='9' end='2'/></fallback>")));
        QVERIFY(!Fallback::fromElement(
            test::fromXml("<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'>"
                          "<body start='-1' end='x'/></fallback>")));
        // A fallback for another specification leaves the body alone.
        QCOMPARE(Fallback::strip(body, f, ns::Retraction), body);
    }

    void reactions()
    {
        // XEP-0444 Example 3 and the removal of all reactions (§3.2, empty set).
        const QByteArray xml =
            "<message to='romeo@capulet.net/orchard' id='7fdd29fa-a57a-11e9-b04a-4889e7820c76' "
            "type='chat'><reactions id='744f6e18-a57a-11e9-a656-4889e7820c76' "
            "xmlns='urn:xmpp:reactions:0'><reaction>👋</reaction><reaction>🐢</reaction>"
            "</reactions><store xmlns='urn:xmpp:hints'/></message>";
        const ChatMessage m = parse(xml);
        QVERIFY(m.reactions);
        QCOMPARE(m.reactions->id, QStringLiteral("744f6e18-a57a-11e9-a656-4889e7820c76"));
        QCOMPARE(m.reactions->emojis, (QStringList{QStringLiteral("👋"), QStringLiteral("🐢")}));
        QVERIFY(roundTrips(xml));
        const ChatMessage none = parse("<message type='chat'><reactions id='x' "
                                       "xmlns='urn:xmpp:reactions:0'/></message>");
        QVERIFY(none.reactions && none.reactions->emojis.isEmpty());
        // Repeated, empty and absurdly long reactions are dropped; the count is capped.
        QByteArray many = "<message><reactions id='x' xmlns='urn:xmpp:reactions:0'>"
                          "<reaction>👍</reaction><reaction>👍</reaction><reaction> </reaction>"
                          "<reaction>" +
                          QByteArray(200, 'a') + "</reaction>";
        for (int i = 0; i < 100; ++i)
            many += "<reaction>" + QByteArray::number(i) + "</reaction>";
        many += "</reactions></message>";
        const ChatMessage hostile = parse(many);
        QCOMPARE(hostile.reactions->emojis.size(), Reactions::kMaxReactions);
        QCOMPARE(hostile.reactions->emojis.count(QStringLiteral("👍")), 1);
        QVERIFY(!parse("<message><reactions xmlns='urn:xmpp:reactions:0'/></message>").reactions);
    }

    void mdsItemAndPublish()
    {
        // XEP-0490 Example 1 (publish with publish-options).
        const QByteArray xml =
            "<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
            "<publish node='urn:xmpp:mds:displayed:0'><item id='juliet@capulet.lit'>"
            "<displayed xmlns='urn:xmpp:mds:displayed:0'>"
            "<stanza-id xmlns='urn:xmpp:sid:0' id='0f710f2b-52ed-4d52-b928-784dad74a52b' "
            "by='romeo@montague.lit'/></displayed></item></publish>"
            "<publish-options><x xmlns='jabber:x:data' type='submit'>"
            "<field var='FORM_TYPE' type='hidden'>"
            "<value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
            "<field var='pubsub#persist_items'><value>true</value></field>"
            "<field var='pubsub#max_items'><value>max</value></field>"
            "<field var='pubsub#send_last_published_item'><value>never</value></field>"
            "<field var='pubsub#access_model'><value>whitelist</value></field>"
            "</x></publish-options></pubsub></iq>";
        const MdsDisplayed d{Jid::fromString(QStringLiteral("juliet@capulet.lit")),
                             QStringLiteral("0f710f2b-52ed-4d52-b928-784dad74a52b"),
                             Jid::fromString(QStringLiteral("romeo@montague.lit"))};
        QCOMPARE(MdsManager::makePublish(d), test::fromXml(xml));
        const Element item = test::fromXml(xml)
                                 .firstChild(u"pubsub", ns::PubSub)
                                 .firstChild(u"publish", ns::PubSub)
                                 .firstChild(u"item", ns::PubSub);
        QCOMPARE(MdsDisplayed::fromItem(item), std::optional(d));
        // A full JID as item id, or no stanza-id: not an MDS item.
        QVERIFY(!MdsDisplayed::fromItem(test::fromXml(
            "<item id='juliet@capulet.lit/balcony'><displayed xmlns='urn:xmpp:mds:displayed:0'>"
            "<stanza-id xmlns='urn:xmpp:sid:0' id='a' "
            "by='romeo@montague.lit'/></displayed></item>")));
        QVERIFY(!MdsDisplayed::fromItem(test::fromXml(
            "<item id='juliet@capulet.lit'><displayed xmlns='urn:xmpp:mds:displayed:0'/></item>")));
    }

    void mdsEventsOnlyFromOurOwnBareJid()
    {
        // Not connected, so we have no own JID yet: every sender is someone else.
        Client client;
        auto *manager = new MdsManager;
        client.addExtension(manager);
        QVERIFY(
            manager->discoFeatures().contains(QStringLiteral("urn:xmpp:mds:displayed:0+notify")));
        QSignalSpy synced(manager, &MdsManager::displayedSynced);
        const QByteArray forged =
            "<message from='mallory@evil.example' to='romeo@montague.lit/orchard' type='headline'>"
            "<event xmlns='http://jabber.org/protocol/pubsub#event'>"
            "<items node='urn:xmpp:mds:displayed:0'><item id='juliet@capulet.lit'>"
            "<displayed xmlns='urn:xmpp:mds:displayed:0'>"
            "<stanza-id xmlns='urn:xmpp:sid:0' id='x' by='romeo@montague.lit'/>"
            "</displayed></item></items></event></message>";
        QVERIFY(manager->handleStanza(test::fromXml(forged))); // consumed, and dropped
        QCOMPARE(synced.count(), 0);
        // Other PEP nodes are not ours to take.
        QVERIFY(!manager->handleStanza(
            test::fromXml("<message from='romeo@montague.lit'><event "
                          "xmlns='http://jabber.org/protocol/pubsub#event'>"
                          "<items node='urn:xmpp:avatar:metadata'/></event></message>")));
    }

    void bodylessFeatureMessagesReachTheAccount()
    {
        Client client;
        auto *manager = new MessageManager;
        client.addExtension(manager);
        QSignalSpy received(manager, &MessageManager::messageReceived);
        QVERIFY(manager->handleStanza(test::fromXml(
            "<message from='juliet@capulet.lit/balcony' type='chat' id='r1'>"
            "<reactions id='m1' xmlns='urn:xmpp:reactions:0'><reaction>👍</reaction></reactions>"
            "</message>")));
        QVERIFY(manager->handleStanza(
            test::fromXml("<message from='juliet@capulet.lit/balcony' type='chat'>"
                          "<paused xmlns='http://jabber.org/protocol/chatstates'/></message>")));
        // Nothing to act on: left to other handlers.
        QVERIFY(!manager->handleStanza(test::fromXml("<message from='juliet@capulet.lit/balcony' "
                                                     "type='chat'><thread>t</thread></message>")));
        QCOMPARE(received.count(), 2);
        const QStringList features = manager->discoFeatures();
        for (const QString &f : {ns::ChatStates, ns::ChatMarkers, ns::Correction, ns::Retraction,
                                 ns::Reply, ns::Reactions})
            QVERIFY2(features.contains(f), qPrintable(f));
    }
};

QTEST_GUILESS_MAIN(TestMessageFeatures)
#include "tst_messagefeatures.moc"
