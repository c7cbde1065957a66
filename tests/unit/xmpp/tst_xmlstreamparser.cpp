// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xmlstreamparser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace parla::xmpp;
using Kind = ParseEvent::Kind;

namespace {

const QByteArray kHeader = QByteArrayLiteral(
    "<?xml version='1.0'?>"
    "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
    "from='example.net' id='s1d' version='1.0' xml:lang='en'>");

std::vector<ParseEvent> feedAll(XmlStreamParser &parser, QByteArrayView bytes, qsizetype chunk)
{
    std::vector<ParseEvent> out;
    if (chunk <= 0)
        chunk = qMax<qsizetype>(1, bytes.size());
    for (qsizetype pos = 0; pos < bytes.size(); pos += chunk) {
        for (ParseEvent &ev : parser.feed(bytes.sliced(pos, qMin(chunk, bytes.size() - pos))))
            out.push_back(std::move(ev));
    }
    return out;
}

std::vector<ParseEvent> parseAll(QByteArrayView bytes, qsizetype chunk = 0,
                                 ParserLimits limits = {})
{
    XmlStreamParser parser(limits);
    return feedAll(parser, bytes, chunk);
}

/// A compact description of an event sequence, to compare runs with different splits.
QStringList describe(const std::vector<ParseEvent> &events)
{
    QStringList out;
    for (const ParseEvent &ev : events) {
        switch (ev.kind) {
        case Kind::StreamOpened:
            out << QStringLiteral("open %1 %2 %3 %4 %5 %6")
                       .arg(ev.header.from, ev.header.to, ev.header.id, ev.header.version,
                            ev.header.lang, ev.header.contentNamespace);
            break;
        case Kind::Stanza:
            out << QStringLiteral("stanza ") + QString::fromUtf8(ev.stanza.toXml(ns::Client));
            break;
        case Kind::StreamClosed:
            out << QStringLiteral("closed");
            break;
        case Kind::Error:
            out << QStringLiteral("error ") + streamErrorConditionName(ev.error);
            break;
        }
    }
    return out;
}

/// The error condition of the last event, which must be the only error.
StreamErrorCondition lastError(const std::vector<ParseEvent> &events)
{
    int errors = 0;
    for (const ParseEvent &ev : events)
        errors += ev.kind == Kind::Error;
    if (events.empty() || events.back().kind != Kind::Error || errors != 1)
        return StreamErrorCondition::UndefinedCondition;
    return events.back().error;
}

QByteArray realisticStream()
{
    QByteArray s = kHeader;
    s += "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
         "<sm xmlns='urn:xmpp:sm:3'/></stream:features>\n";
    s += "<iq type='result' id='r1' to='juliet@example.net/balcony'>"
         "<query xmlns='jabber:iq:roster' ver='v7'>"
         "<item jid='romeo@example.net' name='Roméo 🌹' "
         "subscription='both'><group>Friends</group></item>"
         "<item jid='nurse@example.net' name='Кормилица'/></query></iq> ";
    s += "<presence from='romeo@example.net/orchard'><c xmlns='http://jabber.org/protocol/caps' "
         "hash='sha-1' node='https://conversations.im' ver='q07IKJEyjvHSyhy//CH0CxmKi8w='/>"
         "<status xml:lang='de'>Schöne Grüße &amp; mehr</status></presence>\r\n\t";
    s += "<message type='chat' from='romeo@example.net/orchard' id='m1'>"
         "<body>Wherefore art thou? 日本語テキスト 👩‍👩‍👧 &lt;3 &#x1F600; "
         "<![CDATA[a "
         "<b> "
         "& "
         "c]]></body>"
         "<active xmlns='http://jabber.org/protocol/chatstates'/></message>";
    s += "<message from='x@example.net'><body/></message>";
    s += "</stream:stream>";
    return s;
}

} // namespace

class TestXmlStreamParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalStream()
    {
        const auto events = parseAll(realisticStream());
        QCOMPARE(events.size(), size_t(7));
        QCOMPARE(events[0].kind, Kind::StreamOpened);
        QCOMPARE(events[0].header.from, QStringLiteral("example.net"));
        QCOMPARE(events[0].header.id, QStringLiteral("s1d"));
        QCOMPARE(events[0].header.version, QStringLiteral("1.0"));
        QCOMPARE(events[0].header.lang, QStringLiteral("en"));
        QCOMPARE(events[0].header.contentNamespace, ns::Client);
        QVERIFY(events[0].header.to.isEmpty());

        const Element &features = events[1].stanza;
        QCOMPARE(events[1].kind, Kind::Stanza);
        QVERIFY(features.is(u"features", ns::Stream));
        QVERIFY(features.hasChild(u"bind", ns::Bind));
        QVERIFY(features.hasChild(u"sm", ns::StreamManagement));

        const Element &iq = events[2].stanza;
        QVERIFY(iq.is(u"iq", ns::Client));
        QCOMPARE(iq.attribute(u"type"), QStringLiteral("result"));
        const Element query = iq.firstChild(u"query", ns::Roster);
        QCOMPARE(query.attribute(u"ver"), QStringLiteral("v7"));
        QCOMPARE(query.children().size(), size_t(2));
        QCOMPARE(query.children()[0].attribute(u"name"), QStringLiteral("Roméo 🌹"));
        QCOMPARE(query.children()[0].childText(u"group"), QStringLiteral("Friends"));
        QCOMPARE(query.children()[0].xmlns(), ns::Roster); // inherited default namespace
        QCOMPARE(query.children()[1].attribute(u"name"), QStringLiteral("Кормилица"));

        const Element &presence = events[3].stanza;
        QVERIFY(presence.is(u"presence", ns::Client));
        QCOMPARE(presence.firstChild(u"c", ns::Caps).attribute(u"ver"),
                 QStringLiteral("q07IKJEyjvHSyhy//CH0CxmKi8w="));
        const Element status = presence.firstChild(u"status");
        QCOMPARE(status.attribute(u"xml:lang"), QStringLiteral("de"));
        QCOMPARE(status.text(), QStringLiteral("Schöne Grüße & mehr"));

        const Element &message = events[4].stanza;
        QCOMPARE(
            message.childText(u"body", ns::Client),
            QStringLiteral(
                "Wherefore art thou? 日本語テキスト 👩‍👩‍👧 <3 😀 a <b> & c"));
        QVERIFY(message.hasChild(u"active", ns::ChatStates));
        QVERIFY(message.text().isEmpty()); // no mixed content

        QVERIFY(events[5].stanza.firstChild(u"body").text().isEmpty());
        QVERIFY(!events[5].stanza.firstChild(u"body").isNull());
        QCOMPARE(events[6].kind, Kind::StreamClosed);
    }

    void splitEquivalence_data()
    {
        QTest::addColumn<int>("chunk");
        for (int chunk : {1, 2, 3, 7, 64, 4096})
            QTest::addRow("chunk %d", chunk) << chunk;
    }

    void splitEquivalence()
    {
        QFETCH(int, chunk);
        QByteArray stream = realisticStream();
        stream.chop(int(qstrlen("</stream:stream>")));
        for (int i = 0; i < 30; ++i) {
            stream += QStringLiteral("<message id='%1' from='a@b.c/r'><body>Сообщение %1 ✓ 🎉 "
                                     "&quot;q&apos; %2</body></message>")
                          .arg(i)
                          .arg(QString(i * 7, u'ü'))
                          .toUtf8();
        }
        stream += "</stream:stream>";
        const QStringList whole = describe(parseAll(stream));
        QCOMPARE(whole.size(), 37);
        QCOMPARE(describe(parseAll(stream, chunk)), whole);
    }

    void mutatedStreamsSplitEquivalently()
    {
        // Damaged streams must give the same events however they are split: corrupt bytes of a
        // realistic stream (structural characters, invalid UTF-8) and compare three splits.
        QRandomGenerator rng(7);
        const QByteArray base = realisticStream();
        const char interesting[] = "<>&;'\"/!?-[]= x\xC3\xA9\xE2\x82\xF0\x80\xFF";
        for (int round = 0; round < 300; ++round) {
            QByteArray bytes = base;
            const int mutations = 1 + int(rng.bounded(3));
            for (int m = 0; m < mutations; ++m) {
                const auto pos = qsizetype(rng.bounded(quint32(bytes.size())));
                bytes[pos] = interesting[rng.bounded(quint32(sizeof(interesting) - 1))];
            }
            const QStringList whole = describe(parseAll(bytes));
            QCOMPARE(describe(parseAll(bytes, 1)), whole);
            XmlStreamParser parser;
            std::vector<ParseEvent> randomSplit;
            for (qsizetype pos = 0; pos < bytes.size();) {
                const qsizetype len = 1 + qsizetype(rng.bounded(50));
                for (ParseEvent &ev : parser.feed(
                         QByteArrayView(bytes).sliced(pos).first(qMin(len, bytes.size() - pos))))
                    randomSplit.push_back(std::move(ev));
                pos += len;
            }
            QCOMPARE(describe(randomSplit), whole);
        }
    }

    void splitEquivalenceOfErrors_data()
    {
        QTest::addColumn<QByteArray>("tail");
        QTest::addRow("comment") << QByteArray("<message><!-- x --></message>");
        QTest::addRow("bad utf8") << QByteArray("<message><body>a\xC3\x28</body></message>");
        QTest::addRow("malformed") << QByteArray("<message><body></message>");
        QTest::addRow("entity") << QByteArray("<message><body>&foo;</body></message>");
    }

    void splitEquivalenceOfErrors()
    {
        QFETCH(QByteArray, tail);
        const QByteArray stream = kHeader + "<presence/>" + tail + "<presence/>";
        const QStringList whole = describe(parseAll(stream));
        QCOMPARE(whole.size(), 3);
        QVERIFY(whole.last().startsWith(u"error "));
        QCOMPARE(describe(parseAll(stream, 1)), whole);
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<StreamErrorCondition>("condition");
        QTest::addColumn<int>("stanzasBefore");
        using C = StreamErrorCondition;
        const QByteArray h = kHeader;
        QTest::addRow("doctype") << QByteArray("<?xml version='1.0'?><!DOCTYPE stream>") + h
                                 << C::RestrictedXml << -1;
        QTest::addRow("doctype in stream") << h + "<!DOCTYPE x>" << C::RestrictedXml << 0;
        QTest::addRow("entity declaration")
            << QByteArray("<!ENTITY x 'y'>") + h << C::RestrictedXml << -1;
        QTest::addRow("billion laughs")
            << QByteArray("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                          "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]>"
                          "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"
                          "<message><body>&lol2;</body></message>")
            << C::RestrictedXml << -1;
        QTest::addRow("undeclared entity")
            << h + "<message><body>&lol;</body></message>" << C::RestrictedXml << 0;
        QTest::addRow("entity in attribute")
            << h + "<message to='&lol;'/>" << C::RestrictedXml << 0;
        QTest::addRow("processing instruction")
            << h + "<presence/><?php echo 1; ?>" << C::RestrictedXml << 1;
        QTest::addRow("xml declaration late")
            << QByteArray(" <?xml version='1.0'?>") + h << C::RestrictedXml << -1;
        QTest::addRow("xml-stylesheet")
            << QByteArray("<?xml-stylesheet href='x'?>") + h << C::RestrictedXml << -1;
        QTest::addRow("comment") << h + "<message><!-- hi --></message>" << C::RestrictedXml << 0;
        QTest::addRow("comment between stanzas")
            << h + "<presence/><!---->" << C::RestrictedXml << 1;
        QTest::addRow("invalid utf8 lone continuation")
            << h + "<message><body>\x80</body></message>" << C::UnsupportedEncoding << 0;
        QTest::addRow("invalid utf8 truncated")
            << h + "<message><body>\xE6\x97</body></message>" << C::UnsupportedEncoding << 0;
        QTest::addRow("overlong slash")
            << h + "<message><body>\xC0\xAF</body></message>" << C::UnsupportedEncoding << 0;
        QTest::addRow("overlong 3 byte")
            << h + "<message><body>\xE0\x80\xAF</body></message>" << C::UnsupportedEncoding << 0;
        QTest::addRow("overlong 4 byte") << h + "<message><body>\xF0\x80\x80\xAF</body></message>"
                                         << C::UnsupportedEncoding << 0;
        QTest::addRow("surrogate")
            << h + "<message><body>\xED\xA0\x80</body></message>" << C::UnsupportedEncoding << 0;
        QTest::addRow("above U+10FFFF") << h + "<message><body>\xF4\x90\x80\x80</body></message>"
                                        << C::UnsupportedEncoding << 0;
        QTest::addRow("F5 lead") << h + "<a>\xF5\x80\x80\x80</a>" << C::UnsupportedEncoding << 0;
        QTest::addRow("invalid utf8 in attribute")
            << h + "<message to='\xFF'/>" << C::UnsupportedEncoding << 0;
        QTest::addRow("latin1 declared")
            << QByteArray("<?xml version='1.0' encoding='ISO-8859-1'?>") + h.mid(21)
            << C::UnsupportedEncoding << -1;
        QTest::addRow("wrong stream namespace")
            << QByteArray("<stream:stream xmlns:stream='urn:wrong'>") << C::InvalidNamespace << -1;
        QTest::addRow("wrong root name")
            << QByteArray("<stream:strom xmlns:stream='http://etherx.jabber.org/streams'>")
            << C::InvalidNamespace << -1;
        QTest::addRow("no namespace") << QByteArray("<stream>") << C::InvalidNamespace << -1;
        QTest::addRow("garbage") << QByteArray("HTTP/1.1 400 Bad Request\r\n\r\n")
                                 << C::NotWellFormed << -1;
        QTest::addRow("garbage in stream") << h + "<presence/><<>>" << C::NotWellFormed << 1;
        QTest::addRow("mismatched tags")
            << h + "<message><body></message>" << C::NotWellFormed << 0;
        QTest::addRow("undeclared prefix") << h + "<foo:bar/>" << C::NotWellFormed << 0;
        QTest::addRow("duplicate attribute")
            << h + "<message to='a' to='b'/>" << C::NotWellFormed << 0;
        QTest::addRow("control character")
            << h + "<message><body>\x01</body></message>" << C::NotWellFormed << 0;
        // XML 1.0 §2.2 and §2.4, refused by the scanner so that every split agrees (the reader
        // alone refused "]]>" only within one read, and dropped a NUL after ']' in one read).
        QTest::addRow("]]> in text")
            << h + "<presence/><message><body>a]]>b</body></message>" << C::NotWellFormed << 1;
        QTest::addRow("]]]> in text")
            << h + "<message><body>]]]></body></message>" << C::NotWellFormed << 0;
        QTest::addRow("NUL after ]")
            << h + QByteArray("<message><body>a]\0b</body></message>", 36) << C::NotWellFormed << 0;
        QTest::addRow("NUL in attribute")
            << h + QByteArray("<message id='a\0'/>", 18) << C::NotWellFormed << 0;
        QTest::addRow("control character in CDATA")
            << h + "<message><body><![CDATA[\x1B]]></body></message>" << C::NotWellFormed << 0;
        QTest::addRow("control character in a tag")
            << h + "<message\x0C/>" << C::NotWellFormed << 0;
        QTest::addRow("noncharacter U+FFFE")
            << h + "<message><body>\xEF\xBF\xBE</body></message>" << C::NotWellFormed << 0;
        QTest::addRow("text between stanzas")
            << h + "<presence/>hello<presence/>" << C::BadFormat << 1;

        QByteArray deep = h;
        for (int i = 0; i < 10000; ++i)
            deep += "<a>";
        QTest::addRow("10000 deep") << deep << C::PolicyViolation << 0;

        QByteArray attrs = h + "<message";
        for (int i = 0; i < 65; ++i)
            attrs += " a" + QByteArray::number(i) + "='x'";
        attrs += "/>";
        QTest::addRow("65 attributes") << attrs << C::PolicyViolation << 0;

        QByteArray ns = h + "<message";
        for (int i = 0; i < 65; ++i)
            ns += " xmlns:p" + QByteArray::number(i) + "='urn:x'";
        ns += "/>";
        QTest::addRow("65 namespace declarations") << ns << C::PolicyViolation << 0;

        QTest::addRow("2 MB body") << h + "<presence/><message><body>" +
                                          QByteArray(2 * 1024 * 1024, 'x') + "</body></message>"
                                   << C::PolicyViolation << 1;
        QTest::addRow("endless start tag")
            << h + "<message" + QByteArray(2 * 1024 * 1024, ' ') << C::PolicyViolation << 0;
        QTest::addRow("huge attribute")
            << h + "<message to='" + QByteArray(2 * 1024 * 1024, 'a') << C::PolicyViolation << 0;
        // Refused at its first byte now, long before any limit: text between stanzas is never
        // buffered.
        QTest::addRow("huge text between stanzas")
            << h + QByteArray(2 * 1024 * 1024, 'z') << C::BadFormat << 0;
        QTest::addRow("huge stream header")
            << QByteArray("<stream:stream from='") + QByteArray(2 * 1024 * 1024, 'f')
            << C::PolicyViolation << -1;
    }

    void hostile()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(StreamErrorCondition, condition);
        QFETCH(int, stanzasBefore);
        for (qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(4096)}) {
            if (chunk == 1 && bytes.size() > 100000)
                chunk = 3; // still splits every multi-byte token, but keeps the run short
            XmlStreamParser parser;
            const auto events = feedAll(parser, bytes, chunk);
            QCOMPARE(lastError(events), condition);
            QVERIFY(parser.hasFailed());
            // -1: the error comes before the stream is even open.
            const size_t expected = stanzasBefore < 0 ? 0 : size_t(stanzasBefore) + 1;
            QCOMPARE(events.size() - 1, expected);
            for (size_t i = 1; i < expected; ++i)
                QCOMPARE(events[i].kind, Kind::Stanza);
            // After the error the parser ignores further input, even valid input.
            QVERIFY(parser.feed("<presence/>").empty());
            QVERIFY(parser.feed(realisticStream()).empty());
        }
    }

    void invalidUtf8SplitAcrossChunks()
    {
        XmlStreamParser parser;
        auto events = parser.feed(kHeader + "<message><body>ok \xE2\x82");
        QCOMPARE(events.size(), size_t(1));
        // The third byte of the euro sign arrives later and is not a continuation byte.
        events = parser.feed("A</body></message>");
        QCOMPARE(lastError(events), StreamErrorCondition::UnsupportedEncoding);

        // The same sequence completed correctly is fine.
        XmlStreamParser good;
        QCOMPARE(good.feed(kHeader + "<message><body>ok \xE2\x82").size(), size_t(1));
        events = good.feed("\xAC</body></message>");
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0].stanza.childText(u"body"), QStringLiteral("ok €"));
    }

    void limitsAreConfigurable()
    {
        ParserLimits limits;
        limits.maxDepth = 2;
        limits.maxAttributes = 2;    // the header below has two
        limits.maxStanzaBytes = 100; // also bounds the stream header
        const QByteArray h =
            "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
        QCOMPARE(parseAll(h + "<a x='1' y='2'><b/></a>", 0, limits).size(), size_t(2));
        // <c/> is nested three levels below the stream.
        QCOMPARE(lastError(parseAll(h + "<a><b><c/></b></a>", 0, limits)),
                 StreamErrorCondition::PolicyViolation);
        QCOMPARE(lastError(parseAll(h + "<a x='1' y='2' z='3'/>", 0, limits)),
                 StreamErrorCondition::PolicyViolation);
        // Exactly at the size limit is accepted; one byte more is not.
        const QByteArray exact = "<a>" + QByteArray(100 - 7, 'x') + "</a>";
        QCOMPARE(exact.size(), 100);
        QCOMPARE(describe(parseAll(h + exact + exact, 1, limits)).size(), 3);
        const QByteArray over = "<a>" + QByteArray(100 - 6, 'x') + "</a>";
        QCOMPARE(lastError(parseAll(h + over, 1, limits)), StreamErrorCondition::PolicyViolation);
        // Whitespace keep-alives between stanzas do not count towards any stanza.
        QCOMPARE(parseAll(h + exact + QByteArray(1000, ' ') + exact, 0, limits).size(), size_t(3));
    }

    void whitespaceKeepAlives()
    {
        XmlStreamParser parser;
        QCOMPARE(parser.feed(kHeader).size(), size_t(1));
        for (int i = 0; i < 5000; ++i)
            QVERIFY(parser.feed(" ").empty());
        const auto events = parser.feed("<presence/>");
        QCOMPARE(events.size(), size_t(1));
        QVERIFY(events[0].stanza.is(u"presence", ns::Client));
    }

    void streamErrorStanza()
    {
        const auto events = parseAll(
            kHeader + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                      "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>no</text></stream:error>"
                      "</stream:stream>");
        QCOMPARE(events.size(), size_t(3));
        QVERIFY(events[1].stanza.is(u"error", ns::Stream));
        QVERIFY(events[1].stanza.hasChild(u"host-unknown", ns::Streams));
        QCOMPARE(events[2].kind, Kind::StreamClosed);
    }

    void inputAfterCloseIsIgnored()
    {
        XmlStreamParser parser;
        const auto events = parser.feed(kHeader + "</stream:stream><presence/>");
        QCOMPARE(describe(events).size(), 2);
        QCOMPARE(events[1].kind, Kind::StreamClosed);
        QVERIFY(parser.feed("<presence/>").empty());
        QVERIFY(!parser.hasFailed());
    }

    void resetStartsNewStream()
    {
        XmlStreamParser parser;
        auto events = parser.feed(kHeader + "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        QCOMPARE(events.size(), size_t(2));
        parser.reset();
        // A new stream with its own XML declaration (RFC 6120 §5.4.3.3).
        events = parser.feed(kHeader + "<presence/>");
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(events[0].kind, Kind::StreamOpened);

        // Reset also recovers from an error.
        QCOMPARE(lastError(parser.feed("<!-- -->")), StreamErrorCondition::RestrictedXml);
        QVERIFY(parser.hasFailed());
        parser.reset();
        QVERIFY(!parser.hasFailed());
        events = parser.feed(kHeader + "<iq type='get' id='1'/>");
        QCOMPARE(events.size(), size_t(2));
        QVERIFY(events[1].stanza.is(u"iq", ns::Client));
    }

    void selfClosingStream()
    {
        const auto events =
            parseAll("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'/>");
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(events[0].kind, Kind::StreamOpened);
        QCOMPARE(events[1].kind, Kind::StreamClosed);
    }

    void parseElement()
    {
        Element e = XmlStreamParser::parseElement(
            "<?xml version='1.0'?>\n<query xmlns='jabber:iq:roster'><item jid='a@b'/></query>");
        QVERIFY(e.is(u"query", ns::Roster));
        QCOMPARE(e.firstChild(u"item").attribute(u"jid"), QStringLiteral("a@b"));
        QVERIFY(XmlStreamParser::parseElement("  <a/>\n").is(u"a", u""));

        QVERIFY(XmlStreamParser::parseElement("").isNull());
        QVERIFY(XmlStreamParser::parseElement("<a>").isNull());
        QVERIFY(XmlStreamParser::parseElement("<a/><b/>").isNull());
        QVERIFY(XmlStreamParser::parseElement("text").isNull());
        QVERIFY(XmlStreamParser::parseElement("<a/>trailing").isNull());
        QVERIFY(XmlStreamParser::parseElement("<a><!-- c --></a>").isNull());
        QVERIFY(XmlStreamParser::parseElement("<a>&x;</a>").isNull());
        QVERIFY(XmlStreamParser::parseElement("<a>\xC0\x80</a>").isNull());
        QVERIFY(XmlStreamParser::parseElement("<a/></stream:stream>").isNull());
        QVERIFY(XmlStreamParser::parseElement("<!DOCTYPE a><a/>").isNull());
        QVERIFY(XmlStreamParser::parseElement("<?xml version='1.0'").isNull());
    }
};

QTEST_GUILESS_MAIN(TestXmlStreamParser)
#include "tst_xmlstreamparser.moc"
