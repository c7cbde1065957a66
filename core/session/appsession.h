// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/account.h"
#include "session.h"

#include <QHash>
#include <QPointer>

#include <map>
#include <memory>

namespace parla::models {
class AccountListModel;
class RosterModel;
class ConversationListModel;
class MessageModel;
} // namespace parla::models

namespace parla::services {

class MessageSearch;
class PasswordStore;
class SelfPingScheduler;
class WakeDetector;

/// The application core behind the Session seam: the profile's database, the accounts, and
/// the models the UI (or the CLI) shows.
class AppSession : public Session
{
    Q_OBJECT
public:
    /// Opens (creating if needed) the profile directory's database. Check isOpen() /
    /// openError() after constructing.
    AppSession(const QString &profileDirectory, std::unique_ptr<PasswordStore> passwords,
               QObject *parent = nullptr);
    ~AppSession() override;

    bool isOpen() const { return m_db != nullptr; }
    QString openError() const { return m_openError; }
    /// Connects every enabled account.
    void start();

    Account *account(const QString &jid) const;
    std::vector<Account *> accounts() const;
    /// Adds an account record without logging in (CLI, demo); replaces an existing one.
    Account *addAccountRecord(const storage::AccountRecord &record, const QString &password);

    QAbstractItemModel *accountModel() override;
    QAbstractItemModel *rosterModel() override;
    QAbstractItemModel *conversationModel() override;
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
    Task<xmpp::Result<QList<SearchHit>>>
    searchMessages(const QString &text, const SearchFilter &filter, int limit) override;

    QImage avatar(const QString &account, const QString &jid, int size) override;
    Task<xmpp::Result<Profile>> fetchProfile(const QString &account, const QString &jid) override;
    Task<xmpp::Result<xmpp::Success>> publishProfile(const QString &account,
                                                     const Profile &profile) override;
    Task<xmpp::Result<xmpp::Success>> publishAvatar(const QString &account,
                                                    const QImage &image) override;
    Task<xmpp::Result<ContactDetails>> fetchContactDetails(const QString &account,
                                                           const QString &jid) override;
    RevealSettings revealSettings() const override { return m_reveal; }
    void setRevealSettings(const RevealSettings &settings) override;
    QStringList blocklist(const QString &account) const override;
    Task<xmpp::Result<xmpp::Success>> block(const QString &account, const QString &jid,
                                            bool reportSpam) override;
    Task<xmpp::Result<xmpp::Success>> unblock(const QString &account, const QString &jid) override;

    // Group chat (appsession_rooms.cpp)
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
    // Room administration (appsession_roomadmin.cpp)
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
    // Bookmarks (appsession_bookmarks.cpp)
    QList<RoomBookmark> bookmarks(const QString &account) override;
    Task<xmpp::Result<xmpp::Success>> setBookmark(const QString &account,
                                                  const RoomBookmark &bookmark) override;
    Task<xmpp::Result<xmpp::Success>> removeBookmark(const QString &account,
                                                     const QString &room) override;

    /// Extra CA certificates trusted by every account (tests, private CAs), including the
    /// accounts already loaded from the profile; used from their next connection on.
    void setExtraCaCertificates(const QList<QByteArray> &pems);
    /// The account's XEP-0410 self-ping scheduler (appsession_rooms.cpp), e.g. for tests that
    /// shorten its 15-minute interval; nullptr for an unknown account.
    SelfPingScheduler *selfPingScheduler(const QString &account) const;

private:
    Account *createAccount(const storage::AccountRecord &record);
    storage::AccountRecord recordFromSpec(const AccountSpec &spec) const;
    // appsession_people.cpp
    void wirePeople(Account *account);
    // appsession_bookmarks.cpp
    void wireBookmarks(Account *account);
    // appsession_rooms.cpp
    void wireRooms(Account *account);
    void notifyMessage(const QString &account, const storage::MessageRecord &record);
    void notifyRoomMessage(const QString &account, const storage::MessageRecord &record);
    RevealSettings loadRevealSettings() const;

    QString m_profile;
    QString m_openError;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<xmpp::CapsStore> m_capsStore;
    std::unique_ptr<PasswordStore> m_passwords;
    WakeDetector *m_wake = nullptr;
    models::AccountListModel *m_accountModel;
    models::RosterModel *m_rosterModel;
    models::ConversationListModel *m_conversationModel;
    std::map<std::pair<QString, QString>, models::MessageModel *> m_messageModels;
    QList<QByteArray> m_extraCas;
    RevealSettings m_reveal;
    MessageSearch *m_search = nullptr;
};

} // namespace parla::services
