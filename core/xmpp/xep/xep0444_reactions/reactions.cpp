// SPDX-License-Identifier: GPL-3.0-or-later
#include "reactions.h"

#include "xmpp/namespaces.h"

namespace parla::xmpp {

std::optional<Reactions> Reactions::fromElement(const Element &element)
{
    if (!element.is(u"reactions", ns::Reactions))
        return std::nullopt;
    Reactions r;
    r.id = element.attribute(u"id");
    if (r.id.isEmpty() || r.id.size() > 256)
        return std::nullopt;
    for (const Element &reaction : element.childrenNamed(u"reaction", ns::Reactions)) {
        const QString emoji = reaction.text().trimmed();
        if (emoji.isEmpty() || emoji.size() > kMaxReactionChars || r.emojis.contains(emoji))
            continue;
        r.emojis << emoji;
        if (r.emojis.size() >= kMaxReactions)
            break;
    }
    return r;
}

std::optional<Reactions> Reactions::fromMessage(const Element &message)
{
    return fromElement(message.firstChild(u"reactions", ns::Reactions));
}

Element Reactions::toElement() const
{
    Element e(QStringLiteral("reactions"), ns::Reactions);
    e.setAttribute(QStringLiteral("id"), id);
    for (const QString &emoji : emojis)
        e.appendTextChild(QStringLiteral("reaction"), emoji, ns::Reactions);
    return e;
}

} // namespace parla::xmpp
