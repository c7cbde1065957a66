// SPDX-License-Identifier: GPL-3.0-or-later
#include "bookmarks.h"

#include "xmpp/client.h"
#include "xmpp/namespaces.h"
#include "xmpp/xep/xep0030_disco/discomanager.h"

namespace parla::services {

using namespace parla::xmpp;

RoomBookmark toRoomBookmark(const BookmarkConference &conference)
{
    RoomBookmark b;
    b.room = conference.room.bareString();
    b.name = conference.name;
    b.nick = conference.nick;
    b.password = conference.password;
    b.autojoin = conference.autojoin;
    return b;
}

Bookmarks::Bookmarks(Client *client, DiscoManager *disco, QObject *parent)
    : QObject(parent), m_client(client), m_disco(disco), m_pep(new BookmarksManager),
      m_legacy(new LegacyBookmarksManager)
{
    client->addExtension(m_pep);
    client->addExtension(m_legacy);
    connect(m_pep, &BookmarksManager::bookmarkPublished, this, &Bookmarks::onPublished);
    connect(m_pep, &BookmarksManager::bookmarkRetracted, this, &Bookmarks::onRetracted);
    // Emitted after a new session's disco, never after a resumption: a resumed stream lost
    // nothing, so neither a fetch nor a second round of autojoins is wanted.
    connect(m_disco, &DiscoManager::serverInfoReceived, this, &Bookmarks::onAccountInfo);
    connect(m_client, &Client::disconnected, this, [this] { ++m_generation; });
}

QList<RoomBookmark> Bookmarks::list() const
{
    QList<RoomBookmark> out;
    out.reserve(m_entries.size());
    for (const BookmarkConference &c : m_entries)
        out << toRoomBookmark(c);
    return out;
}

std::optional<RoomBookmark> Bookmarks::find(const QString &room) const
{
    const auto it = m_entries.constFind(room);
    if (it == m_entries.cend())
        return std::nullopt;
    return toRoomBookmark(*it);
}

void Bookmarks::onAccountInfo()
{
    const auto &info = m_disco->accountInfo();
    // XEP-0402 §5: only with #compat do XEP-0048 clients see what we publish over PEP.
    m_storage = info && info->hasFeature(ns::BookmarksCompat) ? Storage::Pep : Storage::PrivateXml;
    m_autojoinDone.clear();
    const int generation = m_generation;
    if (m_storage == Storage::Pep) {
        m_pep->fetch().then(
            this, [this, generation](const Result<std::vector<BookmarkConference>> &r) {
                if (generation != m_generation)
                    return;
                if (const auto *list = std::get_if<std::vector<BookmarkConference>>(&r))
                    applyFetched(*list);
                else
                    qWarning("Bookmarks: fetching PEP bookmarks failed: %s",
                             qPrintable(std::get<Error>(r).text));
            });
    } else {
        m_legacy->fetch().then(this, [this, generation](const Result<LegacyBookmarkStorage> &r) {
            if (generation != m_generation)
                return;
            if (const auto *storage = std::get_if<LegacyBookmarkStorage>(&r))
                applyFetched(storage->conferences());
            else
                qWarning("Bookmarks: fetching private XML bookmarks failed: %s",
                         qPrintable(std::get<Error>(r).text));
        });
    }
}

void Bookmarks::applyFetched(const std::vector<BookmarkConference> &conferences)
{
    replaceEntries(conferences);
    // XEP-0402 §3.2: once connected, join every room whose bookmark says autojoin.
    for (const BookmarkConference &c : std::as_const(m_entries)) {
        if (c.autojoin)
            requestAutojoin(c);
    }
}

void Bookmarks::replaceEntries(const std::vector<BookmarkConference> &conferences)
{
    QMap<QString, BookmarkConference> entries;
    for (const BookmarkConference &c : conferences)
        entries.insert(c.room.bareString(), c);
    const bool differs = !m_loaded || entries != m_entries;
    m_entries = entries;
    m_loaded = true;
    if (differs)
        Q_EMIT changed();
}

void Bookmarks::requestAutojoin(const BookmarkConference &conference)
{
    const QString room = conference.room.bareString();
    if (m_autojoinDone.contains(room))
        return;
    m_autojoinDone.insert(room);
    Q_EMIT autojoinRequested(toRoomBookmark(conference));
}

void Bookmarks::onPublished(const BookmarkConference &conference)
{
    // Without #compat, PEP bookmarks are not the list we keep (nor one set/remove would edit).
    if (m_storage != Storage::Pep)
        return;
    const QString room = conference.room.bareString();
    const auto it = m_entries.constFind(room);
    const bool same = it != m_entries.cend() && *it == conference;
    const bool wasAutojoin = it != m_entries.cend() && it->autojoin;
    m_entries.insert(room, conference);
    if (!same)
        Q_EMIT changed();
    if (wasAutojoin && !conference.autojoin && !m_ownEdits.contains(room))
        Q_EMIT leaveRequested(room);
    // XEP-0402 §4: a notification with autojoin means "join now"; without it, the room may
    // be requested again once autojoin is switched back on.
    if (conference.autojoin)
        requestAutojoin(conference);
    else
        m_autojoinDone.remove(room);
}

void Bookmarks::onRetracted(const Jid &room)
{
    if (m_storage != Storage::Pep)
        return;
    const QString key = room.bareString();
    m_autojoinDone.remove(key);
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend())
        return;
    const bool wasAutojoin = it->autojoin;
    m_entries.remove(key);
    Q_EMIT changed();
    if (wasAutojoin && !m_ownEdits.contains(key))
        Q_EMIT leaveRequested(key);
}

Task<Result<Success>> Bookmarks::set(const RoomBookmark &bookmark)
{
    const auto room = Jid::parse(bookmark.room);
    if (!room || !room->isBare() || room->local().isEmpty())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not a room address.")));
    if (!m_client->isConnected() || m_storage == Storage::Unknown)
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    const QString key = room->bareString();
    BookmarkConference conference = m_entries.value(key); // keeps <extensions/>
    conference.room = *room;
    conference.name = bookmark.name;
    conference.nick = bookmark.nick;
    conference.password = bookmark.password;
    conference.autojoin = bookmark.autojoin;
    // Our own change: the echoed notification must not ask to join what the user just chose.
    const bool marked = conference.autojoin && !m_autojoinDone.contains(key);
    if (marked)
        m_autojoinDone.insert(key);

    const auto apply = [this, key, conference] {
        const auto it = m_entries.constFind(key);
        if (it != m_entries.cend() && *it == conference)
            return; // the notification came first
        m_entries.insert(key, conference);
        Q_EMIT changed();
    };
    if (m_storage == Storage::PrivateXml)
        return editLegacy([conference](LegacyBookmarkStorage &s) {
            s.setConference(conference);
            return true;
        });
    Promise<Result<Success>> promise;
    m_ownEdits.insert(key);
    m_pep->publish(conference)
        .then(this, [this, promise, apply, key, marked](const Result<Success> &r) mutable {
            m_ownEdits.remove(key);
            if (isOk(r))
                apply();
            else if (marked)
                m_autojoinDone.remove(key); // nothing changed: another client may still ask
            promise.finish(r);
        });
    return promise.task();
}

Task<Result<Success>> Bookmarks::remove(const QString &room)
{
    const auto jid = Jid::parse(room);
    if (!jid || !jid->isBare())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not a room address.")));
    if (!m_client->isConnected() || m_storage == Storage::Unknown)
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    const QString key = jid->bareString();
    if (m_storage == Storage::PrivateXml)
        return editLegacy([jid](LegacyBookmarkStorage &s) { return s.removeConference(*jid); });
    Promise<Result<Success>> promise;
    m_ownEdits.insert(key);
    m_pep->retract(*jid).then(this, [this, promise, key](const Result<Success> &r) mutable {
        m_ownEdits.remove(key);
        if (isOk(r)) {
            m_autojoinDone.remove(key);
            if (m_entries.remove(key) > 0)
                Q_EMIT changed();
        }
        promise.finish(r);
    });
    return promise.task();
}

Task<Result<Success>> Bookmarks::editLegacy(std::function<bool(LegacyBookmarkStorage &)> edit)
{
    Promise<Result<Success>> promise;
    const int generation = m_generation;
    m_legacy->fetch().then(
        this, [this, promise, edit, generation](const Result<LegacyBookmarkStorage> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(*error);
                return;
            }
            LegacyBookmarkStorage storage = std::get<LegacyBookmarkStorage>(r);
            if (!edit(storage)) {
                promise.finish(Success{}); // nothing to change
                return;
            }
            m_legacy->store(storage).then(
                this, [this, promise, storage, generation](const Result<Success> &stored) mutable {
                    // What we stored is the whole truth, other clients' edits included.
                    if (isOk(stored) && generation == m_generation)
                        replaceEntries(storage.conferences());
                    promise.finish(stored);
                });
        });
    return promise.task();
}

} // namespace parla::services
