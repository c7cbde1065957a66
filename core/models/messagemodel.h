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
    ~MessageModel() override;

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
    bool gapBefore(int row) const;
    void insertHistory(const QList<storage::MessageRecord> &records);
    void reloadGaps();
    /// Reloads one message (correction, retraction, reactions) from the store.
    void reload(qint64 id);
    QString senderName(bool outgoing) const;
    QVariant featureData(const storage::MessageRecord &m, int role) const;
    struct Quote
    {
        qint64 id = 0;
        QString text;
        QString sender;
    };
    const Quote &quote(const storage::MessageRecord &m) const;

    services::Account *m_account;
    QString m_peer;
    std::deque<storage::MessageRecord> m_messages;
    bool m_atStart = false; ///< the local store has nothing older
    /// False while the newest messages are not loaded (after a reveal): new messages then
    /// arrive through fetchNewer(), not append().
    bool m_atEnd = true;
    /// Scroll-back past the local store asks the account's archive (XEP-0313), one page at a
    /// time, until it says there is nothing older.
    bool m_serverComplete = false;
    bool m_fetchingRemote = false;
    QList<QDateTime> m_gaps;
    /// Per message id, filled on first paint and dropped when the message changes.
    mutable QHash<qint64, QVariantList> m_reactions;
    mutable QHash<qint64, Quote> m_quotes;
};

} // namespace parla::models
