// SPDX-License-Identifier: GPL-3.0-or-later
#include "stanzaerror.h"

#include "namespaces.h"

#include <QCoreApplication>

namespace parla::xmpp {

namespace {
struct TypeName
{
    StanzaError::Type type;
    const char16_t *name;
};
constexpr TypeName kTypes[] = {{StanzaError::Type::Auth, u"auth"},
                               {StanzaError::Type::Cancel, u"cancel"},
                               {StanzaError::Type::Continue, u"continue"},
                               {StanzaError::Type::Modify, u"modify"},
                               {StanzaError::Type::Wait, u"wait"}};
} // namespace

std::optional<StanzaError> StanzaError::fromElement(const Element &error)
{
    if (error.isNull() || error.name() != u"error")
        return std::nullopt;
    StanzaError e;
    const QString type = error.attribute(u"type");
    e.type = Type::Cancel;
    for (const auto &t : kTypes) {
        if (type == QStringView(t.name))
            e.type = t.type;
    }
    e.by = error.attribute(u"by");
    for (const Element &child : error.children()) {
        if (child.xmlns() != ns::Stanzas)
            continue;
        if (child.name() == u"text")
            e.text = child.text();
        else
            e.condition = child.name();
    }
    return e;
}

std::optional<StanzaError> StanzaError::fromStanza(const Element &stanza)
{
    if (stanza.attribute(u"type") != u"error")
        return std::nullopt;
    auto e = fromElement(stanza.firstChild(u"error"));
    return e ? e : std::optional<StanzaError>(StanzaError{});
}

Element StanzaError::toElement() const
{
    Element e(QStringLiteral("error"), ns::Client);
    for (const auto &t : kTypes) {
        if (t.type == type)
            e.setAttribute(QStringLiteral("type"), QString::fromUtf16(t.name));
    }
    e.setAttribute(QStringLiteral("by"), by);
    e.appendChild(Element(condition, ns::Stanzas));
    if (!text.isEmpty())
        e.appendTextChild(QStringLiteral("text"), text, ns::Stanzas);
    return e;
}

QString StanzaError::describe() const
{
    if (!text.isEmpty())
        return text;
    if (condition == u"item-not-found")
        return QCoreApplication::translate("StanzaError", "It does not exist.");
    if (condition == u"service-unavailable" || condition == u"feature-not-implemented")
        return QCoreApplication::translate("StanzaError", "The other side does not support this.");
    if (condition == u"forbidden" || condition == u"not-allowed" || condition == u"not-authorized")
        return QCoreApplication::translate("StanzaError", "You are not allowed to do this.");
    if (condition == u"remote-server-not-found" || condition == u"remote-server-timeout")
        return QCoreApplication::translate("StanzaError", "The other server cannot be reached.");
    if (condition == u"conflict")
        return QCoreApplication::translate("StanzaError", "That name is already taken.");
    if (condition == u"resource-constraint" || condition == u"policy-violation")
        return QCoreApplication::translate("StanzaError", "The server refused this for now.");
    if (condition == u"bad-request" || condition == u"not-acceptable")
        return QCoreApplication::translate("StanzaError", "The server did not accept the request.");
    return QCoreApplication::translate("StanzaError", "The server reported an error (%1).")
        .arg(condition);
}

} // namespace parla::xmpp
