// SPDX-License-Identifier: GPL-3.0-or-later
#include "rsm.h"

#include "../../namespaces.h"

namespace parla::xmpp {

Element RsmRequest::toElement() const
{
    Element set(QStringLiteral("set"), ns::Rsm);
    if (max >= 0)
        set.appendTextChild(QStringLiteral("max"), QString::number(max));
    if (!after.isEmpty())
        set.appendTextChild(QStringLiteral("after"), after);
    if (before)
        set.appendTextChild(QStringLiteral("before"), *before);
    return set;
}

std::optional<RsmResult> RsmResult::fromElement(const Element &set)
{
    if (!set.is(u"set", ns::Rsm))
        return std::nullopt;
    RsmResult r;
    r.first = set.childText(u"first", ns::Rsm);
    r.last = set.childText(u"last", ns::Rsm);
    if (set.hasChild(u"count", ns::Rsm)) {
        bool ok = false;
        const int count = set.childText(u"count", ns::Rsm).toInt(&ok);
        if (ok && count >= 0)
            r.count = count;
    }
    return r;
}

} // namespace parla::xmpp
