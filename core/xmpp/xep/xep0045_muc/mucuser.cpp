// SPDX-License-Identifier: GPL-3.0-or-later
#include "mucuser.h"

#include "xmpp/xep/xep0082_datetime/datetime.h"

#include <array>
#include <utility>

namespace parla::xmpp {

namespace {
constexpr std::array<std::pair<MucRole, QStringView>, 4> kRoles{{
    {MucRole::None, u"none"},
    {MucRole::Visitor, u"visitor"},
    {MucRole::Participant, u"participant"},
    {MucRole::Moderator, u"moderator"},
}};
constexpr std::array<std::pair<MucAffiliation, QStringView>, 5> kAffiliations{{
    {MucAffiliation::None, u"none"},
    {MucAffiliation::Outcast, u"outcast"},
    {MucAffiliation::Member, u"member"},
    {MucAffiliation::Admin, u"admin"},
    {MucAffiliation::Owner, u"owner"},
}};
// Hostile input stays small: a room never has a reason for more.
constexpr qsizetype kMaxText = 4096;
constexpr std::size_t kMaxItems = 64;
} // namespace

QString mucRoleName(MucRole role)
{
    for (const auto &[r, name] : kRoles) {
        if (r == role)
            return name.toString();
    }
    return {};
}

std::optional<MucRole> mucRoleFromName(QStringView name)
{
    for (const auto &[r, n] : kRoles) {
        if (n == name)
            return r;
    }
    return std::nullopt;
}

QString mucAffiliationName(MucAffiliation affiliation)
{
    for (const auto &[a, name] : kAffiliations) {
        if (a == affiliation)
            return name.toString();
    }
    return {};
}

std::optional<MucAffiliation> mucAffiliationFromName(QStringView name)
{
    for (const auto &[a, n] : kAffiliations) {
        if (n == name)
            return a;
    }
    return std::nullopt;
}

std::optional<MucItem> MucItem::fromElement(const Element &item)
{
    if (item.name() != u"item")
        return std::nullopt;
    MucItem i;
    if (item.hasAttribute(u"affiliation")) {
        i.affiliation = mucAffiliationFromName(item.attribute(u"affiliation"));
        if (!i.affiliation)
            return std::nullopt;
    }
    if (item.hasAttribute(u"role")) {
        i.role = mucRoleFromName(item.attribute(u"role"));
        if (!i.role)
            return std::nullopt;
    }
    i.nick = item.attribute(u"nick").left(kMaxText);
    if (item.hasAttribute(u"jid")) {
        if (auto jid = Jid::parse(item.attribute(u"jid")))
            i.jid = *jid;
    }
    const Element actor = item.firstChild(u"actor", item.xmlns());
    if (!actor.isNull()) {
        i.actorNick = actor.attribute(u"nick").left(kMaxText);
        i.actorJid = Jid::fromString(actor.attribute(u"jid"));
    }
    i.reason = item.childText(u"reason", item.xmlns()).left(kMaxText);
    return i;
}

Element MucItem::toElement(const QString &xmlns) const
{
    Element e(QStringLiteral("item"), xmlns);
    if (affiliation)
        e.setAttribute(QStringLiteral("affiliation"), mucAffiliationName(*affiliation));
    if (role)
        e.setAttribute(QStringLiteral("role"), mucRoleName(*role));
    if (!nick.isEmpty())
        e.setAttribute(QStringLiteral("nick"), nick);
    if (jid.isValid())
        e.setAttribute(QStringLiteral("jid"), jid.toString());
    if (!actorNick.isEmpty() || actorJid.isValid()) {
        Element actor(QStringLiteral("actor"), xmlns);
        if (!actorNick.isEmpty())
            actor.setAttribute(QStringLiteral("nick"), actorNick);
        if (actorJid.isValid())
            actor.setAttribute(QStringLiteral("jid"), actorJid.toString());
        e.appendChild(actor);
    }
    if (!reason.isEmpty())
        e.appendTextChild(QStringLiteral("reason"), reason, xmlns);
    return e;
}

std::optional<MucUser> MucUser::fromStanza(const Element &stanza)
{
    const Element x = stanza.firstChild(u"x", mucns::User);
    if (x.isNull())
        return std::nullopt;
    return fromElement(x);
}

std::optional<MucUser> MucUser::fromElement(const Element &x)
{
    if (!x.is(u"x", mucns::User))
        return std::nullopt;
    MucUser u;
    for (const Element &child : x.children()) {
        if (child.xmlns() != mucns::User)
            continue;
        if (child.name() == u"item") {
            if (u.items.size() >= kMaxItems)
                continue;
            if (auto item = MucItem::fromElement(child))
                u.items.push_back(*item);
        } else if (child.name() == u"status") {
            bool ok = false;
            const int code = child.attribute(u"code").toInt(&ok);
            if (ok && code >= 100 && code <= 999 && !u.statuses.contains(code) &&
                u.statuses.size() < 32)
                u.statuses.append(code);
        } else if (child.name() == u"destroy") {
            MucDestroy d;
            d.alternate = Jid::fromString(child.attribute(u"jid"));
            d.reason = child.childText(u"reason", mucns::User).left(kMaxText);
            d.password = child.childText(u"password", mucns::User).left(kMaxText);
            u.destroy = d;
        } else if (child.name() == u"invite" || child.name() == u"decline") {
            if (u.invites.size() >= kMaxItems)
                continue;
            MucInvite i;
            i.decline = child.name() == u"decline";
            i.from = Jid::fromString(child.attribute(u"from"));
            i.to = Jid::fromString(child.attribute(u"to"));
            i.reason = child.childText(u"reason", mucns::User).left(kMaxText);
            i.continued = child.hasChild(u"continue", mucns::User);
            u.invites.push_back(i);
        } else if (child.name() == u"password") {
            u.password = child.text().left(kMaxText);
        }
    }
    return u;
}

Element MucUser::toElement() const
{
    Element x(QStringLiteral("x"), mucns::User);
    for (const MucInvite &i : invites) {
        Element e(i.decline ? QStringLiteral("decline") : QStringLiteral("invite"), mucns::User);
        if (i.from.isValid())
            e.setAttribute(QStringLiteral("from"), i.from.toString());
        if (i.to.isValid())
            e.setAttribute(QStringLiteral("to"), i.to.toString());
        if (!i.reason.isEmpty())
            e.appendTextChild(QStringLiteral("reason"), i.reason, mucns::User);
        if (i.continued)
            e.appendChild(Element(QStringLiteral("continue"), mucns::User));
        x.appendChild(e);
    }
    if (!password.isEmpty())
        x.appendTextChild(QStringLiteral("password"), password, mucns::User);
    for (const MucItem &item : items)
        x.appendChild(item.toElement(mucns::User));
    for (int code : statuses)
        x.appendChild(Element(QStringLiteral("status"), mucns::User)
                          .setAttribute(QStringLiteral("code"), QString::number(code)));
    if (destroy) {
        Element d(QStringLiteral("destroy"), mucns::User);
        if (destroy->alternate.isValid())
            d.setAttribute(QStringLiteral("jid"), destroy->alternate.toString());
        if (!destroy->reason.isEmpty())
            d.appendTextChild(QStringLiteral("reason"), destroy->reason, mucns::User);
        x.appendChild(d);
    }
    return x;
}

Element MucJoin::toElement() const
{
    Element x(QStringLiteral("x"), mucns::Muc);
    if (!password.isEmpty())
        x.appendTextChild(QStringLiteral("password"), password, mucns::Muc);
    if (maxStanzas || since.isValid()) {
        Element h(QStringLiteral("history"), mucns::Muc);
        if (maxStanzas)
            h.setAttribute(QStringLiteral("maxstanzas"), QString::number(*maxStanzas));
        if (since.isValid())
            h.setAttribute(QStringLiteral("since"), datetime::formatDateTime(since));
        x.appendChild(h);
    }
    return x;
}

std::optional<MucJoin> MucJoin::fromElement(const Element &x)
{
    if (!x.is(u"x", mucns::Muc))
        return std::nullopt;
    MucJoin j;
    j.password = x.childText(u"password", mucns::Muc);
    const Element h = x.firstChild(u"history", mucns::Muc);
    if (!h.isNull()) {
        bool ok = false;
        const int n = h.attribute(u"maxstanzas").toInt(&ok);
        if (ok && n >= 0)
            j.maxStanzas = n;
        if (auto since = datetime::parseDateTime(h.attribute(u"since")))
            j.since = *since;
    }
    return j;
}

} // namespace parla::xmpp
