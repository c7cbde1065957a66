// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0410 §3: how the answer to a self-ping is read, from the errors the XEP lists and the ones
// Prosody sends (recorded from prosody 0.12's muc.lib.lua / mod_muc.lua).
#include "core/xmpp/client.h"
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0410_selfping/selfping.h"
#include "tests/unit/xep/xmlhelper.h"

#include <QTest>

using namespace parla;
using namespace parla::xmpp;

Q_DECLARE_METATYPE(parla::xmpp::Result<parla::xmpp::Element>)

namespace {
const Jid kOccupant = Jid::fromString(u"characters@chat.shakespeare.lit/JuliC");

Result<Element> errorAnswer(const QByteArray &errorXml)
{
    const Element iq = test::fromXml("<iq from='characters@chat.shakespeare.lit/JuliC' "
                                     "id='s2c1' type='error' to='juliet@capulet.lit/client'>" +
                                     errorXml + "</iq>");
    const auto error = StanzaError::fromStanza(iq);
    if (!error)
        return Error{Error::Kind::Invalid, {}, QStringLiteral("unparsable")};
    return Error::fromStanza(*error);
}
} // namespace

class TestSelfPing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pingRequest()
    {
        // XEP-0410 Example 1, without the id the client assigns.
        QCOMPARE(test::without(SelfPinger::makePing(kOccupant), QStringLiteral("id")),
                 test::fromXml("<iq type='get' to='characters@chat.shakespeare.lit/JuliC'>"
                               "<ping xmlns='urn:xmpp:ping'/></iq>"));
    }

    void classification_data()
    {
        QTest::addColumn<Result<Element>>("answer");
        QTest::addColumn<SelfPingOutcome>("expected");
        const auto stanza = [](const char *type, const char *condition, const char *by = nullptr) {
            QByteArray xml = QByteArray("<error type='") + type + "'";
            if (by)
                xml += QByteArray(" by='") + by + "'";
            xml += QByteArray("><") + condition +
                   " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>";
            return errorAnswer(xml);
        };
        QTest::newRow("result") << Result<Element>(test::fromXml("<iq type='result'/>"))
                                << SelfPingOutcome::Joined;
        QTest::newRow("service-unavailable")
            << stanza("cancel", "service-unavailable") << SelfPingOutcome::Joined;
        QTest::newRow("feature-not-implemented")
            << stanza("cancel", "feature-not-implemented") << SelfPingOutcome::Joined;
        QTest::newRow("item-not-found (nick change)")
            << stanza("cancel", "item-not-found") << SelfPingOutcome::Joined;
        QTest::newRow("item-not-found by the room")
            << stanza("cancel", "item-not-found", "characters@chat.shakespeare.lit")
            << SelfPingOutcome::Joined;
        // Prosody's mod_muc for a room that does not exist (e.g. after a restart).
        QTest::newRow("item-not-found by the service")
            << stanza("cancel", "item-not-found", "chat.shakespeare.lit")
            << SelfPingOutcome::NotJoined;
        QTest::newRow("remote-server-not-found")
            << stanza("cancel", "remote-server-not-found") << SelfPingOutcome::Inconclusive;
        QTest::newRow("remote-server-timeout")
            << stanza("wait", "remote-server-timeout") << SelfPingOutcome::Inconclusive;
        // Example 2 (and Prosody: "You are not currently connected to this chat").
        QTest::newRow("not-acceptable")
            << stanza("cancel", "not-acceptable", "characters@chat.shakespeare.lit")
            << SelfPingOutcome::NotJoined;
        QTest::newRow("not-allowed")
            << stanza("cancel", "not-allowed") << SelfPingOutcome::NotJoined;
        QTest::newRow("bad-request")
            << stanza("modify", "bad-request") << SelfPingOutcome::NotJoined;
        QTest::newRow("undefined-condition")
            << errorAnswer("<error type='cancel'/>") << SelfPingOutcome::NotJoined;
        QTest::newRow("timeout") << Result<Element>(Error{Error::Kind::Timeout, {}, {}})
                                 << SelfPingOutcome::Inconclusive;
        QTest::newRow("stream lost") << Result<Element>(Error{Error::Kind::Disconnected, {}, {}})
                                     << SelfPingOutcome::Inconclusive;
        QTest::newRow("not connected") << Result<Element>(Error::local(QStringLiteral("offline")))
                                       << SelfPingOutcome::Inconclusive;
    }

    void classification()
    {
        QFETCH(Result<Element>, answer);
        QFETCH(SelfPingOutcome, expected);
        QCOMPARE(classifySelfPing(answer, kOccupant), expected);
    }

    void notConnectedIsInconclusive()
    {
        // XEP-0410 §4: no self-ping while the session is not live; the caller retries later.
        Client client;
        SelfPinger pinger(&client);
        auto task = pinger.ping(kOccupant);
        QVERIFY(task.isFinished());
        QCOMPARE(task.result(), std::optional(SelfPingOutcome::Inconclusive));
    }
};

QTEST_GUILESS_MAIN(TestSelfPing)
#include "tst_selfping.moc"
