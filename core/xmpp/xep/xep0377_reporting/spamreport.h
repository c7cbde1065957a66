// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../element.h"

#include <optional>

namespace parla::xmpp {

/// <report xmlns='urn:xmpp:reporting:1' reason='…'><text/></report> (XEP-0377 §3), sent
/// inside a XEP-0191 <block><item/> (§5): a report is always also a block.
struct SpamReport
{
    enum class Reason
    {
        Spam,  ///< urn:xmpp:reporting:spam
        Abuse, ///< urn:xmpp:reporting:abuse
    };
    Reason reason = Reason::Spam;
    QString text; ///< optional words of the user

    static std::optional<SpamReport> fromElement(const Element &report);
    Element toElement() const;

    bool operator==(const SpamReport &) const = default;
};

} // namespace parla::xmpp
