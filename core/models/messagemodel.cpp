// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagemodel.h"

#include "contactcolor.h"
#include "roles.h"

#include "services/account.h"

namespace parla::models {

MessageModel::MessageModel(services::Account *account, const QString &peer, QObject *parent)
    : QAbstractListModel(parent), m_account(account), m_peer(peer)
{
    auto latest = account->messages().latest(account->jid(), peer, kPageSize);
    if (xmpp::isOk(latest)) {
        const auto &page = std::get<QList<storage::MessageRecord>>(latest);
        m_messages.assign(page.begin(), page.end());
        m_atStart = page.size() < kPageSize;
    }
    connect(account, &services::Account::messageStored, this,
            [this](const storage::MessageRecord &r) {
                if (r.peer == m_peer)
                    append(r);
            });
    connect(account, &services::Account::messageStateChanged, this, &MessageModel::updateState);
}

qint64 MessageModel::lastIncomingId() const
{
    for (auto it = m_messages.rbegin(); it != m_messages.rend(); ++it) {
        if (!it->outgoing)
            return it->id;
    }
    return 0;
}

void MessageModel::append(const storage::MessageRecord &record)
{
    if (!m_atEnd)
        return; // not in the window shown; fetchNewer() reads it from the store
    // A page read from the store may already hold it (stored, read, then signalled).
    for (auto it = m_messages.rbegin();
         it != m_messages.rend() && it - m_messages.rbegin() < kPageSize; ++it) {
        if (it->id == record.id)
            return;
    }
    // Messages arrive in display order except delayed ones; place by timestamp from the end.
    int row = int(m_messages.size());
    while (row > 0 && m_messages[size_t(row - 1)].timestamp > record.timestamp)
        --row;
    beginInsertRows({}, row, row);
    m_messages.insert(m_messages.begin() + row, record);
    endInsertRows();
    if (row + 1 < int(m_messages.size())) {
        const QModelIndex next = index(row + 1);
        Q_EMIT dataChanged(next, next, {MessageFirstInGroupRole});
    }
}

void MessageModel::updateState(qint64 id, DeliveryState state, const QString &error)
{
    for (int row = int(m_messages.size()) - 1; row >= 0; --row) {
        auto &m = m_messages[size_t(row)];
        if (m.id == id) {
            m.state = state;
            m.errorText = error;
            const QModelIndex idx = index(row);
            Q_EMIT dataChanged(idx, idx, {MessageStateRole, MessageErrorRole});
            return;
        }
    }
}

bool MessageModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atStart;
}

void MessageModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atStart)
        return;
    const qint64 before = m_messages.empty() ? 0 : m_messages.front().id;
    auto page = m_account->messages().page(m_account->jid(), m_peer, before, kPageSize);
    if (!xmpp::isOk(page)) {
        m_atStart = true;
        return;
    }
    const auto &records = std::get<QList<storage::MessageRecord>>(page);
    m_atStart = records.size() < kPageSize;
    if (records.isEmpty())
        return;
    beginInsertRows({}, 0, int(records.size()) - 1);
    m_messages.insert(m_messages.begin(), records.begin(), records.end());
    endInsertRows();
}

int MessageModel::revealMessage(qint64 id)
{
    for (size_t row = 0; row < m_messages.size(); ++row) {
        if (m_messages[row].id == id)
            return int(row);
    }
    auto &store = m_account->messages();
    auto found = store.message(id);
    if (!xmpp::isOk(found))
        return -1;
    const auto &record = std::get<std::optional<storage::MessageRecord>>(found);
    if (!record || record->account != m_account->jid() || record->peer != m_peer)
        return -1;
    // Half a page of context above, a page below: the message lands mid-screen.
    auto before = store.page(m_account->jid(), m_peer, id, kPageSize / 2);
    auto after = store.pageAfter(m_account->jid(), m_peer, id, kPageSize);
    if (!xmpp::isOk(before) || !xmpp::isOk(after))
        return -1;
    const auto &older = std::get<QList<storage::MessageRecord>>(before);
    const auto &newer = std::get<QList<storage::MessageRecord>>(after);
    beginResetModel();
    m_messages.assign(older.begin(), older.end());
    m_messages.push_back(*record);
    m_messages.insert(m_messages.end(), newer.begin(), newer.end());
    m_atStart = older.size() < kPageSize / 2;
    m_atEnd = newer.size() < kPageSize;
    endResetModel();
    return int(older.size());
}

void MessageModel::fetchNewer()
{
    if (m_atEnd || m_messages.empty())
        return;
    auto page =
        m_account->messages().pageAfter(m_account->jid(), m_peer, m_messages.back().id, kPageSize);
    if (!xmpp::isOk(page)) {
        m_atEnd = true;
        return;
    }
    const auto &records = std::get<QList<storage::MessageRecord>>(page);
    m_atEnd = records.size() < kPageSize;
    if (records.isEmpty())
        return;
    const int first = int(m_messages.size());
    beginInsertRows({}, first, first + int(records.size()) - 1);
    m_messages.insert(m_messages.end(), records.begin(), records.end());
    endInsertRows();
}

void MessageModel::showLatest()
{
    if (m_atEnd)
        return;
    auto latest = m_account->messages().latest(m_account->jid(), m_peer, kPageSize);
    if (!xmpp::isOk(latest))
        return;
    const auto &page = std::get<QList<storage::MessageRecord>>(latest);
    beginResetModel();
    m_messages.assign(page.begin(), page.end());
    m_atStart = page.size() < kPageSize;
    m_atEnd = true;
    endResetModel();
}

bool MessageModel::firstInGroup(int row) const
{
    if (row == 0)
        return true;
    const auto &a = m_messages[size_t(row - 1)];
    const auto &b = m_messages[size_t(row)];
    return a.outgoing != b.outgoing || a.senderJid != b.senderJid ||
           a.timestamp.secsTo(b.timestamp) > 300;
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_messages.size()))
        return {};
    const storage::MessageRecord &m = m_messages[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case MessageBodyRole:
        return m.body;
    case MessageIdRole:
        return m.id;
    case MessageTimeRole:
        return m.timestamp;
    case MessageOutgoingRole:
        return m.outgoing;
    case MessageSenderRole: {
        if (m.outgoing)
            return tr("You");
        const auto &roster = m_account->roster();
        const auto it = roster.constFind(m_peer);
        if (it != roster.cend() && !it->name.isEmpty())
            return it->name;
        return m_peer.section(u'@', 0, 0);
    }
    case MessageStateRole:
        return int(m.state);
    case MessageErrorRole:
    case Qt::ToolTipRole:
        return m.errorText;
    case MessageColorRole:
        return consistentColor(m.outgoing ? m.account : m_peer);
    case MessageFirstInGroupRole:
        return firstInGroup(index.row());
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(MessageIdRole, "id");
    names.insert(MessageBodyRole, "body");
    names.insert(MessageTimeRole, "time");
    names.insert(MessageOutgoingRole, "outgoing");
    names.insert(MessageSenderRole, "sender");
    names.insert(MessageStateRole, "state");
    names.insert(MessageErrorRole, "error");
    names.insert(MessageColorRole, "color");
    names.insert(MessageFirstInGroupRole, "firstInGroup");
    return names;
}

} // namespace parla::models
