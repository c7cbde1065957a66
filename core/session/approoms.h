// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appcontext.h"
#include "chatsapi.h"
#include "roomsapi.h"

namespace parla::storage {
struct MessageRecord;
}

namespace parla::services {

class SelfPingScheduler;

/// AppSession's RoomsApi: rooms over services::RoomManager (approoms.cpp), administration over
/// xmpp::MucAdminManager (approomadmin.cpp), bookmarks over services::Bookmarks.
class AppRooms : public RoomsApi
{
    Q_OBJECT
public:
    /// `chats` opens a room's conversation when we join it.
    AppRooms(AppContext &context, ChatsApi &chats, QObject *parent = nullptr);

    void joinRoom(const QString &account, const QString &room, const QString &nick,
                  const QString &password) override;
    void leaveRoom(const QString &account, const QString &room) override;
    RoomInfo roomInfo(const QString &account, const QString &room) override;
    QAbstractItemModel *occupantModel(const QString &account, const QString &room) override;
    void changeNick(const QString &account, const QString &room, const QString &nick) override;
    void setRoomSubject(const QString &account, const QString &room,
                        const QString &subject) override;
    void inviteToRoom(const QString &account, const QString &room, const QString &jid,
                      const QString &reason) override;
    void declineInvitation(const QString &account, const RoomInvitation &invitation,
                           const QString &reason) override;
    void answerChallenge(const QString &account, const RoomChallenge &challenge,
                         const xmpp::DataForm &answer) override;

    // Room administration (approomadmin.cpp)
    Task<xmpp::Result<QList<RoomListing>>> roomDirectory(const QString &account,
                                                         const QString &service) override;
    Task<xmpp::Result<QStringList>> mucServices(const QString &account) override;
    Task<xmpp::Result<xmpp::Success>> createRoom(const QString &account, const QString &room,
                                                 const QString &nick, RoomPreset preset) override;
    Task<xmpp::Result<xmpp::DataForm>> roomConfiguration(const QString &account,
                                                         const QString &room) override;
    Task<xmpp::Result<xmpp::Success>> submitRoomConfiguration(const QString &account,
                                                              const QString &room,
                                                              const xmpp::DataForm &form) override;
    Task<xmpp::Result<xmpp::Success>> cancelRoomConfiguration(const QString &account,
                                                              const QString &room) override;
    Task<xmpp::Result<xmpp::Success>> destroyRoom(const QString &account, const QString &room,
                                                  const QString &reason) override;
    Task<xmpp::Result<xmpp::Success>> setOccupantRole(const QString &account, const QString &room,
                                                      const QString &nick, RoomRole role,
                                                      const QString &reason) override;
    Task<xmpp::Result<xmpp::Success>> setAffiliation(const QString &account, const QString &room,
                                                     const QString &jid,
                                                     RoomAffiliation affiliation,
                                                     const QString &reason) override;
    Task<xmpp::Result<QList<AffiliationEntry>>>
    affiliationList(const QString &account, const QString &room,
                    RoomAffiliation affiliation) override;
    Task<xmpp::Result<xmpp::Success>> moderateMessage(const QString &account, qint64 messageId,
                                                      const QString &reason) override;

    // Bookmarks
    QList<RoomBookmark> bookmarks(const QString &account) override;
    Task<xmpp::Result<xmpp::Success>> setBookmark(const QString &account,
                                                  const RoomBookmark &bookmark) override;
    Task<xmpp::Result<xmpp::Success>> removeBookmark(const QString &account,
                                                     const QString &room) override;

    /// A new account: its rooms, bookmark autojoin and XEP-0410 self-pings.
    void attach(Account *account);
    /// What AppSession::wireAccount hands over: a stored group-chat message is traffic for
    /// the room's self-ping.
    void onMessageStored(Account *account, const storage::MessageRecord &record);
    /// The account's XEP-0410 self-ping scheduler; nullptr for an unknown account.
    SelfPingScheduler *selfPingScheduler(const QString &account) const;

private:
    AppContext &m_context;
    ChatsApi &m_chats;
};

} // namespace parla::services
