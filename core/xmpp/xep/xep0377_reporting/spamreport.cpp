// SPDX-License-Identifier: GPL-3.0-or-later
#include "spamreport.h"

#include "../../namespaces.h"

namespace parla::xmpp {

std::optional<SpamReport> SpamReport::fromElement(const Element &report)
{
    if (!report.is(u"report", ns::Reporting))
        return std::nullopt;
    SpamReport r;
    const QString reason = report.attribute(u"reason");
    if (reason == u"urn:xmpp:reporting:spam")
        r.reason = Reason::Spam;
    else if (reason == u"urn:xmpp:reporting:abuse")
        r.reason = Reason::Abuse;
    else
        return std::nullopt; // §3: a reason MUST be given
    r.text = report.childText(u"text", ns::Reporting).trimmed();
    return r;
}

Element SpamReport::toElement() const
{
    Element report(QStringLiteral("report"), ns::Reporting);
    report.setAttribute(QStringLiteral("reason"), reason == Reason::Spam
                                                      ? QStringLiteral("urn:xmpp:reporting:spam")
                                                      : QStringLiteral("urn:xmpp:reporting:abuse"));
    if (!text.isEmpty())
        report.appendTextChild(QStringLiteral("text"), text);
    return report;
}

} // namespace parla::xmpp
