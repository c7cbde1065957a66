// SPDX-License-Identifier: GPL-3.0-or-later
// FakeChats and its FakeMessageModel: conversations and generated history for UI tests.
#include "fakechats.h"
#include "fakesession.h"

#include "core/models/roles.h"

#include <QCryptographicHash>
#include <QTimeZone>
#include <QTimer>

namespace parla::test {

using namespace parla::models;

namespace {

QString key(const QString &account, const QString &peer)
{
    return account + QLatin1Char('\n') + peer;
}

const char *const kSamples[] = {
    "Hey! Are you coming tonight?",
    "Sure, I'll be there around 8.",
    "Can you bring the charger I left at your place?",
    "Yes, it's in my bag already 🙂",
    "Did you see the release notes for the new version? The XMPP console finally shows both "
    "directions with colours, and the roster filter is instant even with thousands of contacts.",
    "Nice. Let me try it later.",
    "https://xmpp.org/extensions/xep-0392.html has the colour algorithm",
    "ok",
    "What time works for the call tomorrow?",
    "10:30 is fine for me, otherwise after lunch.",
};

/// A message starts a new group when the sender changes or ten minutes passed.
bool startsGroup(const QStandardItem *prev, const QStandardItem *it)
{
    return prev->data(MessageOutgoingRole) != it->data(MessageOutgoingRole) ||
           prev->data(MessageTimeRole).toDateTime().secsTo(it->data(MessageTimeRole).toDateTime()) >
               600;
}

} // namespace

// --- FakeMessageModel -------------------------------------------------------------------------

FakeMessageModel::FakeMessageModel(QString account, QString peer, int history, QObject *parent)
    : QStandardItemModel(parent), m_account(std::move(account)), m_peer(std::move(peer)),
      m_peerName(m_peer.section(QLatin1Char('@'), 0, 0)), m_remainingHistory(history),
      m_nextOlderId(1000000), m_nextNewerId(1000001),
      // History ends yesterday, so the view shows a day change before today's messages.
      m_oldestTime(QDateTime::currentDateTimeUtc().addDays(-1))
{
    if (!m_peerName.isEmpty())
        m_peerName[0] = m_peerName[0].toUpper();
    // The first page is loaded at once, like a real conversation being opened.
    fetchMore({});
    fetchMoreCalls = 0;
}

bool FakeMessageModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_remainingHistory > 0;
}

void FakeMessageModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    ++fetchMoreCalls;
    const int n = qMin(pageSize, m_remainingHistory);
    QList<QStandardItem *> rows;
    for (int i = 0; i < n; ++i) {
        const qint64 id = m_nextOlderId--;
        m_oldestTime = m_oldestTime.addSecs(-(37 + (id * 7919) % 900));
        const bool outgoing = (id / 3) % 2 == 0;
        const QString body = QString::fromUtf8(kSamples[id % std::size(kSamples)]);
        rows.prepend(makeRow(id, body, outgoing,
                             outgoing ? DeliveryState::Read : DeliveryState::Received, m_oldestTime)
                         .first());
    }
    m_remainingHistory -= n;
    // Insert as one block so views see a single rowsInserted(0, n-1), like the real model.
    // Final grouping before insertion, as a real model would: views size rows once.
    for (int r = 0; r < n; ++r) {
        const QStandardItem *prev = r > 0 ? rows[r - 1] : nullptr;
        rows[r]->setData(!prev || startsGroup(prev, rows[r]), MessageFirstInGroupRole);
    }
    invisibleRootItem()->insertRows(0, rows);
    updateGrouping(n); // the previously oldest message may now continue a group
}

QList<QStandardItem *> FakeMessageModel::makeRow(qint64 id, const QString &body, bool outgoing,
                                                 DeliveryState state, const QDateTime &time) const
{
    auto *it = new QStandardItem(body);
    it->setData(id, MessageIdRole);
    it->setData(body, MessageBodyRole);
    it->setData(time, MessageTimeRole);
    it->setData(outgoing, MessageOutgoingRole);
    it->setData(outgoing ? QStringLiteral("Me") : m_peerName, MessageSenderRole);
    it->setData(int(state), MessageStateRole);
    it->setData(FakeSession::sampleColor(outgoing ? m_account : m_peer), MessageColorRole);
    it->setData(true, MessageFirstInGroupRole);
    it->setEditable(false);
    return {it};
}

void FakeMessageModel::updateGrouping(int row)
{
    QStandardItem *it = item(row);
    if (!it)
        return;
    const QStandardItem *prev = row > 0 ? item(row - 1) : nullptr;
    const bool first = !prev || startsGroup(prev, it);
    if (it->data(MessageFirstInGroupRole).toBool() != first)
        it->setData(first, MessageFirstInGroupRole);
}

qint64 FakeMessageModel::append(const QString &body, bool outgoing, DeliveryState state,
                                const QDateTime &time)
{
    const qint64 id = m_nextNewerId++;
    appendRow(makeRow(id, body, outgoing, state, time));
    updateGrouping(rowCount() - 1);
    return id;
}

int FakeMessageModel::revealMessage(qint64 id)
{
    ++revealCalls;
    QModelIndex found = indexForId(id);
    while (!found.isValid() && canFetchMore({})) {
        fetchMore({});
        found = indexForId(id);
    }
    return found.isValid() ? found.row() : -1;
}

QModelIndex FakeMessageModel::indexForId(qint64 id) const
{
    for (int r = rowCount() - 1; r >= 0; --r) {
        if (item(r)->data(MessageIdRole).toLongLong() == id)
            return index(r, 0);
    }
    return {};
}

void FakeMessageModel::setState(qint64 id, DeliveryState state, const QString &error)
{
    const QModelIndex idx = indexForId(id);
    if (!idx.isValid())
        return;
    setData(idx, error, MessageErrorRole);
    setData(idx, int(state), MessageStateRole);
}

// --- FakeChats -------------------------------------------------------------------------------

FakeChats::FakeChats(FakeSession &root) : m_root(root) {}

QStandardItem *FakeChats::conversationItem(const QString &account, const QString &peer) const
{
    const int r = FakeSession::rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole,
                                     account, peer);
    return r >= 0 ? m_conversations.item(r) : nullptr;
}

xmpp::Result<QList<StoredMessage>> FakeChats::latestMessages(const QString &account,
                                                             const QString &peer, int limit)
{
    FakeMessageModel *m = fakeMessages(account, peer);
    QList<StoredMessage> out;
    for (int r = std::max(0, m->rowCount() - limit); r < m->rowCount(); ++r) {
        const QStandardItem *it = m->item(r);
        StoredMessage s;
        s.id = it->data(MessageIdRole).toLongLong();
        s.peer = peer;
        s.outgoing = it->data(MessageOutgoingRole).toBool();
        s.senderJid = s.outgoing ? account : peer;
        s.timestamp = it->data(MessageTimeRole).toDateTime();
        s.body = it->data(MessageBodyRole).toString();
        s.state = DeliveryState(it->data(MessageStateRole).toInt());
        out << s;
    }
    return out;
}

FakeMessageModel *FakeChats::fakeMessages(const QString &account, const QString &peer)
{
    FakeMessageModel *&m = m_messages[key(account, peer)];
    if (!m)
        m = new FakeMessageModel(account, peer, 300, this);
    return m;
}

QAbstractItemModel *FakeChats::messageModel(const QString &account, const QString &peer)
{
    return fakeMessages(account, peer);
}

void FakeChats::openConversation(const QString &account, const QString &peer)
{
    m_root.record(QStringLiteral("openConversation"), {account, peer});
    if (FakeSession::rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole, account,
                           peer) >= 0)
        return;
    const int c = FakeSession::rowOf(m_root.people().model(), ContactAccountRole, ContactJidRole,
                                     account, peer);
    auto *it = new QStandardItem(peer);
    it->setData(account, ConversationAccountRole);
    it->setData(peer, ConversationPeerRole);
    it->setData(c >= 0 ? m_root.people().model().item(c)->data(ContactNameRole).toString() : peer,
                ConversationTitleRole);
    it->setData(QString(), ConversationLastTextRole);
    it->setData(QDateTime::currentDateTimeUtc(), ConversationLastTimeRole);
    it->setData(0, ConversationUnreadRole);
    it->setData(c >= 0 ? m_root.people().model().item(c)->data(ContactAvailabilityRole) : 0,
                ConversationAvailabilityRole);
    it->setData(FakeSession::sampleColor(peer), ConversationColorRole);
    m_conversations.insertRow(0, it);
}

void FakeChats::closeConversation(const QString &account, const QString &peer)
{
    m_root.record(QStringLiteral("closeConversation"), {account, peer});
    const int r = FakeSession::rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole,
                                     account, peer);
    if (r >= 0)
        m_conversations.removeRow(r);
}

void FakeChats::sendMessage(const QString &account, const QString &peer, const QString &text)
{
    m_root.record(QStringLiteral("sendMessage"), {account, peer, text});
    FakeMessageModel *m = fakeMessages(account, peer);
    const qint64 id = m->append(text, true, DeliveryState::Pending);
    const int r = FakeSession::rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole,
                                     account, peer);
    if (r >= 0) {
        m_conversations.item(r)->setData(text, ConversationLastTextRole);
        m_conversations.item(r)->setData(QDateTime::currentDateTimeUtc(), ConversationLastTimeRole);
    }
    if (simulateDelivery) {
        QTimer::singleShot(400, m, [m, id] { m->setState(id, DeliveryState::Sent); });
        QTimer::singleShot(1200, m, [m, id] { m->setState(id, DeliveryState::Delivered); });
        QTimer::singleShot(2500, m, [m, id] { m->setState(id, DeliveryState::Read); });
    }
}

void FakeChats::retryMessage(const QString &account, qint64 messageId)
{
    m_root.record(QStringLiteral("retryMessage"), {account, QString::number(messageId)});
    for (FakeMessageModel *m : std::as_const(m_messages)) {
        if (m->indexForId(messageId).isValid())
            m->setState(messageId, DeliveryState::Pending);
    }
}

void FakeChats::correctMessage(const QString &account, qint64 messageId, const QString &text)
{
    m_root.record(QStringLiteral("correctMessage"), {account, QString::number(messageId), text});
}

void FakeChats::retractMessage(const QString &account, qint64 messageId)
{
    m_root.record(QStringLiteral("retractMessage"), {account, QString::number(messageId)});
}

void FakeChats::sendReply(const QString &account, const QString &peer, qint64 replyTo,
                          const QString &text)
{
    m_root.record(QStringLiteral("sendReply"), {account, peer, QString::number(replyTo), text});
}

void FakeChats::toggleReaction(const QString &account, qint64 messageId, const QString &emoji)
{
    m_root.record(QStringLiteral("toggleReaction"), {account, QString::number(messageId), emoji});
}

void FakeChats::setChatState(const QString &account, const QString &peer, xmpp::ChatState state)
{
    m_root.record(QStringLiteral("setChatState"), {account, peer, QString::number(int(state))});
}

void FakeChats::markRead(const QString &account, const QString &peer)
{
    m_root.record(QStringLiteral("markRead"), {account, peer});
    const int r = FakeSession::rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole,
                                     account, peer);
    if (r >= 0 && m_conversations.item(r)->data(ConversationUnreadRole).toInt() != 0)
        m_conversations.item(r)->setData(0, ConversationUnreadRole);
}

void FakeChats::setConversationMuted(const QString &account, const QString &peer,
                                     const QDateTime &until)
{
    m_root.record(QStringLiteral("setConversationMuted"),
                  {account, peer, until.isValid() ? until.toString(Qt::ISODate) : QString()});
    const int r = FakeSession::rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole,
                                     account, peer);
    if (r < 0)
        return;
    const bool muted = until.isValid() && until > QDateTime::currentDateTimeUtc();
    m_conversations.item(r)->setData(muted ? until : QDateTime(), ConversationMutedUntilRole);
    m_conversations.item(r)->setData(muted, ConversationMutedRole);
}

QDateTime FakeChats::conversationMutedUntil(const QString &account, const QString &peer)
{
    const int r = FakeSession::rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole,
                                     account, peer);
    const QDateTime until =
        r < 0 ? QDateTime()
              : m_conversations.item(r)->data(ConversationMutedUntilRole).toDateTime();
    return until.isValid() && until > QDateTime::currentDateTimeUtc() ? until : QDateTime();
}

void FakeChats::receive(const QString &account, const QString &peer, const QString &text)
{
    fakeMessages(account, peer)->append(text, false, DeliveryState::Received);
    const int r = FakeSession::rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole,
                                     account, peer);
    if (r >= 0) {
        QStandardItem *it = m_conversations.item(r);
        it->setData(text, ConversationLastTextRole);
        it->setData(QDateTime::currentDateTimeUtc(), ConversationLastTimeRole);
        it->setData(it->data(ConversationUnreadRole).toInt() + 1, ConversationUnreadRole);
        Q_EMIT messageNotified(account, peer, it->data(ConversationTitleRole).toString(), text);
    }
}

} // namespace parla::test
