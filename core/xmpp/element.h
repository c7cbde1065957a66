// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QSharedDataPointer>
#include <QString>
#include <QStringView>

#include <utility>
#include <vector>

namespace parla::xmpp {

class ElementData;
class Element;

namespace detail {
/// Internal to core/xmpp: lets XmlStreamParser build elements in place (moving strings and
/// children instead of copying them, and keeping empty attribute values, which the public
/// setAttribute() treats as "remove"). Not for use elsewhere.
struct ElementAccess
{
    static Element create(QString name, QString xmlns,
                          std::vector<std::pair<QString, QString>> attributes);
    static void appendText(Element &element, QStringView text);
    static void appendChild(Element &parent, Element &&child);
    /// Drops whitespace-only text of an element that has children (indentation, not content).
    static void dropIndentation(Element &element);
};
} // namespace detail

/// A small XML DOM node: what a stanza is once parsed. Copies are cheap (implicitly shared).
///
/// Only element children and the concatenated character data of an element are kept: XMPP
/// payloads never depend on mixed content (XHTML-IM is ignored by design); when parsing,
/// whitespace-only text of an element that has children is indentation and is dropped. A
/// default-constructed Element is "null"; look-ups that find nothing return a null Element so that
/// chains like `iq.firstChild("query", ns::Roster).attribute("ver")` are total.
class Element
{
public:
    /// An attribute: its name and value. A name is an NCName, `xml:` + NCName, or, for other
    /// namespaced attributes, `{namespace}` + local name (Clark notation), as the parser keeps
    /// them; the prefix a peer used is not kept.
    using Attribute = std::pair<QString, QString>;

    Element();
    explicit Element(const QString &name, const QString &xmlns = {});
    Element(const Element &);
    Element(Element &&) noexcept;
    Element &operator=(const Element &);
    Element &operator=(Element &&) noexcept;
    ~Element();

    bool isNull() const;
    explicit operator bool() const { return !isNull(); }

    const QString &name() const;
    const QString &xmlns() const;
    bool is(QStringView name, QStringView xmlns) const;

    const std::vector<Attribute> &attributes() const;
    QString attribute(QStringView name) const;
    bool hasAttribute(QStringView name) const;
    /// Sets (or replaces) an attribute; an empty value removes it.
    Element &setAttribute(const QString &name, const QString &value);
    /// Sets an attribute even when the value is empty (e.g. roster ver='', RFC 6121 §2.6.2).
    Element &setEmptyAttribute(const QString &name);

    const std::vector<Element> &children() const;
    /// First child with that name (and namespace, unless empty); a null Element if none.
    Element firstChild(QStringView name, QStringView xmlns = {}) const;
    std::vector<Element> childrenNamed(QStringView name, QStringView xmlns = {}) const;
    bool hasChild(QStringView name, QStringView xmlns = {}) const;
    Element &appendChild(const Element &child);
    /// Convenience: appends <name xmlns=?>text</name> and returns *this.
    Element &appendTextChild(const QString &name, const QString &text, const QString &xmlns = {});
    void removeChildren(QStringView name, QStringView xmlns = {});

    const QString &text() const;
    Element &setText(const QString &text);
    /// Text of the first matching child (empty if none).
    QString childText(QStringView name, QStringView xmlns = {}) const;

    /// Serialises the element (xmlwriter::serialize: always escaped and well-formed, whatever
    /// the element holds). A namespace is declared wherever it differs from the parent's (or
    /// from `parentXmlns` at the top), so stanzas written inside a jabber:client stream carry no
    /// redundant xmlns. Empty when the element's own name is not an NCName.
    QByteArray toXml(const QString &parentXmlns = {}) const;

    /// Structural equality (names, namespaces, attributes in any order, text, children in order).
    bool operator==(const Element &other) const;

    /// Parses one standalone XML element (for tests and stored XML); null on any error.
    static Element fromXml(QByteArrayView xml);

private:
    friend struct detail::ElementAccess;
    QSharedDataPointer<ElementData> d;
};

} // namespace parla::xmpp
