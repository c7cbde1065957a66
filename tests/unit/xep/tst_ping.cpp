// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/xmpp/client.h"
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0199_ping/pingmanager.h"
#include "xmlhelper.h"

#include <QTest>

using namespace parla;
using namespace parla::xmpp;

class TestPing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pongsLikeTheXepExample()
    {
        // XEP-0199 §4.2 "Ping" / "Pong" (our reply carries no 'from'; the server adds it).
        const Element ping = test::fromXml(
            "<iq from='capulet.lit' to='juliet@capulet.lit/balcony' id='s2c1' type='get'>"
            "<ping xmlns='urn:xmpp:ping'/></iq>");
        const Element pong = test::without(
            test::fromXml("<iq from='juliet@capulet.lit/balcony' to='capulet.lit' id='s2c1' "
                          "type='result'/>"),
            u"from"_qs);
        QCOMPARE(PingManager::makeResponse(ping), pong);
    }

    void consumesOnlyPingRequests()
    {
        Client client;
        auto *manager = new PingManager;
        client.addExtension(manager);
        // From anyone (§4.3): a contact's ping is answered like the server's.
        QVERIFY(
            manager->handleStanza(test::fromXml("<iq from='romeo@montague.lit/home' id='c2s1' "
                                                "type='get'><ping xmlns='urn:xmpp:ping'/></iq>")));
        QVERIFY(!manager->handleStanza(test::fromXml(
            "<iq from='capulet.lit' id='x' type='set'><ping xmlns='urn:xmpp:ping'/></iq>")));
        QVERIFY(!manager->handleStanza(test::fromXml(
            "<iq from='capulet.lit' id='x' type='result'><ping xmlns='urn:xmpp:ping'/></iq>")));
        QVERIFY(!manager->handleStanza(
            test::fromXml("<message from='capulet.lit'><ping xmlns='urn:xmpp:ping'/></message>")));
        QCOMPARE(client.discoFeatures(), QStringList{ns::Ping});
    }

    void pingWithoutConnectionFailsCleanly()
    {
        Client client;
        auto *manager = new PingManager;
        client.addExtension(manager);
        manager->setIdleInterval(std::chrono::milliseconds(10));
        manager->checkNow(); // not connected: nothing to check, nothing to abort
        const auto task = manager->ping(Jid::fromString(u"capulet.lit"));
        QVERIFY(task.isFinished());
        QVERIFY(!isOk(*task.result()));
        QCOMPARE(std::get<Error>(*task.result()).kind, Error::Kind::Disconnected);
    }

    void settingsAreKept()
    {
        PingManager manager;
        QCOMPARE(manager.idleInterval(), std::chrono::milliseconds(60000));
        QCOMPARE(manager.timeout(), std::chrono::milliseconds(20000));
        manager.setIdleInterval(std::chrono::milliseconds(1500));
        manager.setTimeout(std::chrono::milliseconds(700));
        QCOMPARE(manager.idleInterval(), std::chrono::milliseconds(1500));
        QCOMPARE(manager.timeout(), std::chrono::milliseconds(700));
    }
};

QTEST_GUILESS_MAIN(TestPing)
#include "tst_ping.moc"
