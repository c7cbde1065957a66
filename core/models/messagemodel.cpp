// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagemodel.h"

#include "contactcolor.h"
#include "roles.h"

#include "services/account.h"
#include "services/historysync.h"
#include "services/rooms.h"

#include <QSet>

#include <algorithm>

namespace parla::models {

namespace {
/// What a retracted message shows instead of its text: XEP-0424 (the author took it back) or
/// XEP-0425 (a room moderator removed it, with the reason the room gave).
QString tombstoneText(const storage::MessageRecord &m)
{
    if (!m.moderated)
        return MessageModel::tr("This message was deleted");
    if (m.moderationReason.isEmpty())
        return MessageModel::tr("Removed by a moderator");
    return MessageModel::tr("Removed by a moderator: %1").arg(m.moderationReason);
}
} // namespace

MessageModel::MessageModel(services::Account *account, const QString &peer, QObject *parent)
    : QAbstractListModel(parent), m_account(account), m_peer(peer)
{
    auto latest = account->messages().latest(account->jid(), peer, kPageSize);
    if (xmpp::isOk(latest)) {
        const auto &page = std::get<QList<storage::MessageRecord>>(latest);
        m_messages.assign(page.begin(), page.end());
        m_atStart = page.size() < kPageSize;
    }
    // Every route announces what it stored the same way: live messages, archive pages, ours.
    connect(account, &services::Account::messagesStored, this, &MessageModel::insertHistory);
    connect(account, &services::Account::messageStateChanged, this, &MessageModel::updateState);
    connect(account, &services::Account::messageUpdated, this, &MessageModel::reload);
    services::HistorySync *sync = account->historySync();
    m_serverComplete = sync->historyComplete(peer);
    sync->conversationOpened(peer);
    connect(sync, &services::HistorySync::gapRecorded, this, [this](const QString &p) {
        if (p.isEmpty() || p == m_peer)
            reloadGaps();
    });
    reloadGaps();
}

MessageModel::~MessageModel()
{
    m_account->historySync()->conversationClosed(m_peer);
}

void MessageModel::reloadGaps()
{
    auto gaps = m_account->syncStore().gaps(m_account->jid(), m_peer);
    if (!xmpp::isOk(gaps) || std::get<QList<QDateTime>>(gaps) == m_gaps)
        return;
    m_gaps = std::get<QList<QDateTime>>(gaps);
    if (!m_messages.empty())
        Q_EMIT dataChanged(index(0), index(int(m_messages.size()) - 1), {MessageGapBeforeRole});
}

void MessageModel::insertHistory(const QList<storage::MessageRecord> &records)
{
    for (const storage::MessageRecord &r : records) {
        // Older than what is loaded while the store still has more: fetchMore() reads it.
        if (r.peer != m_peer ||
            (!m_atStart && !m_messages.empty() && r.timestamp < m_messages.front().timestamp))
            continue;
        append(r);
    }
}

bool MessageModel::gapBefore(int row) const
{
    // A gap recorded at T sits before the first message later than T.
    const QDateTime &t = m_messages[size_t(row)].timestamp;
    for (const QDateTime &gap : m_gaps) {
        if (gap >= t)
            continue;
        if (row == 0 ? m_atStart : m_messages[size_t(row - 1)].timestamp <= gap)
            return true;
    }
    return false;
}

void MessageModel::reload(qint64 id)
{
    m_reactions.remove(id);
    // A quote shows the quoted message's current text: the rows quoting this one change too.
    QSet<qint64> quoting;
    for (auto it = m_quotes.begin(); it != m_quotes.end();) {
        if (it->id == id) {
            quoting.insert(it.key());
            it = m_quotes.erase(it);
        } else {
            ++it;
        }
    }
    int row = -1;
    for (int r = int(m_messages.size()) - 1; r >= 0; --r) {
        const qint64 rowId = m_messages[size_t(r)].id;
        if (rowId == id)
            row = r;
        else if (quoting.contains(rowId))
            Q_EMIT dataChanged(index(r), index(r));
    }
    if (row < 0)
        return;
    auto fresh = m_account->messages().message(id);
    if (!xmpp::isOk(fresh) || !std::get<std::optional<storage::MessageRecord>>(fresh))
        return;
    const QDateTime was = m_messages[size_t(row)].timestamp;
    m_messages[size_t(row)] = *std::get<std::optional<storage::MessageRecord>>(fresh);
    const storage::MessageRecord &m = m_messages[size_t(row)];
    if (m.timestamp == was) {
        Q_EMIT dataChanged(index(row), index(row));
        return;
    }
    // Filed under another time (an archive put it in its place): it moves there, in the
    // store's order (time, then arrival).
    const auto before = [](const storage::MessageRecord &a, const storage::MessageRecord &b) {
        return a.timestamp < b.timestamp || (a.timestamp == b.timestamp && a.id < b.id);
    };
    const int last = int(m_messages.size()) - 1;
    int to = row;
    while (to > 0 && before(m, m_messages[size_t(to - 1)]))
        --to;
    while (to < last && before(m_messages[size_t(to + 1)], m))
        ++to;
    if (to != row) {
        beginMoveRows({}, row, row, {}, to > row ? to + 1 : to);
        if (to > row)
            std::rotate(m_messages.begin() + row, m_messages.begin() + row + 1,
                        m_messages.begin() + to + 1);
        else
            std::rotate(m_messages.begin() + to, m_messages.begin() + row,
                        m_messages.begin() + row + 1);
        endMoveRows();
    }
    Q_EMIT dataChanged(index(to), index(to));
    // Grouping: the row after it where it arrived, and the one that followed it where it left.
    const auto regroup = [this, last](int r) {
        if (r >= 0 && r <= last)
            Q_EMIT dataChanged(index(r), index(r), {MessageFirstInGroupRole});
    };
    regroup(to + 1);
    if (to != row)
        regroup(to > row ? row : row + 1);
}

QString MessageModel::senderName(bool outgoing) const
{
    if (outgoing)
        return tr("You");
    const auto &roster = m_account->roster();
    const auto it = roster.constFind(m_peer);
    if (it != roster.cend() && !it->name.isEmpty())
        return it->name;
    return m_peer.section(u'@', 0, 0);
}

const MessageModel::Quote &MessageModel::quote(const storage::MessageRecord &m) const
{
    auto it = m_quotes.find(m.id);
    if (it != m_quotes.end())
        return *it;
    Quote q;
    // XEP-0461 §3: looked up by id in this conversation; the fallback quote otherwise.
    auto found = m_account->messages().findByRef(m_account->jid(), m_peer, m.replyToId);
    if (xmpp::isOk(found) && std::get<std::optional<storage::MessageRecord>>(found)) {
        const auto &r = *std::get<std::optional<storage::MessageRecord>>(found);
        q.id = r.id;
        q.text = r.retracted ? tombstoneText(r) : r.body;
        q.sender = senderName(r.outgoing);
    } else {
        q.text = m.replyQuote;
        q.sender = m.replyToJid == m_account->jid() ? senderName(true)
                   : m.replyToJid.isEmpty()         ? QString()
                                                    : senderName(false);
    }
    return *m_quotes.insert(m.id, q);
}

QVariant MessageModel::featureData(const storage::MessageRecord &m, int role) const
{
    switch (role) {
    case MessageEditedRole:
        return m.edited && !m.retracted;
    case MessageOriginalBodyRole:
        return m.originalBody;
    case MessageRetractedRole:
        return m.retracted;
    case MessageModeratedRole:
        return m.retracted && m.moderated;
    case MessageReplyToRole:
        return m.replyToId.isEmpty() || m.retracted ? qint64(0) : quote(m).id;
    case MessageReplyTextRole:
        return m.replyToId.isEmpty() || m.retracted ? QString() : quote(m).text;
    case MessageReplySenderRole:
        return m.replyToId.isEmpty() || m.retracted ? QString() : quote(m).sender;
    case MessageStanzaIdRole:
        return m.messageId;
    case MessageMentionsMeRole:
        return m_account->rooms()->mentionsMe(m);
    case MessageOccupantIdRole:
        return m.occupantId;
    case MessageSenderNickRole:
        return m.kind == storage::ConversationKind::GroupChat
                   ? xmpp::Jid::fromString(m.senderJid).resource()
                   : QString();
    case MessageReactionsRole: {
        auto it = m_reactions.find(m.id);
        if (it == m_reactions.end()) {
            // Chips in order of first appearance, with counts; ours highlighted.
            QVariantList chips;
            auto all = m_account->messages().reactions(m.id);
            if (xmpp::isOk(all)) {
                QStringList order;
                QHash<QString, std::pair<int, bool>> counts;
                for (const auto &r : std::get<QList<storage::ReactionRecord>>(all)) {
                    if (!counts.contains(r.emoji))
                        order << r.emoji;
                    auto &c = counts[r.emoji];
                    ++c.first;
                    c.second = c.second || r.sender == m_account->jid();
                }
                for (const QString &emoji : order)
                    chips << QVariantMap{{QStringLiteral("emoji"), emoji},
                                         {QStringLiteral("count"), counts[emoji].first},
                                         {QStringLiteral("own"), counts[emoji].second}};
            }
            it = m_reactions.insert(m.id, chips);
        }
        return *it;
    }
    default:
        return {};
    }
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
        if (record.id != 0 && it->id == record.id)
            return;
    }
    // Messages arrive in display order except delayed and archived ones: place by timestamp.
    const auto at = std::upper_bound(
        m_messages.begin(), m_messages.end(), record.timestamp,
        [](const QDateTime &t, const storage::MessageRecord &m) { return t < m.timestamp; });
    const int row = int(at - m_messages.begin());
    // Read from the store while its "stored" signal was still queued: already here.
    for (int r = row - 1; r >= 0 && m_messages[size_t(r)].timestamp == record.timestamp; --r) {
        if (record.id != 0 && m_messages[size_t(r)].id == record.id)
            return;
    }
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
    return !parent.isValid() && (!m_atStart || (!m_serverComplete && !m_fetchingRemote));
}

void MessageModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid())
        return;
    if (m_atStart) {
        if (m_serverComplete || m_fetchingRemote)
            return;
        // The local store is exhausted: the archive pages back; what it stores arrives through
        // Account::messagesStored (insertHistory).
        m_fetchingRemote = true;
        m_account->historySync()->fetchOlder(m_peer).then(this, [this](const xmpp::Result<int> &r) {
            m_fetchingRemote = false;
            m_serverComplete = m_account->historySync()->historyComplete(m_peer);
            if (!xmpp::isOk(r))
                return; // offline or refused: asked again on the next scroll
        });
        return;
    }
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
        return m.retracted ? tombstoneText(m) : m.body;
    case MessageIdRole:
        return m.id;
    case MessageTimeRole:
        return m.timestamp;
    case MessageOutgoingRole:
        return m.outgoing;
    case MessageSenderRole:
        // In a room the author is an occupant: their nick (the resource of 'from').
        if (m.kind == storage::ConversationKind::GroupChat && !m.outgoing)
            return xmpp::Jid::fromString(m.senderJid).resource();
        return senderName(m.outgoing);
    case MessageStateRole:
        return int(m.state);
    case MessageErrorRole:
    case Qt::ToolTipRole:
        return m.errorText;
    case MessageColorRole:
        if (m.kind == storage::ConversationKind::GroupChat && !m.outgoing)
            return consistentColor(xmpp::Jid::fromString(m.senderJid).resource());
        return consistentColor(m.outgoing ? m.account : m_peer);
    case MessageFirstInGroupRole:
        return firstInGroup(index.row());
    case MessageGapBeforeRole:
        return gapBefore(index.row());
    default:
        return featureData(m, role);
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
    names.insert(MessageGapBeforeRole, "gapBefore");
    names.insert(MessageEditedRole, "edited");
    names.insert(MessageOriginalBodyRole, "originalBody");
    names.insert(MessageRetractedRole, "retracted");
    names.insert(MessageReplyToRole, "replyTo");
    names.insert(MessageReplyTextRole, "replyText");
    names.insert(MessageReplySenderRole, "replySender");
    names.insert(MessageReactionsRole, "reactions");
    names.insert(MessageStanzaIdRole, "stanzaId");
    names.insert(MessageModeratedRole, "moderated");
    return names;
}

} // namespace parla::models
