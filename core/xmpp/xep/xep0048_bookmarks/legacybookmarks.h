// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/extension.h"
#include "xmpp/result.h"
#include "xmpp/task.h"
#include "xmpp/xep/xep0402_bookmarks/bookmarksmanager.h"

#include <optional>
#include <vector>

namespace parla::xmpp {

/// The whole XEP-0048 <storage xmlns='storage:bookmarks'/> element as kept in XEP-0049 private
/// XML storage. Storage is one element for all bookmarks, so every write replaces everything:
/// we edit the element we read in place, keeping URL bookmarks, unknown elements, and unknown
/// attributes and children of conferences, so other clients' data survives our writes.
class LegacyBookmarkStorage
{
public:
    LegacyBookmarkStorage();
    /// From <iq type='result'><query xmlns='jabber:iq:private'><storage …/></query></iq>.
    /// An empty query (nothing stored yet) gives an empty storage; anything else nullopt.
    static std::optional<LegacyBookmarkStorage> fromQueryResult(const Element &iq);
    /// From a <storage xmlns='storage:bookmarks'/> element; nullopt for anything else.
    static std::optional<LegacyBookmarkStorage> fromStorage(const Element &storage);

    /// The conferences with a valid bare 'jid' (XEP-0048 §3.2); others are kept but not listed.
    std::vector<BookmarkConference> conferences() const;
    /// Adds the conference, or updates the one with the same JID in place.
    void setConference(const BookmarkConference &conference);
    /// Removes every conference of `room`; false when there was none.
    bool removeConference(const Jid &room);

    const Element &element() const { return m_storage; }

private:
    Element m_storage;
};

/// XEP-0048 bookmarks in XEP-0049 private XML storage (jabber:iq:private): the fallback for
/// servers that do not unify them with XEP-0402 (no urn:xmpp:bookmarks:1#compat on the account).
class LegacyBookmarksManager : public Extension
{
    Q_OBJECT
public:
    using Extension::Extension;

    /// <iq type='get'><query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'/>.
    static Element makeFetch();
    /// <iq type='set'> storing the whole element (XEP-0049 §2.1).
    static Element makeStore(const LegacyBookmarkStorage &storage);

    Task<Result<LegacyBookmarkStorage>> fetch();
    Task<Result<Success>> store(const LegacyBookmarkStorage &storage);
};

} // namespace parla::xmpp
