// SPDX-License-Identifier: GPL-3.0-or-later
// Account: the 1:1 message features — chat states (XEP-0085), markers (XEP-0333) and their
// sync across our devices (XEP-0490), corrections (XEP-0308), retractions (XEP-0424),
// replies (XEP-0461 with XEP-0428 fallbacks) and reactions (XEP-0444).
//
// Every incoming copy comes through handleMessageFeatures() with its direction and peer,
// whatever route it took (live, carbon, archive). The sender rules sit here and in the
// store's conversation-confined lookups: a correction or retraction from the peer can only
// touch the peer's messages in that conversation, one from our other device only ours.
#include "account.h"
#include "rooms.h"

#include "xmpp/im/presence.h"
#include "xmpp/namespaces.h"
#include "xmpp/xep/xep0030_disco/discoinfo.h"
#include "xmpp/xep/xep0115_caps/capsmanager.h"
#include "xmpp/xep/xep0490_mds/mdsmanager.h"

#include <QLoggingCategory>

#include <utility>

Q_DECLARE_LOGGING_CATEGORY(lcAccount)

namespace parla::services {

using namespace parla::xmpp;

namespace {
std::optional<storage::MessageRecord> lookup(storage::MessageStore &store, qint64 id)
{
    auto found = store.message(id);
    if (!isOk(found))
        return std::nullopt;
    return std::get<std::optional<storage::MessageRecord>>(found);
}

/// The quoted text of a XEP-0461 fallback: its lines without the "> " prefix.
QString unquote(const QString &fallback)
{
    QStringList lines = fallback.split(u'\n');
    if (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    for (QString &line : lines) {
        if (line.startsWith(u"> "))
            line.remove(0, 2);
        else if (line.startsWith(u'>'))
            line.remove(0, 1);
    }
    return lines.join(u'\n');
}
} // namespace

bool Account::maySeeOurPresence(const QString &peer) const
{
    const auto contact = m_rosterItems.constFind(peer);
    return contact != m_rosterItems.cend() &&
           (contact->subscription == RosterItem::Subscription::From ||
            contact->subscription == RosterItem::Subscription::Both);
}

bool Account::peerTakesChatStates(const QString &peer) const
{
    // XEP-0085 §5.1: after their content message we know; before, their caps tell.
    const auto known = m_chatStateSupport.constFind(peer);
    if (known != m_chatStateSupport.cend())
        return *known;
    const Jid bare = Jid::fromString(peer);
    const auto resources = m_presence->resources(bare);
    for (auto it = resources.cbegin(); it != resources.cend(); ++it) {
        const auto info = m_caps->infoFor(bare.withResource(it.key()));
        if (info && info->features.contains(ns::ChatStates))
            return true;
    }
    return false;
}

void Account::applyReply(const ChatMessage &message, storage::MessageRecord &record)
{
    // XEP-0461 replies: the body without the quote; the quote kept for unknown originals.
    if (message.reply && !message.body.isEmpty()) {
        record.replyToId = message.reply->id;
        record.replyToJid =
            message.reply->to.isValid() ? message.reply->to.bareString() : QString();
        const QString stripped = Fallback::strip(message.body, message.fallbacks, ns::Reply);
        if (!stripped.trimmed().isEmpty()) {
            record.replyQuote =
                unquote(Fallback::extract(message.body, message.fallbacks, ns::Reply));
            record.body = stripped;
        }
    }
    record.markable = message.markable;
}

bool Account::handleMessageFeatures(const ChatMessage &message, storage::MessageRecord &record,
                                    IncomingVia via)
{
    const QString account = m_record.jid;
    const bool outgoing = record.outgoing;
    const QString peer = record.peer;

    // XEP-0085: the peer's state, only live (an archived "composing" is long over). Our own
    // other device's state is nobody's business here.
    if (!outgoing && via == IncomingVia::Live) {
        if (!message.body.isEmpty())
            m_chatStateSupport.insert(peer, message.chatState.has_value());
        if (message.chatState)
            Q_EMIT chatStateReceived(peer, int(*message.chatState));
        else if (!message.body.isEmpty())
            Q_EMIT chatStateReceived(peer, int(ChatState::Active));
    }

    // XEP-0333 markers. From the peer: our messages up to the one named were displayed.
    // From our other device: we read the conversation there.
    if (message.marker) {
        const QString ref = message.marker->id;
        if (outgoing) {
            if (message.marker->kind != ChatMarker::Kind::Received) {
                m_messages.markReadUpTo(account, peer, ref)
                    .then(this, [this, peer](const Result<int> &r) {
                        if (isOk(r) && std::get<int>(r) > 0)
                            Q_EMIT conversationRead(peer);
                    });
            }
        } else if (message.marker->kind == ChatMarker::Kind::Received) {
            advanceState(ref, peer, DeliveryState::Delivered);
        } else {
            m_messages.markOutgoingReadUpTo(account, peer, ref)
                .then(this, [this](const Result<QList<qint64>> &r) {
                    if (!isOk(r))
                        return;
                    for (qint64 id : std::get<QList<qint64>>(r))
                        Q_EMIT messageStateChanged(id, DeliveryState::Read, {});
                });
        }
    }

    // XEP-0424: only the author retracts, only their message (§5 "MUST… same sender").
    if (message.retraction) {
        m_messages.retract(account, peer, outgoing, message.retraction->id)
            .then(this, [this](const Result<std::optional<qint64>> &r) {
                if (isOk(r) && std::get<std::optional<qint64>>(r))
                    Q_EMIT messageUpdated(*std::get<std::optional<qint64>>(r));
            });
        return true; // the body is the XEP-0428 fallback for old clients
    }

    // XEP-0444: the sender's whole set replaces their earlier one (§3.2).
    if (message.reactions) {
        const QString sender = outgoing ? account : peer;
        m_messages
            .setReactions(account, peer, message.reactions->id, sender, message.reactions->emojis)
            .then(this, [this](const Result<std::optional<qint64>> &r) {
                if (isOk(r) && std::get<std::optional<qint64>>(r))
                    Q_EMIT messageUpdated(*std::get<std::optional<qint64>>(r));
            });
        return true;
    }

    // XEP-0308: the author's correction of their own message in this conversation. One that
    // names no such message (someone else's, another conversation's) corrects nothing; its
    // text is kept as a message of its own rather than lost.
    if (message.correction && !record.body.isEmpty()) {
        record.replaceId = message.correction->id;
        const bool notify = !outgoing;
        m_messages.correct(account, peer, outgoing, message.correction->id, record.body)
            .then(this, [this, record, notify](const Result<std::optional<qint64>> &r) {
                if (!isOk(r))
                    return;
                if (const auto changed = std::get<std::optional<qint64>>(r))
                    Q_EMIT messageUpdated(*changed);
                else
                    m_incoming.run({record, notify});
            });
        return true;
    }
    return false;
}

void Account::onMdsDisplayed(const MdsDisplayed &displayed)
{
    // XEP-0490 §4: another device of ours displayed up to this archive id.
    const QString peer = displayed.peer.bareString();
    m_messages
        .markReadUpToStanzaId(m_record.jid, peer, displayed.by.bareString(), displayed.stanzaId)
        .then(this, [this, peer](const Result<int> &r) {
            if (isOk(r) && std::get<int>(r) > 0)
                Q_EMIT conversationRead(peer);
        });
}

void Account::markDisplayed(const QString &peer)
{
    auto latest = m_messages.latestIncoming(m_record.jid, peer);
    if (!isOk(latest) || !std::get<std::optional<storage::MessageRecord>>(latest))
        return;
    const storage::MessageRecord m = *std::get<std::optional<storage::MessageRecord>>(latest);
    if (m_client->state() != Client::State::Connected || m.messageId.isEmpty() ||
        m_displayedSent.value(peer) == m.messageId)
        return;
    m_displayedSent.insert(peer, m.messageId);
    // XEP-0333 §4 and §7: only for a markable message, only to who may see our presence.
    if (m.markable && maySeeOurPresence(peer)) {
        ChatMessage marker;
        marker.type = ChatMessage::Type::Chat;
        marker.to = Jid::fromString(peer);
        marker.id = Client::generateId();
        marker.marker = ChatMarker{ChatMarker::Kind::Displayed, m.messageId};
        marker.storeHint = true; // XEP-0333 §5: archived, so our other devices see it too
        m_messageManager->send(marker);
    }
    // XEP-0490 §4: the archive's id of the last displayed message, for our other devices.
    if (!m.stanzaId.isEmpty() && m.stanzaIdBy == m_client->boundJid().bareString()) {
        m_mds->publish({Jid::fromString(peer), m.stanzaId, Jid::fromString(m.stanzaIdBy)})
            .then(this, [](const Result<Success> &r) {
                if (const auto *e = std::get_if<Error>(&r))
                    qCWarning(lcAccount) << "XEP-0490 publish failed:" << e->text;
            });
    }
}

void Account::sendChatState(const QString &peer, ChatState state)
{
    if (m_client->state() != Client::State::Connected || !peerTakesChatStates(peer))
        return;
    // §5.3: a standalone notification never repeats the previous one.
    if (m_sentChatState.value(peer, ChatState::Active) == state)
        return;
    m_sentChatState.insert(peer, state);
    ChatMessage m;
    m.type = ChatMessage::Type::Chat;
    m.to = Jid::fromString(peer);
    m.id = Client::generateId();
    m.chatState = state;
    m.noStoreHint = true; // XEP-0334: not worth archiving
    m_messageManager->send(m);
}

void Account::correctMessage(qint64 id, const QString &text)
{
    const auto original = lookup(m_messages, id);
    if (!original || original->account != m_record.jid || !original->outgoing ||
        original->retracted || text.trimmed().isEmpty() || original->messageId.isEmpty())
        return;
    const storage::MessageRecord o = *original;
    m_messages.correct(m_record.jid, o.peer, true, o.messageId, text)
        .then(this, [this, o, text](const Result<std::optional<qint64>> &r) {
            if (!isOk(r) || !std::get<std::optional<qint64>>(r))
                return;
            Q_EMIT messageUpdated(o.id);
            if (o.state == DeliveryState::Pending)
                return; // not sent yet: the resend carries the corrected text
            ChatMessage m;
            m.type = ChatMessage::Type::Chat;
            m.to = Jid::fromString(o.peer);
            m.id = Client::generateId();
            m.originId = m.id;
            m.body = text;
            m.correction = Correction{o.messageId}; // §3: always the original's id
            m.markable = true;
            m.chatState = ChatState::Active;
            sendAction(m);
        });
}

QString Account::retractionRef(const storage::MessageRecord &message)
{
    // XEP-0424 §business-id: in a group chat the stanza-id the room assigned (stanza-id 'by'
    // the room); only a room that numbered nothing is named by our origin-id (= our 'id').
    if (message.kind == storage::ConversationKind::GroupChat && !message.stanzaId.isEmpty() &&
        message.stanzaIdBy == message.peer)
        return message.stanzaId;
    return message.messageId;
}

void Account::retractMessage(qint64 id)
{
    const auto original = lookup(m_messages, id);
    if (!original || original->account != m_record.jid || !original->outgoing ||
        original->retracted || original->messageId.isEmpty())
        return;
    const storage::MessageRecord o = *original;
    m_messages.retract(m_record.jid, o.peer, true, o.messageId)
        .then(this, [this, o](const Result<std::optional<qint64>> &r) {
            if (!isOk(r) || !std::get<std::optional<qint64>>(r))
                return;
            Q_EMIT messageUpdated(o.id);
            ChatMessage m;
            m.type = ChatMessage::Type::Chat;
            m.to = Jid::fromString(o.peer);
            m.id = Client::generateId();
            m.retraction = Retraction{retractionRef(o)};
            m.fallbacks = {Fallback{ns::Retraction, std::nullopt}}; // XEP-0428: all of it
            m.body = Retraction::fallbackBody();
            m.storeHint = true; // §4: archived, so every device and MAM catch-up applies it
            sendAction(m);
        });
}

void Account::sendReply(const QString &peer, qint64 replyTo, const QString &text)
{
    const auto quoted = lookup(m_messages, replyTo);
    const auto peerJid = Jid::parse(peer);
    if (!peerJid || text.trimmed().isEmpty())
        return;
    if (!quoted || quoted->account != m_record.jid ||
        quoted->peer != m_rooms->conversationPeer(*peerJid) || quoted->messageId.isEmpty()) {
        sendMessage(peer, text);
        return;
    }
    storage::MessageRecord record = newOutgoing(m_rooms->conversationPeer(*peerJid), text);
    record.replyToId = quoted->messageId;
    record.replyToJid = quoted->outgoing ? m_record.jid : quoted->peer;
    record.replyQuote = quoted->body;
    storeOutgoing(record);
}

void Account::toggleReaction(qint64 id, const QString &emoji)
{
    const auto target = lookup(m_messages, id);
    if (!target || target->account != m_record.jid || target->retracted ||
        target->messageId.isEmpty() || emoji.isEmpty())
        return;
    const storage::MessageRecord t = *target;
    m_messages.toggleReaction(id, m_record.jid, emoji)
        .then(this, [this, t](const Result<QStringList> &r) {
            if (!isOk(r))
                return;
            Q_EMIT messageUpdated(t.id);
            ChatMessage m;
            m.type = ChatMessage::Type::Chat;
            m.to = Jid::fromString(t.peer);
            m.id = Client::generateId();
            m.reactions = Reactions{t.messageId, std::get<QStringList>(r)}; // §3.2: whole set
            m.storeHint = true;
            sendAction(m);
        });
}

void Account::sendAction(const ChatMessage &original)
{
    ChatMessage message = original;
    if (m_rooms->isRoom(message.to.bareString()) && message.to.isBare())
        message.type = ChatMessage::Type::Groupchat; // in a room, to everyone

    // A correction, retraction or reaction made while offline is not lost: it goes out with
    // the next connection (in memory only: not across a restart of Parla).
    if (!m_messageManager->send(message))
        m_pendingActions.append(message);
}

void Account::flushPendingActions()
{
    const QList<ChatMessage> pending = std::exchange(m_pendingActions, {});
    for (const ChatMessage &m : pending)
        sendAction(m);
}

} // namespace parla::services
