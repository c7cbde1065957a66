// SPDX-License-Identifier: GPL-3.0-or-later
// xmpp: URIs (RFC 5122) and their queries (XEP-0147).
#include "services/xmppuri.h"

#include <QTest>

using parla::services::XmppUri;
using A = XmppUri::Action;

class TestXmppUri : public QObject
{
    Q_OBJECT

    static XmppUri ok(const QString &text)
    {
        auto r = XmppUri::parse(text);
        if (!parla::xmpp::isOk(r))
            qWarning() << text << std::get<parla::xmpp::Error>(r).text;
        [&] { QVERIFY(parla::xmpp::isOk(r)); }();
        return parla::xmpp::isOk(r) ? std::get<XmppUri>(r) : XmppUri{};
    }

private Q_SLOTS:
    void rfc5122Examples_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("jid");
        QTest::addColumn<int>("action");
        // RFC 5122 §2.2 / §2.7 / §2.8 examples.
        QTest::newRow("plain") << "xmpp:node@example.com"
                               << "node@example.com" << int(A::None);
        QTest::newRow("authority ignored") << "xmpp://guest@example.com/support@example.com?message"
                                           << "support@example.com" << int(A::Message);
        QTest::newRow("resource") << "xmpp:node@example.com/some%20resource"
                                  << "node@example.com/some resource" << int(A::None);
        QTest::newRow("domain only") << "xmpp:example.com"
                                     << "example.com" << int(A::None);
        QTest::newRow("nasty node")
            << "xmpp:nasty!%23$%25()*+,-.;=%3F%5B%5C%5D%5E_%60%7B%7C%7D~node@example.com"
            << "nasty!#$%()*+,-.;=?[\\]^_`{|}~node@example.com" << int(A::None);
        QTest::newRow("repulsive resource")
            << "xmpp:node@example.com/"
               "repulsive%20!%23%22$%25&'()*+,-.%2F:;%3C=%3E%3F%40%5B%5C%5D%5E_"
               "%60%7B%7C%7D~resource"
            << "node@example.com/repulsive !#\"$%&'()*+,-./:;<=>?@[\\]^_`{|}~resource"
            << int(A::None);
        QTest::newRow("percent-encoded UTF-8")
            << "xmpp:ji%C5%99i@%C4%8Dechy.example/v%20Praze"
            << QStringLiteral("jiři@čechy.example/v Praze") << int(A::None);
        QTest::newRow("IRI") << QStringLiteral("xmpp:jiři@čechy.example")
                             << QStringLiteral("jiři@čechy.example") << int(A::None);
        QTest::newRow("scheme case") << "XMPP:romeo@montague.net"
                                     << "romeo@montague.net" << int(A::None);
        QTest::newRow("fragment") << "xmpp:romeo@montague.net#x"
                                  << "romeo@montague.net" << int(A::None);
        QTest::newRow("roster") << "xmpp:romeo@montague.net?roster"
                                << "romeo@montague.net" << int(A::Roster);
        QTest::newRow("subscribe") << "xmpp:romeo@montague.net?subscribe"
                                   << "romeo@montague.net" << int(A::Subscribe);
        QTest::newRow("unsubscribe") << "xmpp:romeo@montague.net?unsubscribe"
                                     << "romeo@montague.net" << int(A::Unsubscribe);
        QTest::newRow("remove") << "xmpp:romeo@montague.net?remove"
                                << "romeo@montague.net" << int(A::Remove);
        QTest::newRow("join") << "xmpp:darkcave@chat.shakespeare.lit?join"
                              << "darkcave@chat.shakespeare.lit" << int(A::Join);
        QTest::newRow("unknown") << "xmpp:romeo@montague.net?pubsub;action=subscribe"
                                 << "romeo@montague.net" << int(A::Unknown);
        QTest::newRow("empty query") << "xmpp:romeo@montague.net?"
                                     << "romeo@montague.net" << int(A::None);
    }
    void rfc5122Examples()
    {
        QFETCH(QString, uri);
        QFETCH(QString, jid);
        QFETCH(int, action);
        const XmppUri u = ok(uri);
        QCOMPARE(u.jid, jid);
        QCOMPARE(int(u.action), action);
    }

    void messageQuery()
    {
        // XEP-0147 §3 / RFC 5122 §2.5 example.
        const XmppUri u = ok(QStringLiteral(
            "xmpp:romeo@montague.net?message;subject=Test%20Message;body=Here%27s%20a%20test"));
        QCOMPARE(u.action, A::Message);
        QCOMPARE(u.queryType, QStringLiteral("message"));
        QCOMPARE(u.subject(), QStringLiteral("Test Message"));
        QCOMPARE(u.body(), QStringLiteral("Here's a test"));
        // Literal '+' is a plus in RFC 3986 (not form-encoding); lines survive.
        const XmppUri v = ok(QStringLiteral("xmpp:bob@localhost?message;body=1+1%0A%3D2;;x"));
        QCOMPARE(v.body(), QStringLiteral("1+1\n=2"));
        QCOMPARE(v.parameters.size(), 2);
        QCOMPARE(v.value(QStringLiteral("x")), QString());
    }

    void rosterQuery()
    {
        const XmppUri u = ok(
            QStringLiteral("xmpp:romeo@montague.net?roster;name=Romeo%20Montague;group=Friends"));
        QCOMPARE(u.action, A::Roster);
        QCOMPARE(u.name(), QStringLiteral("Romeo Montague"));
        QCOMPARE(u.group(), QStringLiteral("Friends"));
        QCOMPARE(u.bareJid(), QStringLiteral("romeo@montague.net"));
    }

    void encodedSeparatorsStayInTheirPart()
    {
        // An encoded '?' or ';' in the body does not start a query or a new pair.
        const XmppUri u = ok(QStringLiteral("xmpp:a@b.example?message;body=why%3F%3Bnot%3D"));
        QCOMPARE(u.body(), QStringLiteral("why?;not="));
        const XmppUri r = ok(QStringLiteral("xmpp:a@b.example/res%40x%2Fy"));
        QCOMPARE(r.jid, QStringLiteral("a@b.example/res@x/y"));
    }

    void roundTrip()
    {
        XmppUri u = ok(
            QStringLiteral("xmpp:ji%C5%99i@%C4%8Dechy.example/v%20Praze?message;body=a%20b%3Bc"));
        const XmppUri again = ok(u.toString());
        QCOMPARE(again.jid, u.jid);
        QCOMPARE(again.body(), QStringLiteral("a b;c"));
        // Parameters without a query type were dropped by toString() (issue 10).
        const XmppUri bare = ok(QStringLiteral("xmpp:a@b.example?;k=v%3B;x"));
        QCOMPARE(bare.parameters.size(), 2);
        const XmppUri bareAgain = ok(bare.toString());
        QCOMPARE(bareAgain.parameters, bare.parameters);
        QCOMPARE(bareAgain.queryType, bare.queryType);
        QCOMPARE(bareAgain.toString(), bare.toString());
    }

    void hostile_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::newRow("empty") << QString();
        QTest::newRow("other scheme") << "mailto:romeo@montague.net";
        QTest::newRow("no address") << "xmpp:";
        QTest::newRow("only query") << "xmpp:?message;body=hi";
        QTest::newRow("authority without path") << "xmpp://guest@example.com";
        QTest::newRow("truncated escape") << "xmpp:romeo@montague.net/a%4";
        QTest::newRow("bad hex") << "xmpp:romeo@mont%ZZague.net";
        QTest::newRow("invalid UTF-8") << "xmpp:%FF%FE@montague.net";
        QTest::newRow("overlong UTF-8") << "xmpp:%C0%AF@montague.net";
        QTest::newRow("NUL in node") << "xmpp:ro%00meo@montague.net";
        QTest::newRow("NUL in body") << "xmpp:romeo@montague.net?message;body=a%00b";
        QTest::newRow("bad escape in body") << "xmpp:romeo@montague.net?message;body=%";
        QTest::newRow("encoded @ in node") << "xmpp:a%40b@montague.net";
        QTest::newRow("two @") << "xmpp:a@b@montague.net";
        QTest::newRow("empty node") << "xmpp:@montague.net";
        QTest::newRow("empty resource") << "xmpp:romeo@montague.net/";
        QTest::newRow("space in domain") << "xmpp:romeo@mon tague.net";
        QTest::newRow("forbidden localpart char") << "xmpp:ro%3Cmeo@montague.net";
        QTest::newRow("too long") << "xmpp:a@b.example?message;body=" + QString(20000, u'x');
        QTest::newRow("huge node") << "xmpp:" + QString(2000, u'n') + "@montague.net";
    }
    void hostile()
    {
        QFETCH(QString, uri);
        const auto r = XmppUri::parse(uri);
        QVERIFY2(!parla::xmpp::isOk(r), qPrintable(uri));
        QVERIFY(!std::get<parla::xmpp::Error>(r).text.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestXmppUri)
#include "tst_xmppuri.moc"
