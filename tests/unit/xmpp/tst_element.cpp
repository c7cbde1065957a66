// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/xmpp/element.h"
#include "core/xmpp/iqutil.h"
#include "core/xmpp/namespaces.h"

#include <QTest>

using namespace parla::xmpp;

class TestElement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildAndSerialize()
    {
        Element iq(QStringLiteral("iq"), ns::Client);
        iq.setAttribute(QStringLiteral("type"), QStringLiteral("set"))
            .setAttribute(QStringLiteral("id"), QStringLiteral("push1"));
        Element query(QStringLiteral("query"), ns::Roster);
        Element item(QStringLiteral("item"), ns::Roster);
        item.setAttribute(QStringLiteral("jid"), QStringLiteral("nurse@example.com"));
        item.appendTextChild(QStringLiteral("group"), QStringLiteral("Servants"));
        query.appendChild(item);
        iq.appendChild(query);

        // Inside a jabber:client stream the iq carries no xmlns; the roster namespace is declared
        // once, on <query>, and inherited by <item> and <group>.
        QCOMPARE(iq.toXml(ns::Client),
                 QByteArray("<iq type=\"set\" id=\"push1\"><query xmlns=\"jabber:iq:roster\">"
                            "<item jid=\"nurse@example.com\"><group>Servants</group></item>"
                            "</query></iq>"));
        // Standalone, the top element declares its namespace.
        QCOMPARE(item.toXml(),
                 QByteArray("<item xmlns=\"jabber:iq:roster\" jid=\"nurse@example.com\">"
                            "<group>Servants</group></item>"));
        QCOMPARE(item.firstChild(u"group").xmlns(), ns::Roster);
    }

    void namespaceResetToEmpty()
    {
        Element outer(QStringLiteral("a"), QStringLiteral("urn:a"));
        outer.appendChild(Element(QStringLiteral("b")));
        const QByteArray xml = outer.toXml();
        QCOMPARE(xml, QByteArray("<a xmlns=\"urn:a\"><b xmlns=\"\"/></a>"));
        QCOMPARE(Element::fromXml(xml), outer);
        QVERIFY(Element::fromXml(xml).firstChild(u"b").xmlns().isEmpty());
    }

    void roundTrip()
    {
        const QByteArray xml =
            "<message xmlns=\"jabber:client\" to=\"romeo@example.net\" type=\"chat\" "
            "xml:lang=\"en\"><body>Art thou not Romeo, and a Montague? 🌹</body>"
            "<thread>e0ffe42b28561960c6b12b944a092794b9683a38</thread>"
            "<active xmlns=\"http://jabber.org/protocol/chatstates\"/></message>";
        const Element e = Element::fromXml(xml);
        QVERIFY(!e.isNull());
        QCOMPARE(e.attribute(u"xml:lang"), QStringLiteral("en"));
        QCOMPARE(e.childText(u"body"), QStringLiteral("Art thou not Romeo, and a Montague? 🌹"));
        QCOMPARE(e.toXml(), xml);
        QCOMPARE(Element::fromXml(e.toXml()), e);
        QCOMPARE(Element::fromXml(e.toXml(ns::Client)).xmlns(), QString()); // not declared
    }

    void escaping()
    {
        const QString nasty = QStringLiteral("<tag> & \"double\" 'single' ]]> \t\n end");
        Element e(QStringLiteral("x"), QStringLiteral("urn:test"));
        e.setAttribute(QStringLiteral("a"), nasty);
        e.setText(nasty);
        const QByteArray xml = e.toXml();
        QVERIFY(!xml.contains("<tag>"));
        QVERIFY(xml.contains("&lt;tag&gt;"));
        QVERIFY(xml.contains("&amp;"));
        QVERIFY(xml.contains("&quot;double&quot;")); // inside the "-quoted attribute
        const Element back = Element::fromXml(xml);
        QVERIFY(!back.isNull());
        QCOMPARE(back.attribute(u"a"), nasty); // attribute whitespace survives normalisation
        QCOMPARE(back.text(), nasty);
        QCOMPARE(back, e);
    }

    void equality()
    {
        const Element a = Element::fromXml("<a xmlns='urn:x' p='1' q='2'><b>t</b><c/></a>");
        const Element reordered = Element::fromXml("<a xmlns='urn:x' q='2' p='1'><b>t</b><c/></a>");
        QCOMPARE(a, reordered); // attribute order does not matter
        QVERIFY(a != Element::fromXml("<a xmlns='urn:x' p='1' q='2'><c/><b>t</b></a>"));
        QVERIFY(a != Element::fromXml("<a xmlns='urn:y' p='1' q='2'><b>t</b><c/></a>"));
        QVERIFY(a != Element::fromXml("<a xmlns='urn:x' p='1' q='3'><b>t</b><c/></a>"));
        QVERIFY(a != Element::fromXml("<a xmlns='urn:x' p='1'><b>t</b><c/></a>"));
        QVERIFY(a != Element::fromXml("<a xmlns='urn:x' p='1' q='2'><b>u</b><c/></a>"));
        QVERIFY(a != Element());
        QCOMPARE(Element(), Element());
        // Indentation between children is not content.
        QCOMPARE(Element::fromXml("<a xmlns='urn:x' p='1' q='2'>\n  <b>t</b>\n  <c/>\n</a>"), a);
    }

    void copiesAreIndependent()
    {
        Element a(QStringLiteral("a"));
        Element b = a;
        b.setAttribute(QStringLiteral("k"), QStringLiteral("v"));
        QVERIFY(!a.hasAttribute(u"k"));
        QVERIFY(b.hasAttribute(u"k"));
    }

    void attributes()
    {
        Element e(QStringLiteral("e"));
        e.setAttribute(QStringLiteral("k"), QStringLiteral("1"));
        e.setAttribute(QStringLiteral("k"), QStringLiteral("2"));
        QCOMPARE(e.attributes().size(), size_t(1));
        QCOMPARE(e.attribute(u"k"), QStringLiteral("2"));
        e.setAttribute(QStringLiteral("k"), QString());
        QVERIFY(!e.hasAttribute(u"k"));
        // Parsed empty attribute values are kept (they can mean something, e.g. name='').
        const Element parsed = Element::fromXml("<e k=''/>");
        QVERIFY(parsed.hasAttribute(u"k"));
        QVERIFY(parsed.attribute(u"k").isEmpty());
    }

    void childLookups()
    {
        const Element e =
            Element::fromXml("<r xmlns='urn:r'><c xmlns='urn:1'>one</c>"
                             "<c xmlns='urn:2'>two</c><c xmlns='urn:1'>three</c></r>");
        QCOMPARE(e.childText(u"c"), QStringLiteral("one"));
        QCOMPARE(e.childText(u"c", u"urn:2"), QStringLiteral("two"));
        QCOMPARE(e.childrenNamed(u"c", u"urn:1").size(), size_t(2));
        QCOMPARE(e.childrenNamed(u"c").size(), size_t(3));
        QVERIFY(!e.hasChild(u"c", u"urn:3"));
        Element copy = e;
        copy.removeChildren(u"c", u"urn:1");
        QCOMPARE(copy.children().size(), size_t(1));
        QCOMPARE(e.children().size(), size_t(3)); // the original is untouched
    }

    void nullElementIsTotal()
    {
        const Element null;
        QVERIFY(null.isNull());
        QVERIFY(!null);
        QVERIFY(null.name().isEmpty());
        QVERIFY(null.xmlns().isEmpty());
        QVERIFY(null.text().isEmpty());
        QVERIFY(null.attributes().empty());
        QVERIFY(null.children().empty());
        QVERIFY(null.attribute(u"x").isEmpty());
        QVERIFY(!null.hasAttribute(u"x"));
        QVERIFY(null.firstChild(u"a").isNull());
        QVERIFY(null.firstChild(u"a").firstChild(u"b").attribute(u"c").isEmpty());
        QVERIFY(null.childrenNamed(u"a").empty());
        QVERIFY(null.childText(u"a").isEmpty());
        QVERIFY(!null.is(u"", u""));
        QVERIFY(null.toXml().isEmpty());
        Element mutableNull;
        mutableNull.setAttribute(QStringLiteral("a"), QStringLiteral("b"))
            .appendChild(Element(QStringLiteral("c")))
            .setText(QStringLiteral("t"));
        mutableNull.removeChildren(u"c");
        QVERIFY(mutableNull.isNull());
        // Appending a null child is ignored.
        Element parent(QStringLiteral("p"));
        parent.appendChild(Element());
        QVERIFY(parent.children().empty());
    }

    void fromXmlRejects()
    {
        QVERIFY(Element::fromXml("").isNull());
        QVERIFY(Element::fromXml("<a><b></a>").isNull());
        QVERIFY(Element::fromXml("<a><?pi x?></a>").isNull());
        QVERIFY(Element::fromXml("<a>&nbsp;</a>").isNull());
    }

    // --- Serialisation cannot inject (issue 10): the recorded attacks, then the guarantees. ---

    void echoedNamespaceCannotInject_data()
    {
        QTest::addColumn<QByteArray>("request");
        // As fuzzing found it and Prosody delivered it: a namespace that, written verbatim,
        // closes the error reply and adds a presence 'subscribed' to the attacker, a message,
        // a roster set, a PEP publish replacing the OMEMO device list, or the end of the stream.
        const QByteArray head = "<iq xmlns='jabber:client' type='get' id='x1' "
                                "from='mallory@evil.example/r' to='alice@example.org/parla'>";
        QTest::addRow("presence subscribed")
            << head + "<query xmlns='a&quot;/&gt;&lt;/iq&gt;&lt;presence "
                      "to=&apos;mallory@evil.example&apos; type=&apos;subscribed&apos;/&gt;"
                      "&lt;iq xmlns=&apos;x'/></iq>";
        QTest::addRow("message and roster set")
            << head + "<q xmlns='x&quot;/&gt;&lt;/iq&gt;&lt;message to=&apos;m@evil.example&apos;"
                      "&gt;&lt;body&gt;hi&lt;/body&gt;&lt;/message&gt;&lt;iq type=&apos;set&apos;"
                      "&gt;&lt;query xmlns=&apos;jabber:iq:roster&apos;&gt;&lt;item "
                      "jid=&apos;m@evil.example&apos;/&gt;&lt;/query&gt;&lt;/iq&gt;&lt;iq "
                      "xmlns=&apos;y'/></iq>";
        QTest::addRow("device list publish")
            << head + "<q xmlns='&quot;/&gt;&lt;/iq&gt;&lt;iq type=&apos;set&apos;&gt;&lt;pubsub "
                      "xmlns=&apos;http://jabber.org/protocol/pubsub&apos;&gt;&lt;publish "
                      "node=&apos;eu.siacs.conversations.axolotl.devicelist&apos;/&gt;"
                      "&lt;/pubsub&gt;&lt;/iq&gt;&lt;iq xmlns=&apos;'/></iq>";
        QTest::addRow("end of stream")
            << head + "<q xmlns='&quot;/&gt;&lt;/iq&gt;&lt;/stream:stream&gt;'/></iq>";
        QTest::addRow("attribute value") << head + "<q xmlns='urn:x' a='&quot;/&gt;&lt;x'/></iq>";
        QTest::addRow("text")
            << head + "<q xmlns='urn:x'>&lt;/q&gt;&lt;/iq&gt;&lt;presence/&gt;</q></iq>";
    }

    void echoedNamespaceCannotInject()
    {
        QFETCH(QByteArray, request);
        const Element iq = Element::fromXml(request);
        QVERIFY(!iq.isNull());
        // Whatever is echoed, the bytes are one <iq/> that reads back as the same element.
        const QByteArray xml = iq.toXml(ns::Client);
        const Element back = Element::fromXml("<r xmlns='jabber:client'>" + xml + "</r>");
        QVERIFY(!back.isNull());
        QCOMPARE(back.children().size(), size_t(1));
        QCOMPARE(back.children().front(), iq);
        QVERIFY(!xml.contains("<presence"));
        QVERIFY(!xml.contains("<message"));
        QVERIFY(!xml.contains("</stream:stream>"));
    }

    void prefixedAttributesKeepTheirNamespace()
    {
        // A prefixed attribute was kept under its qualified name and written without its
        // declaration: non-well-formed output, and the server ended the stream.
        const Element e = Element::fromXml("<q xmlns='urn:x' p:a='1' xmlns:p='urn:p' "
                                           "xml:lang='en'><c xmlns:z='urn:z' z:b='2'/></q>");
        QVERIFY(!e.isNull());
        QCOMPARE(e.attribute(u"{urn:p}a"), QStringLiteral("1"));
        QCOMPARE(e.attribute(u"xml:lang"), QStringLiteral("en"));
        QVERIFY(!e.hasAttribute(u"p:a"));
        const QByteArray xml = e.toXml();
        QCOMPARE(xml, QByteArray("<q xmlns=\"urn:x\" xmlns:ns0=\"urn:p\" ns0:a=\"1\" "
                                 "xml:lang=\"en\"><c xmlns:ns0=\"urn:z\" ns0:b=\"2\"/></q>"));
        QCOMPARE(Element::fromXml(xml), e);
        // Two attributes in one namespace share a prefix; a namespace URI may hold a '}'.
        Element built(QStringLiteral("e"), QStringLiteral("urn:e"));
        built.setAttribute(QStringLiteral("{urn:}p}a"), QStringLiteral("1"))
            .setAttribute(QStringLiteral("{urn:}p}b"), QStringLiteral("2"));
        QCOMPARE(built.toXml(), QByteArray("<e xmlns=\"urn:e\" xmlns:ns0=\"urn:}p\" ns0:a=\"1\" "
                                           "ns0:b=\"2\"/>"));
        QCOMPARE(Element::fromXml(built.toXml()), built);
    }

    void unwritableNamesAreLeftOut()
    {
        Element e(QStringLiteral("e"), QStringLiteral("urn:e"));
        e.setAttribute(QStringLiteral("ok"), QStringLiteral("1"))
            .setAttribute(QStringLiteral("p:a"), QStringLiteral("undeclared prefix"))
            .setAttribute(QStringLiteral("xmlns"), QStringLiteral("urn:evil"))
            .setAttribute(QStringLiteral("xmlns:p"), QStringLiteral("urn:evil"))
            .setAttribute(QStringLiteral("a b"), QStringLiteral("space"))
            .setAttribute(QStringLiteral("{http://www.w3.org/2000/xmlns/}p"), QStringLiteral("x"))
            .setAttribute(QStringLiteral("{}a"), QStringLiteral("empty namespace"));
        e.appendChild(Element(QStringLiteral("bad name")))
            .appendChild(Element(QStringLiteral("1x")));
        e.appendChild(Element(QStringLiteral("good")));
        QCOMPARE(e.toXml(), QByteArray("<e xmlns=\"urn:e\" ok=\"1\"><good xmlns=\"\"/></e>"));
        // The top element itself: nothing at all rather than broken XML.
        QVERIFY(Element(QStringLiteral("a>b")).toXml().isEmpty());
        QVERIFY(Element(QStringLiteral("")).toXml().isEmpty());
        QVERIFY(Element(QStringLiteral("p:q")).toXml().isEmpty());
        // xml:lang and its Clark spelling are one attribute.
        Element lang(QStringLiteral("l"));
        lang.setAttribute(QStringLiteral("xml:lang"), QStringLiteral("en"))
            .setAttribute(QStringLiteral("{http://www.w3.org/XML/1998/namespace}lang"),
                          QStringLiteral("de"));
        QCOMPARE(lang.toXml(), QByteArray("<l xml:lang=\"en\"/>"));
    }

    void charactersXmlCannotCarryAreReplaced()
    {
        Element e(QStringLiteral("e"), QStringLiteral("urn:\u0001e"));
        e.setAttribute(QStringLiteral("a"), QStringLiteral("nul\u0000 esc\u001B ffff\uFFFF"));
        QString text = QStringLiteral("lone ");
        text += QChar(0xD800);
        text += QStringLiteral(" pair ");
        text += QChar(0xD83D);
        text += QChar(0xDE00);
        text += QStringLiteral(" bell\u0007 cr\r");
        e.setText(text);
        const QByteArray xml = e.toXml();
        const Element back = Element::fromXml(xml);
        QVERIFY2(!back.isNull(), xml.constData());
        QCOMPARE(back.xmlns(), QStringLiteral("urn:\uFFFDe"));
        QCOMPARE(back.attribute(u"a"), QStringLiteral("nul\uFFFD esc\uFFFD ffff\uFFFD"));
        QCOMPARE(back.text(), QStringLiteral("lone \uFFFD pair 😀 bell\uFFFD cr\r"));
    }

    void namespacesThatReadBackAlikeAreDeclaredOnce()
    {
        // Found by fuzz_xmlwriter: "urn:\u0001" and "urn:\uFFFD" differ, but both are written
        // as "urn:\uFFFD". The child declared it again, so reading the output back and writing
        // it once more gave different bytes.
        Element parent(QStringLiteral("p"), QStringLiteral("urn:\u0001"));
        parent.appendChild(Element(QStringLiteral("c"), QStringLiteral("urn:\uFFFD")));
        const QByteArray xml = parent.toXml();
        QCOMPARE(xml, QByteArray("<p xmlns=\"urn:\xEF\xBF\xBD\"><c/></p>"));
        QCOMPARE(Element::fromXml(xml).toXml(), xml);
        // Unwritable characters only match the replacement, not each other's absence.
        Element other(QStringLiteral("p"), QStringLiteral("urn:\u0001"));
        other.appendChild(Element(QStringLiteral("c"), QStringLiteral("urn:")));
        QCOMPARE(other.toXml(),
                 QByteArray("<p xmlns=\"urn:\xEF\xBF\xBD\"><c xmlns=\"urn:\"/></p>"));
    }

    void iqErrorsEchoOnlyWhatNamesTheRequest()
    {
        const Element request = Element::fromXml(
            "<iq xmlns='jabber:client' type='get' id='q1' from='m@evil.example/r'>"
            "<query xmlns='urn:unknown' node='&lt;x'><item>data</item></query></iq>");
        const Element reply = makeIqError(
            request, {StanzaError::Type::Cancel, QStringLiteral("service-unavailable"), {}, {}});
        QCOMPARE(reply.attribute(u"type"), QStringLiteral("error"));
        QCOMPARE(reply.attribute(u"to"), QStringLiteral("m@evil.example/r"));
        QCOMPARE(reply.attribute(u"id"), QStringLiteral("q1"));
        QCOMPARE(reply.children().size(), size_t(2));
        QCOMPARE(reply.children().front(),
                 Element(QStringLiteral("query"), QStringLiteral("urn:unknown")));
        QVERIFY(reply.children().back().is(u"error", ns::Client));
        // A megabyte namespace is not sent back.
        Element big(QStringLiteral("iq"), ns::Client);
        big.appendChild(Element(QStringLiteral("q"), QString(300, u'x')));
        QCOMPARE(makeIqError(big, {}).children().size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestElement)
#include "tst_element.moc"
