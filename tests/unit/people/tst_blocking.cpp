// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0191 blocking pushes (only from our own account) and XEP-0377 reports inside a block.
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0191_blocking/blockingmanager.h"
#include "tests/unit/xep/xmlhelper.h"

#include <QSignalSpy>
#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
const Jid kOwn = Jid::fromString(u"juliet@capulet.com");

Element push(const QByteArray &fromAttribute, const QByteArray &payload)
{
    return test::fromXml("<iq " + fromAttribute +
                         " to='juliet@capulet.com/chamber' type='set' id='push1'>" + payload +
                         "</iq>");
}

const QByteArray kBlockRomeo =
    "<block xmlns='urn:xmpp:blocking'><item jid='romeo@montague.net'/></block>";
} // namespace

class TestBlocking : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pushFromOwnAccountApplied()
    {
        // XEP-0191 Example 8 (push without 'from'), then one from our bare JID.
        BlockingManager manager;
        QSignalSpy spy(&manager, &BlockingManager::blocklistChanged);
        QVERIFY(manager.processPush(push("", kBlockRomeo), kOwn));
        QVERIFY(manager.isBlocked(u"romeo@montague.net"_qs));
        QVERIFY(manager.processPush(
            push("from='juliet@capulet.com'",
                 "<block xmlns='urn:xmpp:blocking'><item jid='iago@shakespeare.lit'/></block>"),
            kOwn));
        QCOMPARE(manager.blocklist().size(), 2);
        QVERIFY(manager.processPush(
            push("",
                 "<unblock xmlns='urn:xmpp:blocking'><item jid='romeo@montague.net'/></unblock>"),
            kOwn));
        QCOMPARE(manager.blocklist(), QSet<QString>{u"iago@shakespeare.lit"_qs});
        // §3.5: an empty unblock unblocks everyone.
        QVERIFY(manager.processPush(push("", "<unblock xmlns='urn:xmpp:blocking'/>"), kOwn));
        QVERIFY(manager.blocklist().isEmpty());
        QCOMPARE(spy.size(), 4);
    }

    void pushFromStrangerIgnored_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addRow("stranger") << QByteArray("from='mallory@evil.example'");
        QTest::addRow("our full JID's look-alike") << QByteArray("from='juliet@capulet.com.evil'");
        QTest::addRow("another resource of ours") << QByteArray("from='juliet@capulet.com/other'");
        QTest::addRow("our server") << QByteArray("from='capulet.com'");
    }

    void pushFromStrangerIgnored()
    {
        QFETCH(QByteArray, from);
        BlockingManager manager;
        QVERIFY(manager.processPush(push("", kBlockRomeo), kOwn));
        QSignalSpy spy(&manager, &BlockingManager::blocklistChanged);
        QVERIFY(!manager.processPush(push(from, "<unblock xmlns='urn:xmpp:blocking'/>"), kOwn));
        QVERIFY(!manager.processPush(
            push(from, "<block xmlns='urn:xmpp:blocking'><item jid='nurse@capulet.com'/></block>"),
            kOwn));
        QCOMPARE(manager.blocklist(), QSet<QString>{u"romeo@montague.net"_qs});
        QCOMPARE(spy.size(), 0);
        // Without a client handleStanza does not answer either (nothing to crash on).
        QVERIFY(!manager.handleStanza(push(from, kBlockRomeo)));
    }

    void blockWithReportLikeTheXep()
    {
        // XEP-0377 §5 example: the report travels inside the block item.
        const Element expected = test::fromXml(R"(
            <block xmlns='urn:xmpp:blocking'>
              <item jid='romeo@example.net'>
                <report xmlns='urn:xmpp:reporting:1' reason='urn:xmpp:reporting:spam'>
                  <text>Never came trouble to my house like this.</text>
                </report>
              </item>
            </block>)");
        const SpamReport report{SpamReport::Reason::Spam,
                                u"Never came trouble to my house like this."_qs};
        QCOMPARE(BlockingManager::blockElement({u"romeo@example.net"_qs}, report), expected);
        QCOMPARE(SpamReport::fromElement(report.toElement()), report);
        QVERIFY(!SpamReport::fromElement(
            test::fromXml("<report xmlns='urn:xmpp:reporting:1' reason='because'/>")));
        // A plain block has no report.
        QVERIFY(!BlockingManager::blockElement({u"romeo@example.net"_qs}, std::nullopt)
                     .firstChild(u"item", ns::Blocking)
                     .hasChild(u"report", ns::Reporting));
    }

    void malformedItemsSkipped()
    {
        BlockingManager manager;
        QVERIFY(manager.processPush(
            push("", "<block xmlns='urn:xmpp:blocking'><item jid='a@b@c'/><item/>"
                     "<item jid='Spam.Example'/></block>"),
            kOwn));
        QCOMPARE(manager.blocklist(), QSet<QString>{u"spam.example"_qs});
    }
};

QTEST_GUILESS_MAIN(TestBlocking)
#include "tst_blocking.moc"
