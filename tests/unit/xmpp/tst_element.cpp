// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/xmpp/element.h"
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
};

QTEST_GUILESS_MAIN(TestElement)
#include "tst_element.moc"
