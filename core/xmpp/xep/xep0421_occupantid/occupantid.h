// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"

#include <QString>

namespace parla::xmpp {

/// XEP-0421 Anonymous unique occupant identifiers: <occupant-id xmlns='urn:xmpp:occupant-id:0'
/// id='…'/>. Only the room may set it (§4: a room that supports it strips any the occupant
/// sent), so the caller believes it only for a room known to assign them.
struct OccupantId
{
    /// The id of the first <occupant-id/> child, empty when absent or unusable.
    static QString fromStanza(const Element &stanza);
    static Element toElement(const QString &id);
};

} // namespace parla::xmpp
