// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0444 reactions: the sender's whole set replaces their earlier one (§3.2), on a message
// of the same conversation; in a room the sender is the occupant.
#include "features.h"

#include "services/pipeline/pipelinehost.h"

namespace parla::services::features {

namespace {

class Reactions final : public IncomingFeature
{
public:
    using IncomingFeature::IncomingFeature;
    QString name() const override { return QStringLiteral("XEP-0444 reactions"); }

    void inspect(IncomingEnvelope &e) override
    {
        if (e.message.reactions)
            e.store = false;
    }

    void apply(const IncomingEnvelope &e) override
    {
        const auto &reactions = e.message.reactions;
        if (!reactions || (isRoomRoute(e.route) && !e.sender.jid.isFull()))
            return;
        whenWritten(host().messageStore().setReactions(e.record.account, e.record.peer,
                                                       reactions->id, reactorOf(e),
                                                       reactions->emojis),
                    QStringLiteral("save a reaction"));
    }
};

} // namespace

std::unique_ptr<IncomingFeature> reactions(PipelineHost &host)
{
    return std::make_unique<Reactions>(host);
}

} // namespace parla::services::features
