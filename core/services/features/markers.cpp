// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0333 chat markers in 1:1 conversations. From the peer: our messages up to the one named
// were received or displayed ("everything before too", §4). From our other device (a carbon
// or our archive): we read the conversation there, so it is read here too.
#include "features.h"

#include "services/pipeline/pipelinehost.h"

namespace parla::services::features {

namespace {

class Markers final : public IncomingFeature
{
public:
    using IncomingFeature::IncomingFeature;
    QString name() const override { return QStringLiteral("XEP-0333 markers"); }

    void apply(const IncomingEnvelope &e) override
    {
        const auto &marker = e.message.marker;
        if (!marker || isRoomRoute(e.route))
            return;
        const QString account = e.record.account;
        const QString peer = e.record.peer;
        const QString ref = marker->id;
        storage::MessageStore &store = host().messageStore();
        PipelineHost *h = &host();
        if (e.record.outgoing) {
            if (marker->kind == xmpp::ChatMarker::Kind::Received)
                return;
            whenWritten(store.markReadUpTo(account, peer, ref),
                        QStringLiteral("mark a conversation read"), [h, peer](int marked) {
                            if (marked > 0)
                                h->notifyConversationRead(peer);
                        });
        } else if (marker->kind == xmpp::ChatMarker::Kind::Received) {
            h->advanceDelivery(ref, peer, DeliveryState::Delivered);
        } else {
            whenWritten(store.markOutgoingReadUpTo(account, peer, ref),
                        QStringLiteral("mark messages as read by the contact"),
                        [h](const QList<qint64> &read) {
                            for (qint64 id : read)
                                h->notifyStateChanged(id, DeliveryState::Read, {});
                        });
        }
    }
};

} // namespace

std::unique_ptr<IncomingFeature> markers(PipelineHost &host)
{
    return std::make_unique<Markers>(host);
}

} // namespace parla::services::features
