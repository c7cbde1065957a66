// SPDX-License-Identifier: GPL-3.0-or-later
#include "element.h"

#include "xmlstreamparser.h"
#include "xmlwriter.h"

#include <algorithm>

namespace parla::xmpp {

class ElementData : public QSharedData
{
public:
    QString name;
    QString xmlns;
    QString text;
    std::vector<Element::Attribute> attributes;
    std::vector<Element> children;
};

namespace {
const QString &emptyString()
{
    static const QString empty;
    return empty;
}
const std::vector<Element> &emptyChildren()
{
    static const std::vector<Element> empty;
    return empty;
}
const std::vector<Element::Attribute> &emptyAttributes()
{
    static const std::vector<Element::Attribute> empty;
    return empty;
}
bool matches(const Element &e, QStringView name, QStringView xmlns)
{
    return e.name() == name && (xmlns.isEmpty() || e.xmlns() == xmlns);
}
} // namespace

Element::Element() = default;
Element::Element(const QString &name, const QString &xmlns) : d(new ElementData)
{
    d->name = name;
    d->xmlns = xmlns;
}
Element::Element(const Element &) = default;
Element::Element(Element &&) noexcept = default;
Element &Element::operator=(const Element &) = default;
Element &Element::operator=(Element &&) noexcept = default;
Element::~Element() = default;

bool Element::isNull() const
{
    return !d;
}
const QString &Element::name() const
{
    return d ? d->name : emptyString();
}
const QString &Element::xmlns() const
{
    return d ? d->xmlns : emptyString();
}
bool Element::is(QStringView name, QStringView xmlns) const
{
    return d && d->name == name && d->xmlns == xmlns;
}

const std::vector<Element::Attribute> &Element::attributes() const
{
    return d ? d->attributes : emptyAttributes();
}

QString Element::attribute(QStringView name) const
{
    if (!d)
        return {};
    for (const auto &[key, value] : d->attributes) {
        if (key == name)
            return value;
    }
    return {};
}

bool Element::hasAttribute(QStringView name) const
{
    return d && std::any_of(d->attributes.begin(), d->attributes.end(),
                            [&](const Attribute &a) { return a.first == name; });
}

Element &Element::setAttribute(const QString &name, const QString &value)
{
    if (!d)
        return *this;
    auto it = std::find_if(d->attributes.begin(), d->attributes.end(),
                           [&](const Attribute &a) { return a.first == name; });
    if (value.isEmpty()) {
        if (it != d->attributes.end())
            d->attributes.erase(it);
    } else if (it != d->attributes.end()) {
        it->second = value;
    } else {
        d->attributes.emplace_back(name, value);
    }
    return *this;
}

Element &Element::setEmptyAttribute(const QString &name)
{
    if (!d)
        return *this;
    setAttribute(name, {});
    d->attributes.emplace_back(name, QString());
    return *this;
}

const std::vector<Element> &Element::children() const
{
    return d ? d->children : emptyChildren();
}

Element Element::firstChild(QStringView name, QStringView xmlns) const
{
    for (const Element &child : children()) {
        if (matches(child, name, xmlns))
            return child;
    }
    return {};
}

std::vector<Element> Element::childrenNamed(QStringView name, QStringView xmlns) const
{
    std::vector<Element> out;
    for (const Element &child : children()) {
        if (matches(child, name, xmlns))
            out.push_back(child);
    }
    return out;
}

bool Element::hasChild(QStringView name, QStringView xmlns) const
{
    return !firstChild(name, xmlns).isNull();
}

Element &Element::appendChild(const Element &child)
{
    if (d && !child.isNull())
        d->children.push_back(child);
    return *this;
}

Element &Element::appendTextChild(const QString &name, const QString &text, const QString &xmlns)
{
    Element child(name, xmlns.isEmpty() ? this->xmlns() : xmlns);
    child.setText(text);
    return appendChild(child);
}

void Element::removeChildren(QStringView name, QStringView xmlns)
{
    if (!d)
        return;
    auto &c = d->children;
    c.erase(std::remove_if(c.begin(), c.end(),
                           [&](const Element &e) { return matches(e, name, xmlns); }),
            c.end());
}

const QString &Element::text() const
{
    return d ? d->text : emptyString();
}

Element &Element::setText(const QString &text)
{
    if (d)
        d->text = text;
    return *this;
}

QString Element::childText(QStringView name, QStringView xmlns) const
{
    return firstChild(name, xmlns).text();
}

QByteArray Element::toXml(const QString &parentXmlns) const
{
    return xmlwriter::serialize(*this, parentXmlns);
}

bool Element::operator==(const Element &other) const
{
    if (d == other.d)
        return true;
    if (!d || !other.d)
        return false;
    if (d->name != other.d->name || d->xmlns != other.d->xmlns || d->text != other.d->text ||
        d->attributes.size() != other.d->attributes.size() || d->children != other.d->children)
        return false;
    return std::all_of(d->attributes.begin(), d->attributes.end(), [&](const Attribute &a) {
        return other.hasAttribute(a.first) && other.attribute(a.first) == a.second;
    });
}

Element Element::fromXml(QByteArrayView xml)
{
    return XmlStreamParser::parseElement(xml);
}

namespace detail {

Element ElementAccess::create(QString name, QString xmlns,
                              std::vector<std::pair<QString, QString>> attributes)
{
    Element e;
    e.d = new ElementData;
    e.d->name = std::move(name);
    e.d->xmlns = std::move(xmlns);
    e.d->attributes = std::move(attributes);
    return e;
}

void ElementAccess::appendText(Element &element, QStringView text)
{
    if (element.d)
        element.d->text.append(text);
}

void ElementAccess::appendChild(Element &parent, Element &&child)
{
    if (parent.d && child.d)
        parent.d->children.push_back(std::move(child));
}

void ElementAccess::dropIndentation(Element &element)
{
    if (!element.d || element.d->children.empty() || element.d->text.isEmpty())
        return;
    const QString &t = std::as_const(element).d->text;
    if (std::all_of(t.begin(), t.end(),
                    [](QChar c) { return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r'; }))
        element.d->text.clear();
}

} // namespace detail

} // namespace parla::xmpp
