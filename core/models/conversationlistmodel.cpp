// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversationlistmodel.h"

#include "contactcolor.h"
#include "roles.h"

#include "services/account.h"
#include "services/people.h"
#include "services/rooms.h"
#include "xmpp/im/presence.h"

#include <algorithm>
#include <numeric>

namespace parla::models {

void ConversationListModel::addAccount(services::Account *account)
{
    auto summaries = account->messages().conversations(account->jid());
    if (xmpp::isOk(summaries)) {
        beginResetModel();
        for (const auto &s : std::get<QList<storage::ConversationSummary>>(summaries))
            m_rows.push_back({account, s});
        std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
            return a.summary.lastTimestamp > b.summary.lastTimestamp;
        });
        endResetModel();
        Q_EMIT totalUnreadChanged(totalUnread());
    }
    // Group chat: a room's state (joined, kicked, …) and name show in its row.
    connect(account->rooms(), &services::RoomManager::roomChanged, this,
            [this, account](const QString &room) {
                if (const int row = find(account, room); row >= 0)
                    Q_EMIT dataChanged(index(row), index(row));
            });
    connect(account, &services::Account::messagesStored, this,
            [this, account](const QList<storage::MessageRecord> &records) {
                if (records.size() == 1)
                    onMessage(account, records.front());
                else
                    onHistory(account, records);
            });
    connect(account->people(), &services::People::avatarChanged, this,
            [this, account](const QString &jid) {
                const int row = find(account, jid);
                if (row >= 0)
                    Q_EMIT dataChanged(index(row), index(row), {ConversationAvatarRole});
            });
    connect(account->people(), &services::People::nicknameChanged, this,
            [this, account](const QString &jid) {
                const int row = find(account, jid);
                if (row >= 0)
                    Q_EMIT dataChanged(index(row), index(row), {ConversationTitleRole});
            });
    connect(account->people(), &services::People::blocklistChanged, this, [this] {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {ConversationBlockedRole});
    });
    connect(account, &services::Account::presenceChanged, this,
            [this, account](const QString &jid) {
                const int row = find(account, jid);
                if (row >= 0)
                    Q_EMIT dataChanged(index(row), index(row), {ConversationAvailabilityRole});
            });
}

void ConversationListModel::removeAccount(services::Account *account)
{
    account->disconnect(this);
    account->people()->disconnect(this);
    beginResetModel();
    std::erase_if(m_rows, [account](const Row &r) { return r.account == account; });
    endResetModel();
    Q_EMIT totalUnreadChanged(totalUnread());
}

int ConversationListModel::find(const services::Account *account, const QString &peer) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].account == account && m_rows[i].summary.peer == peer)
            return int(i);
    }
    return -1;
}

void ConversationListModel::moveToTop(int row)
{
    if (row <= 0)
        return;
    beginMoveRows({}, row, row, {}, 0);
    Row r = std::move(m_rows[size_t(row)]);
    m_rows.erase(m_rows.begin() + row);
    m_rows.insert(m_rows.begin(), std::move(r));
    endMoveRows();
}

void ConversationListModel::ensureConversation(services::Account *account, const QString &peer)
{
    if (find(account, peer) >= 0)
        return;
    storage::ConversationSummary s;
    s.account = account->jid();
    s.peer = peer;
    beginInsertRows({}, 0, 0);
    m_rows.insert(m_rows.begin(), {account, s});
    endInsertRows();
}

void ConversationListModel::onMessage(services::Account *account, const storage::MessageRecord &r)
{
    int row = find(account, r.peer);
    if (row < 0) {
        ensureConversation(account, r.peer);
        row = 0;
    }
    auto &s = m_rows[size_t(row)].summary;
    if (r.timestamp >= s.lastTimestamp || !s.lastTimestamp.isValid()) {
        s.lastBody = r.body;
        s.lastTimestamp = r.timestamp;
        s.lastOutgoing = r.outgoing;
        s.lastMessageId = r.id;
    }
    if (!r.outgoing && r.state == DeliveryState::Received)
        ++s.unread; // the UI marks it read at once if the conversation is in front

    Q_EMIT dataChanged(index(row), index(row));
    moveToTop(row);
    if (!r.outgoing)
        Q_EMIT totalUnreadChanged(totalUnread());
}

void ConversationListModel::setUnread(services::Account *account, const QString &peer, int unread)
{
    const int row = find(account, peer);
    if (row < 0 || m_rows[size_t(row)].summary.unread == unread)
        return;
    m_rows[size_t(row)].summary.unread = unread;
    Q_EMIT dataChanged(index(row), index(row), {ConversationUnreadRole});
    Q_EMIT totalUnreadChanged(totalUnread());
}

void ConversationListModel::onHistory(services::Account *account,
                                      const QList<storage::MessageRecord> &records)
{
    // A catch-up page holds hundreds of messages: the end state is the one onMessage() would
    // reach record by record (conversations moved to the top in the order of their last
    // message in the page, the rest below in their old order), but announced with one insert,
    // one layout change, one dataChanged and one unread total, so the views and the tray
    // recount once per page instead of once per message.
    if (records.isEmpty())
        return;
    QHash<QString, int> rowOf; // this account's conversations
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].account == account)
            rowOf.insert(m_rows[i].summary.peer, int(i));
    }
    QStringList newPeers;
    for (const storage::MessageRecord &r : records) {
        if (!rowOf.contains(r.peer) && !newPeers.contains(r.peer))
            newPeers.append(r.peer);
    }
    if (!newPeers.isEmpty()) {
        beginInsertRows({}, 0, int(newPeers.size()) - 1);
        std::vector<Row> added;
        for (const QString &peer : newPeers) {
            storage::ConversationSummary s;
            s.account = account->jid();
            s.peer = peer;
            added.push_back({account, s});
        }
        m_rows.insert(m_rows.begin(), added.begin(), added.end());
        endInsertRows();
        rowOf.clear();
        for (size_t i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].account == account)
                rowOf.insert(m_rows[i].summary.peer, int(i));
        }
    }
    QHash<int, qsizetype> lastSeen; // row → position of its last message in the page
    bool incoming = false;
    for (qsizetype k = 0; k < records.size(); ++k) {
        const storage::MessageRecord &r = records[k];
        const int row = rowOf.value(r.peer);
        auto &s = m_rows[size_t(row)].summary;
        if (r.timestamp >= s.lastTimestamp || !s.lastTimestamp.isValid()) {
            s.lastBody = r.body;
            s.lastTimestamp = r.timestamp;
            s.lastOutgoing = r.outgoing;
            s.lastMessageId = r.id;
        }
        if (!r.outgoing && r.state == DeliveryState::Received)
            ++s.unread;
        incoming = incoming || !r.outgoing;
        lastSeen[row] = k;
    }
    std::vector<int> order(m_rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const qsizetype la = lastSeen.value(a, -1), lb = lastSeen.value(b, -1);
        return la > lb; // touched rows first, the latest on top; the rest keep their order
    });
    if (!std::is_sorted(order.begin(), order.end())) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        std::vector<int> newRowOf(m_rows.size());
        std::vector<Row> sorted;
        sorted.reserve(m_rows.size());
        for (size_t i = 0; i < order.size(); ++i) {
            newRowOf[size_t(order[i])] = int(i);
            sorted.push_back(std::move(m_rows[size_t(order[i])]));
        }
        m_rows = std::move(sorted);
        const QModelIndexList before = persistentIndexList();
        QModelIndexList after;
        after.reserve(before.size());
        for (const QModelIndex &i : before)
            after.append(index(newRowOf[size_t(i.row())]));
        changePersistentIndexList(before, after);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }
    Q_EMIT dataChanged(index(0), index(int(lastSeen.size()) - 1));
    if (incoming)
        Q_EMIT totalUnreadChanged(totalUnread());
}

int ConversationListModel::totalUnread() const
{
    int total = 0;
    for (const Row &r : m_rows)
        total += r.summary.unread;
    return total;
}

void ConversationListModel::setMutedUntil(const QString &account, const QString &peer,
                                          const QDateTime &until)
{
    if (until.isValid())
        m_mutes[{account, peer}] = until;
    else
        m_mutes.erase({account, peer});
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].account->jid() == account && m_rows[i].summary.peer == peer)
            Q_EMIT dataChanged(index(int(i)), index(int(i)),
                               {ConversationMutedUntilRole, ConversationMutedRole});
    }
    scheduleMuteExpiry();
}

QDateTime ConversationListModel::mutedUntil(const QString &account, const QString &peer) const
{
    const auto it = m_mutes.find({account, peer});
    if (it == m_mutes.end() || it->second <= QDateTime::currentDateTimeUtc())
        return {};
    return it->second;
}

void ConversationListModel::scheduleMuteExpiry()
{
    // "Mute for 1 hour" ends by itself: when the earliest mute expires, drop it so the list
    // repaints (the roles above already read expired mutes as unmuted).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime next;
    for (const auto &[key, until] : m_mutes) {
        if (until > now && (!next.isValid() || until < next))
            next = until;
    }
    if (!m_muteTimer) {
        m_muteTimer = new QTimer(this);
        m_muteTimer->setSingleShot(true);
        connect(m_muteTimer, &QTimer::timeout, this, [this] {
            const QDateTime at = QDateTime::currentDateTimeUtc();
            std::vector<std::pair<QString, QString>> expired;
            for (const auto &[key, until] : m_mutes) {
                if (until <= at)
                    expired.push_back(key);
            }
            for (const auto &[account, peer] : expired)
                setMutedUntil(account, peer, {});
            scheduleMuteExpiry();
        });
    }
    if (!next.isValid()) {
        m_muteTimer->stop();
        return;
    }
    // QTimer takes an int: wake at least every ~24 days and look again.
    const qint64 ms = std::clamp<qint64>(now.msecsTo(next) + 1, 1, qint64(24) * 24 * 3600 * 1000);
    m_muteTimer->start(std::chrono::milliseconds(ms));
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const auto &s = row.summary;
    // A room opened before its first message has no stored kind yet: the account knows it.
    const bool groupChat =
        s.kind == storage::ConversationKind::GroupChat || row.account->rooms()->isRoom(s.peer);
    switch (role) {
    case Qt::DisplayRole:
    case ConversationTitleRole: {
        if (groupChat) {
            // The room's name (disco#info), else its localpart.
            if (const auto *room = row.account->rooms()->room(s.peer))
                return room->info().name;
            return xmpp::Jid::fromString(s.peer).local();
        }
        const auto &roster = row.account->roster();
        const auto it = roster.constFind(s.peer);
        if (it != roster.cend() && !it->name.isEmpty())
            return it->name;
        if (const QString nick = row.account->people()->nickname(s.peer); !nick.isEmpty())
            return nick; // XEP-0172 §5
        return s.peer;
    }
    case ConversationAccountRole:
        return row.account->jid();
    case ConversationPeerRole:
    case Qt::ToolTipRole:
        return s.peer;
    case ConversationLastTextRole:
        return s.lastOutgoing ? tr("You: %1").arg(s.lastBody) : s.lastBody;
    case ConversationLastTimeRole:
        return s.lastTimestamp;
    case ConversationUnreadRole:
        return s.unread;
    case ConversationAvailabilityRole: {
        if (row.account->state() != ConnectionState::Connected)
            return int(Availability::Offline);
        const auto p = row.account->presence()->bestPresence(xmpp::Jid::fromString(s.peer));
        return int(p ? p->show : Availability::Offline);
    }
    case ConversationColorRole:
        return consistentColor(s.peer);
    case ConversationMutedUntilRole:
        return mutedUntil(s.account, s.peer);
    case ConversationMutedRole:
        return mutedUntil(s.account, s.peer).isValid();
    case ConversationAvatarRole:
        return QVariant::fromValue(row.account->people()->avatar(s.peer, kAvatarRoleSize));
    case ConversationBlockedRole:
        return row.account->people()->isBlocked(s.peer);
    case ConversationKindRole:
        return int(groupChat ? storage::ConversationKind::GroupChat : s.kind);
    case ConversationRoomStateRole: {
        const auto *room = row.account->rooms()->room(s.peer);
        return int(room ? room->state() : RoomState::NotJoined);
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(ConversationAccountRole, "account");
    names.insert(ConversationPeerRole, "peer");
    names.insert(ConversationTitleRole, "title");
    names.insert(ConversationLastTextRole, "lastText");
    names.insert(ConversationLastTimeRole, "lastTime");
    names.insert(ConversationUnreadRole, "unread");
    names.insert(ConversationAvailabilityRole, "availability");
    names.insert(ConversationColorRole, "color");
    names.insert(ConversationMutedUntilRole, "mutedUntil");
    names.insert(ConversationMutedRole, "muted");
    names.insert(ConversationAvatarRole, "avatar");
    names.insert(ConversationBlockedRole, "blocked");
    return names;
}

} // namespace parla::models
