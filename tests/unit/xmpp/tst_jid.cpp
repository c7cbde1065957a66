// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/xmpp/jid.h"

#include <QTest>

using namespace parla::xmpp;

class TestJid : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("local");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("resource");
        // RFC 7622 §3.5 examples of valid JIDs, plus case and normalisation.
        QTest::addRow("bare") << u"juliet@example.com"_qs << u"juliet"_qs << u"example.com"_qs
                              << QString();
        QTest::addRow("full") << u"juliet@example.com/foo"_qs << u"juliet"_qs << u"example.com"_qs
                              << u"foo"_qs;
        QTest::addRow("space in resource") << u"juliet@example.com/foo bar"_qs << u"juliet"_qs
                                           << u"example.com"_qs << u"foo bar"_qs;
        QTest::addRow("@ in resource") << u"juliet@example.com/foo@bar"_qs << u"juliet"_qs
                                       << u"example.com"_qs << u"foo@bar"_qs;
        QTest::addRow("/ in resource") << u"juliet@example.com/foo/bar"_qs << u"juliet"_qs
                                       << u"example.com"_qs << u"foo/bar"_qs;
        QTest::addRow("escaped local") << uR"(foo\20bar@example.com)"_qs << uR"(foo\20bar)"_qs
                                       << u"example.com"_qs << QString();
        QTest::addRow("domain only")
            << u"example.com"_qs << QString() << u"example.com"_qs << QString();
        QTest::addRow("domain/resource")
            << u"example.com/foobar"_qs << QString() << u"example.com"_qs << u"foobar"_qs;
        QTest::addRow("domain/resource with @") << u"a.example.com/b@example.net"_qs << QString()
                                                << u"a.example.com"_qs << u"b@example.net"_qs;
        QTest::addRow("greek local")
            << u"π@example.com"_qs << u"π"_qs << u"example.com"_qs << QString();
        QTest::addRow("upper sigma")
            << u"Σ@example.com/foo"_qs << u"σ"_qs << u"example.com"_qs << u"foo"_qs;
        QTest::addRow("symbol resource")
            << u"king@example.com/♚"_qs << u"king"_qs << u"example.com"_qs << u"♚"_qs;
        QTest::addRow("emoji resource")
            << u"a@example.com/phone 📱"_qs << u"a"_qs << u"example.com"_qs << u"phone 📱"_qs;
        QTest::addRow("case folding") << u"JuLiEt@ExAmPlE.CoM/BaLcOnY"_qs << u"juliet"_qs
                                      << u"example.com"_qs << u"BaLcOnY"_qs;
        QTest::addRow("fullwidth local")
            << u"ｊｕｌｉｅｔ@example.com"_qs << u"juliet"_qs << u"example.com"_qs << QString();
        QTest::addRow("NFC resource")
            << u"a@example.com/e\u0301"_qs << u"a"_qs << u"example.com"_qs << u"\u00e9"_qs;
        QTest::addRow("trailing dot")
            << u"a@example.com."_qs << u"a"_qs << u"example.com"_qs << QString();
        QTest::addRow("IDN U-label")
            << u"juliet@Bücher.Example"_qs << u"juliet"_qs << u"bücher.example"_qs << QString();
        QTest::addRow("IDN A-label") << u"juliet@xn--bcher-kva.example"_qs << u"juliet"_qs
                                     << u"bücher.example"_qs << QString();
        QTest::addRow("IDN A-label, upper case")
            << u"juliet@XN--BCHER-KVA.Example"_qs << u"juliet"_qs << u"bücher.example"_qs
            << QString();
        QTest::addRow("ASCII resource with spaces")
            << u"room@muc.example/Big Bob 2"_qs << u"room"_qs << u"muc.example"_qs
            << u"Big Bob 2"_qs;
        QTest::addRow("IPv4") << u"juliet@192.0.2.1/r"_qs << u"juliet"_qs << u"192.0.2.1"_qs
                              << u"r"_qs;
        QTest::addRow("IPv6") << u"juliet@[2001:DB8:0::1]/r"_qs << u"juliet"_qs
                              << u"[2001:db8::1]"_qs << u"r"_qs;
        QTest::addRow("IPv6 loopback") << u"[::1]"_qs << QString() << u"[::1]"_qs << QString();
        QTest::addRow("1023-byte local") << QString(1023, u'a') + u"@example.com"_qs
                                         << QString(1023, u'a') << u"example.com"_qs << QString();
        QTest::addRow("1023-byte resource") << u"a@example.com/"_qs + QString(1023, u'r') << u"a"_qs
                                            << u"example.com"_qs << QString(1023, u'r');
    }

    void valid()
    {
        QFETCH(QString, input);
        QFETCH(QString, local);
        QFETCH(QString, domain);
        QFETCH(QString, resource);
        QString error;
        const std::optional<Jid> jid = Jid::parse(input, &error);
        QVERIFY2(jid.has_value(), qPrintable(error));
        QVERIFY(jid->isValid());
        QCOMPARE(jid->local(), local);
        QCOMPARE(jid->domain(), domain);
        QCOMPARE(jid->resource(), resource);
        QCOMPARE(jid->isFull(), !resource.isEmpty());
        QCOMPARE(jid->isBare(), resource.isEmpty());
        // The canonical string parses to the same JID.
        QCOMPARE(Jid::fromString(jid->toString()), *jid);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("input");
        // RFC 7622 §3.5 examples of invalid JIDs, and the limits of §3.1.
        QTest::addRow("quotes in local") << u"\"juliet\"@example.com"_qs;
        QTest::addRow("space in local") << u"foo bar@example.com"_qs;
        QTest::addRow("empty local") << u"@example.com/"_qs;
        QTest::addRow("empty local 2") << u"@example.com"_qs;
        QTest::addRow("compatibility char") << u"henry\u2163@example.com"_qs;
        QTest::addRow("symbol in local") << u"♚@example.com"_qs;
        QTest::addRow("empty domain") << u"juliet@"_qs;
        QTest::addRow("only resource") << u"/foobar"_qs;
        QTest::addRow("empty resource") << u"juliet@example.com/"_qs;
        QTest::addRow("empty") << QString();
        QTest::addRow("ampersand local") << u"a&b@example.com"_qs;
        QTest::addRow("apostrophe local") << u"o'hara@example.com"_qs;
        QTest::addRow("colon local") << u"a:b@example.com"_qs;
        QTest::addRow("angle local") << u"a<b@example.com"_qs;
        QTest::addRow("two @") << u"a@b@example.com"_qs;
        QTest::addRow("control in resource") << u"a@example.com/x\u0007"_qs;
        QTest::addRow("private use in resource") << u"a@example.com/\ue000"_qs;
        QTest::addRow("lone surrogate") << u"a@example.com/"_qs + QChar(0xD800);
        QTest::addRow("space in domain") << u"a@exa mple.com"_qs;
        QTest::addRow("empty label") << u"a@example..com"_qs;
        QTest::addRow("long label") << u"a@"_qs + QString(64, u'x') + u".com"_qs;
        QTest::addRow("bare IPv6") << u"a@2001:db8::1"_qs;
        QTest::addRow("bad IPv6") << u"a@[2001:db8::g]"_qs;
        QTest::addRow("bracketed name") << u"a@[example.com]"_qs;
        QTest::addRow("1024-byte local") << QString(1024, u'a') + u"@example.com"_qs;
        QTest::addRow("1024-byte local multibyte") << QString(512, u'é') + u"@example.com"_qs;
        QTest::addRow("1024-byte resource") << u"a@example.com/"_qs + QString(1024, u'r');
        QString longDomain;
        while (longDomain.size() < 1024)
            longDomain += QString(63, u'd') + u'.';
        longDomain += u"com"_qs;
        QTest::addRow("1024-byte domain") << u"a@"_qs + longDomain;
    }

    void invalid()
    {
        QFETCH(QString, input);
        QString error;
        QVERIFY(!Jid::parse(input, &error).has_value());
        QVERIFY(!error.isEmpty());
        QVERIFY(!Jid::fromString(input).isValid());
    }

    void longDomainWithinLimit()
    {
        // 15 labels of 63 + dots + "com" = 15 * 64 + 3 = 963 bytes: allowed.
        QString domain;
        for (int i = 0; i < 15; ++i)
            domain += QString(63, u'd') + u'.';
        domain += u"com"_qs;
        QVERIFY(Jid::parse(domain).has_value());
    }

    void compare()
    {
        const Jid full = Jid::fromString(u"Juliet@Example.com/Balcony");
        const Jid other = Jid::fromString(u"juliet@example.com/balcony");
        const Jid bare = Jid::fromString(u"juliet@example.com");
        QVERIFY(full.isValid() && other.isValid() && bare.isValid());
        QVERIFY(full != other); // resources are case sensitive
        QVERIFY(full.sameBare(other));
        QVERIFY(full.sameBare(bare));
        QCOMPARE(full.bare(), bare);
        QCOMPARE(full.bare(), other.bare());
        QCOMPARE(full.bareString(), u"juliet@example.com"_qs);
        QCOMPARE(full.toString(), u"juliet@example.com/Balcony"_qs);
        QCOMPARE(full.domainJid(), Jid::fromString(u"example.com"));
        QCOMPARE(qHash(full.bare()), qHash(bare));
        QVERIFY(!full.sameBare(Jid::fromString(u"romeo@example.com/Balcony")));
        QVERIFY(!full.sameBare(Jid::fromString(u"example.com")));
        // Invalid JIDs are never "the same account", not even as each other.
        QVERIFY(!Jid().sameBare(Jid()));
        QVERIFY(!full.sameBare(Jid()));
    }

    void withResource()
    {
        const Jid bare = Jid::fromString(u"juliet@example.com");
        const Jid full = bare.withResource(u"Phone/1@x");
        QVERIFY(full.isFull());
        QCOMPARE(full.resource(), u"Phone/1@x"_qs);
        QCOMPARE(full.bare(), bare);
        // Replaces an existing resource.
        QCOMPARE(full.withResource(u"pc").toString(), u"juliet@example.com/pc"_qs);
        QVERIFY(!bare.withResource(u"").isValid());
        QVERIFY(!bare.withResource(u"bad\u0001").isValid());
        QVERIFY(!bare.withResource(QString(1024, u'r')).isValid());
        QVERIFY(!Jid().withResource(u"r").isValid());
    }

    void emptyJid()
    {
        const Jid jid;
        QVERIFY(!jid.isValid());
        QVERIFY(!jid.isBare());
        QVERIFY(!jid.isFull());
        QVERIFY(jid.toString().isEmpty());
        QVERIFY(jid.bareString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJid)
#include "tst_jid.moc"
