// SPDX-License-Identifier: GPL-3.0-or-later
#include "retraction.h"

#include "xmpp/namespaces.h"

namespace parla::xmpp {

QString Retraction::fallbackBody()
{
    return QStringLiteral("/me retracted a previous message, but it's unsupported by your client.");
}

std::optional<Retraction> Retraction::fromElement(const Element &element)
{
    if (!element.is(u"retract", ns::Retraction))
        return std::nullopt;
    const QString id = element.attribute(u"id");
    if (id.isEmpty() || id.size() > 256)
        return std::nullopt;
    return Retraction{id};
}

std::optional<Retraction> Retraction::fromMessage(const Element &message)
{
    return fromElement(message.firstChild(u"retract", ns::Retraction));
}

Element Retraction::toElement() const
{
    Element e(QStringLiteral("retract"), ns::Retraction);
    e.setAttribute(QStringLiteral("id"), id);
    return e;
}

} // namespace parla::xmpp
