// SPDX-License-Identifier: GPL-3.0-or-later
#include "message.h"

#include "xmpp/client.h"
#include "xmpp/namespaces.h"

namespace parla::xmpp {

namespace {
constexpr std::pair<ChatMessage::Type, const char16_t *> kTypes[] = {
    {ChatMessage::Type::Chat, u"chat"},         {ChatMessage::Type::Normal, u"normal"},
    {ChatMessage::Type::Headline, u"headline"}, {ChatMessage::Type::Groupchat, u"groupchat"},
    {ChatMessage::Type::Error, u"error"},
};
constexpr qsizetype kMaxBodyChars = 256 * 1024;
} // namespace

QString encryptedPayloadNamespace(const Element &message)
{
    for (const Element &child : message.children()) {
        const QString &ns = child.xmlns();
        if ((child.name() == u"encrypted" && (ns == ns::OmemoLegacy || ns == ns::Omemo2)) ||
            (child.name() == u"openpgp" && ns == ns::OpenPgp) ||
            (child.name() == u"x" && ns == ns::LegacyPgp))
            return ns;
    }
    return {};
}

std::optional<ChatMessage> ChatMessage::fromElement(const Element &message)
{
    if (message.name() != u"message" || message.xmlns() != ns::Client)
        return std::nullopt;
    ChatMessage m;
    const QString type = message.attribute(u"type");
    m.type = Type::Normal; // RFC 6121 §5.2.2: absent type means normal
    for (const auto &[t, name] : kTypes) {
        if (type == QStringView(name))
            m.type = t;
    }
    if (message.hasAttribute(u"from")) {
        auto from = Jid::parse(message.attribute(u"from"));
        if (!from)
            return std::nullopt;
        m.from = *from;
    }
    m.to = Jid::fromString(message.attribute(u"to"));
    m.id = message.attribute(u"id");
    m.body = message.childText(u"body", ns::Client).left(kMaxBodyChars);
    m.thread = message.childText(u"thread", ns::Client);
    m.originId = message.firstChild(u"origin-id", ns::StanzaId).attribute(u"id");
    const Element stanzaId = message.firstChild(u"stanza-id", ns::StanzaId);
    if (!stanzaId.isNull()) {
        m.stanzaId = stanzaId.attribute(u"id");
        m.stanzaIdBy = Jid::fromString(stanzaId.attribute(u"by"));
    }
    const Element delay = message.firstChild(u"delay", ns::Delay);
    if (!delay.isNull()) {
        m.stamp = QDateTime::fromString(delay.attribute(u"stamp"), Qt::ISODateWithMs);
        if (m.stamp.isValid())
            m.stamp = m.stamp.toUTC();
        m.stampBy = Jid::fromString(delay.attribute(u"from"));
    }
    m.receiptRequested = message.hasChild(u"request", ns::Receipts);
    m.receiptFor = message.firstChild(u"received", ns::Receipts).attribute(u"id");
    if (m.type == Type::Error)
        m.error = StanzaError::fromStanza(message);
    if (auto state = ChatStateNotification::fromMessage(message))
        m.chatState = state->state;
    m.markable = message.hasChild(u"markable", ns::ChatMarkers);
    m.marker = ChatMarker::fromMessage(message);
    m.correction = Correction::fromMessage(message);
    m.retraction = Retraction::fromMessage(message);
    m.moderation = Moderation::fromMessage(message);
    m.mucPrivate = message.hasChild(u"x", u"http://jabber.org/protocol/muc#user");
    m.reply = Reply::fromMessage(message);
    m.fallbacks = Fallback::fromMessage(message);
    m.reactions = Reactions::fromMessage(message);
    m.storeHint = message.hasChild(u"store", ns::Hints);
    m.noStoreHint = message.hasChild(u"no-store", ns::Hints);
    m.encrypted = !encryptedPayloadNamespace(message).isEmpty();
    m.stanza = message;
    return m;
}

Element ChatMessage::toElement() const
{
    Element e(QStringLiteral("message"), ns::Client);
    for (const auto &[t, name] : kTypes) {
        if (t == type)
            e.setAttribute(QStringLiteral("type"), QString::fromUtf16(name));
    }
    if (to.isValid())
        e.setAttribute(QStringLiteral("to"), to.toString());
    e.setAttribute(QStringLiteral("id"), id);
    if (!body.isEmpty())
        e.appendTextChild(QStringLiteral("body"), body);
    if (!thread.isEmpty())
        e.appendTextChild(QStringLiteral("thread"), thread);
    if (receiptRequested)
        e.appendChild(Element(QStringLiteral("request"), ns::Receipts));
    if (!receiptFor.isEmpty()) {
        Element received(QStringLiteral("received"), ns::Receipts);
        received.setAttribute(QStringLiteral("id"), receiptFor);
        e.appendChild(received);
    }
    if (!originId.isEmpty()) {
        Element origin(QStringLiteral("origin-id"), ns::StanzaId);
        origin.setAttribute(QStringLiteral("id"), originId);
        e.appendChild(origin);
    }
    if (chatState)
        e.appendChild(ChatStateNotification{*chatState}.toElement());
    if (markable)
        e.appendChild(Element(QStringLiteral("markable"), ns::ChatMarkers));
    if (marker)
        e.appendChild(marker->toElement());
    if (correction)
        e.appendChild(correction->toElement());
    if (retraction)
        e.appendChild(retraction->toElement());
    if (reply)
        e.appendChild(reply->toElement());
    for (const Fallback &f : fallbacks)
        e.appendChild(f.toElement());
    if (reactions)
        e.appendChild(reactions->toElement());
    if (mucPrivate)
        e.appendChild(
            Element(QStringLiteral("x"), QStringLiteral("http://jabber.org/protocol/muc#user")));
    if (storeHint)
        e.appendChild(Element(QStringLiteral("store"), ns::Hints));
    if (noStoreHint)
        e.appendChild(Element(QStringLiteral("no-store"), ns::Hints));
    return e;
}

MessageManager::MessageManager(QObject *parent) : Extension(parent) {}

QStringList MessageManager::discoFeatures() const
{
    return {ns::StanzaId,   ns::Receipts, ns::ChatStates, ns::ChatMarkers, ns::Correction,
            ns::Retraction, ns::Reply,    ns::Fallback,   ns::Reactions};
}

bool MessageManager::send(const ChatMessage &message)
{
    if (!client() || !client()->isConnected())
        return false;
    return !client()->send(message.toElement()).isEmpty();
}

void MessageManager::sendReceipt(const ChatMessage &message)
{
    // XEP-0184 §5.1: only for a message that asked, had an id, and was not an error.
    if (!message.receiptRequested || message.id.isEmpty() || !message.from.isValid())
        return;
    ChatMessage receipt;
    receipt.type = message.type;
    receipt.to = message.from;
    receipt.id = Client::generateId();
    receipt.receiptFor = message.id;
    send(receipt);
}

bool MessageManager::handleStanza(const Element &stanza)
{
    if (stanza.name() != u"message")
        return false;
    auto message = ChatMessage::fromElement(stanza);
    if (!message)
        return false;
    const Jid own = client()->boundJid().bare();
    if (message->type == ChatMessage::Type::Error) {
        // A bounce of something we sent: the peer's (or its server's) answer with our id.
        if (!message->id.isEmpty())
            Q_EMIT messageFailed(message->from.bare(), message->id,
                                 message->error.value_or(StanzaError{}));
        return true;
    }
    if (message->type != ChatMessage::Type::Chat && message->type != ChatMessage::Type::Normal)
        return false;
    // Body-less messages matter when they carry a receipt, marker, chat state, reaction,
    // retraction or encrypted payload; whether their sender may say so is decided by the
    // account, which knows the conversation.
    if (message->body.isEmpty() && !message->hasFeaturePayload())
        return false;
    // XEP-0359 §4: only our own server (archiving for our bare JID) may assign a stanza-id we
    // de-duplicate on; anyone else's is dropped as untrusted.
    if (!m_trustStanzaIds || message->stanzaIdBy != own) {
        message->stanzaId.clear();
        message->stanzaIdBy = Jid();
    }
    if (!message->from.isValid())
        message->from = own.domainJid(); // RFC 6120 §8.1.2.1: no 'from' = our server
    Q_EMIT messageReceived(*message);
    return true;
}

} // namespace parla::xmpp
