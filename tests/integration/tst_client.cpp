// SPDX-License-Identifier: GPL-3.0-or-later
// The XMPP core against a real Prosody: login over STARTTLS and direct TLS, wrong password,
// certificate trust and pinning, IQ sender checks, roster push spoofing, stream management.
#include "tests/support/localprosody.h"
#include "tests/support/tcprelay.h"

#include "xmpp/client.h"
#include "xmpp/im/message.h"
#include "xmpp/im/presence.h"
#include "xmpp/im/roster.h"
#include "xmpp/namespaces.h"

#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(parla::xmpp::RosterItem)
Q_DECLARE_METATYPE(parla::xmpp::ChatMessage)

using namespace parla;
using namespace parla::xmpp;

namespace {
const QString kPassword = QStringLiteral("correct horse battery staple");

/// Swallows IQ gets of a test namespace without answering, so the test decides the answer.
class SilentIqSink : public Extension
{
    Q_OBJECT
public:
    bool handleStanza(const Element &stanza) override
    {
        if (stanza.name() == u"iq" && stanza.hasChild(u"query", u"urn:parla:test")) {
            lastRequest = stanza;
            return true;
        }
        return false;
    }
    Element lastRequest;
};
} // namespace

class TestClient : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;

    ConnectionSettings settingsFor(const QString &user, bool trustCa = true)
    {
        ConnectionSettings s;
        s.jid = Jid::fromString(user + u'@' + m_server.host());
        s.password = kPassword;
        s.resource = QStringLiteral("test");
        s.host = testing::LocalProsody::address();
        s.port = m_server.c2sPort();
        if (trustCa)
            s.extraCaCertificates = {m_server.caCertificatePem()};
        s.connectTimeout = std::chrono::seconds(10);
        return s;
    }

    /// Alice through a relay that can cut her link (resumable, with `resource`), bob direct;
    /// both connected, each with a MessageManager.
    struct ResumablePair
    {
        testing::TcpRelay relay;
        Client alice;
        Client bob;
        MessageManager *aliceMessages = new MessageManager;
        MessageManager *bobMessages = new MessageManager;
        explicit ResumablePair(quint16 serverPort)
            : relay(testing::LocalProsody::address(), serverPort)
        {
            alice.addExtension(aliceMessages);
            bob.addExtension(bobMessages);
        }
    };
    bool connectPair(ResumablePair &p, const QString &resource)
    {
        if (!p.relay.listen())
            return false;
        auto s = settingsFor(QStringLiteral("alice"));
        s.port = p.relay.port();
        s.resource = resource;
        p.alice.setSettings(s);
        p.bob.setSettings(settingsFor(QStringLiteral("bob")));
        return waitConnected(p.alice) && waitConnected(p.bob) && p.alice.canResume();
    }

    static bool waitConnected(Client &c)
    {
        QSignalSpy connected(&c, &Client::connected);
        QSignalSpy disconnected(&c, &Client::disconnected);
        c.connectToServer();
        return QTest::qWaitFor([&] { return !connected.isEmpty() || !disconnected.isEmpty(); },
                               15000) &&
               !connected.isEmpty();
    }

    static ConnectionError waitFailure(Client &c)
    {
        QSignalSpy disconnected(&c, &Client::disconnected);
        c.connectToServer();
        if (!QTest::qWaitFor([&] { return !disconnected.isEmpty(); }, 15000))
            return {};
        return disconnected.first().first().value<ConnectionError>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<RosterItem>();
        qRegisterMetaType<ChatMessage>();
        qRegisterMetaType<ConnectionError>();
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob", "mallory"})
            QVERIFY2(m_server.registerUser(QString::fromLatin1(user), kPassword),
                     qPrintable(m_server.errorString()));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    }

    void loginOverStartTls()
    {
        Client c;
        c.setSettings(settingsFor(QStringLiteral("alice")));
        QSignalSpy sent(&c, &Client::xmlSent);
        QVERIFY(waitConnected(c));
        QVERIFY(c.boundJid().isFull());
        QCOMPARE(c.boundJid().bareString(), QStringLiteral("alice@") + m_server.host());
        QVERIFY(c.streamManagementEnabled());
        // SCRAM was used, and the password never went over the wire.
        QByteArray all;
        for (const auto &args : sent)
            all += args.first().toByteArray();
        QVERIFY(all.contains("mechanism='SCRAM-SHA-") || all.contains("mechanism=\"SCRAM-SHA-"));
        QVERIFY(!all.contains(kPassword.toUtf8()));
        QVERIFY(!all.contains(kPassword.toUtf8().toBase64()));
        c.disconnectFromServer();
    }

    void loginOverDirectTls()
    {
        Client c;
        auto s = settingsFor(QStringLiteral("alice"));
        s.port = m_server.directTlsPort();
        s.directTls = true;
        c.setSettings(s);
        QVERIFY(waitConnected(c));
        QVERIFY(c.boundJid().isFull());
    }

    void wrongPasswordIsAuthenticationFailed()
    {
        Client c;
        auto s = settingsFor(QStringLiteral("alice"));
        s.password = QStringLiteral("wrong");
        c.setSettings(s);
        const ConnectionError e = waitFailure(c);
        QCOMPARE(e.kind, ConnectionError::Kind::AuthenticationFailed);
        QVERIFY(!e.text.isEmpty());
        QVERIFY(!e.isTransient());
    }

    void unreachableServerIsConnectionFailed()
    {
        Client c;
        auto s = settingsFor(QStringLiteral("alice"));
        testing::TcpRelay relay(testing::LocalProsody::address(), m_server.c2sPort());
        QVERIFY(relay.listen());
        s.port = relay.port();
        QVERIFY(relay.setRefuseNewConnections(true));
        c.setSettings(s);
        const ConnectionError e = waitFailure(c);
        QVERIFY2(e.kind == ConnectionError::Kind::ConnectionFailed ||
                     e.kind == ConnectionError::Kind::ConnectionLost,
                 qPrintable(e.text));
        QVERIFY(e.isTransient());
    }

    void untrustedCertificateThenPinned()
    {
        Client c;
        auto s = settingsFor(QStringLiteral("alice"), false);
        c.setSettings(s);
        const ConnectionError e = waitFailure(c);
        QCOMPARE(e.kind, ConnectionError::Kind::CertificateUntrusted);
        QCOMPARE(e.certificate.fingerprintSha256, m_server.certificateSha256Fingerprint());
        QVERIFY(!e.certificate.problems.isEmpty());

        // The user pins exactly this certificate for this account.
        s.pinnedCertificates = {e.certificate.fingerprintSha256};
        Client pinned;
        pinned.setSettings(s);
        QVERIFY(waitConnected(pinned));
    }

    void changedPinnedCertificateIsRefused()
    {
        Client c;
        auto s = settingsFor(QStringLiteral("alice"), false);
        s.pinnedCertificates = {QStringLiteral("00:11:22:33")};
        c.setSettings(s);
        const ConnectionError e = waitFailure(c);
        QCOMPARE(e.kind, ConnectionError::Kind::CertificateChanged);
        QCOMPARE(e.certificate.fingerprintSha256, m_server.certificateSha256Fingerprint());
    }

    void certificateIsCheckedAgainstTheAccountDomain()
    {
        // A server for our domain that presents a certificate for another name, issued by a CA
        // we trust (its own, self-signed): TLS must fail on the name alone, before any login,
        // and say so with the certificate's fingerprint. (An account on a domain the server
        // does not serve would be refused by the server first, host-unknown, and test nothing.)
        testing::LocalProsody other;
        testing::LocalProsodyOptions options;
        options.certificateHost = QStringLiteral("other.example");
        QVERIFY2(other.prepare(options) && other.registerUser(QStringLiteral("alice"), kPassword) &&
                     other.start(),
                 qPrintable(other.errorString()));
        QVERIFY(other.certificate()
                    .subjectAlternativeNames()
                    .values(QSsl::DnsEntry)
                    .contains(QStringLiteral("other.example")));
        Client c;
        auto s = settingsFor(QStringLiteral("alice"));
        s.port = other.c2sPort();
        s.extraCaCertificates = {other.caCertificatePem()};
        c.setSettings(s);
        QSignalSpy xmlSent(&c, &Client::xmlSent);
        const ConnectionError e = waitFailure(c);
        QCOMPARE(e.kind, ConnectionError::Kind::CertificateUntrusted);
        QCOMPARE(e.certificate.fingerprintSha256, other.certificateSha256Fingerprint());
        QVERIFY2(e.certificate.problems.join(u' ').contains(u"name", Qt::CaseInsensitive) ||
                     e.certificate.problems.join(u' ').contains(u"host", Qt::CaseInsensitive),
                 qPrintable(e.certificate.problems.join(u"; ")));
        // Nothing of the login left the client: the stream header and STARTTLS only.
        for (const auto &args : xmlSent)
            QVERIFY(!args.at(0).toByteArray().contains("auth"));
        // The same server with a certificate for our name is accepted (the control).
        Client good;
        good.setSettings(settingsFor(QStringLiteral("alice")));
        QVERIFY(waitConnected(good));
    }

    void newSettingsWhileTheStreamClosesKeepItsParser()
    {
        // The account was enabled again while its stream was still closing (RFC 6120 §4.4: we
        // wait for the server's </stream:stream>). New settings must not replace the parser of
        // the closing stream: a fresh one took the server's last <a/> for a new stream's first
        // element and ended with invalid-namespace, which failed the account for good.
        Client c;
        c.setSettings(settingsFor(QStringLiteral("alice")));
        QVERIFY(waitConnected(c));
        QVERIFY(c.streamManagementEnabled()); // the server answers our <r/> with an <a/>
        QSignalSpy disconnected(&c, &Client::disconnected);
        QSignalSpy sent(&c, &Client::xmlSent);
        c.disconnectFromServer();
        c.setSettings(settingsFor(QStringLiteral("alice")));
        c.connectToServer(); // still closing: nothing to do yet
        QVERIFY(QTest::qWaitFor([&] { return !disconnected.isEmpty(); }, 5000));
        QCOMPARE(disconnected.first().first().value<ConnectionError>().kind,
                 ConnectionError::Kind::None);
        for (const auto &args : sent)
            QVERIFY(!args.at(0).toByteArray().contains("stream:error"));
        // The next connection works as ever.
        QVERIFY(waitConnected(c));
    }

    void iqResponseFromWrongEntityIsIgnored()
    {
        Client alice;
        alice.setSettings(settingsFor(QStringLiteral("alice")));
        Client bob;
        auto *sink = new SilentIqSink;
        bob.addExtension(sink);
        bob.setSettings(settingsFor(QStringLiteral("bob")));
        Client mallory;
        mallory.setSettings(settingsFor(QStringLiteral("mallory")));
        QVERIFY(waitConnected(alice));
        QVERIFY(waitConnected(bob));
        QVERIFY(waitConnected(mallory));

        Element iq(QStringLiteral("iq"), ns::Client);
        iq.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
        iq.setAttribute(QStringLiteral("to"), bob.boundJid().toString());
        iq.setAttribute(QStringLiteral("id"), QStringLiteral("guessable-id"));
        iq.appendChild(Element(QStringLiteral("query"), QStringLiteral("urn:parla:test")));
        auto task = alice.sendIq(iq, std::chrono::seconds(10));
        QVERIFY(QTest::qWaitFor([&] { return !sink->lastRequest.isNull(); }, 5000));

        // Mallory answers with the right id: must be ignored.
        Element forged(QStringLiteral("iq"), ns::Client);
        forged.setAttribute(QStringLiteral("type"), QStringLiteral("result"));
        forged.setAttribute(QStringLiteral("to"), alice.boundJid().toString());
        forged.setAttribute(QStringLiteral("id"), QStringLiteral("guessable-id"));
        mallory.send(forged);
        QTest::qWait(500);
        QVERIFY(!task.isFinished());

        // The real answer from bob is accepted.
        bob.sendIqResult(sink->lastRequest);
        QVERIFY(QTest::qWaitFor([&] { return task.isFinished(); }, 5000));
        QVERIFY(isOk(*task.result()));
        QCOMPARE(std::get<Element>(*task.result()).attribute(u"from"), bob.boundJid().toString());
    }

    void rosterPushFromStrangerIsIgnored()
    {
        Client alice;
        auto *roster = new RosterManager;
        alice.addExtension(roster);
        alice.setSettings(settingsFor(QStringLiteral("alice")));
        Client mallory;
        mallory.setSettings(settingsFor(QStringLiteral("mallory")));
        QSignalSpy ready(roster, &RosterManager::rosterReady);
        QVERIFY(waitConnected(alice));
        QVERIFY(waitConnected(mallory));
        QVERIFY(ready.wait(5000) || !ready.isEmpty());
        QSignalSpy pushed(roster, &RosterManager::itemPushed);

        Element push(QStringLiteral("iq"), ns::Client);
        push.setAttribute(QStringLiteral("type"), QStringLiteral("set"));
        push.setAttribute(QStringLiteral("to"), alice.boundJid().toString());
        Element query(QStringLiteral("query"), ns::Roster);
        Element item(QStringLiteral("item"), ns::Roster);
        item.setAttribute(QStringLiteral("jid"), QStringLiteral("evil@example.org"));
        item.setAttribute(QStringLiteral("subscription"), QStringLiteral("both"));
        query.appendChild(item);
        push.appendChild(query);
        mallory.send(push);

        // A genuine change (from the server) still arrives.
        RosterItem real;
        real.jid = Jid::fromString(QStringLiteral("friend@") + m_server.host());
        real.name = QStringLiteral("Friend");
        roster->setItem(real);
        QVERIFY(QTest::qWaitFor([&] { return !pushed.isEmpty(); }, 5000));
        QTest::qWait(300);
        for (const auto &args : pushed) {
            const auto pushedItem = args.at(1).value<RosterItem>();
            QVERIFY(pushedItem.jid.bareString() != u"evil@example.org");
        }
        QCOMPARE(pushed.first().at(1).value<RosterItem>().jid, real.jid);
        roster->removeItem(real.jid);
    }

    void streamManagementResumesAfterCut()
    {
        ResumablePair pair(m_server.c2sPort());
        QVERIFY(connectPair(pair, QStringLiteral("resumable")));
        auto &relay = pair.relay;
        Client &alice = pair.alice;
        MessageManager *aliceMessages = pair.aliceMessages;
        MessageManager *bobMessages = pair.bobMessages;

        QSignalSpy received(aliceMessages, &MessageManager::messageReceived);
        QSignalSpy disconnected(&alice, &Client::disconnected);
        relay.cutAll();
        QVERIFY(QTest::qWaitFor([&] { return !disconnected.isEmpty(); }, 5000));
        QVERIFY(alice.canResume());

        // While alice is away, bob writes; the server keeps them for the resumed session.
        for (int i = 0; i < 3; ++i) {
            ChatMessage m;
            m.to = alice.boundJid();
            m.id = QStringLiteral("while-away-%1").arg(i);
            m.body = QStringLiteral("message %1").arg(i);
            QVERIFY(bobMessages->send(m));
        }
        QTest::qWait(300);

        QSignalSpy connected(&alice, &Client::connected);
        alice.connectToServer();
        QVERIFY(QTest::qWaitFor([&] { return !connected.isEmpty(); }, 10000));
        QCOMPARE(connected.first().first().toBool(), true); // resumed
        QVERIFY(QTest::qWaitFor([&] { return received.size() >= 3; }, 5000));
        QTest::qWait(300);
        QCOMPARE(received.size(), 3); // each exactly once
        for (int i = 0; i < 3; ++i)
            QCOMPARE(received.at(i).first().value<ChatMessage>().id,
                     QStringLiteral("while-away-%1").arg(i));
    }

    // XEP-0198 h counts a message only once its owner released it (stored it): what is still
    // held when the link drops is sent again by the server on resumption, what was released
    // is not. (Issue 12: acknowledged before stored, the server dropped its copy.)
    void heldStanzasAreNotAcknowledged()
    {
        ResumablePair pair(m_server.c2sPort());
        QVERIFY(connectPair(pair, QStringLiteral("held")));
        auto &relay = pair.relay;
        Client &alice = pair.alice;
        MessageManager *aliceMessages = pair.aliceMessages;
        MessageManager *bobMessages = pair.bobMessages;

        std::vector<InboundHold> holds;
        QStringList bodies;
        connect(aliceMessages, &MessageManager::messageReceived, this, [&](const ChatMessage &m) {
            bodies << m.body;
            if (m.body.startsWith(u"held"))
                holds.push_back(alice.holdInbound()); // still being stored
        });
        for (const char *body : {"handled 0", "held 1", "held 2", "handled 3"}) {
            ChatMessage m;
            m.to = alice.boundJid();
            m.id = QString::fromLatin1(body).replace(u' ', u'-');
            m.body = QString::fromLatin1(body);
            QVERIFY(bobMessages->send(m));
        }
        QVERIFY(QTest::qWaitFor([&] { return bodies.size() == 4; }, 5000));
        QCOMPARE(holds.size(), size_t(2));
        QVERIFY(holds[0].isHeld() && holds[1].isHeld());
        holds[0].release(); // "held 1" is stored; "held 2" is not
        QTest::qWait(300);

        QSignalSpy disconnected(&alice, &Client::disconnected);
        relay.cutAll();
        QVERIFY(QTest::qWaitFor([&] { return !disconnected.isEmpty(); }, 5000));
        QSignalSpy connected(&alice, &Client::connected);
        alice.connectToServer();
        QVERIFY(QTest::qWaitFor([&] { return !connected.isEmpty(); }, 10000));
        QCOMPARE(connected.first().first().toBool(), true); // resumed
        // The server sends again from the first stanza not handled: "held 2" and what
        // followed it, never "held 1".
        QVERIFY(QTest::qWaitFor([&] { return bodies.size() >= 6; }, 5000));
        QTest::qWait(300);
        QCOMPARE(bodies, (QStringList{u"handled 0"_qs, u"held 1"_qs, u"held 2"_qs, u"handled 3"_qs,
                                      u"held 2"_qs, u"handled 3"_qs}));

        // Released now: nothing comes again after the next cut.
        for (InboundHold &h : holds)
            h.release();
        QTest::qWait(300);
        relay.cutAll();
        QVERIFY(QTest::qWaitFor([&] { return disconnected.size() >= 2; }, 5000));
        alice.connectToServer();
        QVERIFY(QTest::qWaitFor([&] { return connected.size() >= 2; }, 10000));
        QCOMPARE(connected.last().first().toBool(), true);
        QTest::qWait(500);
        QCOMPARE(bodies.size(), 6);
    }

    void burstRightBeforeTheServerHangsUpIsHandled()
    {
        // The client reads a burst in slices and continues from the event loop; when the
        // server sends hundreds of stanzas and closes the socket right behind them, every one
        // must still be handled before disconnected(), none dropped with the unread slices.
        testing::TcpRelay relay(testing::LocalProsody::address(), m_server.c2sPort());
        QVERIFY(relay.listen());
        Client alice;
        auto *aliceMessages = new MessageManager;
        alice.addExtension(aliceMessages);
        auto s = settingsFor(QStringLiteral("alice"));
        s.port = relay.port();
        s.resource = QStringLiteral("burst");
        alice.setSettings(s);
        Client bob;
        auto *bobMessages = new MessageManager;
        bob.addExtension(bobMessages);
        bob.setSettings(settingsFor(QStringLiteral("bob")));
        QVERIFY(waitConnected(alice));
        QVERIFY(waitConnected(bob));

        relay.setBlackhole(true);
        constexpr int kBurst = 600;
        for (int i = 0; i < kBurst; ++i) {
            ChatMessage m;
            m.to = alice.boundJid();
            m.id = QStringLiteral("burst-%1").arg(i);
            m.body = QStringLiteral("line %1 of a burst long enough to need many slices").arg(i);
            QVERIFY(bobMessages->send(m));
        }
        // A round trip after the burst: the server has routed all of it to alice's stream.
        Element ping(QStringLiteral("iq"));
        ping.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
        ping.setAttribute(QStringLiteral("to"), m_server.host());
        ping.appendChild(Element(QStringLiteral("ping"), QStringLiteral("urn:xmpp:ping")));
        auto pong = bob.sendIq(ping);
        QVERIFY(QTest::qWaitFor([&] { return pong.isFinished(); }, 15000));
        // Everything routed to alice waits in the relay (over 100 KB: many slices), once
        // nothing more has arrived for 300 ms.
        QVERIFY(QTest::qWaitFor([&] { return relay.heldForClients() > 100 * 1024; }, 15000));
        for (qint64 before = -1; before != relay.heldForClients();) {
            before = relay.heldForClients();
            QTest::qWait(300);
        }

        QSignalSpy received(aliceMessages, &MessageManager::messageReceived);
        int receivedAtDisconnect = -1;
        connect(&alice, &Client::disconnected, this,
                [&] { receivedAtDisconnect = int(received.size()); });
        relay.releaseAndClose();
        QVERIFY(QTest::qWaitFor([&] { return receivedAtDisconnect >= 0; }, 15000));
        QCOMPARE(receivedAtDisconnect, kBurst);
        for (int i = 0; i < kBurst; ++i)
            QCOMPARE(received.at(i).first().value<ChatMessage>().id,
                     QStringLiteral("burst-%1").arg(i)); // all, in order, once
    }

    void serverRestartLosesSessionAndReportsUnacked()
    {
        Client alice;
        alice.setSettings(settingsFor(QStringLiteral("alice")));
        QVERIFY(waitConnected(alice));
        QSignalSpy disconnected(&alice, &Client::disconnected);
        QVERIFY(m_server.restart());
        QVERIFY(QTest::qWaitFor([&] { return !disconnected.isEmpty(); }, 10000));
        const auto e = disconnected.first().first().value<ConnectionError>();
        QVERIFY2(e.isTransient(), qPrintable(e.text));
        // A new session: resumption is refused by the restarted server, a fresh bind follows.
        QSignalSpy connected(&alice, &Client::connected);
        alice.connectToServer();
        QVERIFY(QTest::qWaitFor([&] { return !connected.isEmpty(); }, 10000));
        QCOMPARE(connected.first().first().toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestClient)
#include "tst_client.moc"
