// SPDX-License-Identifier: GPL-3.0-or-later
#include "roster.h"

#include "xmpp/client.h"
#include "xmpp/namespaces.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRoster, "parla.xmpp.roster")

namespace parla::xmpp {

namespace {
constexpr std::pair<RosterItem::Subscription, const char16_t *> kSubscriptions[] = {
    {RosterItem::Subscription::None, u"none"},     {RosterItem::Subscription::To, u"to"},
    {RosterItem::Subscription::From, u"from"},     {RosterItem::Subscription::Both, u"both"},
    {RosterItem::Subscription::Remove, u"remove"},
};
} // namespace

QString RosterItem::subscriptionName(Subscription s)
{
    for (const auto &[value, name] : kSubscriptions) {
        if (value == s)
            return QString::fromUtf16(name);
    }
    return QStringLiteral("none");
}

RosterItem::Subscription RosterItem::subscriptionFromName(QStringView name)
{
    for (const auto &[value, n] : kSubscriptions) {
        if (name == QStringView(n))
            return value;
    }
    return Subscription::None;
}

std::optional<RosterItem> RosterItem::fromElement(const Element &item)
{
    if (item.name() != u"item" || item.xmlns() != ns::Roster)
        return std::nullopt;
    const auto jid = Jid::parse(item.attribute(u"jid"));
    if (!jid || !jid->isBare())
        return std::nullopt;
    RosterItem r;
    r.jid = *jid;
    r.name = item.attribute(u"name");
    r.subscription = subscriptionFromName(item.attribute(u"subscription"));
    r.askSubscribe = item.attribute(u"ask") == u"subscribe";
    r.approved = item.attribute(u"approved") == u"true" || item.attribute(u"approved") == u"1";
    for (const Element &group : item.childrenNamed(u"group", ns::Roster)) {
        if (!group.text().isEmpty() && !r.groups.contains(group.text()))
            r.groups << group.text();
    }
    return r;
}

Element RosterItem::toElement() const
{
    Element item(QStringLiteral("item"), ns::Roster);
    item.setAttribute(QStringLiteral("jid"), jid.bareString());
    item.setAttribute(QStringLiteral("name"), name);
    if (subscription == Subscription::Remove)
        item.setAttribute(QStringLiteral("subscription"), QStringLiteral("remove"));
    for (const QString &group : groups)
        item.appendTextChild(QStringLiteral("group"), group);
    return item;
}

RosterManager::RosterManager(QObject *parent) : Extension(parent) {}

std::optional<std::vector<RosterItem>> RosterManager::parseQuery(const Element &iq,
                                                                 QString *version)
{
    const Element query = iq.firstChild(u"query", ns::Roster);
    if (query.isNull())
        return std::nullopt;
    if (version)
        *version = query.attribute(u"ver");
    std::vector<RosterItem> items;
    for (const Element &child : query.childrenNamed(u"item", ns::Roster)) {
        if (auto item = RosterItem::fromElement(child))
            items.push_back(*item);
    }
    return items;
}

bool RosterManager::handleStanza(const Element &stanza)
{
    if (stanza.name() != u"iq" || stanza.attribute(u"type") != u"set" ||
        !stanza.hasChild(u"query", ns::Roster))
        return false;
    // RFC 6121 §2.1.6: a roster push from anyone but our own account MUST be ignored.
    const QString from = stanza.attribute(u"from");
    if (!from.isEmpty() && Jid::fromString(from) != client()->boundJid().bare()) {
        qCWarning(lcRoster) << "ignoring roster push from" << from;
        return true;
    }
    QString version;
    auto items = parseQuery(stanza, &version);
    // §2.1.6: a push carries exactly one item.
    if (!items || items->size() != 1) {
        client()->sendIqError(stanza,
                              {StanzaError::Type::Modify, QStringLiteral("bad-request"), {}, {}});
        return true;
    }
    client()->sendIqResult(stanza);
    if (!version.isEmpty())
        m_version = version;
    Q_EMIT itemPushed(version, items->front());
    return true;
}

void RosterManager::onConnected(bool resumed)
{
    if (resumed)
        return; // the session (and its roster pushes) survived
    Element iq(QStringLiteral("iq"), ns::Client);
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
    Element query(QStringLiteral("query"), ns::Roster);
    const bool versioning = client()->streamFeatures().hasChild(u"ver", ns::RosterVersioning);
    // RFC 6121 §2.6.2: ver='' asks for the full roster, versioned.
    if (versioning && m_version.isEmpty())
        query.setEmptyAttribute(QStringLiteral("ver"));
    else if (versioning)
        query.setAttribute(QStringLiteral("ver"), m_version);
    iq.appendChild(query);
    client()->sendIq(iq).then(this, [this, versioning](const Result<Element> &result) {
        if (const Element *response = std::get_if<Element>(&result)) {
            QString version;
            auto items = parseQuery(*response, &version);
            if (!items) {
                // RFC 6121 §2.6.3: an empty result means our cached version is current.
                Q_EMIT rosterUnchanged();
            } else {
                m_version = versioning ? version : QString();
                Q_EMIT rosterReceived(m_version, *items);
            }
        } else {
            qCWarning(lcRoster) << "roster request failed:" << std::get<Error>(result).text;
        }
        Q_EMIT rosterReady();
    });
}

Task<Result<Success>> RosterManager::setItem(const RosterItem &item)
{
    Element iq(QStringLiteral("iq"), ns::Client);
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("set"));
    Element query(QStringLiteral("query"), ns::Roster);
    query.appendChild(item.toElement());
    iq.appendChild(query);
    Promise<Result<Success>> promise;
    client()->sendIq(iq).then(this, [promise](const Result<Element> &r) mutable {
        if (const Error *e = std::get_if<Error>(&r))
            promise.finish(*e);
        else
            promise.finish(Success{});
    });
    return promise.task();
}

Task<Result<Success>> RosterManager::removeItem(const Jid &jid)
{
    RosterItem item;
    item.jid = jid.bare();
    item.subscription = RosterItem::Subscription::Remove;
    return setItem(item);
}

} // namespace parla::xmpp
