// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/models/messagepaging.h"
#include "core/session/chatsapi.h"

#include <QHash>
#include <QList>
#include <QStandardItemModel>

namespace parla::test {

class FakeSession;

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

/// ChatsApi for UI tests: conversation rows in a QStandardItemModel (the Conversation* roles
/// of models/roles.h), a FakeMessageModel per conversation, every call recorded in the
/// FakeSession's log.
class FakeChats : public ChatsApi
{
    Q_OBJECT
public:
    explicit FakeChats(FakeSession &root);

    QAbstractItemModel *conversationModel() override { return &m_conversations; }
    QAbstractItemModel *messageModel(const QString &account, const QString &peer) override;
    /// The newest rows of the conversation's FakeMessageModel.
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

    FakeMessageModel *fakeMessages(const QString &account, const QString &peer);
    /// A message arrives in a conversation (model row, conversation preview, notification).
    void receive(const QString &account, const QString &peer, const QString &text);
    /// The conversation's row, or nullptr.
    QStandardItem *conversationItem(const QString &account, const QString &peer) const;
    QStandardItemModel &model() { return m_conversations; }
    /// When set, sent messages advance pending → sent → delivered → read on timers (preview).
    bool simulateDelivery = false;

private:
    FakeSession &m_root;
    QStandardItemModel m_conversations;
    QHash<QString, FakeMessageModel *> m_messages;
};

} // namespace parla::test
