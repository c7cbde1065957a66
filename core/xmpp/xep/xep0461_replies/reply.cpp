// SPDX-License-Identifier: GPL-3.0-or-later
#include "reply.h"

#include "xmpp/namespaces.h"

#include <QStringList>

namespace parla::xmpp {

std::optional<Reply> Reply::fromElement(const Element &element)
{
    if (!element.is(u"reply", ns::Reply))
        return std::nullopt;
    Reply r;
    r.id = element.attribute(u"id");
    if (r.id.isEmpty() || r.id.size() > 256)
        return std::nullopt;
    if (element.hasAttribute(u"to")) {
        const auto to = Jid::parse(element.attribute(u"to"));
        if (!to)
            return std::nullopt;
        r.to = *to;
    }
    return r;
}

std::optional<Reply> Reply::fromMessage(const Element &message)
{
    return fromElement(message.firstChild(u"reply", ns::Reply));
}

Element Reply::toElement() const
{
    Element e(QStringLiteral("reply"), ns::Reply);
    if (to.isValid())
        e.setAttribute(QStringLiteral("to"), to.toString());
    e.setAttribute(QStringLiteral("id"), id);
    return e;
}

QString Reply::quoteFallback(const QString &quoted)
{
    QString out;
    const QStringList lines = quoted.split(u'\n');
    for (const QString &line : lines)
        out += QStringLiteral("> ") + line + u'\n';
    return out;
}

} // namespace parla::xmpp
