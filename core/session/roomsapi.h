// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/roomtypes.h"

#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QAbstractItemModel;

namespace parla {

/// The group chat part of the Session seam (XEP-0045 and friends): entering and leaving rooms,
/// their state and occupants, invitations (XEP-0249, mediated), CAPTCHA challenges (XEP-0158),
/// room administration (XEP-0045 §6, §8–§10; XEP-0425) and bookmarks (XEP-0402, XEP-0048
/// fallback). A room's conversation and messages are ChatsApi's (peer = the room's bare JID).
class RoomsApi : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

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

    // Room administration
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

    // Bookmarks (XEP-0402, XEP-0048 fallback)
    virtual QList<RoomBookmark> bookmarks(const QString &account) = 0;
    /// Adds or replaces the bookmark of bookmark.room.
    virtual Task<xmpp::Result<xmpp::Success>> setBookmark(const QString &account,
                                                          const RoomBookmark &bookmark) = 0;
    virtual Task<xmpp::Result<xmpp::Success>> removeBookmark(const QString &account,
                                                             const QString &room) = 0;

Q_SIGNALS:
    /// The room's RoomInfo changed (state, subject, our role, …): ask again.
    void roomChanged(const QString &account, const QString &room);
    /// Someone invites us to a room (shown as a banner with Join / Decline).
    void invitationReceived(const QString &account, const parla::RoomInvitation &invitation);
    /// A room asks for a CAPTCHA (XEP-0158) before we may enter or speak.
    void challengeReceived(const QString &account, const parla::RoomChallenge &challenge);
    /// bookmarks() of the account changed (ours or another client's edit).
    void bookmarksChanged(const QString &account);
};

} // namespace parla
