// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "messagepaging.h"

#include "storage/messagestore.h"

#include <QAbstractListModel>
#include <QHash>

#include <deque>

namespace parla::services {
class Account;
}

namespace parla::models {

/// One conversation's history, oldest first (roles: models/roles.h MessageRole).
///
/// Virtual by design: it opens with the newest page and loads older pages from the store
/// through fetchMore() as the view scrolls up, so a 100,000-message conversation costs what
/// is on screen plus the pages seen. After revealMessage() (a search hit, a quote) it holds a
/// window around that message and pages towards the present through fetchNewer().
class MessageModel : public QAbstractListModel, public MessagePaging
{
    Q_OBJECT
public:
    static constexpr int kPageSize = 50;

    MessageModel(services::Account *account, const QString &peer, QObject *parent = nullptr);

    const QString &peer() const { return m_peer; }
    services::Account *account() const { return m_account; }
    qint64 lastIncomingId() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    int revealMessage(qint64 id) override;
    bool canFetchNewer() const override { return !m_atEnd; }
    void fetchNewer() override;
    void showLatest() override;

private:
    void append(const storage::MessageRecord &record);
    void updateState(qint64 id, DeliveryState state, const QString &error);
    bool firstInGroup(int row) const;

    services::Account *m_account;
    QString m_peer;
    std::deque<storage::MessageRecord> m_messages;
    bool m_atStart = false;
    /// False while the newest messages are not loaded (after a reveal): new messages then
    /// arrive through fetchNewer(), not append().
    bool m_atEnd = true;
};

} // namespace parla::models
