// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/extension.h"
#include "xmpp/jid.h"
#include "xmpp/result.h"
#include "xmpp/task.h"

#include <optional>
#include <vector>

namespace parla::xmpp {

/// One bookmarked chat room as XEP-0402 §3 (PEP Native Bookmarks) describes it: the item id is
/// the room's bare JID, the payload <conference xmlns='urn:xmpp:bookmarks:1'/>.
struct BookmarkConference
{
    Jid room; ///< bare JID (the pubsub item id; XEP-0048 'jid' attribute)
    QString name;
    QString nick;
    QString password;
    bool autojoin = false;
    /// The <extensions/> element, kept verbatim: XEP-0402 §3 "Clients MUST preserve these
    /// (particularly preserving unknown elements) when editing items". Null when absent.
    Element extensions;

    /// A pubsub <item id='room'><conference …/></item> (pubsub or pubsub#event namespace).
    /// Total: nullopt unless the id is a bare JID and the payload a XEP-0402 conference.
    static std::optional<BookmarkConference> fromItem(const Element &item);
    /// The <conference xmlns='urn:xmpp:bookmarks:1'/> payload (with `extensions` if any).
    Element toConference() const;
    bool operator==(const BookmarkConference &) const = default;
};

/// A bookmark change pushed by our PEP service (XEP-0402 §4 "Bookmark Notifications").
struct BookmarkEvent
{
    std::vector<BookmarkConference> published;
    std::vector<Jid> retracted;

    /// Parses a urn:xmpp:bookmarks:1 notification. Sender rule (XEP-0163 §4.3, XEP-0402 §4):
    /// the node lives in our own PEP service, so only our own bare JID (or a stanza without
    /// 'from', RFC 6120 §8.1.2.1) may speak for it; anything else gives nullopt.
    static std::optional<BookmarkEvent> fromMessage(const Element &message, const Jid &ownBare);
};

/// XEP-0402 PEP Native Bookmarks: fetches all bookmarks, publishes or retracts one, and reports
/// the notifications our other clients cause. Advertises urn:xmpp:bookmarks:1+notify
/// (XEP-0402 §3.1, XEP-0163 §4.2) so that the server sends them.
class BookmarksManager : public Extension
{
    Q_OBJECT
public:
    explicit BookmarksManager(QObject *parent = nullptr);

    QStringList discoFeatures() const override;
    /// Consumes every bookmarks notification; forged ones (not from our own account) are
    /// dropped without a signal.
    bool handleStanza(const Element &stanza) override;

    /// <iq type='get'> for all items of the node (XEP-0402 §3.2; no max_items).
    static Element makeFetch();
    /// <iq type='set'> publishing one item with the §3.3 publish-options (persist_items,
    /// max_items=max, send_last_published_item=never, access_model=whitelist).
    static Element makePublish(const BookmarkConference &conference);
    /// <iq type='set'> retracting the item of `room` with notify='1' (XEP-0402 §3.5).
    static Element makeRetract(const Jid &room);
    /// The conferences of an items result; invalid items are skipped.
    static std::vector<BookmarkConference> conferencesFromResult(const Element &iqResult);

    /// All bookmarks. A missing node (item-not-found) is an empty list, not an error.
    Task<Result<std::vector<BookmarkConference>>> fetch();
    Task<Result<Success>> publish(const BookmarkConference &conference);
    Task<Result<Success>> retract(const Jid &room);

Q_SIGNALS:
    /// A bookmark was added or changed (by another client of ours, or echoed for this one).
    void bookmarkPublished(const parla::xmpp::BookmarkConference &conference);
    void bookmarkRetracted(const parla::xmpp::Jid &room);
};

} // namespace parla::xmpp
