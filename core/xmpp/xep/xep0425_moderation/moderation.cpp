// SPDX-License-Identifier: GPL-3.0-or-later
#include "moderation.h"

#include "xmpp/namespaces.h"

namespace parla::xmpp {

namespace {
constexpr qsizetype kMaxId = 256;
constexpr qsizetype kMaxReason = 1024; // shown in a bubble: a sentence, not an essay
const QString kOccupantIdNs = QStringLiteral("urn:xmpp:occupant-id:0"); // XEP-0421
} // namespace

std::optional<Moderation> Moderation::fromElement(const Element &element)
{
    const bool tombstone = element.is(u"retracted", ns::Retraction);
    if (!tombstone && !element.is(u"retract", ns::Retraction))
        return std::nullopt;
    const Element moderated = element.firstChild(u"moderated", ns::Moderation);
    if (moderated.isNull())
        return std::nullopt; // a plain XEP-0424 retraction by the author
    Moderation m;
    m.tombstone = tombstone;
    if (!tombstone) {
        m.id = element.attribute(u"id");
        if (m.id.isEmpty() || m.id.size() > kMaxId)
            return std::nullopt; // §4.1: the announcement names the stanza-id
    }
    m.by = moderated.attribute(u"by").left(kMaxId * 4);
    m.moderatorOccupantId =
        moderated.firstChild(u"occupant-id", kOccupantIdNs).attribute(u"id").left(kMaxId);
    m.reason = element.childText(u"reason").trimmed().left(kMaxReason);
    return m;
}

std::optional<Moderation> Moderation::fromMessage(const Element &message)
{
    if (auto m = fromElement(message.firstChild(u"retract", ns::Retraction)))
        return m;
    return fromElement(message.firstChild(u"retracted", ns::Retraction));
}

} // namespace parla::xmpp
