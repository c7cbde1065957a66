// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../element.h"

#include <QString>

#include <optional>

namespace parla::xmpp {

/// A Result Set Management request (XEP-0059 §2.1 limiting, §2.2 paging forwards with
/// <after/>, §2.5 paging backwards with <before/>; an empty <before/> asks for the last page).
struct RsmRequest
{
    int max = -1;                  ///< <max/>; negative: not sent (the server chooses)
    QString after;                 ///< <after/> when not empty
    std::optional<QString> before; ///< <before/> when set; empty string = the last page

    Element toElement() const;
};

/// The <set/> a responder returns (XEP-0059 §2.1): first and last UID of the page, and the
/// size of the whole result set when the responder knows it.
struct RsmResult
{
    QString first;
    QString last;
    std::optional<int> count;

    /// Total: a missing or foreign element gives an empty result (RSM is optional in answers).
    static std::optional<RsmResult> fromElement(const Element &set);
};

} // namespace parla::xmpp
