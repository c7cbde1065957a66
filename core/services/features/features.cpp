// SPDX-License-Identifier: GPL-3.0-or-later
#include "features.h"

#include "services/pipeline/pipelinehost.h"

namespace parla::services {

std::vector<std::unique_ptr<IncomingFeature>> makeIncomingFeatures(PipelineHost &host)
{
    // Order matters where handlers look at the same message: a reply's quote is stripped
    // before a correction takes the text; moderation claims a <retract/> before the author's
    // retraction handler could; the unreadable-encryption text is last, over any fallback body.
    std::vector<std::unique_ptr<IncomingFeature>> list;
    list.push_back(features::replies(host));
    list.push_back(features::chatStates(host));
    list.push_back(features::receipts(host));
    list.push_back(features::markers(host));
    list.push_back(features::moderation(host));
    list.push_back(features::retractions(host));
    list.push_back(features::reactions(host));
    list.push_back(features::corrections(host));
    list.push_back(features::unreadableEncryption(host));
    return list;
}

namespace features {

storage::Author authorOf(const IncomingEnvelope &e)
{
    if (!isRoomRoute(e.route))
        return storage::Author::direction(e.record.outgoing);
    storage::Author author;
    author.occupantId = e.sender.occupantId;
    if (author.occupantId.isEmpty()) {
        author.senderJid = e.record.senderJid;
        // Only a live message is checked against the arrival: history and archives are stamped
        // by the room, and their author was who held the nick then.
        if (e.route == Route::Room)
            author.notBefore = e.sender.arrivedAt;
    }
    return author;
}

QString reactorOf(const IncomingEnvelope &e)
{
    if (isRoomRoute(e.route))
        return e.record.occupantId.isEmpty() ? e.record.senderJid : e.record.occupantId;
    return e.record.outgoing ? e.record.account : e.record.peer;
}

} // namespace features
} // namespace parla::services
