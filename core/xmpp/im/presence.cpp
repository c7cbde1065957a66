// SPDX-License-Identifier: GPL-3.0-or-later
#include "presence.h"

#include "xmpp/client.h"
#include "xmpp/namespaces.h"

namespace parla::xmpp {

namespace {
constexpr std::pair<Presence::Type, const char16_t *> kTypes[] = {
    {Presence::Type::Unavailable, u"unavailable"},
    {Presence::Type::Subscribe, u"subscribe"},
    {Presence::Type::Subscribed, u"subscribed"},
    {Presence::Type::Unsubscribe, u"unsubscribe"},
    {Presence::Type::Unsubscribed, u"unsubscribed"},
    {Presence::Type::Probe, u"probe"},
    {Presence::Type::Error, u"error"},
};
constexpr std::pair<Availability, const char16_t *> kShows[] = {
    {Availability::Chat, u"chat"},
    {Availability::Away, u"away"},
    {Availability::ExtendedAway, u"xa"},
    {Availability::DoNotDisturb, u"dnd"},
};
int rank(Availability a)
{
    switch (a) {
    case Availability::Chat:
        return 5;
    case Availability::Online:
        return 4;
    case Availability::Away:
        return 3;
    case Availability::DoNotDisturb:
        return 2;
    case Availability::ExtendedAway:
        return 1;
    case Availability::Offline:
        return 0;
    }
    return 0;
}
} // namespace

std::optional<Presence> Presence::fromElement(const Element &presence)
{
    if (presence.name() != u"presence" || presence.xmlns() != ns::Client)
        return std::nullopt;
    Presence p;
    const QString type = presence.attribute(u"type");
    if (!type.isEmpty()) {
        bool known = false;
        for (const auto &[t, name] : kTypes) {
            if (type == QStringView(name)) {
                p.type = t;
                known = true;
            }
        }
        if (!known)
            return std::nullopt; // RFC 6121 §4.7.1: unknown types are ignored
    }
    if (presence.hasAttribute(u"from")) {
        auto from = Jid::parse(presence.attribute(u"from"));
        if (!from)
            return std::nullopt;
        p.from = *from;
    }
    p.to = Jid::fromString(presence.attribute(u"to"));
    const QString show = presence.childText(u"show", ns::Client);
    p.show = p.type == Type::Unavailable ? Availability::Offline : Availability::Online;
    for (const auto &[a, name] : kShows) {
        if (show == QStringView(name) && p.type == Type::Available)
            p.show = a;
    }
    p.status = presence.childText(u"status", ns::Client).left(1024);
    bool ok = false;
    const int priority = presence.childText(u"priority", ns::Client).toInt(&ok);
    p.priority = ok ? std::clamp(priority, -128, 127) : 0;
    p.caps = presence.firstChild(u"c", ns::Caps);
    return p;
}

Element Presence::toElement() const
{
    Element e(QStringLiteral("presence"), ns::Client);
    for (const auto &[t, name] : kTypes) {
        if (t == type)
            e.setAttribute(QStringLiteral("type"), QString::fromUtf16(name));
    }
    if (to.isValid())
        e.setAttribute(QStringLiteral("to"), to.toString());
    if (type == Type::Available) {
        for (const auto &[a, name] : kShows) {
            if (a == show)
                e.appendTextChild(QStringLiteral("show"), QString::fromUtf16(name));
        }
        if (priority != 0)
            e.appendTextChild(QStringLiteral("priority"), QString::number(priority));
    }
    if (!status.isEmpty())
        e.appendTextChild(QStringLiteral("status"), status);
    if (!caps.isNull())
        e.appendChild(caps);
    return e;
}

PresenceManager::PresenceManager(QObject *parent) : Extension(parent) {}

void PresenceManager::setPresenceDecorator(std::function<void(Element &)> decorator)
{
    m_decorator = std::move(decorator);
}

void PresenceManager::setOwnPresence(Availability show, const QString &status, int priority)
{
    m_own.show = show;
    m_own.status = status;
    m_own.priority = priority;
    Q_EMIT ownPresenceChanged();
    if (client() && client()->isConnected() && m_initialSent)
        sendCurrentPresence();
}

void PresenceManager::sendCurrentPresence()
{
    if (!client() || !client()->isConnected())
        return;
    Presence p = m_own;
    p.type = m_own.show == Availability::Offline ? Presence::Type::Unavailable
                                                 : Presence::Type::Available;
    Element e = p.toElement();
    if (p.type == Presence::Type::Available && m_decorator)
        m_decorator(e);
    client()->send(e);
    m_initialSent = true;
}

void PresenceManager::sendSubscription(const Jid &jid, const QString &type)
{
    Element e(QStringLiteral("presence"), ns::Client);
    e.setAttribute(QStringLiteral("to"), jid.bareString());
    e.setAttribute(QStringLiteral("type"), type);
    client()->send(e);
}

void PresenceManager::subscribe(const Jid &jid)
{
    sendSubscription(jid, QStringLiteral("subscribe"));
}
void PresenceManager::unsubscribe(const Jid &jid)
{
    sendSubscription(jid, QStringLiteral("unsubscribe"));
}
void PresenceManager::approveSubscription(const Jid &jid)
{
    sendSubscription(jid, QStringLiteral("subscribed"));
}
void PresenceManager::denySubscription(const Jid &jid)
{
    sendSubscription(jid, QStringLiteral("unsubscribed"));
}

QMap<QString, Presence> PresenceManager::resources(const Jid &bare) const
{
    return m_resources.value(bare.bare());
}

std::optional<Presence> PresenceManager::bestPresence(const Jid &bare) const
{
    const auto it = m_resources.constFind(bare.bare());
    if (it == m_resources.cend() || it->isEmpty())
        return std::nullopt;
    std::optional<Presence> best;
    for (const Presence &p : *it) {
        if (!best || p.priority > best->priority ||
            (p.priority == best->priority && rank(p.show) > rank(best->show)))
            best = p;
    }
    return best;
}

bool PresenceManager::handleStanza(const Element &stanza)
{
    if (stanza.name() != u"presence")
        return false;
    auto presence = Presence::fromElement(stanza);
    if (!presence || !presence->from.isValid())
        return false;
    const Jid bare = presence->from.bare();
    switch (presence->type) {
    case Presence::Type::Available:
    case Presence::Type::Unavailable: {
        auto &resources = m_resources[bare];
        const QString resource = presence->from.resource();
        if (presence->type == Presence::Type::Unavailable) {
            if (resource.isEmpty())
                resources.clear();
            else
                resources.remove(resource);
            if (resources.isEmpty())
                m_resources.remove(bare);
        } else {
            resources.insert(resource, *presence);
        }
        Q_EMIT presenceChanged(bare);
        return false; // others (caps, MUC later) may look at presence too
    }
    case Presence::Type::Subscribe:
        Q_EMIT subscriptionRequested(bare, presence->status);
        return true;
    case Presence::Type::Subscribed:
        Q_EMIT subscriptionApproved(bare);
        return true;
    case Presence::Type::Unsubscribed:
        Q_EMIT subscriptionRevoked(bare);
        return true;
    case Presence::Type::Unsubscribe:
    case Presence::Type::Probe:
    case Presence::Type::Error:
        return true;
    }
    return false;
}

void PresenceManager::onConnected(bool resumed)
{
    if (resumed)
        return; // the server kept the session and queued what changed meanwhile
    // A new session: the server sends everyone's presence again after our initial presence,
    // which goes out once the roster arrived (RFC 6121 §2.2).
    m_initialSent = false;
    const auto contacts = m_resources.keys();
    m_resources.clear();
    for (const Jid &jid : contacts)
        Q_EMIT presenceChanged(jid);
}

} // namespace parla::xmpp
