// SPDX-License-Identifier: GPL-3.0-or-later
#include "correction.h"

#include "xmpp/namespaces.h"

namespace parla::xmpp {

std::optional<Correction> Correction::fromElement(const Element &element)
{
    if (!element.is(u"replace", ns::Correction))
        return std::nullopt;
    const QString id = element.attribute(u"id");
    if (id.isEmpty() || id.size() > 256)
        return std::nullopt;
    return Correction{id};
}

std::optional<Correction> Correction::fromMessage(const Element &message)
{
    return fromElement(message.firstChild(u"replace", ns::Correction));
}

Element Correction::toElement() const
{
    Element e(QStringLiteral("replace"), ns::Correction);
    e.setAttribute(QStringLiteral("id"), id);
    return e;
}

} // namespace parla::xmpp
