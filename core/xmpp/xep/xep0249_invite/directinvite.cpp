// SPDX-License-Identifier: GPL-3.0-or-later
#include "directinvite.h"

#include "xmpp/xep/xep0045_muc/mucuser.h"

namespace parla::xmpp {

std::optional<DirectInvite> DirectInvite::fromMessage(const Element &message)
{
    return fromElement(message.firstChild(u"x", mucns::Conference));
}

std::optional<DirectInvite> DirectInvite::fromElement(const Element &x)
{
    if (!x.is(u"x", mucns::Conference))
        return std::nullopt;
    const auto room = Jid::parse(x.attribute(u"jid"));
    // A room is a bare JID with a localpart (§2: "jid" is REQUIRED).
    if (!room || !room->isBare() || room->local().isEmpty())
        return std::nullopt;
    DirectInvite i;
    i.room = *room;
    i.reason = x.attribute(u"reason").left(4096);
    i.password = x.attribute(u"password").left(1024);
    i.thread = x.attribute(u"thread").left(1024);
    i.continued = x.attribute(u"continue") == u"true" || x.attribute(u"continue") == u"1";
    return i;
}

Element DirectInvite::toElement() const
{
    Element x(QStringLiteral("x"), mucns::Conference);
    x.setAttribute(QStringLiteral("jid"), room.bareString());
    if (!reason.isEmpty())
        x.setAttribute(QStringLiteral("reason"), reason);
    if (!password.isEmpty())
        x.setAttribute(QStringLiteral("password"), password);
    if (!thread.isEmpty())
        x.setAttribute(QStringLiteral("thread"), thread);
    if (continued)
        x.setAttribute(QStringLiteral("continue"), QStringLiteral("true"));
    return x;
}

} // namespace parla::xmpp
