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
    }
    m.receiptRequested = message.hasChild(u"request", ns::Receipts);
    m.receiptFor = message.firstChild(u"received", ns::Receipts).attribute(u"id");
    if (m.type == Type::Error)
        m.error = StanzaError::fromStanza(message);
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
    return e;
}

MessageManager::MessageManager(QObject *parent) : Extension(parent) {}

QStringList MessageManager::discoFeatures() const
{
    return {ns::StanzaId, ns::Receipts};
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
    if (!message->receiptFor.isEmpty() && message->from.isValid()) {
        Q_EMIT receiptReceived(message->from, message->receiptFor);
        if (message->body.isEmpty())
            return true;
    }
    if (message->body.isEmpty())
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
