// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/messagestore.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QTimer>

#include <map>

#include <vector>

namespace parla::services {
class Account;
}

namespace parla::models {

/// Conversations, most recent first, with unread counts (roles: ConversationRole).
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    using QAbstractListModel::QAbstractListModel;

    void addAccount(services::Account *account);
    void removeAccount(services::Account *account);
    /// Makes sure a row exists (opening a chat with someone new).
    void ensureConversation(services::Account *account, const QString &peer);
    void setUnread(services::Account *account, const QString &peer, int unread);
    int totalUnread() const;
    /// Mute state (from storage at start, then from the user); invalid `until` unmutes.
    void setMutedUntil(const QString &account, const QString &peer, const QDateTime &until);
    /// Invalid unless muted now.
    QDateTime mutedUntil(const QString &account, const QString &peer) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void totalUnreadChanged(int total);

private:
    struct Row
    {
        services::Account *account;
        storage::ConversationSummary summary;
    };
    int find(const services::Account *account, const QString &peer) const;
    void onMessage(services::Account *account, const storage::MessageRecord &record);
    void moveToTop(int row);
    /// A batch of stored messages (Account::messagesStored: an archive page), announced once
    /// for the whole batch.
    void onHistory(services::Account *account, const QList<storage::MessageRecord> &records);

    std::vector<Row> m_rows;
    void scheduleMuteExpiry();
    std::map<std::pair<QString, QString>, QDateTime> m_mutes; ///< (account, peer) → until
    QTimer *m_muteTimer = nullptr;
};

} // namespace parla::models
