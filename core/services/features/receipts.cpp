// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0184 delivery receipts, both ways.
// - The peer's receipt for our message: only the peer the message went to may confirm it; the
//   store looks the id up within the conversation with that peer, so a receipt from anyone
//   else names no message of theirs. Our other devices' receipts confirm nothing to us.
// - Our receipt for theirs: only for a live message addressed to this device (not carbons,
//   not history), only to contacts who may see our presence (§8: receipts reveal it), and
//   only once the message is stored: a receipt for a message we then lose would be a lie.
#include "features.h"

#include "services/pipeline/pipelinehost.h"

namespace parla::services::features {

namespace {

class Receipts final : public IncomingFeature
{
public:
    using IncomingFeature::IncomingFeature;
    QString name() const override { return QStringLiteral("XEP-0184 receipts"); }

    void apply(const IncomingEnvelope &e) override
    {
        const xmpp::ChatMessage &m = e.message;
        if (isRoomRoute(e.route) || e.record.outgoing)
            return;
        if (!m.receiptFor.isEmpty())
            host().advanceDelivery(m.receiptFor, e.record.peer, DeliveryState::Delivered);
        if (e.route == Route::Live && !m.body.isEmpty() && host().maySeeOurPresence(e.record.peer))
            host().sendReceipt(m);
    }
};

} // namespace

std::unique_ptr<IncomingFeature> receipts(PipelineHost &host)
{
    return std::make_unique<Receipts>(host);
}

} // namespace parla::services::features
