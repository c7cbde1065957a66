// SPDX-License-Identifier: GPL-3.0-or-later
// Account: sending the 1:1 message features — chat states (XEP-0085), markers (XEP-0333) and
// their sync across our devices (XEP-0490), corrections (XEP-0308), retractions (XEP-0424),
// replies (XEP-0461 with XEP-0428 fallbacks) and reactions (XEP-0444). What arrives is handled
// by the incoming pipeline's feature handlers (features/), whatever route it took.
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

void Account::onMdsDisplayed(const MdsDisplayed &displayed)
{
    // XEP-0490 §4: another device of ours displayed up to this archive id.
    const QString peer = displayed.peer.bareString();
    m_messages
        .markReadUpToStanzaId(m_record.jid, peer, displayed.by.bareString(), displayed.stanzaId)
        .then(this, [this, peer](const Result<int> &r) {
            if (written(r, tr("mark a conversation read")) && std::get<int>(r) > 0)
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
        sendAction(marker);
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
    OutgoingEnvelope e;
    e.kind = OutgoingKind::Ephemeral; // only meaningful now: never queued
    e.message = m;
    m_outgoing->send(std::move(e));
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
            if (!written(r, tr("save your correction")) || !std::get<std::optional<qint64>>(r))
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
            if (!written(r, tr("delete your message")) || !std::get<std::optional<qint64>>(r))
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
            if (!written(r, tr("save your reaction")))
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
    OutgoingEnvelope e;
    e.kind = OutgoingKind::Action;
    e.message = original;
    if (m_rooms->isRoom(e.message.to.bareString()) && e.message.to.isBare())
        e.message.type = ChatMessage::Type::Groupchat; // in a room, to everyone
    m_outgoing->send(std::move(e));
}

} // namespace parla::services
