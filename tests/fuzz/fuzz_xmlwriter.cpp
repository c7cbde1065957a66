// SPDX-License-Identifier: GPL-3.0-or-later
// The serialiser against any Element a programmer could build: names, namespaces, attribute
// names and values, and text drawn from XMPP's own vocabulary and from raw UTF-16 (lone
// surrogates, controls, markup, quotes). Whatever the element holds, toXml() is one
// well-formed element that parses back to what could be written: the same tree with elements
// and attributes whose names are not writable left out and characters XML cannot carry replaced
// by U+FFFD. No value can close the element it sits in (the injection of issue 10).
#include "fuzzsupport.h"

#include "xmpp/element.h"
#include "xmpp/namespaces.h"
#include "xmpp/xmlwriter.h"

#include <algorithm>

using namespace parla::xmpp;
using parla::fuzz::Reader;

namespace {

const QString kNames[] = {
    QStringLiteral("iq"),       QStringLiteral("message"),  QStringLiteral("presence"),
    QStringLiteral("query"),    QStringLiteral("body"),     QStringLiteral("x"),
    QStringLiteral("p:a"),      QStringLiteral("xmlns"),    QStringLiteral("xmlns:p"),
    QStringLiteral("xml:lang"), QStringLiteral("{urn:x}a"), QStringLiteral("{}a"),
    QStringLiteral("a b"),      QStringLiteral(""),         QStringLiteral("é"),
    QStringLiteral("1a"),
};
const QString kValues[] = {
    QStringLiteral("jabber:client"),
    QStringLiteral("a\"/></iq><presence to='evil' type='subscribed'/><iq xmlns='x"),
    QStringLiteral("a'/><message/>"),
    QStringLiteral("]]>"),
    QStringLiteral("&amp;&#0;&lt;"),
    QStringLiteral("\t\r\n "),
    QStringLiteral(""),
    QStringLiteral("http://www.w3.org/XML/1998/namespace"),
    QStringLiteral("http://www.w3.org/2000/xmlns/"),
};

Element build(Reader &in, int depth)
{
    // One pick per statement: the order of evaluation of arguments is unspecified.
    const QString name = in.pick(kNames);
    const QString xmlns = in.pick(kValues);
    Element e(name, xmlns);
    const int attributes = in.byte() % 4;
    for (int i = 0; i < attributes; ++i) {
        const QString key = in.pick(kNames);
        const QString value = in.pick(kValues);
        if (in.byte() & 1)
            e.setAttribute(key, value);
        else
            e.setEmptyAttribute(key);
    }
    e.setText(in.pick(kValues));
    const int children = depth < 4 ? in.byte() % 4 : 0;
    for (int i = 0; i < children && !in.atEnd(); ++i)
        e.appendChild(build(in, depth + 1));
    return e;
}

/// Replaces what XML cannot carry, as the writer does.
QString writable(const QString &s)
{
    QString out;
    for (qsizetype i = 0; i < s.size(); ++i) {
        char32_t c = s[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(s[i], s[i + 1]);
            ++i;
        }
        if (!xmlwriter::isXmlChar(c))
            c = 0xFFFD;
        // Code units, not QString::fromUcs4(), which drops a U+FEFF it takes for a byte order
        // mark.
        if (QChar::requiresSurrogates(c)) {
            out.append(QChar(QChar::highSurrogate(c)));
            out.append(QChar(QChar::lowSurrogate(c)));
        } else {
            out.append(QChar(char16_t(c)));
        }
    }
    return out;
}

bool isWhitespace(const QString &s)
{
    return std::all_of(s.begin(), s.end(),
                       [](QChar c) { return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r'; });
}

/// What the writer can write of `e`, as the parser gives it back.
Element expected(const Element &e)
{
    Element out(e.name(), writable(e.xmlns()));
    QStringList seen;
    for (const auto &[key, value] : e.attributes()) {
        QString local = key;
        QString canonical = key;
        if (key.startsWith(u'{')) {
            const qsizetype close = key.lastIndexOf(u'}');
            if (close <= 1)
                continue;
            const QString uri = key.mid(1, close - 1);
            if (uri == u"http://www.w3.org/2000/xmlns/" || writable(uri) != uri)
                continue;
            local = key.mid(close + 1);
            if (uri == ns::XmlNamespace)
                canonical = QStringLiteral("xml:") + local;
        } else if (key.startsWith(u"xml:")) {
            local = key.mid(4);
        } else if (key == u"xmlns") {
            continue;
        }
        if (!xmlwriter::isNcName(local) || seen.contains(canonical))
            continue;
        seen.append(canonical);
        if (value.isEmpty())
            out.setEmptyAttribute(canonical);
        else
            out.setAttribute(canonical, writable(value));
    }
    for (const Element &child : e.children()) {
        if (xmlwriter::isWritableElement(child))
            out.appendChild(expected(child));
    }
    // The parser drops whitespace-only text beside children (indentation).
    const QString text = writable(e.text());
    if (out.children().empty() || !isWhitespace(text))
        out.setText(text);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Reader in(data, size);
    const Element e = build(in, 0);
    const QByteArray xml = e.toXml();
    if (!xmlwriter::isWritableElement(e)) {
        FUZZ_CHECK(xml.isEmpty());
        return 0;
    }
    const Element back = Element::fromXml(xml);
    FUZZ_CHECK(!back.isNull());
    FUZZ_CHECK(back == expected(e));
    FUZZ_CHECK(back.toXml() == xml);
    return 0;
}
