// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"

#include <QStringList>

#include <optional>

namespace parla::xmpp {

/// XEP-0444 §3 <reactions id='…' xmlns='urn:xmpp:reactions:0'>: the sender's complete set of
/// reactions to the message with that 'id'. An update replaces the whole earlier set (§3.2);
/// an empty set removes them all.
struct Reactions
{
    static constexpr int kMaxReactions = 32;
    static constexpr int kMaxReactionChars = 64;

    QString id;
    QStringList emojis; ///< distinct, in the sender's order

    /// Drops empty, over-long and repeated reactions, and caps the count (hostile input).
    static std::optional<Reactions> fromElement(const Element &element);
    static std::optional<Reactions> fromMessage(const Element &message);
    Element toElement() const;
    bool operator==(const Reactions &) const = default;
};

} // namespace parla::xmpp
