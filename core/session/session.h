// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/peopletypes.h"
#include "services/roomtypes.h"
#include "services/types.h"
#include "types/accountspec.h"
#include "types/registrationform.h"
#include "types/searchtypes.h"

#include "xmpp/connectionerror.h"
#include "xmpp/result.h"
#include "xmpp/task.h"
#include "xmpp/xep/xep0085_chatstates/chatstate.h"

#include <QDateTime>
#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>

class QAbstractItemModel;

namespace parla {

/// The seam between the UI (or the CLI) and the core (STYLE.md: "the UI reaches the core only
/// through an abstract seam"). Implemented by services::AppSession; tests use fakes.
/// Accounts and peers are bare JIDs as strings; every model uses the roles of models/roles.h.
class Session : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QAbstractItemModel *accountModel() = 0;
    /// Contacts of every account (filter/sort with a proxy in the UI).
    virtual QAbstractItemModel *rosterModel() = 0;
    virtual QAbstractItemModel *conversationModel() = 0;
    /// One conversation's messages (owned by the session, kept while the conversation is open).
    /// Older messages load through fetchMore().
    virtual QAbstractItemModel *messageModel(const QString &account, const QString &peer) = 0;

    // Accounts
    /// Adds an existing account and connects it; finishes once logged in or with the error.
    virtual Task<xmpp::Result<xmpp::Success>> addAccount(const AccountSpec &spec,
                                                         const QString &password) = 0;
    /// Asks the server for its registration form (XEP-0077).
    virtual Task<xmpp::Result<RegistrationForm>>
    fetchRegistrationForm(const AccountSpec &server) = 0;
    /// Submits the filled form; on success the account is added and connected.
    virtual Task<xmpp::Result<xmpp::Success>> registerAccount(const AccountSpec &server,
                                                              const RegistrationForm &filled) = 0;
    virtual void removeAccount(const QString &account) = 0;
    virtual void setAccountEnabled(const QString &account, bool enabled) = 0;
    /// Reconnect now (after an error, or to skip the back-off wait).
    virtual void retryAccount(const QString &account) = 0;
    virtual void setAvailability(const QString &account, Availability availability,
                                 const QString &status) = 0;
    /// The user decided about an untrusted certificate of this account (pin = trust from now on).
    virtual void decideCertificate(const QString &account, const QString &fingerprint,
                                   bool pin) = 0;

    // Contacts (RFC 6121)
    virtual void addContact(const QString &account, const QString &jid, const QString &name,
                            const QStringList &groups) = 0;
    virtual void removeContact(const QString &account, const QString &jid) = 0;
    virtual void renameContact(const QString &account, const QString &jid, const QString &name) = 0;
    virtual void setContactGroups(const QString &account, const QString &jid,
                                  const QStringList &groups) = 0;
    /// Answers their request to see our presence.
    virtual void answerSubscription(const QString &account, const QString &jid, bool accept) = 0;

    // Conversations
    virtual void openConversation(const QString &account, const QString &peer) = 0;
    virtual void closeConversation(const QString &account, const QString &peer) = 0;
    virtual void sendMessage(const QString &account, const QString &peer, const QString &text) = 0;
    /// Sends a failed message again (same id).
    virtual void retryMessage(const QString &account, qint64 messageId) = 0;
    /// The user has seen the conversation (open, window active): unread cleared, XEP-0333
    /// displayed marker sent, XEP-0490 read state published for our other devices.
    virtual void markRead(const QString &account, const QString &peer) = 0;
    /// Mutes a conversation until `until` (mutedForever() for "until I unmute"; an invalid
    /// time unmutes): no notification, no sound, no tray attention; unread counts still show.
    virtual void setConversationMuted(const QString &account, const QString &peer,
                                      const QDateTime &until) = 0;
    /// When the conversation's mute ends; invalid when it is not muted now.
    virtual QDateTime conversationMutedUntil(const QString &account, const QString &peer) = 0;
    bool isConversationMuted(const QString &account, const QString &peer)
    {
        return conversationMutedUntil(account, peer).isValid();
    }
    /// The "until I unmute" time: the end of year 9999, UTC.
    static QDateTime mutedForever() { return QDateTime(QDate(9999, 12, 31), QTime(0, 0), Qt::UTC); }

    // Message features
    /// XEP-0308: our message `messageId` now reads `text` (shown as edited).
    virtual void correctMessage(const QString &account, qint64 messageId, const QString &text) = 0;
    /// XEP-0424: takes back our message `messageId` (the UI asks for confirmation first).
    virtual void retractMessage(const QString &account, qint64 messageId) = 0;
    /// XEP-0461: sends `text` as a reply to the message `replyTo` of that conversation.
    virtual void sendReply(const QString &account, const QString &peer, qint64 replyTo,
                           const QString &text) = 0;
    /// XEP-0444: adds our reaction `emoji` to message `messageId`, or removes it if present.
    virtual void toggleReaction(const QString &account, qint64 messageId, const QString &emoji) = 0;
    /// XEP-0085: what the user is doing in the composer of this conversation.
    virtual void setChatState(const QString &account, const QString &peer,
                              xmpp::ChatState state) = 0;

    // Diagnostics
    /// Sends raw XML typed in the XML console (must be one well-formed stanza).
    virtual xmpp::Result<xmpp::Success> sendRawXml(const QString &account, const QString &xml) = 0;

    // People (services/people.h): avatars, profiles, contact details, blocking
    /// `jid`'s avatar (XEP-0084/0153) scaled to fit size × size; null when none or not yet
    /// fetched (asking starts the fetch; avatarChanged() says when to ask again).
    virtual QImage avatar(const QString &account, const QString &jid, int size) = 0;
    /// vCard4 (XEP-0292) or vcard-temp (XEP-0054) of anyone, our own account included.
    virtual Task<xmpp::Result<Profile>> fetchProfile(const QString &account,
                                                     const QString &jid) = 0;
    virtual Task<xmpp::Result<xmpp::Success>> publishProfile(const QString &account,
                                                             const Profile &profile) = 0;
    /// Scales the picture to 192×192 PNG and publishes it (XEP-0084 and the vCard photo).
    virtual Task<xmpp::Result<xmpp::Success>> publishAvatar(const QString &account,
                                                            const QImage &image) = 0;
    /// Profile, resources with client/version/local time/idle, or last seen (XEP-0092/0202/0012).
    virtual Task<xmpp::Result<ContactDetails>> fetchContactDetails(const QString &account,
                                                                   const QString &jid) = 0;
    /// What Parla answers about itself, for every account (kept in the profile).
    virtual RevealSettings revealSettings() const = 0;
    virtual void setRevealSettings(const RevealSettings &settings) = 0;
    /// XEP-0191 blocklist of the account, sorted.
    virtual QStringList blocklist(const QString &account) const = 0;
    /// Blocks; with reportSpam also reports them to the server (XEP-0377).
    virtual Task<xmpp::Result<xmpp::Success>> block(const QString &account, const QString &jid,
                                                    bool reportSpam) = 0;
    virtual Task<xmpp::Result<xmpp::Success>> unblock(const QString &account,
                                                      const QString &jid) = 0;
    // Search
    /// Full-text search of the stored history of every account (or the filter's), best match
    /// first, at most `limit` hits; diacritics-insensitive, the last word a prefix. Runs off the
    /// GUI thread; a search superseded by a newer one finishes with an error.
    virtual Task<xmpp::Result<QList<SearchHit>>>
    searchMessages(const QString &text, const SearchFilter &filter, int limit) = 0;

    // Group chat (XEP-0045 and friends). A room's conversation is opened, listed and read like
    // a 1:1 one with peer = the room's bare JID (ConversationKindRole says GroupChat), and
    // sendMessage/correctMessage/retractMessage/sendReply/toggleReaction work on it too.
    // A private message to an occupant is a conversation with peer = "room@service/nick".
    // (appsession_rooms.cpp)
    /// Enters the room (creating its conversation); the state goes Joining → Joined or Error.
    /// Messages sent while not joined wait as Pending and go out once joined.
    virtual void joinRoom(const QString &account, const QString &room, const QString &nick,
                          const QString &password) = 0;
    /// Leaves the room (state NotJoined); the conversation and its history stay.
    virtual void leaveRoom(const QString &account, const QString &room) = 0;
    virtual RoomInfo roomInfo(const QString &account, const QString &room) = 0;
    /// The room's occupants (roles of models/roles.h OccupantRole), sorted by role then nick.
    virtual QAbstractItemModel *occupantModel(const QString &account, const QString &room) = 0;
    virtual void changeNick(const QString &account, const QString &room, const QString &nick) = 0;
    virtual void setRoomSubject(const QString &account, const QString &room,
                                const QString &subject) = 0;
    /// Invites `jid` (XEP-0249 direct when the invitee's client supports it, else mediated).
    virtual void inviteToRoom(const QString &account, const QString &room, const QString &jid,
                              const QString &reason) = 0;
    /// Declines an invitation (mediated ones tell the inviter through the room).
    virtual void declineInvitation(const QString &account, const RoomInvitation &invitation,
                                   const QString &reason) = 0;
    /// XEP-0158: the user's answer to a CAPTCHA (the challenge's form, filled).
    virtual void answerChallenge(const QString &account, const RoomChallenge &challenge,
                                 const xmpp::DataForm &answer) = 0;

    // Room administration (appsession_roomadmin.cpp)
    /// Rooms of the account's MUC services (or of `service` when given), XEP-0045 §6.
    virtual Task<xmpp::Result<QList<RoomListing>>> roomDirectory(const QString &account,
                                                                 const QString &service) = 0;
    /// The account's MUC services (disco items of its server with the muc feature).
    virtual Task<xmpp::Result<QStringList>> mucServices(const QString &account) = 0;
    /// Creates and joins a new room with a preset (§10.1). With RoomPreset::Custom the room
    /// stays locked until submitRoomConfiguration().
    virtual Task<xmpp::Result<xmpp::Success>> createRoom(const QString &account,
                                                         const QString &room, const QString &nick,
                                                         RoomPreset preset) = 0;
    /// The owner's configuration form (§10.2).
    virtual Task<xmpp::Result<xmpp::DataForm>> roomConfiguration(const QString &account,
                                                                 const QString &room) = 0;
    virtual Task<xmpp::Result<xmpp::Success>>
    submitRoomConfiguration(const QString &account, const QString &room,
                            const xmpp::DataForm &form) = 0;
    virtual Task<xmpp::Result<xmpp::Success>>
    destroyRoom(const QString &account, const QString &room, const QString &reason) = 0;
    /// §10.1.3: the owner cancels the initial configuration of a room createRoom(Custom) made
    /// (an XEP-0004 'cancel' form; the service MUST then destroy it). We also leave the room,
    /// so that a service that keeps it (Prosody 0.12 only answers) drops it with its last
    /// occupant instead of leaving it locked and, after its lock timeout, open with defaults.
    virtual Task<xmpp::Result<xmpp::Success>> cancelRoomConfiguration(const QString &account,
                                                                      const QString &room) = 0;
    /// Kick (RoomRole::None), grant/revoke voice (Participant/Visitor), moderator (§8.2–8.5).
    virtual Task<xmpp::Result<xmpp::Success>> setOccupantRole(const QString &account,
                                                              const QString &room,
                                                              const QString &nick, RoomRole role,
                                                              const QString &reason) = 0;
    /// Ban (Outcast), member/admin/owner, or None to remove (§9, §10).
    virtual Task<xmpp::Result<xmpp::Success>>
    setAffiliation(const QString &account, const QString &room, const QString &jid,
                   RoomAffiliation affiliation, const QString &reason) = 0;
    virtual Task<xmpp::Result<QList<AffiliationEntry>>>
    affiliationList(const QString &account, const QString &room, RoomAffiliation affiliation) = 0;
    /// XEP-0425: a moderator retracts someone's message `messageId` in the room.
    virtual Task<xmpp::Result<xmpp::Success>>
    moderateMessage(const QString &account, qint64 messageId, const QString &reason) = 0;

    // Bookmarks (XEP-0402, XEP-0048 fallback; appsession_bookmarks.cpp)
    virtual QList<RoomBookmark> bookmarks(const QString &account) = 0;
    /// Adds or replaces the bookmark of bookmark.room.
    virtual Task<xmpp::Result<xmpp::Success>> setBookmark(const QString &account,
                                                          const RoomBookmark &bookmark) = 0;
    virtual Task<xmpp::Result<xmpp::Success>> removeBookmark(const QString &account,
                                                             const QString &room) = 0;

Q_SIGNALS:
    /// Something the user should notice (for desktop notifications): a message in a
    /// conversation that is not in front of them.
    void messageNotified(const QString &account, const QString &peer, const QString &title,
                         const QString &text);
    /// A certificate needs the user's decision (show fingerprint and problems).
    void certificateDecisionNeeded(const QString &account, const parla::xmpp::CertificateInfo &info,
                                   bool changedSincePinned);
    /// Someone asks to see our presence.
    void subscriptionRequested(const QString &account, const QString &jid);
    /// Raw traffic of an account for the XML console.
    void xmlTraffic(const QString &account, bool incoming, const QByteArray &xml);
    /// Total unread messages changed (tray badge).
    void unreadTotalChanged(int total);
    /// Ask avatar() again for this contact.
    void avatarChanged(const QString &account, const QString &jid);
    void blocklistChanged(const QString &account);
    /// XEP-0085: the peer's chat state changed (int: xmpp::ChatState).
    void chatStateChanged(const QString &account, const QString &peer, int state);
    /// Group chat: the room's RoomInfo changed (state, subject, our role, …): ask again.
    void roomChanged(const QString &account, const QString &room);
    /// Someone invites us to a room (shown as a banner with Join / Decline).
    void invitationReceived(const QString &account, const parla::RoomInvitation &invitation);
    /// A room asks for a CAPTCHA (XEP-0158) before we may enter or speak.
    void challengeReceived(const QString &account, const parla::RoomChallenge &challenge);
    void bookmarksChanged(const QString &account);
};

} // namespace parla
