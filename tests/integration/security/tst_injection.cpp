// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 10 against the real Prosody: a stranger who can address an IQ to the user's full JID
// tried to make Parla send stanzas of the stranger's choosing (an IQ error echoed the request's
// namespace verbatim), or to end Parla's stream (a prefixed attribute echoed without its
// declaration). The stranger must receive nothing but the error reply, the user's roster and
// presence must not change, and the user's stream must stay up.
#include "tests/support/localprosody.h"

#include "xmpp/client.h"
#include "xmpp/namespaces.h"

#include <QSignalSpy>
#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
const QString kPassword = QStringLiteral("correct horse battery staple");

/// Keeps every stanza a client receives (and consumes none).
class Recorder : public Extension
{
    Q_OBJECT
public:
    bool handleStanza(const Element &stanza) override
    {
        stanzas.push_back(stanza);
        return false;
    }
    std::vector<Element> named(QStringView name) const
    {
        std::vector<Element> out;
        for (const Element &s : stanzas) {
            if (s.name() == name)
                out.push_back(s);
        }
        return out;
    }
    std::vector<Element> stanzas;
};
} // namespace

class TestInjection : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;

    ConnectionSettings settingsFor(const QString &user)
    {
        ConnectionSettings s;
        s.jid = Jid::fromString(user + u'@' + m_server.host());
        s.password = kPassword;
        s.resource = QStringLiteral("desk");
        s.host = testing::LocalProsody::address();
        s.port = m_server.c2sPort();
        s.extraCaCertificates = {m_server.caCertificatePem()};
        s.connectTimeout = std::chrono::seconds(10);
        return s;
    }

    static bool waitConnected(Client &c)
    {
        QSignalSpy connected(&c, &Client::connected);
        c.connectToServer();
        return connected.wait(15000) || !connected.isEmpty();
    }

    /// An IQ get from `from` to `to` whose payload is `payload`; waits for the answer.
    static Result<Element> ask(Client &from, const Jid &to, const Element &payload)
    {
        Element iq(QStringLiteral("iq"), ns::Client);
        iq.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
        iq.setAttribute(QStringLiteral("to"), to.toString());
        iq.appendChild(payload);
        auto task = from.sendIq(iq, std::chrono::seconds(10));
        if (!QTest::qWaitFor([&] { return task.isFinished(); }, 12000))
            return Error::local(QStringLiteral("no answer"));
        return *task.result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "mallory"})
            QVERIFY2(m_server.registerUser(QString::fromLatin1(user), kPassword),
                     qPrintable(m_server.errorString()));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    }

    void echoedRequestsCannotMakeTheUserSendStanzas()
    {
        Client alice;
        alice.setSettings(settingsFor(QStringLiteral("alice")));
        auto *aliceSaw = new Recorder;
        alice.addExtension(aliceSaw);
        Client mallory;
        mallory.setSettings(settingsFor(QStringLiteral("mallory")));
        auto *mallorySaw = new Recorder;
        mallory.addExtension(mallorySaw);
        QVERIFY(waitConnected(alice));
        QVERIFY(waitConnected(mallory));
        QSignalSpy aliceDisconnected(&alice, &Client::disconnected);
        const Jid victim = alice.boundJid();
        const QString attacker = mallory.boundJid().bareString();

        // Mallory is available (stanzas to a bare JID reach only available resources) and
        // asks for alice's presence, so that an injected 'subscribed' would be honoured by the
        // server (RFC 6121 §3.1.6 ignores an unrequested one).
        mallory.send(Element(QStringLiteral("presence"), ns::Client));
        Element subscribe(QStringLiteral("presence"), ns::Client);
        subscribe.setAttribute(QStringLiteral("to"), victim.bareString());
        subscribe.setAttribute(QStringLiteral("type"), QStringLiteral("subscribe"));
        mallory.send(subscribe);

        // The payloads, as values: Parla's own writer puts them on the wire escaped, which is
        // exactly the attack (the server delivers the namespace with its entities). Each closes
        // the echoed <query xmlns="…"/> and the error reply, adds stanzas, and opens a last
        // error reply that the rest of the original one completes: written verbatim, as Qt 6.4
        // wrote a namespace, the reply is well-formed XML of three stanzas.
        const auto inject = [&](const QString &stanzas) {
            return QStringLiteral("a\"/></iq>") + stanzas +
                   QStringLiteral("<iq type=\"error\" id=\"tail\" to=\"%1\"><query xmlns=\"b")
                       .arg(attacker);
        };
        const QStringList hostileNamespaces = {
            inject(QStringLiteral("<presence to=\"%1\" type=\"subscribed\"/>").arg(attacker)),
            inject(QStringLiteral("<message to=\"%1\" type=\"chat\"><body>injected</body>"
                                  "</message>")
                       .arg(attacker)),
            inject(QStringLiteral("<iq type=\"set\" id=\"r1\"><query xmlns=\"jabber:iq:roster\">"
                                  "<item jid=\"%1\" name=\"Mallory\"/></query></iq>")
                       .arg(attacker)),
            inject(QStringLiteral("<iq type=\"set\" id=\"p1\"><pubsub "
                                  "xmlns=\"http://jabber.org/protocol/pubsub\"><publish "
                                  "node=\"eu.siacs.conversations.axolotl.devicelist\"><item "
                                  "id=\"current\"><list xmlns=\"eu.siacs.conversations.axolotl\">"
                                  "<device id=\"666\"/></list></item></publish></pubsub></iq>")),
            QStringLiteral("a\"/></iq></stream:stream>"),
        };
        for (const QString &hostile : hostileNamespaces) {
            const auto answer = ask(mallory, victim, Element(QStringLiteral("query"), hostile));
            // Parla knows no such namespace: an error, from alice, naming the same namespace.
            const auto *error = std::get_if<Error>(&answer);
            QVERIFY(error);
            QCOMPARE(error->kind, Error::Kind::Stanza);
        }
        // A prefixed attribute whose declaration was once dropped from the echo (a
        // non-well-formed reply, which made the server end alice's stream).
        Element prefixed(QStringLiteral("query"), QStringLiteral("urn:parla:test:unknown"));
        prefixed.setAttribute(QStringLiteral("{urn:parla:test:p}a"), QStringLiteral("1"));
        QVERIFY(std::holds_alternative<Error>(ask(mallory, victim, prefixed)));

        // Barrier: alice's next message reaches mallory after anything injected would have.
        Element barrier(QStringLiteral("message"), ns::Client);
        barrier.setAttribute(QStringLiteral("to"), mallory.boundJid().toString());
        barrier.setAttribute(QStringLiteral("type"), QStringLiteral("chat"));
        barrier.appendTextChild(QStringLiteral("body"), QStringLiteral("barrier"));
        alice.send(barrier);
        QVERIFY(QTest::qWaitFor([&] { return !mallorySaw->named(u"message").empty(); }, 5000));

        // Mallory received the barrier and nothing else from alice: no message, no presence.
        const auto messages = mallorySaw->named(u"message");
        QCOMPARE(messages.size(), size_t(1));
        QCOMPARE(messages.front().childText(u"body"), QStringLiteral("barrier"));
        // (Alice's server answers mallory's request for her presence with 'unavailable' from
        // her bare JID; a subscription approval or anything from her client would be injected.)
        for (const Element &p : mallorySaw->named(u"presence")) {
            const Jid from = Jid::fromString(p.attribute(u"from"));
            if (from.bareString() != victim.bareString())
                continue;
            QVERIFY2(p.attribute(u"type") != u"subscribed", p.toXml().constData());
            QVERIFY2(from.isBare() && p.attribute(u"type") == u"unavailable",
                     p.toXml().constData());
        }

        // Alice's roster is untouched and her stream is up: she still answers a ping.
        const auto roster = ask(alice, Jid::fromString(victim.bareString()),
                                Element(QStringLiteral("query"), ns::Roster));
        QVERIFY(std::holds_alternative<Element>(roster));
        const Element items = std::get<Element>(roster).firstChild(u"query", ns::Roster);
        QVERIFY(items.children().empty());
        QVERIFY(aliceDisconnected.isEmpty());
        QCOMPARE(alice.state(), Client::State::Connected);
        const auto after = ask(mallory, victim,
                               Element(QStringLiteral("query"), QStringLiteral("urn:parla:after")));
        QVERIFY(std::holds_alternative<Error>(after));
        QCOMPARE(std::get<Error>(after).kind, Error::Kind::Stanza); // answered, not timed out

        // What reached alice was the attack as written (entities in a namespace value).
        const auto iqs = aliceSaw->named(u"iq");
        QVERIFY(std::any_of(iqs.begin(), iqs.end(), [&](const Element &iq) {
            return iq.children().size() == 1 &&
                   iq.children().front().xmlns() == hostileNamespaces.front();
        }));
        // Her OMEMO device list was not replaced: the publish never left her client, so the
        // node does not even exist.
        Element deviceList(QStringLiteral("items"),
                           QStringLiteral("http://jabber.org/protocol/pubsub"));
        deviceList.setAttribute(QStringLiteral("node"),
                                QStringLiteral("eu.siacs.conversations.axolotl.devicelist"));
        Element pubsub(QStringLiteral("pubsub"),
                       QStringLiteral("http://jabber.org/protocol/pubsub"));
        pubsub.appendChild(deviceList);
        const auto devices = ask(alice, Jid::fromString(victim.bareString()), pubsub);
        QVERIFY(std::holds_alternative<Error>(devices));
        QCOMPARE(std::get<Error>(devices).stanza.condition, QStringLiteral("item-not-found"));
    }
};

QTEST_GUILESS_MAIN(TestInjection)
#include "tst_injection.moc"
