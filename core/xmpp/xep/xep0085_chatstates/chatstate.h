// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"

#include <optional>

namespace parla::xmpp {

/// XEP-0085 §2 chat states. Stored nowhere: a notification about the conversation right now.
enum class ChatState
{
    Active,
    Composing,
    Paused,
    Inactive,
    Gone
};

/// One chat state notification element (<composing
/// xmlns='http://jabber.org/protocol/chatstates'/>).
struct ChatStateNotification
{
    ChatState state = ChatState::Active;

    /// The element itself (a child of <message/>); nullopt for anything else.
    static std::optional<ChatStateNotification> fromElement(const Element &element);
    /// The first chat state child of a <message/> (XEP-0085 §5.4: at most one is meaningful).
    static std::optional<ChatStateNotification> fromMessage(const Element &message);
    Element toElement() const;
    bool operator==(const ChatStateNotification &) const = default;
};

} // namespace parla::xmpp
