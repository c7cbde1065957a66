// SPDX-License-Identifier: GPL-3.0-or-later
#include "legacybookmarks.h"

#include "xmpp/client.h"
#include "xmpp/iqutil.h"
#include "xmpp/namespaces.h"

namespace parla::xmpp {

namespace {
std::optional<Jid> roomOf(const Element &conference)
{
    const auto jid = Jid::parse(conference.attribute(u"jid"));
    if (!jid || !jid->isBare())
        return std::nullopt;
    return jid;
}

/// Writes the fields we know into `conference`, keeping every attribute and child we do not.
Element updatedConference(Element conference, const BookmarkConference &b)
{
    conference.setAttribute(QStringLiteral("jid"), b.room.bareString());
    conference.setAttribute(QStringLiteral("name"), b.name);
    conference.setAttribute(QStringLiteral("autojoin"),
                            b.autojoin ? QStringLiteral("true") : QStringLiteral("false"));
    conference.removeChildren(u"nick", ns::LegacyBookmarks);
    conference.removeChildren(u"password", ns::LegacyBookmarks);
    if (!b.nick.isEmpty())
        conference.appendTextChild(QStringLiteral("nick"), b.nick, ns::LegacyBookmarks);
    if (!b.password.isEmpty())
        conference.appendTextChild(QStringLiteral("password"), b.password, ns::LegacyBookmarks);
    return conference;
}

/// A copy of `e` without children: Element has no remove-at, so edits rebuild the child list.
Element emptyCopy(const Element &e)
{
    Element copy(e.name(), e.xmlns());
    for (const auto &[name, value] : e.attributes())
        copy.setAttribute(name, value);
    return copy;
}
} // namespace

LegacyBookmarkStorage::LegacyBookmarkStorage()
    : m_storage(QStringLiteral("storage"), ns::LegacyBookmarks)
{}

std::optional<LegacyBookmarkStorage> LegacyBookmarkStorage::fromStorage(const Element &storage)
{
    if (!storage.is(u"storage", ns::LegacyBookmarks))
        return std::nullopt;
    LegacyBookmarkStorage s;
    s.m_storage = storage;
    return s;
}

std::optional<LegacyBookmarkStorage> LegacyBookmarkStorage::fromQueryResult(const Element &iq)
{
    const Element query = iq.firstChild(u"query", ns::PrivateStorage);
    if (query.isNull())
        return std::nullopt;
    const Element storage = query.firstChild(u"storage", ns::LegacyBookmarks);
    if (storage.isNull())
        return LegacyBookmarkStorage();
    return fromStorage(storage);
}

std::vector<BookmarkConference> LegacyBookmarkStorage::conferences() const
{
    std::vector<BookmarkConference> out;
    for (const Element &c : m_storage.childrenNamed(u"conference", ns::LegacyBookmarks)) {
        const auto room = roomOf(c);
        if (!room)
            continue;
        BookmarkConference b;
        b.room = *room;
        b.name = c.attribute(u"name");
        const QString autojoin = c.attribute(u"autojoin");
        b.autojoin = autojoin == u"true" || autojoin == u"1";
        b.nick = c.childText(u"nick", ns::LegacyBookmarks);
        b.password = c.childText(u"password", ns::LegacyBookmarks);
        out.push_back(b);
    }
    return out;
}

void LegacyBookmarkStorage::setConference(const BookmarkConference &conference)
{
    Element rebuilt = emptyCopy(m_storage);
    bool found = false;
    for (const Element &child : m_storage.children()) {
        if (!found && child.is(u"conference", ns::LegacyBookmarks) &&
            roomOf(child) == conference.room.bare()) {
            rebuilt.appendChild(updatedConference(child, conference));
            found = true;
        } else {
            rebuilt.appendChild(child);
        }
    }
    if (!found) {
        rebuilt.appendChild(updatedConference(
            Element(QStringLiteral("conference"), ns::LegacyBookmarks), conference));
    }
    m_storage = rebuilt;
}

bool LegacyBookmarkStorage::removeConference(const Jid &room)
{
    Element rebuilt = emptyCopy(m_storage);
    bool removed = false;
    for (const Element &child : m_storage.children()) {
        if (child.is(u"conference", ns::LegacyBookmarks) && roomOf(child) == room.bare())
            removed = true;
        else
            rebuilt.appendChild(child);
    }
    m_storage = rebuilt;
    return removed;
}

Element LegacyBookmarksManager::makeFetch()
{
    Element query(QStringLiteral("query"), ns::PrivateStorage);
    query.appendChild(Element(QStringLiteral("storage"), ns::LegacyBookmarks));
    return makeIq(u"get", {}, query);
}

Element LegacyBookmarksManager::makeStore(const LegacyBookmarkStorage &storage)
{
    Element query(QStringLiteral("query"), ns::PrivateStorage);
    query.appendChild(storage.element());
    return makeIq(u"set", {}, query);
}

Task<Result<LegacyBookmarkStorage>> LegacyBookmarksManager::fetch()
{
    using R = Result<LegacyBookmarkStorage>;
    if (!client() || !client()->isConnected())
        return makeReadyTask<R>(Error::local(tr("Not connected.")));
    Promise<R> promise;
    client()->sendIq(makeFetch()).then(this, [promise](const Result<Element> &r) mutable {
        if (const auto *error = std::get_if<Error>(&r)) {
            promise.finish(*error);
            return;
        }
        if (auto storage = LegacyBookmarkStorage::fromQueryResult(std::get<Element>(r)))
            promise.finish(*storage);
        else
            promise.finish(Error{Error::Kind::Invalid, {}, tr("The bookmark storage is invalid.")});
    });
    return promise.task();
}

Task<Result<Success>> LegacyBookmarksManager::store(const LegacyBookmarkStorage &storage)
{
    if (!client() || !client()->isConnected())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    return resultOnly(client()->sendIq(makeStore(storage)), this);
}

} // namespace parla::xmpp
