// SPDX-License-Identifier: GPL-3.0-or-later
#include "occupantid.h"

#include "xmpp/xep/xep0045_muc/mucuser.h"

namespace parla::xmpp {

QString OccupantId::fromStanza(const Element &stanza)
{
    const QString id = stanza.firstChild(u"occupant-id", mucns::OccupantId).attribute(u"id");
    // §4: an opaque string; a hostile room gets no more than a reasonable length.
    return id.size() > 256 ? QString() : id;
}

Element OccupantId::toElement(const QString &id)
{
    Element e(QStringLiteral("occupant-id"), mucns::OccupantId);
    e.setAttribute(QStringLiteral("id"), id);
    return e;
}

} // namespace parla::xmpp
