// SPDX-License-Identifier: GPL-3.0-or-later
// What a test plug-in does to messages in place of an encryption: an outgoing body is sealed
// ("sealed:" in front) in the Encrypt stage, an incoming "sealed:" body is opened in the
// Decrypt stage, both by rewriting the stanza as a real encryption would. Header-only.
#pragma once

#include "core/services/pipeline/envelope.h"
#include "core/xmpp/element.h"

namespace parla::testing {

inline const QString kSealed = QStringLiteral("sealed:");

/// A copy of `stanza` with its <body/> text replaced.
inline xmpp::Element withBody(const xmpp::Element &stanza, const QString &body)
{
    xmpp::Element out(stanza.name(), stanza.xmlns());
    for (const auto &[key, value] : stanza.attributes())
        out.setAttribute(key, value);
    for (const xmpp::Element &child : stanza.children()) {
        if (child.name() == u"body")
            out.appendTextChild(QStringLiteral("body"), body, child.xmlns());
        else
            out.appendChild(child);
    }
    return out;
}

/// Opens a sealed incoming stanza (a Decrypt step's work); leaves any other alone.
inline void unseal(services::IncomingEnvelope &e)
{
    const QString body = e.stanza.childText(u"body");
    if (!body.startsWith(kSealed))
        return;
    e.stanza = withBody(e.stanza, body.mid(kSealed.size()));
    e.stanzaChanged = true;
}

/// Seals an outgoing stanza with a body (an Encrypt step's work).
inline void seal(services::OutgoingEnvelope &e)
{
    const QString body = e.stanza.childText(u"body");
    if (!body.isEmpty())
        e.stanza = withBody(e.stanza, kSealed + body);
}

} // namespace parla::testing
