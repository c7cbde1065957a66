// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"

#include <optional>

namespace parla::xmpp {

/// XEP-0424 §4 (urn:xmpp:message-retract:1) <retract id='…'/>: the sender takes back their
/// earlier message with that 'id' (in 1:1 chats the original message's 'id' attribute).
struct Retraction
{
    QString id;

    /// The fallback body for clients without XEP-0424 (sent with a XEP-0428 <fallback/>).
    static QString fallbackBody();

    static std::optional<Retraction> fromElement(const Element &element);
    static std::optional<Retraction> fromMessage(const Element &message);
    Element toElement() const;
    bool operator==(const Retraction &) const = default;
};

} // namespace parla::xmpp
