// SPDX-License-Identifier: GPL-3.0-or-later
// Link detection in message bodies and emoji-only detection.
#include "core/text/emojitext.h"
#include "core/text/textlinks.h"

#include <QTest>

using namespace parla::text;

namespace {
QStringList urls(const QString &text)
{
    QStringList out;
    for (const TextLink &l : findLinks(text)) {
        // The range and the URL agree.
        if (text.mid(l.start, l.length) != l.url)
            return {QStringLiteral("range mismatch")};
        out << l.url;
    }
    return out;
}
} // namespace

class TestTextLinks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allowedSchemes()
    {
        QCOMPARE(urls(QStringLiteral("see https://parla.im/download now")),
                 QStringList{QStringLiteral("https://parla.im/download")});
        QCOMPARE(urls(QStringLiteral("HTTP://EXAMPLE.ORG/x?a=1&b=2#frag")),
                 QStringList{QStringLiteral("HTTP://EXAMPLE.ORG/x?a=1&b=2#frag")});
        QCOMPARE(urls(QStringLiteral("join xmpp:room@conference.parla.im?join")),
                 QStringList{QStringLiteral("xmpp:room@conference.parla.im?join")});
        QCOMPARE(urls(QStringLiteral("a http://a.org b https://b.org")),
                 (QStringList{"http://a.org", "https://b.org"}));
    }

    void blockedSchemes()
    {
        for (const char *s : {"javascript:alert(1)", "file:///etc/passwd",
                              "data:text/html,<b>x</b>", "ftp://example.org", "mailto:a@b.c",
                              "vbscript:msgbox", "about:blank", "javascript://%0aalert(1)",
                              "notxmpp:a@b", "xhttp://a.org", "http://", "https:// x", "xmpp:"})
            QVERIFY2(urls(QString::fromUtf8(s)).isEmpty(), s);
        QVERIFY(!isAllowedLink(QUrl(QStringLiteral("javascript:alert(1)"))));
        QVERIFY(!isAllowedLink(QUrl(QStringLiteral("file:///etc/passwd"))));
        QVERIFY(isAllowedLink(QUrl(QStringLiteral("xmpp:anna@parla.im"))));
        QVERIFY(isXmppUri(QUrl(QStringLiteral("XMPP:anna@parla.im"))));
    }

    void trailingPunctuation()
    {
        QCOMPARE(urls(QStringLiteral("Look: https://parla.im.")),
                 QStringList{QStringLiteral("https://parla.im")});
        QCOMPARE(urls(QStringLiteral("really https://parla.im/a?!")),
                 QStringList{QStringLiteral("https://parla.im/a")});
        QCOMPARE(urls(QStringLiteral("\"https://parla.im/q\", she said")),
                 QStringList{QStringLiteral("https://parla.im/q")});
        QCOMPARE(urls(QStringLiteral("(see https://parla.im/docs)")),
                 QStringList{QStringLiteral("https://parla.im/docs")});
        QCOMPARE(urls(QStringLiteral("(see https://parla.im/docs).")),
                 QStringList{QStringLiteral("https://parla.im/docs")});
        QCOMPARE(urls(QStringLiteral("https://en.wikipedia.org/wiki/Foo_(bar)")),
                 QStringList{QStringLiteral("https://en.wikipedia.org/wiki/Foo_(bar)")});
        QCOMPARE(urls(QStringLiteral("[https://parla.im/x]")),
                 QStringList{QStringLiteral("https://parla.im/x")});
        QCOMPARE(urls(QStringLiteral("*https://parla.im/bold*")),
                 QStringList{QStringLiteral("https://parla.im/bold")});
        QCOMPARE(urls(QStringLiteral("<https://parla.im/a>")),
                 QStringList{QStringLiteral("https://parla.im/a")});
    }

    void hostileInputs()
    {
        // Linear: many closing parens, many colons, one huge URL.
        const QString parens = QStringLiteral("http://a.org/") + QString(100000, QLatin1Char(')'));
        QCOMPARE(urls(parens), QStringList{QStringLiteral("http://a.org/")});
        QVERIFY(urls(QString(100000, QLatin1Char(':'))).isEmpty());
        QCOMPARE(findLinks(QStringLiteral("https://a.org/").repeated(10000)).size(), 1);
        QCOMPARE(findLinks(QStringLiteral("https://a.org/ ").repeated(10000)).size(), 10000);
    }

    void emojiOnly()
    {
        QCOMPARE(emojiOnlyCount(QStringLiteral("😀")), 1);
        QCOMPARE(emojiOnlyCount(QStringLiteral(" 😀 👍🏽 ")), 2);
        QCOMPARE(emojiOnlyCount(QStringLiteral("👨‍👩‍👧‍👦")),
                 1);                                       // ZWJ family: one grapheme
        QCOMPARE(emojiOnlyCount(QStringLiteral("🇩🇪")), 1); // flag
        QCOMPARE(emojiOnlyCount(QStringLiteral("❤️")), 1);
        QCOMPARE(emojiOnlyCount(QStringLiteral("1️⃣")), 1); // keycap
        QCOMPARE(emojiOnlyCount(QStringLiteral("😀😀😀😀")), 0);
        QCOMPARE(emojiOnlyCount(QStringLiteral("😀😀😀😀"), 5), 4);
        QCOMPARE(emojiOnlyCount(QStringLiteral("hi 😀")), 0);
        QCOMPARE(emojiOnlyCount(QStringLiteral("1")), 0);
        QCOMPARE(emojiOnlyCount(QString()), 0);
    }
};

QTEST_GUILESS_MAIN(TestTextLinks)
#include "tst_textlinks.moc"
