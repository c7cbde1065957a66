// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../im/message.h"
#include "../../result.h"
#include "../../task.h"

#include <optional>

namespace parla::xmpp {

/// A carbon copy (XEP-0280 §5, §7): what one of the account's other devices sent or received.
/// fromElement() only parses; whether the copy may be believed is CarbonsManager's decision.
struct Carbon
{
    enum class Direction
    {
        Received, ///< <received/>: a message to one of our other resources (or our bare JID)
        Sent,     ///< <sent/>: a message one of our other resources sent
    };
    Direction direction = Direction::Received;
    ChatMessage message;      ///< the forwarded inner <message/>
    bool privateHint = false; ///< the inner message carries <private/> (§6)

    /// The carbon inside `outer` (a <message/> with <received/> or <sent/> wrapping a
    /// XEP-0297 <forwarded/>), or nullopt when it has none or it is malformed.
    static std::optional<Carbon> fromElement(const Element &outer);
};

/// Message Carbons, XEP-0280 (urn:xmpp:carbons:2).
///
/// enable() turns carbons on for this session (§4); the Account calls it after login when the
/// server advertises the feature. Incoming carbons are unwrapped and re-emitted as the inner
/// ChatMessage; everything else is left to the managers after this one, so it must be added to
/// the Client before the MessageManager.
///
/// Sender rule (§11, Security Considerations): "a client MUST ignore carbons unless from is the
/// user's bare JID" — a copy from anyone else (a contact, a full JID, another server) is
/// swallowed and dropped, never unwrapped. Carbons are never unwrapped inside groupchat traffic:
/// an outer type='groupchat' is not a carbon at all (left to MUC), and an inner groupchat
/// message is dropped (room history comes from the room).
class CarbonsManager : public Extension
{
    Q_OBJECT
public:
    explicit CarbonsManager(QObject *parent = nullptr);

    /// XEP-0280 §4: <iq type='set'><enable xmlns='urn:xmpp:carbons:2'/></iq> to our server.
    Task<Result<Success>> enable();
    bool isEnabled() const { return m_enabled; }

    /// XEP-0280 §6: asks the server not to copy this outgoing message to our other devices
    /// (<private/> plus the XEP-0334 <no-copy/> hint).
    static void markPrivate(Element &message);

    /// What handleStanza() decides about a stanza, as a pure function of the stanza and our
    /// bare JID (so the sender rule can be tested with recorded XML).
    enum class Verdict
    {
        NotACarbon, ///< not ours to handle (no carbon child, or groupchat traffic)
        Dropped,    ///< a carbon that must not be believed or used; consumed
        Accepted,   ///< `*carbon` is set
    };
    static Verdict check(const Element &stanza, const Jid &ownBareJid, Carbon *carbon);

    bool handleStanza(const Element &stanza) override;
    void onConnected(bool resumed) override;
    void onDisconnected() override;

Q_SIGNALS:
    /// A copy passed the sender rule. A Sent copy is ours (outgoing to message.to); a Received
    /// copy came from message.from to one of our other devices.
    void carbonReceived(const parla::xmpp::Carbon &carbon);

private:
    bool m_enabled = false;
};

} // namespace parla::xmpp
