// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0393 message styling parser and XEP-0245 /me. The examples are the XEP's own (§5).
#include "core/text/messagestyling.h"

#include <QTest>

using namespace parla::text;

namespace {

/// The maximal pieces of `body` that carry style `s`, in order.
QStringList pieces(const QString &body, Style s)
{
    const StyledText t = parseStyling(body);
    QList<bool> on(body.size(), false);
    for (const StyledRun &r : t.runs)
        if (r.styles.testFlag(s))
            for (int i = r.start; i < r.start + r.length; ++i)
                on[i] = true;
    QStringList out;
    for (int i = 0; i < body.size();) {
        if (!on[i]) {
            ++i;
            continue;
        }
        int j = i;
        while (j < body.size() && on[j])
            ++j;
        out << body.mid(i, j - i);
        i = j;
    }
    return out;
}

bool unstyled(const QString &body)
{
    return parseStyling(body).runs.isEmpty();
}

} // namespace

class TestMessageStyling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void xepSpanExamples()
    {
        // §5.2: "each of the following would be styled as indicated"
        QVERIFY(unstyled(QStringLiteral("plain span")));
        QCOMPARE(pieces(QStringLiteral("*strong span*"), Style::Strong),
                 QStringList{QStringLiteral("*strong span*")});
        QCOMPARE(pieces(QStringLiteral("plain _emphasis_ plain"), Style::Emphasis),
                 QStringList{QStringLiteral("_emphasis_")});
        const QString pre = QStringLiteral("`pre` plain *strong*");
        QCOMPARE(pieces(pre, Style::Preformatted), QStringList{QStringLiteral("`pre`")});
        QCOMPARE(pieces(pre, Style::Strong), QStringList{QStringLiteral("*strong*")});
        QCOMPARE(pieces(QStringLiteral("*strong*plain*"), Style::Strong),
                 QStringList{QStringLiteral("*strong*")});
        QCOMPARE(pieces(QStringLiteral("* plain *strong*"), Style::Strong),
                 QStringList{QStringLiteral("*strong*")});
    }

    void xepUnstyledExamples()
    {
        // §5.2: "Nothing would be styled in the following messages"
        for (const char *s :
             {"not strong*", "*not strong", "*not \n strong*", "*not *strong", "**", "***", "****"})
            QVERIFY2(unstyled(QString::fromUtf8(s)), s);
        // §5.1.1: spans may not escape their line.
        QVERIFY(unstyled(QStringLiteral("There are three blocks in this body, one per line,\n"
                                        "but there is no *formatting\nas spans* may not escape "
                                        "blocks.")));
    }

    void directivesAreMarkedAndKept()
    {
        const QString body = QStringLiteral("a *b* c");
        QCOMPARE(pieces(body, Style::Directive), (QStringList{"*", "*"}));
        QCOMPARE(pieces(body, Style::Strong), QStringList{QStringLiteral("*b*")});
    }

    void strikeAndEmphasisExamples()
    {
        QCOMPARE(pieces(QStringLiteral("Everyone ~dis~likes cake."), Style::Strike),
                 QStringList{QStringLiteral("~dis~")});
        const QString title = QStringLiteral(
            "The full title is _Twelfth Night, or What You Will_ but\n_most_ people shorten it.");
        QCOMPARE(pieces(title, Style::Emphasis),
                 (QStringList{"_Twelfth Night, or What You Will_", "_most_"}));
    }

    void preformattedSpansHoldOnlyPlainText()
    {
        QCOMPARE(pieces(QStringLiteral("This is `*monospace*`"), Style::Strong), QStringList{});
        QCOMPARE(pieces(QStringLiteral("This is `*monospace*`"), Style::Preformatted),
                 QStringList{QStringLiteral("`*monospace*`")});
        const QString both = QStringLiteral("This is *`monospace and bold`*");
        QCOMPARE(pieces(both, Style::Strong),
                 QStringList{QStringLiteral("*`monospace and bold`*")});
        QCOMPARE(pieces(both, Style::Preformatted),
                 QStringList{QStringLiteral("`monospace and bold`")});
    }

    void nestedDifferentSpansButNotSameKind()
    {
        const QString body = QStringLiteral("*bold _and italic_ text*");
        QCOMPARE(pieces(body, Style::Emphasis), QStringList{QStringLiteral("_and italic_")});
        QCOMPARE(pieces(body, Style::Strong), QStringList{body});
        // Lazy matching: the first valid closer ends the span.
        QCOMPARE(pieces(QStringLiteral("*a *b* c*"), Style::Strong),
                 QStringList{QStringLiteral("*a *b*")});
        // Closing directive preceded by whitespace is not one.
        QCOMPARE(pieces(QStringLiteral("*a * b*"), Style::Strong),
                 QStringList{QStringLiteral("*a * b*")});
        // Not after a letter: snake_case_names stay plain.
        QVERIFY(unstyled(QStringLiteral("call my_var_name now")));
    }

    void codeBlocks()
    {
        const QString body =
            QStringLiteral("```ignored\n(println \"*Hello*\")\n```\nThis should show *up*");
        const StyledText t = parseStyling(body);
        QCOMPARE(t.lines.size(), 4);
        QVERIFY(t.lines[0].codeBlock && t.lines[1].codeBlock && t.lines[2].codeBlock);
        QVERIFY(!t.lines[3].codeBlock);
        QCOMPARE(pieces(body, Style::CodeBlock),
                 (QStringList{"```ignored", "(println \"*Hello*\")", "```"}));
        QCOMPARE(pieces(body, Style::Directive), (QStringList{"```ignored", "```", "*", "*"}));
        // No spans inside a code block, but after it.
        QCOMPARE(pieces(body, Style::Strong), QStringList{QStringLiteral("*up*")});
        // Unterminated: runs to the end of the body.
        const StyledText open = parseStyling(QStringLiteral("```\ncode *x*\nmore"));
        QVERIFY(open.lines[2].codeBlock);
        QVERIFY(pieces(QStringLiteral("```\ncode *x*\nmore"), Style::Strong).isEmpty());
    }

    void quotes()
    {
        const QString body = QStringLiteral(">> That that is, is.\n> Said the *old* hermit.\nWho?");
        const StyledText t = parseStyling(body);
        QCOMPARE(t.lines.size(), 3);
        QCOMPARE(t.lines[0].quoteDepth, 2);
        QCOMPARE(t.lines[1].quoteDepth, 1);
        QCOMPARE(t.lines[2].quoteDepth, 0);
        QCOMPARE(pieces(body, Style::QuoteMarker), (QStringList{">>", ">"}));
        // Spans inside quotes; the leading whitespace after '>' is trimmed first.
        QCOMPARE(pieces(body, Style::Strong), QStringList{QStringLiteral("*old*")});
        QCOMPARE(pieces(QStringLiteral("> *x*"), Style::Strong),
                 QStringList{QStringLiteral("*x*")});
    }

    void codeBlockInsideQuoteEndsWithQuote()
    {
        // §5.1.2 example: the whole quote is a code block; the next line is plain.
        const QString body = QStringLiteral("> ```\n> (println \"Hello\")\nThe entire blockquote "
                                            "is a preformatted text block, but this line\nis "
                                            "*plaintext*!");
        const StyledText t = parseStyling(body);
        QVERIFY(t.lines[0].codeBlock && t.lines[1].codeBlock);
        QCOMPARE(t.lines[1].quoteDepth, 1);
        QVERIFY(!t.lines[2].codeBlock);
        QCOMPARE(t.lines[2].quoteDepth, 0);
        QCOMPARE(pieces(body, Style::Strong), QStringList{QStringLiteral("*plaintext*")});
    }

    void hostileInputsStayLinear()
    {
        // Quadratic behaviour would make these take minutes (ctest's timeout catches it).
        // 100k asterisks: every pair is empty, nothing is styled.
        QVERIFY(unstyled(QString(100000, QLatin1Char('*'))));
        // Openers whose only closers are preceded by whitespace: no rescans.
        QVERIFY(unstyled(QStringLiteral("*a ").repeated(50000)));
        // Many valid spans.
        const QString many = QStringLiteral("*a* _b_ ").repeated(20000);
        QCOMPARE(pieces(many, Style::Strong).size(), 20000);
        // Deeply nested quotes are capped, not recursed into without bound.
        const QString deep = QString(100000, QLatin1Char('>')) + QStringLiteral(" *x*");
        const StyledText t = parseStyling(deep);
        QCOMPARE(t.lines.size(), 1);
        QCOMPARE(t.lines[0].quoteDepth, kMaxQuoteDepth);
        // Many lines of deep quotes and fences.
        const QString lines =
            (QString(40, QLatin1Char('>')) + QStringLiteral("```\n")).repeated(5000);
        QCOMPARE(parseStyling(lines).lines.size(), 5001);
    }

    void surrogatesAndEmptyBodies()
    {
        QVERIFY(unstyled(QString()));
        QCOMPARE(parseStyling(QString()).lines.size(), 1);
        QCOMPARE(pieces(QStringLiteral("*😀*"), Style::Strong), QStringList{QStringLiteral("*😀*")});
        QVERIFY(unstyled(QStringLiteral(">")) == false); // a quote marker alone is a quote
        QCOMPARE(parseStyling(QStringLiteral(">")).lines[0].quoteDepth, 1);
    }

    void meCommand()
    {
        QCOMPARE(meAction(u"/me shrugs in disgust").value_or(QStringView()).toString(),
                 QStringLiteral("shrugs in disgust"));
        QVERIFY(!meAction(u"/me").has_value());
        QVERIFY(!meAction(u" /me waves").has_value());
        QVERIFY(!meAction(u"/ME waves").has_value());
        QVERIFY(!meAction(u"/meh").has_value());
        QVERIFY(meAction(u"/me ").has_value());
    }
};

QTEST_GUILESS_MAIN(TestMessageStyling)
#include "tst_messagestyling.moc"
