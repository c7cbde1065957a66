// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/models/messagepaging.h"
#include "core/session/session.h"

#include <QHash>
#include <QList>
#include <QStandardItemModel>

#include <optional>

namespace parla::test {

/// A message model that loads older pages on fetchMore(), like the real one (oldest first).
class FakeMessageModel : public QStandardItemModel, public models::MessagePaging
{
    Q_OBJECT
public:
    FakeMessageModel(QString account, QString peer, int history, QObject *parent = nullptr);

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Appends a message at the bottom (as a new incoming or a sent one).
    qint64 append(const QString &body, bool outgoing, DeliveryState state,
                  const QDateTime &time = QDateTime::currentDateTimeUtc());
    void setState(qint64 id, DeliveryState state, const QString &error = {});
    QModelIndex indexForId(qint64 id) const;

    /// Loads older pages until `id` is there (the fake's history is generated, not stored).
    int revealMessage(qint64 id) override;
    bool canFetchNewer() const override { return false; }
    void fetchNewer() override {}
    void showLatest() override {}
    int revealCalls = 0;

    int fetchMoreCalls = 0;
    int pageSize = 40;

private:
    QList<QStandardItem *> makeRow(qint64 id, const QString &body, bool outgoing,
                                   DeliveryState state, const QDateTime &time) const;
    void updateGrouping(int row);

    QString m_account;
    QString m_peer;
    QString m_peerName;
    int m_remainingHistory;
    qint64 m_nextOlderId;
    qint64 m_nextNewerId;
    QDateTime m_oldestTime;
};

/// parla::Session for UI tests and the preview: plausible data in QStandardItemModels with the
/// roles of models/roles.h, and a record of every call the UI made.
class FakeSession : public Session
{
    Q_OBJECT
public:
    explicit FakeSession(QObject *parent = nullptr, bool populate = true);

    QAbstractItemModel *accountModel() override { return &m_accounts; }
    QAbstractItemModel *rosterModel() override { return &m_roster; }
    QAbstractItemModel *conversationModel() override { return &m_conversations; }
    QAbstractItemModel *messageModel(const QString &account, const QString &peer) override;

    Task<xmpp::Result<xmpp::Success>> addAccount(const AccountSpec &spec,
                                                 const QString &password) override;
    Task<xmpp::Result<RegistrationForm>> fetchRegistrationForm(const AccountSpec &server) override;
    Task<xmpp::Result<xmpp::Success>> registerAccount(const AccountSpec &server,
                                                      const RegistrationForm &filled) override;
    void removeAccount(const QString &account) override;
    void setAccountEnabled(const QString &account, bool enabled) override;
    void retryAccount(const QString &account) override;
    void setAvailability(const QString &account, Availability availability,
                         const QString &status) override;
    void decideCertificate(const QString &account, const QString &fingerprint, bool pin) override;
    void addContact(const QString &account, const QString &jid, const QString &name,
                    const QStringList &groups) override;
    void removeContact(const QString &account, const QString &jid) override;
    void renameContact(const QString &account, const QString &jid, const QString &name) override;
    void setContactGroups(const QString &account, const QString &jid,
                          const QStringList &groups) override;
    void answerSubscription(const QString &account, const QString &jid, bool accept) override;
    void openConversation(const QString &account, const QString &peer) override;
    void closeConversation(const QString &account, const QString &peer) override;
    void sendMessage(const QString &account, const QString &peer, const QString &text) override;
    void retryMessage(const QString &account, qint64 messageId) override;
    void markRead(const QString &account, const QString &peer) override;
    void setConversationMuted(const QString &account, const QString &peer,
                              const QDateTime &until) override;
    QDateTime conversationMutedUntil(const QString &account, const QString &peer) override;
    void correctMessage(const QString &account, qint64 messageId, const QString &text) override;
    void retractMessage(const QString &account, qint64 messageId) override;
    void sendReply(const QString &account, const QString &peer, qint64 replyTo,
                   const QString &text) override;
    void toggleReaction(const QString &account, qint64 messageId, const QString &emoji) override;
    void setChatState(const QString &account, const QString &peer, xmpp::ChatState state) override;
    xmpp::Result<xmpp::Success> sendRawXml(const QString &account, const QString &xml) override;
    /// Case-insensitive substring search over searchCorpus (snippet = whole body), at once.
    Task<xmpp::Result<QList<SearchHit>>>
    searchMessages(const QString &text, const SearchFilter &filter, int limit) override;

    // Group chat (fakesession_rooms.cpp: answers from the members below, calls recorded)
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
    // Room administration (fakesession_roomadmin.cpp)
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
    // Bookmarks (fakesession_rooms.cpp)
    QList<RoomBookmark> bookmarks(const QString &account) override;
    Task<xmpp::Result<xmpp::Success>> setBookmark(const QString &account,
                                                  const RoomBookmark &bookmark) override;
    Task<xmpp::Result<xmpp::Success>> removeBookmark(const QString &account,
                                                     const QString &room) override;

    // People (fakesession_people.cpp): answers from the members below, calls recorded.
    QImage avatar(const QString &account, const QString &jid, int size) override;
    Task<xmpp::Result<Profile>> fetchProfile(const QString &account, const QString &jid) override;
    Task<xmpp::Result<xmpp::Success>> publishProfile(const QString &account,
                                                     const Profile &profile) override;
    Task<xmpp::Result<xmpp::Success>> publishAvatar(const QString &account,
                                                    const QImage &image) override;
    Task<xmpp::Result<ContactDetails>> fetchContactDetails(const QString &account,
                                                           const QString &jid) override;
    RevealSettings revealSettings() const override { return reveal; }
    void setRevealSettings(const RevealSettings &settings) override;
    QStringList blocklist(const QString &account) const override;
    Task<xmpp::Result<xmpp::Success>> block(const QString &account, const QString &jid,
                                            bool reportSpam) override;
    Task<xmpp::Result<xmpp::Success>> unblock(const QString &account, const QString &jid) override;

    /// Adds an account row (state and availability as given).
    void addAccountRow(const QString &jid, ConnectionState state, Availability availability,
                       const QString &error = {});
    void addContactRow(const QString &account, const QString &jid, const QString &name,
                       const QStringList &groups, Availability availability,
                       const QString &status = {}, bool request = false);
    FakeMessageModel *fakeMessages(const QString &account, const QString &peer);
    void setAccountState(const QString &account, ConnectionState state, const QString &error = {});
    /// A message arrives in a conversation (model row, conversation preview, notification).
    void receive(const QString &account, const QString &peer, const QString &text);
    /// When set, sent messages advance pending → sent → delivered → read on timers (preview).
    bool simulateDelivery = false;

    // What the UI asked for, for tests to assert on.
    struct Call
    {
        QString name;
        QStringList args;
    };
    QList<Call> calls;
    QStringList callNames() const;
    std::optional<Call> lastCall(const QString &name) const;
    AccountSpec lastSpec;
    QString lastPassword;
    RegistrationForm lastSubmittedForm;

    // Answers the next requests give. Unset: the task stays pending until finish*() is called.
    std::optional<xmpp::Result<xmpp::Success>> addAccountResult;
    std::optional<xmpp::Result<RegistrationForm>> registrationFormResult;
    std::optional<xmpp::Result<xmpp::Success>> registerResult;
    Promise<xmpp::Result<xmpp::Success>> pendingAddAccount;
    std::optional<xmpp::Result<xmpp::Success>> rawXmlResult;
    /// What searchMessages() searches: one hit per message, the body in `snippet`.
    QList<SearchHit> searchCorpus;

    static RegistrationForm sampleForm(const QString &domain);

    // People state the fake answers from
    QHash<QString, QImage> avatars;   ///< jid → picture
    QHash<QString, Profile> profiles; ///< jid → profile (own accounts too)
    QHash<QString, ContactDetails> details;
    QHash<QString, QStringList> blocklists; ///< account → blocked jids
    RevealSettings reveal;
    QImage lastPublishedAvatar;

    // Room administration state the fake answers from (fakesession_roomadmin.cpp)
    QStringList mucServiceList{QStringLiteral("conference.example.org")};
    QHash<QString, QList<RoomListing>> roomDirectories;   ///< service → rooms
    QHash<QString, xmpp::DataForm> roomConfigs;           ///< room → form (else sampleRoomConfig)
    QHash<QString, QList<AffiliationEntry>> affiliations; ///< room → every non-none entry
    QHash<QString, xmpp::Error> roomAdminFailures; ///< method name → the error it answers with
    xmpp::DataForm lastSubmittedRoomConfig;
    /// A muc#roomconfig form as Prosody 0.12 sends it (sections, every field type it uses).
    static xmpp::DataForm sampleRoomConfig(const QString &room);
    // Group chat state the fake answers from (fakesession_rooms.cpp)
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

private:
    void populate();
    int rowOf(const QStandardItemModel &model, int accountRole, int jidRole, const QString &account,
              const QString &jid) const;
    void record(const QString &name, const QStringList &args);

    QStandardItemModel m_accounts;
    QStandardItemModel m_roster;
    QStandardItemModel m_conversations;
    QHash<QString, FakeMessageModel *> m_messages;
    QHash<QString, RoomInfo> m_rooms;                      ///< account\nroom → info
    QHash<QString, QStandardItemModel *> m_occupantModels; ///< account\nroom → occupants
};

} // namespace parla::test
