// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"
#include "xmpp/jid.h"

#include <optional>

namespace parla::xmpp {

/// XEP-0461 §2 <reply to='…' id='…' xmlns='urn:xmpp:reply:0'/>: this message answers the
/// message with that 'id' written by 'to' (the author; optional in 1:1 chats).
struct Reply
{
    Jid to;
    QString id;

    static std::optional<Reply> fromElement(const Element &element);
    static std::optional<Reply> fromMessage(const Element &message);
    Element toElement() const;
    bool operator==(const Reply &) const = default;

    /// The XEP-0461 §2.1 compatibility fallback: every line of `quoted` prefixed with "> ",
    /// ending with a line break; its length in code points is the XEP-0428 range's end.
    static QString quoteFallback(const QString &quoted);
};

} // namespace parla::xmpp
