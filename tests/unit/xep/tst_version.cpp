// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0092_version/versionmanager.h"
#include "xmlhelper.h"

#include <QCoreApplication>
#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
const QByteArray kRequest = R"(
    <iq
        type='get'
        from='romeo@montague.net/orchard'
        to='juliet@capulet.com/balcony'
        id='version_1'>
      <query xmlns='jabber:iq:version'/>
    </iq>)";
} // namespace

class TestVersion : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void answersLikeTheXepExample()
    {
        // XEP-0092 §2 "Receiving a Reply Regarding Software Version" (our reply has no 'from').
        const Element expected = test::without(test::fromXml(R"(
            <iq
                type='result'
                to='romeo@montague.net/orchard'
                from='juliet@capulet.com/balcony'
                id='version_1'>
              <query xmlns='jabber:iq:version'>
                <name>Exodus</name>
                <version>0.7.0.4</version>
                <os>Windows-XP 5.01.2600</os>
              </query>
            </iq>)"),
                                               u"from"_qs);
        const SoftwareVersion v{u"Exodus"_qs, u"0.7.0.4"_qs, u"Windows-XP 5.01.2600"_qs};
        QCOMPARE(VersionManager::makeResponse(test::fromXml(kRequest), v), expected);
        QCOMPARE(SoftwareVersion::fromElement(expected.firstChild(u"query", ns::Version)), v);
    }

    void revealsOperatingSystemOnlyWhenAllowed()
    {
        QCoreApplication::setApplicationVersion(u"1.2.3"_qs);
        VersionManager manager;
        QCOMPARE(manager.ownVersion().name, u"Parla"_qs);
        QCOMPARE(manager.ownVersion().version, u"1.2.3"_qs);
        QVERIFY(manager.ownVersion().os.isEmpty());
        const Element reply =
            VersionManager::makeResponse(test::fromXml(kRequest), manager.ownVersion());
        QVERIFY(!reply.firstChild(u"query", ns::Version).hasChild(u"os"));

        manager.setRevealOperatingSystem(true);
        QVERIFY(!manager.ownVersion().os.isEmpty());
        manager.setVersion(u"2.0"_qs);
        QCOMPARE(manager.ownVersion().version, u"2.0"_qs);
    }

    void parsingIsTotal()
    {
        QVERIFY(!SoftwareVersion::fromElement(Element()));
        QVERIFY(!SoftwareVersion::fromElement(test::fromXml("<query xmlns='jabber:iq:version'/>")));
        QVERIFY(!SoftwareVersion::fromElement(
            test::fromXml("<query xmlns='jabber:iq:roster'><name>x</name></query>")));
        const auto noOs = SoftwareVersion::fromElement(test::fromXml(
            "<query xmlns='jabber:iq:version'><name>Gajim</name><version>1.8</version></query>"));
        QVERIFY(noOs);
        QVERIFY(noOs->os.isEmpty());
    }

    void handlesOnlyVersionGets()
    {
        VersionManager manager;
        QVERIFY(!manager.handleStanza(
            test::fromXml("<iq type='set' id='a'><query xmlns='jabber:iq:version'/></iq>")));
        QVERIFY(!manager.handleStanza(
            test::fromXml("<iq type='get' id='a'><query xmlns='jabber:iq:last'/></iq>")));
        QCOMPARE(manager.discoFeatures(), QStringList{ns::Version});
    }
};

QTEST_GUILESS_MAIN(TestVersion)
#include "tst_version.moc"
