// SPDX-License-Identifier: GPL-3.0-or-later
// AppSession's part of the Session seam for conversations and messages (ChatsApi).
#include "appchats.h"

#include "services/account.h"
#include "services/rooms.h"

#include "models/conversationlistmodel.h"
#include "models/messagemodel.h"
#include "storage/database.h"
#include "storage/mutestore.h"

namespace parla::services {

using namespace parla::xmpp;

AppChats::AppChats(AppContext &context, QObject *parent) : ChatsApi(parent), m_context(context)
{
    connect(m_context.conversationModel, &models::ConversationListModel::totalUnreadChanged, this,
            &ChatsApi::unreadTotalChanged);
}

AppChats::~AppChats()
{
    closeAllMessageModels();
}

void AppChats::attach(Account *account)
{
    if (!m_context.database)
        return;
    const QString jid = account->jid();
    if (auto mutes = storage::MuteStore(*m_context.database).load(jid); isOk(mutes)) {
        for (const auto &[peer, until] :
             std::get<QHash<QString, QDateTime>>(mutes).asKeyValueRange())
            m_context.conversationModel->setMutedUntil(jid, peer, until);
    }
}

void AppChats::detach(const QString &account)
{
    for (auto it = m_messageModels.begin(); it != m_messageModels.end();) {
        if (it->first.first == account) {
            delete it->second;
            it = m_messageModels.erase(it);
        } else {
            ++it;
        }
    }
}

void AppChats::closeAllMessageModels()
{
    for (const auto &[key, model] : m_messageModels)
        delete model;
    m_messageModels.clear();
}

StoredMessage AppChats::storedMessage(const storage::MessageRecord &record)
{
    StoredMessage m;
    m.id = record.id;
    m.peer = record.peer;
    m.senderJid = record.senderJid;
    m.outgoing = record.outgoing;
    m.messageId = record.messageId;
    m.timestamp = record.timestamp;
    m.body = record.body;
    m.state = record.state;
    return m;
}

void AppChats::onMessageStored(Account *account, const storage::MessageRecord &r)
{
    const QString jid = account->jid();
    Q_EMIT messageStored(jid, storedMessage(r));
    // Whether to show it (window focus, open chat) is the UI's decision; what another device
    // of ours already displayed (XEP-0490) is not news.
    if (r.outgoing || r.state != DeliveryState::Received)
        return;
    if (r.kind == storage::ConversationKind::GroupChat) {
        notifyRoomMessage(account, r);
        return;
    }
    QString title = r.peer;
    const auto it = account->roster().constFind(r.peer);
    if (it != account->roster().cend() && !it->name.isEmpty())
        title = it->name;
    Q_EMIT messageNotified(jid, r.peer, title, r.body);
}

void AppChats::notifyRoomMessage(Account *account, const storage::MessageRecord &record)
{
    if (!account->rooms()->mentionsMe(record))
        return;
    const Room *room = account->rooms()->room(record.peer);
    const QString nick = Jid::fromString(record.senderJid).resource();
    const QString title = room ? room->info().name : record.peer;
    Q_EMIT messageNotified(account->jid(), record.peer,
                           nick.isEmpty() ? title : nick + u" — "_qs + title, record.body);
}

void AppChats::onMessageStateChanged(const QString &account, qint64 id, DeliveryState state,
                                     const QString &errorText)
{
    Q_EMIT messageStateChanged(account, id, state, errorText);
}

void AppChats::onChatStateReceived(const QString &account, const QString &peer, int state)
{
    Q_EMIT chatStateChanged(account, peer, state);
}

void AppChats::onConversationRead(Account *account, const QString &peer)
{
    // XEP-0490/0333 from our other device: the unread count here drops too.
    auto unread = account->messages().unreadCount(account->jid(), peer);
    if (isOk(unread))
        m_context.conversationModel->setUnread(account, peer, std::get<int>(unread));
}

QAbstractItemModel *AppChats::conversationModel()
{
    return m_context.conversationModel;
}

QAbstractItemModel *AppChats::messageModel(const QString &account, const QString &peer)
{
    Account *a = m_context.account(account);
    if (!a)
        return nullptr;
    auto &model = m_messageModels[{account, peer}];
    if (!model)
        model = new models::MessageModel(a, peer, this);
    return model;
}

Result<QList<StoredMessage>> AppChats::latestMessages(const QString &account, const QString &peer,
                                                      int limit)
{
    Account *a = m_context.account(account);
    if (!a)
        return Error::local(tr("No such account."));
    auto page = a->messages().latest(a->jid(), peer, limit);
    if (const auto *error = std::get_if<Error>(&page))
        return *error;
    QList<StoredMessage> messages;
    for (const storage::MessageRecord &r : std::get<QList<storage::MessageRecord>>(page))
        messages << storedMessage(r);
    return messages;
}

void AppChats::openConversation(const QString &account, const QString &peer)
{
    Account *a = m_context.account(account);
    if (!a)
        return;
    // Listed even before the first message; marking read is the UI's call (only when the
    // conversation is really in front of the user).
    m_context.conversationModel->ensureConversation(a, Jid::fromString(peer).bareString());
    // An open room is joined and caught up before the other autojoin rooms (RoomManager).
    a->rooms()->setOpen(Jid::fromString(peer).bareString(), true);
}

void AppChats::closeConversation(const QString &account, const QString &peer)
{
    if (Account *a = m_context.account(account))
        a->rooms()->setOpen(Jid::fromString(peer).bareString(), false);
    const auto it = m_messageModels.find({account, peer});
    if (it != m_messageModels.end()) {
        it->second->deleteLater();
        m_messageModels.erase(it);
    }
}

void AppChats::sendMessage(const QString &account, const QString &peer, const QString &text)
{
    if (Account *a = m_context.account(account))
        a->sendMessage(peer, text);
}

void AppChats::retryMessage(const QString &account, qint64 messageId)
{
    if (Account *a = m_context.account(account))
        a->retryMessage(messageId);
}

void AppChats::markRead(const QString &account, const QString &peer)
{
    Account *a = m_context.account(account);
    if (!a)
        return;
    m_context.conversationModel->setUnread(a, peer, 0);
    auto latest = a->messages().latest(account, peer, 1);
    if (isOk(latest) && !std::get<QList<storage::MessageRecord>>(latest).isEmpty())
        a->messages().markRead(account, peer,
                               std::get<QList<storage::MessageRecord>>(latest).back().id);
    a->markDisplayed(peer);
}

void AppChats::correctMessage(const QString &account, qint64 messageId, const QString &text)
{
    if (Account *a = m_context.account(account))
        a->correctMessage(messageId, text);
}

void AppChats::retractMessage(const QString &account, qint64 messageId)
{
    if (Account *a = m_context.account(account))
        a->retractMessage(messageId);
}

void AppChats::sendReply(const QString &account, const QString &peer, qint64 replyTo,
                         const QString &text)
{
    if (Account *a = m_context.account(account))
        a->sendReply(peer, replyTo, text);
}

void AppChats::toggleReaction(const QString &account, qint64 messageId, const QString &emoji)
{
    if (Account *a = m_context.account(account))
        a->toggleReaction(messageId, emoji);
}

void AppChats::setChatState(const QString &account, const QString &peer, xmpp::ChatState state)
{
    if (Account *a = m_context.account(account))
        a->sendChatState(peer, state);
}

void AppChats::setConversationMuted(const QString &account, const QString &peer,
                                    const QDateTime &until)
{
    if (!m_context.account(account))
        return;
    const QString bare = Jid::fromString(peer).bareString();
    const QDateTime stored =
        until.isValid() && until > QDateTime::currentDateTimeUtc() ? until.toUTC() : QDateTime();
    m_context.conversationModel->setMutedUntil(account, bare, stored);
    storage::MuteStore(*m_context.database).setMutedUntil(account, bare, stored);
}

QDateTime AppChats::conversationMutedUntil(const QString &account, const QString &peer)
{
    return m_context.conversationModel->mutedUntil(account, Jid::fromString(peer).bareString());
}

} // namespace parla::services
