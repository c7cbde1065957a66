// SPDX-License-Identifier: GPL-3.0-or-later
#include "xmlwriter.h"

#include "element.h"
#include "namespaces.h"

#include <QVarLengthArray>
#include <QXmlStreamReader>

#include <algorithm>

namespace parla::xmpp::xmlwriter {

namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;
const QString kXmlnsNamespace = QStringLiteral("http://www.w3.org/2000/xmlns/");

/// XML 1.0 (Fifth Edition) §2.3 NameStartChar, without ':' (an NCName never has one).
constexpr bool isNameStartChar(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) ||
           (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) ||
           (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F) ||
           (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
           (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0xEFFFF);
}

/// XML 1.0 (Fifth Edition) §2.3 NameChar, without ':'.
constexpr bool isNameChar(char32_t c)
{
    return isNameStartChar(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

/// The code point at `i` (advancing past a surrogate pair); an unpaired surrogate is returned as
/// itself, which no XML production accepts.
char32_t codePointAt(QStringView s, qsizetype &i)
{
    const char16_t u = s[i].unicode();
    if (QChar::isHighSurrogate(u) && i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode()))
        return QChar::surrogateToUcs4(u, s[++i].unicode());
    return u;
}

void appendUtf8(QByteArray &out, char32_t c)
{
    if (c < 0x80) {
        out.append(char(c));
    } else if (c < 0x800) {
        out.append(char(0xC0 | (c >> 6)));
        out.append(char(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.append(char(0xE0 | (c >> 12)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    } else {
        out.append(char(0xF0 | (c >> 18)));
        out.append(char(0x80 | ((c >> 12) & 0x3F)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    }
}

enum class Context
{
    Text,      ///< character data: the parser keeps tab and newline, but turns CR into LF
    Attribute, ///< a "-quoted value: attribute normalisation turns tab, CR and LF into spaces
};

/// Appends `s` as character data or a "-quoted attribute value that parses back to exactly `s`
/// (minus what XML cannot carry, which becomes U+FFFD).
void appendEscaped(QByteArray &out, QStringView s, Context context)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char32_t c = codePointAt(s, i);
        switch (c) {
        case '&':
            out.append("&amp;");
            continue;
        case '<':
            out.append("&lt;");
            continue;
        case '>': // "]]>" may not appear in character data (XML 1.0 §2.4)
            out.append("&gt;");
            continue;
        case '\r':
            out.append("&#13;");
            continue;
        case '"':
            out.append(context == Context::Attribute ? "&quot;" : "\"");
            continue;
        case '\t':
            out.append(context == Context::Attribute ? "&#9;" : "\t");
            continue;
        case '\n':
            out.append(context == Context::Attribute ? "&#10;" : "\n");
            continue;
        default:
            break;
        }
        appendUtf8(out, isXmlChar(c) ? c : kReplacementCharacter);
    }
}

bool isWritable(QStringView s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (!isXmlChar(codePointAt(s, i)))
            return false;
    }
    return true;
}

/// Whether `a` and `b` are written alike: characters XML cannot carry all become U+FFFD, so two
/// namespaces that differ only there are one namespace to whoever reads the output.
bool sameWhenWritten(QStringView a, QStringView b)
{
    if (a == b)
        return true;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        char32_t x = codePointAt(a, i);
        char32_t y = codePointAt(b, j);
        if (!isXmlChar(x))
            x = kReplacementCharacter;
        if (!isXmlChar(y))
            y = kReplacementCharacter;
        if (x != y)
            return false;
        ++i;
        ++j;
    }
    return i == a.size() && j == b.size();
}

void appendAttribute(QByteArray &out, QStringView qualifiedName, QStringView value)
{
    out.append(' ');
    out.append(qualifiedName.toUtf8());
    out.append("=\"");
    appendEscaped(out, value, Context::Attribute);
    out.append('"');
}

/// An attribute as it will be written: its expanded name (for duplicate detection) and prefix.
struct WrittenAttribute
{
    QStringView namespaceUri; ///< empty for an attribute in no namespace
    QStringView localName;
    QStringView value;
};

/// Splits an attribute key into namespace and local name; false when it cannot be written.
bool splitKey(const QString &key, QStringView &namespaceUri, QStringView &localName)
{
    if (key.startsWith(u'{')) {
        // The last '}': a namespace URI may contain one, a local name may not.
        const qsizetype close = key.lastIndexOf(u'}');
        if (close <= 1)
            return false;
        namespaceUri = QStringView(key).sliced(1, close - 1);
        localName = QStringView(key).sliced(close + 1);
        // Declarations are written from the namespaces themselves. A URI with characters XML
        // cannot carry would be written altered, and could then equal another attribute's.
        if (namespaceUri == kXmlnsNamespace || !isWritable(namespaceUri))
            return false;
    } else if (key.startsWith(u"xml:")) {
        namespaceUri = ns::XmlNamespace;
        localName = QStringView(key).sliced(4);
    } else {
        if (key == u"xmlns")
            return false;
        namespaceUri = {};
        localName = key;
    }
    return isNcName(localName);
}

void writeElement(QByteArray &out, const Element &element, QStringView parentXmlns)
{
    const QString &name = element.name();
    out.append('<');
    out.append(name.toUtf8());
    // Compared as written: a child whose namespace reads back as its parent's must not declare it,
    // or the output of reading it back would differ from this output.
    if (!sameWhenWritten(element.xmlns(), parentXmlns)) {
        out.append(" xmlns=\"");
        appendEscaped(out, element.xmlns(), Context::Attribute);
        out.append('"');
    }

    QVarLengthArray<WrittenAttribute, 8> written;
    QVarLengthArray<QStringView, 2> prefixed; // namespace of prefix "ns<index>"
    for (const auto &[key, value] : element.attributes()) {
        WrittenAttribute a{{}, {}, value};
        if (!splitKey(key, a.namespaceUri, a.localName))
            continue;
        const bool duplicate = std::any_of(written.begin(), written.end(), [&](const auto &w) {
            return w.namespaceUri == a.namespaceUri && w.localName == a.localName;
        });
        if (duplicate)
            continue;
        written.append(a);
        if (!a.namespaceUri.isEmpty() && a.namespaceUri != ns::XmlNamespace &&
            !prefixed.contains(a.namespaceUri)) {
            out.append(" xmlns:ns");
            out.append(QByteArray::number(prefixed.size()));
            out.append("=\"");
            appendEscaped(out, a.namespaceUri, Context::Attribute);
            out.append('"');
            prefixed.append(a.namespaceUri);
        }
    }
    for (const WrittenAttribute &a : written) {
        if (a.namespaceUri.isEmpty()) {
            appendAttribute(out, a.localName, a.value);
        } else if (a.namespaceUri == ns::XmlNamespace) {
            appendAttribute(out, QStringLiteral("xml:%1").arg(a.localName), a.value);
        } else {
            const auto index = prefixed.indexOf(a.namespaceUri);
            appendAttribute(out, QStringLiteral("ns%1:%2").arg(index).arg(a.localName), a.value);
        }
    }

    const auto &children = element.children();
    const bool anyChild = std::any_of(children.begin(), children.end(),
                                      [](const Element &c) { return isWritableElement(c); });
    // Whitespace beside children is indentation to the parser (Element's rule): not written, so
    // that what is read back serialises to the same bytes.
    const QString &text = element.text();
    const bool writeText =
        !text.isEmpty() && !(anyChild && std::all_of(text.begin(), text.end(), [](QChar c) {
                                 return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
                             }));
    if (!writeText && !anyChild) {
        out.append("/>");
        return;
    }
    out.append('>');
    if (writeText)
        appendEscaped(out, text, Context::Text);
    for (const Element &child : children) {
        if (isWritableElement(child))
            writeElement(out, child, element.xmlns());
    }
    out.append("</");
    out.append(name.toUtf8());
    out.append('>');
}

} // namespace

bool isNcName(QStringView name)
{
    if (name.isEmpty())
        return false;
    bool ascii = true;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const bool first = i == 0;
        const char32_t c = codePointAt(name, i);
        if (first ? !isNameStartChar(c) : !isNameChar(c))
            return false;
        ascii = ascii && c < 0x80;
    }
    if (ascii)
        return true;
    // Beyond ASCII, QXmlStreamReader (like expat in the servers) still applies the older
    // XML 1.0 Fourth Edition tables, which refuse some names the Fifth Edition allows (U+3210,
    // say). A name is writable only if it also reads back; such names are rare enough in XMPP
    // that asking the reader itself is cheaper than carrying its tables.
    QXmlStreamReader reader(u'<' + name.toString() + QStringLiteral("/>"));
    while (!reader.atEnd() && !reader.hasError())
        reader.readNext();
    return !reader.hasError();
}

bool isWritableElement(const Element &element)
{
    // XML Namespaces §3: the xml and xmlns namespaces may not be a default namespace.
    return isNcName(element.name()) && element.xmlns() != ns::XmlNamespace &&
           element.xmlns() != kXmlnsNamespace;
}

QByteArray serialize(const Element &element, QStringView parentXmlns)
{
    QByteArray out;
    if (element.isNull() || !isWritableElement(element))
        return out;
    writeElement(out, element, parentXmlns);
    return out;
}

} // namespace parla::xmpp::xmlwriter
