// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"
#include "xmpp/jid.h"

#include <optional>

namespace parla::xmpp {

/// XEP-0249 Direct MUC Invitations: <x xmlns='jabber:x:conference' jid='room@service'/> in a
/// message from the inviter (§2). The inviter is the message's sender, not anything inside.
struct DirectInvite
{
    Jid room; ///< bare JID of the room
    QString reason;
    QString password;
    QString thread;
    bool continued = false;

    /// The jabber:x:conference child of a message; nullopt without one or with a bad room.
    static std::optional<DirectInvite> fromMessage(const Element &message);
    static std::optional<DirectInvite> fromElement(const Element &x);
    Element toElement() const;
};

} // namespace parla::xmpp
