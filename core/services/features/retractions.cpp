// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0424 message retraction: only the author retracts, and only their own message (§5 "MUST
// … same sender"): in a 1:1 chat a message of the same direction in the same conversation, in
// a room one of the same occupant. The body is the XEP-0428 fallback for old clients and is
// never stored.
#include "features.h"

#include "services/pipeline/pipelinehost.h"

namespace parla::services::features {

namespace {

class Retractions final : public IncomingFeature
{
public:
    using IncomingFeature::IncomingFeature;
    QString name() const override { return QStringLiteral("XEP-0424 retractions"); }

    void inspect(IncomingEnvelope &e) override
    {
        if (e.message.retraction && !e.message.moderation)
            e.store = false;
    }

    void apply(const IncomingEnvelope &e) override
    {
        if (!e.message.retraction || e.message.moderation)
            return;
        if (isRoomRoute(e.route) && !e.sender.jid.isFull())
            return;
        whenWritten(host().messageStore().retract(e.record.account, e.record.peer, authorOf(e),
                                                  e.message.retraction->id),
                    QStringLiteral("delete a retracted message"));
    }
};

} // namespace

std::unique_ptr<IncomingFeature> retractions(PipelineHost &host)
{
    return std::make_unique<Retractions>(host);
}

} // namespace parla::services::features
