// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appcontext.h"
#include "chatsapi.h"

#include <map>

namespace parla::storage {
struct MessageRecord;
}

namespace parla::models {
class MessageModel;
}

namespace parla::services {

/// AppSession's ChatsApi: conversations over the ConversationListModel, one MessageModel per
/// open conversation, messages and their features through services::Account.
class AppChats : public ChatsApi
{
    Q_OBJECT
public:
    explicit AppChats(AppContext &context, QObject *parent = nullptr);
    ~AppChats() override;

    QAbstractItemModel *conversationModel() override;
    QAbstractItemModel *messageModel(const QString &account, const QString &peer) override;
    xmpp::Result<QList<StoredMessage>> latestMessages(const QString &account, const QString &peer,
                                                      int limit) override;
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

    /// A new account: its conversation mutes come from the profile.
    void attach(Account *account);
    /// The account is going: its message models go first.
    void detach(const QString &account);
    /// Deletes every message model (before the accounts they show go).
    void closeAllMessageModels();
    // What AppSession::wireAccount hands over from an account's signals.
    void onMessageStored(Account *account, const storage::MessageRecord &record);
    void onMessageStateChanged(const QString &account, qint64 id, DeliveryState state,
                               const QString &errorText);
    void onChatStateReceived(const QString &account, const QString &peer, int state);
    void onConversationRead(Account *account, const QString &peer);
    void onStorageFailed(const QString &account, const QString &what, const QString &error)
    {
        Q_EMIT storageFailed(account, what, error);
    }
    void onStorageRecovered(const QString &account, const QString &what)
    {
        Q_EMIT storageRecovered(account, what);
    }
    void onDatabaseDamaged(const QString &notice) { Q_EMIT databaseDamaged(notice); }

    /// The seam's view of a stored message.
    static StoredMessage storedMessage(const storage::MessageRecord &record);

private:
    /// Rooms notify only messages that mention our nick.
    void notifyRoomMessage(Account *account, const storage::MessageRecord &record);

    AppContext &m_context;
    std::map<std::pair<QString, QString>, models::MessageModel *> m_messageModels;
};

} // namespace parla::services
