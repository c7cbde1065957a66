// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"

#include <QList>

#include <optional>

namespace parla::xmpp {

/// XEP-0428 §2 <fallback for='…' xmlns='urn:xmpp:fallback:0'>: which part of the body is only
/// there for clients that do not understand the 'for' specification. A fallback without a
/// <body start end/> range covers the whole body. Ranges count characters as XEP-0426 does
/// (Unicode code points, not UTF-16 units).
struct Fallback
{
    QString forNamespace;
    /// Code-point range [start, end) of the body; nullopt = the whole body.
    std::optional<std::pair<int, int>> bodyRange;

    static std::optional<Fallback> fromElement(const Element &element);
    static QList<Fallback> fromMessage(const Element &message);
    Element toElement() const;
    bool operator==(const Fallback &) const = default;

    /// `body` without the parts the fallbacks for `forNamespace` mark (empty if a fallback
    /// covers it all). Ranges outside the body are ignored (hostile input).
    static QString strip(const QString &body, const QList<Fallback> &fallbacks,
                         QStringView forNamespace);
    /// The parts of `body` the fallbacks for `forNamespace` mark, in order (the quote of a
    /// reply); the whole body if a fallback has no range.
    static QString extract(const QString &body, const QList<Fallback> &fallbacks,
                           QStringView forNamespace);
    /// Length of `text` in code points (XEP-0426 §2).
    static int codePointLength(const QString &text);
};

} // namespace parla::xmpp
