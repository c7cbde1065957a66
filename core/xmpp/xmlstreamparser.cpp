// SPDX-License-Identifier: GPL-3.0-or-later
#include "xmlstreamparser.h"

#include "namespaces.h"
#include "xmlwriter.h"

#include <QXmlStreamReader>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace parla::xmpp {

namespace {

/// Shares one QString per element name, attribute name and namespace URI across the thousands of
/// stanzas of a login burst instead of allocating each. Direct-mapped and of fixed size, so a
/// hostile peer inventing names cannot make it grow; long strings are never cached.
class StringInterner
{
public:
    QString intern(QStringView s)
    {
        if (s.size() > kMaxCachedLength)
            return s.toString();
        QString &slot = m_slots[qHash(s) & (kSlots - 1)];
        if (QStringView(slot) != s)
            slot = s.toString();
        return slot;
    }
    /// An element or attribute local name: interned like intern(), and std::nullopt unless it is
    /// an NCName. QXmlStreamReader lets through names such as "a~b", which the writer could not
    /// write back; refusing them here keeps "what is parsed serialises to itself". Names are
    /// kept in their own table, so a cached one was already checked.
    std::optional<QString> internName(QStringView s)
    {
        if (s.size() > kMaxCachedLength)
            return xmlwriter::isNcName(s) ? std::optional(s.toString()) : std::nullopt;
        QString &slot = m_names[qHash(s) & (kSlots - 1)];
        if (QStringView(slot) != s) {
            if (!xmlwriter::isNcName(s))
                return std::nullopt;
            slot = s.toString();
        }
        return slot;
    }

private:
    static constexpr size_t kSlots = 512;
    static constexpr qsizetype kMaxCachedLength = 64;
    std::array<QString, kSlots> m_slots;
    std::array<QString, kSlots> m_names;
};

ParseEvent makeEvent(ParseEvent::Kind kind)
{
    ParseEvent ev;
    ev.kind = kind;
    return ev;
}

struct ScanError
{
    StreamErrorCondition condition;
    const char *text;
};

/// A byte-level pre-scanner that runs before QXmlStreamReader sees any byte.
///
/// It exists because QXmlStreamReader alone cannot enforce what RFC 6120 §11 asks: it silently
/// replaces invalid UTF-8 (§11.6 demands unsupported-encoding), it buffers an unterminated token
/// of any size (a hostile peer could send an endless start tag), it checks duplicate attributes
/// in quadratic time, and it would accept DTDs, comments and processing instructions (§11.1).
/// The scanner tracks just enough lexical state (tags, quoted values, CDATA, entity references,
/// nesting depth) to find the exact byte where the stream must be refused; everything before that
/// byte is handed to the reader, so the events are the same however the input is split.
/// Whitespace between top-level stanzas (keep-alives, RFC 6120 §4.6.1) is dropped here so that
/// it never accumulates in the reader.
class ByteScanner
{
public:
    explicit ByteScanner(const ParserLimits &limits) : m_limits(limits) {}

    struct Result
    {
        std::optional<ScanError> error; ///< the byte after the forwarded ones is refused
        bool closed = false;            ///< </stream:stream> was the last forwarded byte
    };

    /// Appends to `out` the bytes of `in` the XML reader should parse.
    Result scan(QByteArrayView in, QByteArray &out);

private:
    enum class State : quint8
    {
        Content,
        Lt,
        StartTag,
        AttrValue,
        EndTag,
        PiTarget,
        XmlDecl,
        XmlDeclQuestion,
        Bang,
        CData,
        Entity,
    };

    static bool isNameByte(uchar c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80;
    }
    /// XML 1.0 §2.2: of the C0 controls only tab, newline and carriage return are characters;
    /// any other is refused here, in every state, so that no split of the input can make the
    /// reader see it differently (QXmlStreamReader dropped a NUL in one read and refused it in
    /// two).
    static bool isForbiddenControl(uchar c)
    {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }
    /// Bytes inside a start tag that need no attention: name characters and spaces.
    static bool isPlainTagByte(uchar c)
    {
        return c >= 0x20 && c < 0x80 && c != '"' && c != '\'' && c != '=' && c != '>' && c != '/';
    }
    /// Character data bytes that need no attention. ']' and '>' are looked at because "]]>" may
    /// not appear in content (XML 1.0 §2.4), which the reader only noticed within one read.
    static bool isPlainTextByte(uchar c)
    {
        return c >= 0x20 && c < 0x80 && c != '<' && c != '&' && c != ']' && c != '>';
    }
    bool entityIsPredefined() const;

    ParserLimits m_limits;
    State m_state = State::Content;
    State m_entityReturn = State::Content;
    // UTF-8 decoder state: continuation bytes still expected and the range of the next one.
    int m_utf8Need = 0;
    uchar m_utf8Lo = 0x80;
    uchar m_utf8Hi = 0xBF;
    uchar m_quote = 0;
    bool m_slashPending = false;
    bool m_entityFirst = false;
    bool m_ltAtStart = false;
    int m_attributes = 0;
    int m_depth = 0;
    int m_match = 0;
    int m_brackets = 0;             ///< ']' just seen in CDATA or in character data
    std::array<char, 4> m_entity{}; ///< long enough for the predefined names
    int m_entityLength = 0;         ///< saturates at m_entity.size() + 1 ("longer")
    qsizetype m_unitBytes = 0;      ///< bytes of the current stanza (or stream header)
    qint64 m_offset = 0;            ///< bytes scanned since reset
};

bool ByteScanner::entityIsPredefined() const
{
    // XML 1.0 §4.6 predefined entities; RFC 6120 §11.1 forbids every other entity reference.
    if (m_entityLength > int(m_entity.size()))
        return false;
    const std::string_view name(m_entity.data(), size_t(m_entityLength));
    return name == "lt" || name == "gt" || name == "amp" || name == "apos" || name == "quot";
}

ByteScanner::Result ByteScanner::scan(QByteArrayView in, QByteArray &out)
{
    const auto *data = reinterpret_cast<const uchar *>(in.data());
    const qsizetype n = in.size();
    qsizetype runStart = 0;
    Result result;
    auto flush = [&](qsizetype end) {
        if (end > runStart)
            out.append(in.data() + runStart, end - runStart);
    };
    auto fail = [&](qsizetype at, StreamErrorCondition condition, const char *text) {
        flush(at);
        m_offset += at;
        result.error = ScanError{condition, text};
        return result;
    };

    for (qsizetype i = 0; i < n; ++i) {
        // Fast path: runs of plain ASCII that cannot change the lexical state (text, attribute
        // values, names) are only counted. This is most of a stanza's bytes.
        if (m_utf8Need == 0) {
            qsizetype j = i;
            if (m_state == State::Content && m_depth != 1) {
                while (j < n && isPlainTextByte(data[j]))
                    ++j;
                if (j > i)
                    m_brackets = 0;
            } else if (m_state == State::AttrValue) {
                while (j < n && data[j] >= 0x20 && data[j] < 0x80 && data[j] != m_quote &&
                       data[j] != '&')
                    ++j;
            } else if (m_state == State::StartTag) {
                while (j < n && isPlainTagByte(data[j]))
                    ++j;
                if (j > i)
                    m_slashPending = false;
            }
            if (j > i) {
                if (m_unitBytes + (j - i) > m_limits.maxStanzaBytes)
                    return fail(i + (m_limits.maxStanzaBytes - m_unitBytes),
                                StreamErrorCondition::PolicyViolation, "stanza too large");
                m_unitBytes += j - i;
                i = j;
                if (i == n)
                    break;
            }
        }
        const uchar c = data[i];
        if (isForbiddenControl(c))
            return fail(i, StreamErrorCondition::NotWellFormed, "control character");
        if (m_utf8Need > 0) {
            if (c < m_utf8Lo || c > m_utf8Hi)
                return fail(i, StreamErrorCondition::UnsupportedEncoding, "invalid UTF-8");
            --m_utf8Need;
            m_utf8Lo = 0x80;
            m_utf8Hi = 0xBF;
            if (++m_unitBytes > m_limits.maxStanzaBytes)
                return fail(i, StreamErrorCondition::PolicyViolation, "stanza too large");
            continue; // a continuation byte never changes the lexical state
        }
        if (c >= 0x80) {
            // RFC 3629 §4: no overlong forms (C0, C1, E0 80..9F, F0 80..8F), no surrogates
            // (ED A0..BF), nothing above U+10FFFF (F4 90.., F5..FF).
            if (c < 0xC2 || c > 0xF4)
                return fail(i, StreamErrorCondition::UnsupportedEncoding, "invalid UTF-8");
            if (c <= 0xDF) {
                m_utf8Need = 1;
            } else if (c <= 0xEF) {
                m_utf8Need = 2;
                if (c == 0xE0)
                    m_utf8Lo = 0xA0;
                else if (c == 0xED)
                    m_utf8Hi = 0x9F;
            } else {
                m_utf8Need = 3;
                if (c == 0xF0)
                    m_utf8Lo = 0x90;
                else if (c == 0xF4)
                    m_utf8Hi = 0x8F;
            }
        }

        bool stanzaDone = false;
    reprocess:
        switch (m_state) {
        case State::Content:
            if (m_depth == 1) {
                // Between stanzas only whitespace may appear (RFC 6120 §11.7 keep-alives); it is
                // dropped here. Anything else is refused at its first byte: the reader decided
                // differently depending on where a read ended (it saw "]]>" in "]] ]>" once the
                // spaces were dropped, but only within one read).
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    flush(i);
                    runStart = i + 1;
                    continue;
                }
                if (c != '<')
                    return fail(i, StreamErrorCondition::BadFormat,
                                "character data between stanzas");
            }
            if (c == ']') {
                ++m_brackets;
                break;
            }
            if (c == '>' && m_brackets >= 2)
                return fail(i, StreamErrorCondition::NotWellFormed, "\"]]>\" in character data");
            m_brackets = 0;
            if (c == '<') {
                m_state = State::Lt;
                m_ltAtStart = m_offset + i == 0;
                if (m_depth == 1)
                    m_unitBytes = 0; // a new stanza starts here
            } else if (c == '&') {
                m_entityReturn = State::Content;
                m_state = State::Entity;
                m_entityFirst = true;
                m_entityLength = 0;
            }
            break;
        case State::Lt:
            if (c == '/') {
                m_state = State::EndTag;
            } else if (c == '?') {
                if (!m_ltAtStart)
                    return fail(i, StreamErrorCondition::RestrictedXml, "processing instruction");
                m_state = State::PiTarget;
                m_match = 0;
            } else if (c == '!') {
                m_state = State::Bang;
                m_match = 0;
            } else {
                if (m_depth > m_limits.maxDepth)
                    return fail(i, StreamErrorCondition::PolicyViolation, "nesting too deep");
                m_state = State::StartTag;
                m_slashPending = false;
                m_attributes = 0;
            }
            break;
        case State::StartTag:
            if (c == '"' || c == '\'') {
                m_quote = c;
                m_state = State::AttrValue;
            } else if (c == '=') {
                if (++m_attributes > m_limits.maxAttributes)
                    return fail(i, StreamErrorCondition::PolicyViolation, "too many attributes");
            } else if (c == '>') {
                m_state = State::Content;
                if (m_slashPending) {
                    stanzaDone = m_depth == 1;
                    if (m_depth == 0)
                        result.closed = true; // <stream:stream/>
                } else {
                    ++m_depth;
                    stanzaDone = m_depth == 1; // the stream header is complete
                }
            }
            m_slashPending = c == '/';
            break;
        case State::AttrValue:
            if (c == m_quote) {
                m_state = State::StartTag;
            } else if (c == '&') {
                m_entityReturn = State::AttrValue;
                m_state = State::Entity;
                m_entityFirst = true;
                m_entityLength = 0;
            }
            break;
        case State::EndTag:
            if (c == '>') {
                m_state = State::Content;
                if (m_depth > 0) {
                    --m_depth;
                    stanzaDone = m_depth == 1;
                    result.closed = m_depth == 0;
                }
            }
            break;
        case State::PiTarget:
            // Only the XML declaration, and only as the very first bytes (XML 1.0 §2.8).
            if (m_match < 3) {
                if (c != uchar("xml"[m_match]))
                    return fail(i, StreamErrorCondition::RestrictedXml, "processing instruction");
                ++m_match;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                m_state = State::XmlDecl;
            } else {
                return fail(i, StreamErrorCondition::RestrictedXml, "processing instruction");
            }
            break;
        case State::XmlDecl:
            if (c == '?')
                m_state = State::XmlDeclQuestion;
            break;
        case State::XmlDeclQuestion:
            if (c == '>')
                m_state = State::Content;
            else if (c != '?')
                m_state = State::XmlDecl;
            break;
        case State::Bang:
            // "<!" may only open a CDATA section; comments, DOCTYPE, ENTITY, ELEMENT, ATTLIST and
            // conditional sections are all restricted XML (RFC 6120 §11.1).
            if (c != uchar("[CDATA["[m_match])) {
                return fail(i, StreamErrorCondition::RestrictedXml,
                            m_match == 0 && c == '-' ? "comment" : "DTD or markup declaration");
            }
            if (++m_match == 7) {
                m_state = State::CData;
                m_brackets = 0;
            }
            break;
        case State::CData:
            if (c == ']') {
                ++m_brackets;
            } else {
                if (c == '>' && m_brackets >= 2)
                    m_state = State::Content;
                m_brackets = 0;
            }
            break;
        case State::Entity:
            if (m_entityFirst && c == '#') {
                m_state = m_entityReturn; // a character reference; the reader checks it
            } else if (c == ';' && !m_entityFirst) {
                if (!entityIsPredefined())
                    return fail(i, StreamErrorCondition::RestrictedXml, "entity reference");
                m_state = m_entityReturn;
            } else if (isNameByte(c)) {
                if (m_entityLength < int(m_entity.size()))
                    m_entity[size_t(m_entityLength)] = char(c);
                if (m_entityLength <= int(m_entity.size()))
                    ++m_entityLength;
                m_entityFirst = false;
            } else {
                // Not a reference at all: malformed, which the reader reports.
                m_state = m_entityReturn;
                goto reprocess;
            }
            break;
        }

        if (++m_unitBytes > m_limits.maxStanzaBytes)
            return fail(i, StreamErrorCondition::PolicyViolation, "stanza too large");
        if (stanzaDone)
            m_unitBytes = 0;
        if (result.closed) {
            flush(i + 1);
            m_offset += i + 1;
            return result;
        }
    }
    flush(n);
    m_offset += n;
    return result;
}

} // namespace

class XmlStreamParser::Private
{
public:
    explicit Private(const ParserLimits &l) : limits(l), scanner(l) {}

    void process(std::vector<ParseEvent> &events);
    void fail(std::vector<ParseEvent> &events, StreamErrorCondition condition, QString text);
    /// The element the reader just opened; std::nullopt when a name is not an NCName.
    std::optional<Element> startElement();

    ParserLimits limits;
    ByteScanner scanner;
    QXmlStreamReader reader;
    StringInterner strings;
    std::vector<Element> stack; ///< open elements of the current stanza
    QByteArray pending;         ///< reused buffer for the bytes handed to the reader
    int depth = 0;
    bool failed = false;
    bool closed = false;
};

void XmlStreamParser::Private::fail(std::vector<ParseEvent> &events, StreamErrorCondition condition,
                                    QString text)
{
    failed = true;
    stack.clear();
    reader.clear();
    ParseEvent ev = makeEvent(ParseEvent::Kind::Error);
    ev.error = condition;
    ev.errorText = std::move(text);
    events.push_back(std::move(ev));
}

std::optional<Element> XmlStreamParser::Private::startElement()
{
    std::vector<Element::Attribute> attributes;
    const QXmlStreamAttributes attrs = reader.attributes();
    attributes.reserve(size_t(attrs.size()));
    for (const QXmlStreamAttribute &a : attrs) {
        const std::optional<QString> local = strings.internName(a.name());
        if (!local)
            return std::nullopt;
        // xml:lang (RFC 6120 §4.7.4) and the other xml: attributes keep that prefix, which is
        // bound everywhere. Other namespaced attributes are rare in XMPP; they are kept with
        // their namespace, not with the peer's prefix, whose declaration is not kept: a
        // qualified name alone would be written back undeclared, which is not well-formed.
        const QStringView uri = a.namespaceUri();
        QString key = uri.isEmpty()             ? *local
                      : uri == ns::XmlNamespace ? strings.intern(QStringLiteral("xml:") + *local)
                                                : u'{' + uri.toString() + u'}' + *local;
        attributes.emplace_back(std::move(key), a.value().toString());
    }
    std::optional<QString> name = strings.internName(reader.name());
    if (!name)
        return std::nullopt;
    return detail::ElementAccess::create(std::move(*name), strings.intern(reader.namespaceUri()),
                                         std::move(attributes));
}

void XmlStreamParser::Private::process(std::vector<ParseEvent> &events)
{
    while (!failed && !closed) {
        switch (reader.readNext()) {
        case QXmlStreamReader::Invalid:
            if (reader.error() == QXmlStreamReader::PrematureEndOfDocumentError)
                return; // need more bytes
            fail(events, StreamErrorCondition::NotWellFormed, reader.errorString());
            return;
        case QXmlStreamReader::StartDocument: {
            // RFC 6120 §11.6: UTF-8 only.
            const QStringView encoding = reader.documentEncoding();
            if (!encoding.isEmpty() && encoding.compare(u"UTF-8", Qt::CaseInsensitive) != 0) {
                fail(events, StreamErrorCondition::UnsupportedEncoding,
                     QStringLiteral("encoding %1 declared").arg(encoding));
                return;
            }
            break;
        }
        case QXmlStreamReader::StartElement:
            ++depth;
            if (depth == 1) {
                // RFC 6120 §4.9.3.10: the root must be <stream> in the streams namespace.
                if (reader.name() != u"stream" || reader.namespaceUri() != ns::Stream) {
                    fail(events, StreamErrorCondition::InvalidNamespace,
                         QStringLiteral("the root element is not <stream:stream>"));
                    return;
                }
                ParseEvent ev = makeEvent(ParseEvent::Kind::StreamOpened);
                const QXmlStreamAttributes attrs = reader.attributes();
                ev.header.from =
                    attrs.value(QLatin1StringView(), QLatin1StringView("from")).toString();
                ev.header.to = attrs.value(QLatin1StringView(), QLatin1StringView("to")).toString();
                ev.header.id = attrs.value(QLatin1StringView(), QLatin1StringView("id")).toString();
                ev.header.version =
                    attrs.value(QLatin1StringView(), QLatin1StringView("version")).toString();
                ev.header.lang =
                    attrs
                        .value(QLatin1StringView("http://www.w3.org/XML/1998/namespace"),
                               QLatin1StringView("lang"))
                        .toString();
                for (const QXmlStreamNamespaceDeclaration &decl : reader.namespaceDeclarations()) {
                    if (decl.prefix().isEmpty())
                        ev.header.contentNamespace = decl.namespaceUri().toString();
                }
                events.push_back(std::move(ev));
            } else {
                std::optional<Element> element = startElement();
                if (!element) {
                    fail(events, StreamErrorCondition::NotWellFormed,
                         QStringLiteral("a name that is not an XML name"));
                    return;
                }
                stack.push_back(std::move(*element));
            }
            break;
        case QXmlStreamReader::EndElement:
            --depth;
            if (depth == 0) {
                closed = true;
                events.push_back(makeEvent(ParseEvent::Kind::StreamClosed));
                return;
            } else if (!stack.empty()) {
                Element done = std::move(stack.back());
                stack.pop_back();
                detail::ElementAccess::dropIndentation(done);
                if (stack.empty()) {
                    ParseEvent ev = makeEvent(ParseEvent::Kind::Stanza);
                    ev.stanza = std::move(done);
                    events.push_back(std::move(ev));
                } else {
                    detail::ElementAccess::appendChild(stack.back(), std::move(done));
                }
            }
            break;
        case QXmlStreamReader::Characters:
            if (!stack.empty()) {
                detail::ElementAccess::appendText(stack.back(), reader.text());
            } else if (depth == 1 && !reader.isWhitespace()) {
                fail(events, StreamErrorCondition::BadFormat,
                     QStringLiteral("character data between stanzas"));
                return;
            }
            break;
        case QXmlStreamReader::EndDocument:
            closed = true;
            return;
        case QXmlStreamReader::Comment:
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::EntityReference:
        case QXmlStreamReader::ProcessingInstruction:
            // The scanner refuses these before the reader sees them; kept as a second line.
            fail(events, StreamErrorCondition::RestrictedXml,
                 QStringLiteral("restricted XML (RFC 6120 section 11.1)"));
            return;
        case QXmlStreamReader::NoToken:
            break;
        }
    }
}

XmlStreamParser::XmlStreamParser(ParserLimits limits) : d(std::make_unique<Private>(limits)) {}

XmlStreamParser::~XmlStreamParser() = default;

std::vector<ParseEvent> XmlStreamParser::feed(QByteArrayView bytes)
{
    std::vector<ParseEvent> events;
    if (d->failed || d->closed || bytes.isEmpty())
        return events;
    d->pending.clear();
    const ByteScanner::Result scanned = d->scanner.scan(bytes, d->pending);
    if (!d->pending.isEmpty()) {
        d->reader.addData(d->pending);
        d->process(events);
    }
    if (!d->failed && scanned.error) {
        d->fail(events, scanned.error->condition, QString::fromLatin1(scanned.error->text));
    } else if (!d->failed && scanned.closed && !d->closed) {
        // The scanner saw the end of the stream but the reader did not agree.
        d->fail(events, StreamErrorCondition::NotWellFormed, QStringLiteral("unbalanced stream"));
    }
    return events;
}

void XmlStreamParser::reset()
{
    const ParserLimits limits = d->limits;
    d = std::make_unique<Private>(limits);
}

bool XmlStreamParser::hasFailed() const
{
    return d->failed;
}

Element XmlStreamParser::parseElement(QByteArrayView xml)
{
    static const QByteArray open =
        QByteArrayLiteral("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>");
    static const QByteArray close = QByteArrayLiteral("</stream:stream>");

    XmlStreamParser parser;
    std::vector<ParseEvent> events;
    auto append = [&](QByteArrayView bytes) {
        for (ParseEvent &ev : parser.feed(bytes))
            events.push_back(std::move(ev));
    };
    // An XML declaration is allowed only as the very first bytes, before our synthetic header.
    if (xml.startsWith("<?xml")) {
        const qsizetype end = xml.indexOf("?>");
        if (end < 0)
            return {};
        append(xml.first(end + 2));
        xml = xml.sliced(end + 2);
    }
    append(open);
    append(xml);
    // Exactly one element, not closing our synthetic stream itself.
    if (parser.hasFailed() || events.size() != 2 || events[1].kind != ParseEvent::Kind::Stanza)
        return {};
    append(close);
    if (events.size() != 3 || events[2].kind != ParseEvent::Kind::StreamClosed)
        return {};
    return std::move(events[1].stanza);
}

} // namespace parla::xmpp
