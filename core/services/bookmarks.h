// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "roomtypes.h"

#include "xmpp/result.h"
#include "xmpp/task.h"
#include "xmpp/xep/xep0048_bookmarks/legacybookmarks.h"
#include "xmpp/xep/xep0402_bookmarks/bookmarksmanager.h"

#include <QMap>
#include <QObject>
#include <QSet>

#include <functional>
#include <optional>

namespace parla::xmpp {
class Client;
class DiscoManager;
} // namespace parla::xmpp

namespace parla::services {

/// One account's room bookmarks (XEP-0402 PEP Native Bookmarks; XEP-0048 in XEP-0049 private
/// XML storage when the server does not unify the two).
///
/// After each login (not after a stream resumption) it picks the storage from the account's
/// disco#info: urn:xmpp:bookmarks:1#compat (XEP-0402 §5) means PEP bookmarks are what every
/// client sees, so we use them; without it PEP bookmarks would be invisible to XEP-0048 clients
/// (or absent), so we use private XML storage. It then fetches the list, emits changed(), and
/// autojoinRequested() once for each autojoin bookmark. In PEP mode, our other clients'
/// additions and changes arrive as notifications (only from our own account; see
/// xmpp::BookmarkEvent) and a bookmark they add or switch to autojoin is requested too.
/// Changes made through set() never request an autojoin: the user is already acting on it.
/// It never joins a room itself: whoever owns the rooms connects to autojoinRequested.
class Bookmarks : public QObject
{
    Q_OBJECT
public:
    enum class Storage
    {
        Unknown,   ///< not logged in yet
        Pep,       ///< XEP-0402
        PrivateXml ///< XEP-0048 in XEP-0049 (fallback)
    };
    Q_ENUM(Storage)

    /// Registers its protocol managers on `client` (before the message manager: PEP
    /// notifications are messages) and follows `disco` to learn the account's features.
    Bookmarks(xmpp::Client *client, xmpp::DiscoManager *disco, QObject *parent = nullptr);

    /// The bookmarks, ordered by room JID (empty until the first fetch).
    QList<RoomBookmark> list() const;
    std::optional<RoomBookmark> find(const QString &room) const;
    Storage storage() const { return m_storage; }
    /// Whether the list was fetched in this session.
    bool isLoaded() const { return m_loaded; }

    /// Adds or replaces the bookmark of bookmark.room (keeping what other clients stored with
    /// it: XEP-0402 <extensions/>, unknown XEP-0048 elements).
    Task<xmpp::Result<xmpp::Success>> set(const RoomBookmark &bookmark);
    Task<xmpp::Result<xmpp::Success>> remove(const QString &room);

Q_SIGNALS:
    void changed();
    /// Join this room: once per login for each autojoin bookmark, and when another client of
    /// ours adds one with autojoin or turns autojoin on.
    void autojoinRequested(const parla::RoomBookmark &bookmark);
    /// Leave this room (XEP-0402 §4 SHOULD): another client of ours removed its autojoin
    /// bookmark or turned autojoin off. Never for changes made through this object.
    void leaveRequested(const QString &room);

private:
    void onAccountInfo();
    void applyFetched(const std::vector<xmpp::BookmarkConference> &conferences);
    void replaceEntries(const std::vector<xmpp::BookmarkConference> &conferences);
    void onPublished(const xmpp::BookmarkConference &conference);
    void onRetracted(const xmpp::Jid &room);
    void requestAutojoin(const xmpp::BookmarkConference &conference);
    /// Fetch, edit, store: private storage is one element, so we never write a stale copy.
    Task<xmpp::Result<xmpp::Success>>
    editLegacy(std::function<bool(xmpp::LegacyBookmarkStorage &)> edit);

    xmpp::Client *m_client;
    xmpp::DiscoManager *m_disco;
    xmpp::BookmarksManager *m_pep;
    xmpp::LegacyBookmarksManager *m_legacy;
    Storage m_storage = Storage::Unknown;
    bool m_loaded = false;
    int m_generation = 0; ///< bumped on disconnect: answers of an old session are dropped
    QMap<QString, xmpp::BookmarkConference> m_entries; ///< by bare room JID
    /// Rooms whose autojoin was requested (or set by us) in this session.
    QSet<QString> m_autojoinDone;
    /// Rooms with a publish/retract of ours in flight: their echo is not another client's.
    QSet<QString> m_ownEdits;
};

/// The service's value ↔ the protocol's.
RoomBookmark toRoomBookmark(const xmpp::BookmarkConference &conference);

} // namespace parla::services
