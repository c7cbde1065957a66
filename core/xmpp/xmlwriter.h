// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace parla::xmpp {

class Element;

/// The one place where Parla turns an Element into bytes for the wire or for storage.
///
/// Whatever the Element holds (values copied from a hostile peer, text a user typed), the output
/// is well-formed XML 1.0 that parses back to the same Element, and nothing in a value can close
/// the element it belongs to:
/// - text, attribute values and namespace URIs are always escaped (`&`, `<`, `>`, and `"` and
///   the whitespace characters XML attribute normalisation would change, as character
///   references), never written verbatim. Qt 6.4's QXmlStreamWriter writes a namespace URI
///   verbatim, which let a peer inject stanzas through an echoed `xmlns`;
/// - characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and carriage
///   return, U+FFFE, U+FFFF, unpaired surrogates) become U+FFFD;
/// - an element whose name is not an NCName (or whose namespace is the xml or xmlns namespace)
///   is left out with everything inside it; an attribute
///   whose name is not an NCName, `xml:`NCName or `{namespace}`NCName, a namespace declaration
///   among the attributes, or a second attribute of the same name is left out;
/// - a namespaced attribute, kept by the parser as `{namespace}local` (Clark notation), is
///   written with a prefix declared on the same element.
namespace xmlwriter {

/// Serialises `element` (UTF-8, double-quoted attributes, empty elements self-closed). A
/// namespace is declared wherever it differs from the parent's, or from `parentXmlns` at the top.
/// Returns an empty array when the top element itself cannot be written (its name is not an
/// NCName).
QByteArray serialize(const Element &element, QStringView parentXmlns);

/// XML Namespaces §3 NCName over XML 1.0 (Fifth Edition) §2.3 name characters, and, beyond
/// ASCII, also one that QXmlStreamReader reads (it applies the Fourth Edition's tables).
bool isNcName(QStringView name);

/// Whether the writer writes `element` at all: an NCName in a namespace that may be a default
/// namespace (not the xml or xmlns namespace, XML Namespaces §3).
bool isWritableElement(const Element &element);

/// XML 1.0 §2.2 Char: whether the code point may appear in a document at all.
constexpr bool isXmlChar(char32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

} // namespace xmlwriter
} // namespace parla::xmpp
