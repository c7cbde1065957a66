// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/roomsapi.h"

#include <QHash>
#include <QStandardItemModel>

namespace parla::test {

class FakeSession;

/// RoomsApi for UI tests: rooms with a RoomInfo and an occupant model (the roles of
/// models/roles.h OccupantRole), their conversations in the FakeChats' model, room
/// administration answered from the plain members below (fakeroomadmin.cpp), bookmarks in
/// memory, every call recorded in the FakeSession's log.
class FakeRooms : public RoomsApi
{
    Q_OBJECT
public:
    explicit FakeRooms(FakeSession &root);

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
    // Room administration (fakeroomadmin.cpp)
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

    /// Adds a room: its conversation row (ConversationKindRole 1), RoomInfo and an occupant
    /// model holding `occupants` plus `crowd` generated ones ("guest0001"…, participants).
    void addRoom(const QString &account, const RoomInfo &info,
                 const QList<RoomOccupant> &occupants = {}, int crowd = 0);
    /// Replaces the room's info (the conversation row follows) and emits roomChanged.
    void setRoomInfo(const QString &account, const RoomInfo &info);
    QStandardItemModel *fakeOccupants(const QString &account, const QString &room);
    /// A message from occupant `nick` arrives in the room (sender nick, colour, mention flag).
    qint64 receiveInRoom(const QString &account, const QString &room, const QString &nick,
                         const QString &text, bool mentionsMe = false);
    QHash<QString, QList<RoomBookmark>> roomBookmarks; ///< account → its room bookmarks

    // Room administration state the fake answers from (fakeroomadmin.cpp)
    QStringList mucServiceList{QStringLiteral("conference.example.org")};
    QHash<QString, QList<RoomListing>> roomDirectories;   ///< service → rooms
    QHash<QString, xmpp::DataForm> roomConfigs;           ///< room → form (else sampleRoomConfig)
    QHash<QString, QList<AffiliationEntry>> affiliations; ///< room → every non-none entry
    QHash<QString, xmpp::Error> roomAdminFailures; ///< method name → the error it answers with
    xmpp::DataForm lastSubmittedRoomConfig;
    /// A muc#roomconfig form as Prosody 0.12 sends it (sections, every field type it uses).
    static xmpp::DataForm sampleRoomConfig(const QString &room);

protected:
    FakeSession &m_root;

private:
    QHash<QString, RoomInfo> m_rooms;                      ///< account\nroom → info
    QHash<QString, QStandardItemModel *> m_occupantModels; ///< account\nroom → occupants
};

} // namespace parla::test
