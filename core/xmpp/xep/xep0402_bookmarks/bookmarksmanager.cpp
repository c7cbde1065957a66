// SPDX-License-Identifier: GPL-3.0-or-later
#include "bookmarksmanager.h"

#include "xmpp/client.h"
#include "xmpp/iqutil.h"
#include "xmpp/namespaces.h"
#include "xmpp/xep/xep0163_pep/pep.h"

namespace parla::xmpp {

namespace {
/// xs:boolean (XEP-0402 §3 "boolean defaulting to false").
bool parseBoolean(QStringView value)
{
    return value == u"true" || value == u"1";
}

/// The bare JID of an item id, or nullopt (a bookmark names a room, never an occupant).
std::optional<Jid> roomFromId(const QString &id)
{
    const auto jid = Jid::parse(id);
    if (!jid || !jid->isBare())
        return std::nullopt;
    return jid;
}
} // namespace

std::optional<BookmarkConference> BookmarkConference::fromItem(const Element &item)
{
    if (item.name() != u"item")
        return std::nullopt;
    const auto room = roomFromId(item.attribute(u"id"));
    const Element conference = item.firstChild(u"conference", ns::Bookmarks);
    if (!room || conference.isNull())
        return std::nullopt;
    BookmarkConference b;
    b.room = *room;
    b.name = conference.attribute(u"name");
    b.autojoin = parseBoolean(conference.attribute(u"autojoin"));
    b.nick = conference.childText(u"nick", ns::Bookmarks);
    b.password = conference.childText(u"password", ns::Bookmarks);
    b.extensions = conference.firstChild(u"extensions", ns::Bookmarks);
    return b;
}

Element BookmarkConference::toConference() const
{
    Element conference(QStringLiteral("conference"), ns::Bookmarks);
    if (!name.isEmpty())
        conference.setAttribute(QStringLiteral("name"), name);
    if (autojoin)
        conference.setAttribute(QStringLiteral("autojoin"), QStringLiteral("true"));
    if (!nick.isEmpty())
        conference.appendTextChild(QStringLiteral("nick"), nick, ns::Bookmarks);
    if (!password.isEmpty())
        conference.appendTextChild(QStringLiteral("password"), password, ns::Bookmarks);
    if (!extensions.isNull())
        conference.appendChild(extensions);
    return conference;
}

std::optional<BookmarkEvent> BookmarkEvent::fromMessage(const Element &message, const Jid &ownBare)
{
    const auto event = PepEvent::fromMessage(message, ownBare);
    if (!event || event->node != ns::Bookmarks || !ownBare.isValid() ||
        event->owner != ownBare.bare())
        return std::nullopt;
    BookmarkEvent result;
    const Element items =
        message.firstChild(u"event", ns::PubSubEvent).firstChild(u"items", ns::PubSubEvent);
    for (const Element &item : items.childrenNamed(u"item", ns::PubSubEvent)) {
        if (auto b = BookmarkConference::fromItem(item))
            result.published.push_back(*b);
    }
    for (const QString &id : event->retracted) {
        if (auto room = roomFromId(id))
            result.retracted.push_back(*room);
    }
    return result;
}

BookmarksManager::BookmarksManager(QObject *parent) : Extension(parent) {}

QStringList BookmarksManager::discoFeatures() const
{
    return {ns::Bookmarks + QStringLiteral("+notify")};
}

bool BookmarksManager::handleStanza(const Element &stanza)
{
    if (stanza.name() != u"message")
        return false;
    const Element items =
        stanza.firstChild(u"event", ns::PubSubEvent).firstChild(u"items", ns::PubSubEvent);
    if (items.isNull() || items.attribute(u"node") != ns::Bookmarks)
        return false;
    // Consumed either way: a forged notification must reach no other handler either.
    const auto event = BookmarkEvent::fromMessage(stanza, client()->boundJid().bare());
    if (!event)
        return true;
    for (const BookmarkConference &b : event->published)
        Q_EMIT bookmarkPublished(b);
    for (const Jid &room : event->retracted)
        Q_EMIT bookmarkRetracted(room);
    return true;
}

Element BookmarksManager::makeFetch()
{
    Element items(QStringLiteral("items"), ns::PubSub);
    items.setAttribute(QStringLiteral("node"), ns::Bookmarks);
    Element pubsub(QStringLiteral("pubsub"), ns::PubSub);
    pubsub.appendChild(items);
    return makeIq(u"get", {}, pubsub);
}

Element BookmarksManager::makePublish(const BookmarkConference &conference)
{
    // XEP-0402 §3.3: the server MUST check the node's configuration against these, so that a
    // node created open by another client never leaks our bookmarks to contacts.
    const QMap<QString, QString> options = {
        {QStringLiteral("pubsub#persist_items"), QStringLiteral("true")},
        {QStringLiteral("pubsub#max_items"), QStringLiteral("max")},
        {QStringLiteral("pubsub#send_last_published_item"), QStringLiteral("never")},
        {QStringLiteral("pubsub#access_model"), QStringLiteral("whitelist")},
    };
    return makeIq(u"set", {},
                  pep::publishRequest(ns::Bookmarks, conference.room.bareString(),
                                      conference.toConference(), options));
}

Element BookmarksManager::makeRetract(const Jid &room)
{
    Element item(QStringLiteral("item"), ns::PubSub);
    item.setAttribute(QStringLiteral("id"), room.bareString());
    Element retract(QStringLiteral("retract"), ns::PubSub);
    retract.setAttribute(QStringLiteral("node"), ns::Bookmarks);
    // §3.5: notify='1' so that our other clients learn of the removal (XEP-0060 §7.2.2.1).
    retract.setAttribute(QStringLiteral("notify"), QStringLiteral("1"));
    retract.appendChild(item);
    Element pubsub(QStringLiteral("pubsub"), ns::PubSub);
    pubsub.appendChild(retract);
    return makeIq(u"set", {}, pubsub);
}

std::vector<BookmarkConference> BookmarksManager::conferencesFromResult(const Element &iqResult)
{
    const Element items =
        iqResult.firstChild(u"pubsub", ns::PubSub).firstChild(u"items", ns::PubSub);
    if (items.attribute(u"node") != ns::Bookmarks)
        return {};
    std::vector<BookmarkConference> out;
    for (const Element &item : items.childrenNamed(u"item", ns::PubSub)) {
        if (auto b = BookmarkConference::fromItem(item))
            out.push_back(*b);
    }
    return out;
}

Task<Result<std::vector<BookmarkConference>>> BookmarksManager::fetch()
{
    using R = Result<std::vector<BookmarkConference>>;
    if (!client() || !client()->isConnected())
        return makeReadyTask<R>(Error::local(tr("Not connected.")));
    Promise<R> promise;
    client()->sendIq(makeFetch()).then(this, [promise](const Result<Element> &r) mutable {
        if (const auto *error = std::get_if<Error>(&r)) {
            // A node nobody has published to yet does not exist: no bookmarks.
            if (error->kind == Error::Kind::Stanza && error->stanza.condition == u"item-not-found")
                promise.finish(std::vector<BookmarkConference>{});
            else
                promise.finish(*error);
            return;
        }
        promise.finish(conferencesFromResult(std::get<Element>(r)));
    });
    return promise.task();
}

Task<Result<Success>> BookmarksManager::publish(const BookmarkConference &conference)
{
    if (!client() || !client()->isConnected())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    return resultOnly(client()->sendIq(makePublish(conference)), this);
}

Task<Result<Success>> BookmarksManager::retract(const Jid &room)
{
    if (!client() || !client()->isConnected())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    return resultOnly(client()->sendIq(makeRetract(room)), this);
}

} // namespace parla::xmpp
