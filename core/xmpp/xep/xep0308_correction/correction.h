// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"

#include <optional>

namespace parla::xmpp {

/// XEP-0308 §3 <replace id='…' xmlns='urn:xmpp:message-correct:0'/>: this message's body
/// replaces the body of the sender's earlier message with that 'id' (always the original's id,
/// even when correcting a correction, §3).
struct Correction
{
    QString id;

    static std::optional<Correction> fromElement(const Element &element);
    static std::optional<Correction> fromMessage(const Element &message);
    Element toElement() const;
    bool operator==(const Correction &) const = default;
};

} // namespace parla::xmpp
