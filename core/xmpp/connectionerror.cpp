// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionerror.h"

#include "element.h"
#include "namespaces.h"

#include <QCoreApplication>

namespace parla::xmpp {

ConnectionError streamErrorToConnectionError(const Element &streamError)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("Client", text); };
    ConnectionError e;
    e.kind = ConnectionError::Kind::StreamError;
    for (const Element &child : streamError.children()) {
        if (child.xmlns() != ns::Streams)
            continue;
        if (child.name() == u"text")
            e.detail = child.text();
        else
            e.streamCondition = streamErrorConditionFromName(child.name());
    }
    switch (e.streamCondition) {
    case StreamErrorCondition::Conflict:
        e.text =
            tr("Another client logged in with the same name (resource) and replaced this one.");
        break;
    case StreamErrorCondition::SystemShutdown:
        e.text = tr("The server is shutting down.");
        break;
    case StreamErrorCondition::PolicyViolation:
        e.text = tr("The server ended the session for a policy reason.");
        break;
    default:
        e.text = tr("The server ended the session (%1).")
                     .arg(streamErrorConditionName(e.streamCondition));
    }
    if (!e.detail.isEmpty())
        e.text += u' ' + e.detail;
    return e;
}

} // namespace parla::xmpp
