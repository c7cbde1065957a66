// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"

#include <optional>

namespace parla::xmpp {

/// XEP-0333 §4 chat marker: <received/>, <displayed/> or <acknowledged/> naming the 'id' of the
/// message it refers to (a <markable/> request is ChatMessage::markable).
struct ChatMarker
{
    enum class Kind
    {
        Received,
        Displayed,
        Acknowledged
    };
    Kind kind = Kind::Displayed;
    QString id; ///< copied from the marked message's 'id' attribute (§4, MUST)

    /// The marker element itself; nullopt for anything else or without an id.
    static std::optional<ChatMarker> fromElement(const Element &element);
    static std::optional<ChatMarker> fromMessage(const Element &message);
    Element toElement() const;
    bool operator==(const ChatMarker &) const = default;
};

} // namespace parla::xmpp
