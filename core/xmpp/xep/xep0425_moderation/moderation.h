// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"

#include <optional>

namespace parla::xmpp {

/// XEP-0425 v0.3 (urn:xmpp:message-moderate:1): a moderator retracted someone's room message.
///
/// Two shapes carry it. The room's announcement (§4.1) is a groupchat message from the room's
/// bare JID with `<retract id='stanza-id' xmlns='urn:xmpp:message-retract:1'><moderated by=''/>
/// <reason/></retract>`, whose id is the XEP-0359 stanza-id the room gave the message. An
/// archive tombstone (§6) is the archived message itself with its payload replaced by
/// `<retracted><moderated/><reason/></retracted>`. Whether to believe either (only the room
/// itself may announce one, §7) is the room service's decision, not this parser's.
struct Moderation
{
    QString id;                  ///< the stanza-id retracted (announcement); empty for a tombstone
    QString by;                  ///< the moderator as the room names them, may be empty (§6)
    QString moderatorOccupantId; ///< XEP-0421 id of the moderator, if given
    QString reason;              ///< optional human-readable reason
    bool tombstone = false;      ///< §6 <retracted/>: the message already is the tombstone

    /// `element` is a <retract/> or <retracted/> (XEP-0424 namespace) holding a <moderated/>.
    static std::optional<Moderation> fromElement(const Element &element);
    /// The moderation a <message/> carries (announcement or tombstone), if any.
    static std::optional<Moderation> fromMessage(const Element &message);
    bool operator==(const Moderation &) const = default;
};

} // namespace parla::xmpp
