// SPDX-License-Identifier: GPL-3.0-or-later
#include "carbonsmanager.h"

#include "../../client.h"
#include "../../iqutil.h"
#include "../../namespaces.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCarbons, "parla.xmpp.carbons")

namespace parla::xmpp {

namespace {
/// The <received/> or <sent/> child of a message, if any.
Element carbonChild(const Element &message)
{
    for (const Element &child : message.children()) {
        if (child.xmlns() == ns::Carbons &&
            (child.name() == u"received" || child.name() == u"sent"))
            return child;
    }
    return {};
}
} // namespace

std::optional<Carbon> Carbon::fromElement(const Element &outer)
{
    if (!outer.is(u"message", ns::Client))
        return std::nullopt;
    const Element wrapper = carbonChild(outer);
    if (wrapper.isNull())
        return std::nullopt;
    const Element inner =
        wrapper.firstChild(u"forwarded", ns::Forward).firstChild(u"message", ns::Client);
    auto message = ChatMessage::fromElement(inner);
    if (!message)
        return std::nullopt;
    Carbon c;
    c.direction = wrapper.name() == u"sent" ? Direction::Sent : Direction::Received;
    c.message = *message;
    c.privateHint = inner.hasChild(u"private", ns::Carbons);
    return c;
}

CarbonsManager::CarbonsManager(QObject *parent) : Extension(parent) {}

Task<Result<Success>> CarbonsManager::enable()
{
    if (!client() || !client()->isConnected())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    Promise<Result<Success>> promise;
    client()
        ->sendIq(makeIq(u"set", {}, Element(QStringLiteral("enable"), ns::Carbons)))
        .then(this, [this, promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                qCInfo(lcCarbons) << "enabling carbons failed:" << error->text;
                promise.finish(*error);
                return;
            }
            m_enabled = true;
            promise.finish(Success{});
        });
    return promise.task();
}

void CarbonsManager::markPrivate(Element &message)
{
    message.appendChild(Element(QStringLiteral("private"), ns::Carbons));
    message.appendChild(Element(QStringLiteral("no-copy"), ns::Hints));
}

void CarbonsManager::onConnected(bool resumed)
{
    // A resumed XEP-0198 session keeps its carbons state; a new one starts without.
    if (!resumed)
        m_enabled = false;
}

void CarbonsManager::onDisconnected() {}

CarbonsManager::Verdict CarbonsManager::check(const Element &stanza, const Jid &ownBareJid,
                                              Carbon *carbon)
{
    if (!stanza.is(u"message", ns::Client) || carbonChild(stanza).isNull())
        return Verdict::NotACarbon;
    // Never unwrapped inside groupchat traffic: a room's message is not a carbon, whatever it
    // carries. Leave it to whoever handles groupchat.
    if (stanza.attribute(u"type") == u"groupchat")
        return Verdict::NotACarbon;
    // XEP-0280 §11: only our own bare JID may send us carbons. A missing 'from' is not enough
    // (that is the server speaking for itself), and a full JID — even one of ours — is not the
    // account.
    const auto from = Jid::parse(stanza.attribute(u"from"));
    if (!stanza.hasAttribute(u"from") || !from || !from->isBare() || !ownBareJid.isValid() ||
        *from != ownBareJid.bare()) {
        qCWarning(lcCarbons) << "dropped a carbon from" << stanza.attribute(u"from");
        return Verdict::Dropped;
    }
    auto parsed = Carbon::fromElement(stanza);
    if (!parsed) {
        qCInfo(lcCarbons) << "dropped a malformed carbon";
        return Verdict::Dropped;
    }
    // Room traffic comes from the room (and its archive), never via carbons; and §6: a sender
    // that asked for no copies gets none used (a server that copied anyway erred).
    if (parsed->message.type == ChatMessage::Type::Groupchat || parsed->privateHint)
        return Verdict::Dropped;
    *carbon = *parsed;
    return Verdict::Accepted;
}

bool CarbonsManager::handleStanza(const Element &stanza)
{
    Carbon carbon;
    switch (check(stanza, client()->boundJid().bare(), &carbon)) {
    case Verdict::NotACarbon:
        return false;
    case Verdict::Dropped:
        return true;
    case Verdict::Accepted:
        Q_EMIT carbonReceived(carbon);
        return true;
    }
    return false;
}

} // namespace parla::xmpp
