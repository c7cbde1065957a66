// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0425 message moderation in rooms. Only the room itself (its bare JID) announces that a
// moderator retracted a message, and only a message the room numbered (its stanza-id, §4.1):
// the same claim from an occupant (room@service/nick) is discarded whole, never taken as that
// occupant's own retraction. A room's archive may hold the moderated message as a tombstone
// (§6), which is stored as such and wipes a copy we stored live.
#include "features.h"

#include "services/pipeline/pipelinehost.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcIncoming)

namespace parla::services::features {

namespace {

class Moderation final : public IncomingFeature
{
public:
    using IncomingFeature::IncomingFeature;
    QString name() const override { return QStringLiteral("XEP-0425 moderation"); }

    void inspect(IncomingEnvelope &e) override
    {
        const auto &moderation = e.message.moderation;
        if (!moderation)
            return;
        if (!isRoomRoute(e.route)) {
            e.store = false; // not a room: nobody may moderate
            return;
        }
        const bool fromRoom = !e.sender.jid.isFull();
        if (moderation->tombstone && e.route == Route::RoomArchive && e.sender.jid.isFull()) {
            // §6: the archive's copy of the moderated message itself.
            e.record.body.clear();
            e.record.retracted = e.record.moderated = true;
            e.record.moderationReason = moderation->reason;
            return;
        }
        e.store = false;
        if (!fromRoom || moderation->tombstone)
            qCInfo(lcIncoming) << "dropped a moderation not announced by the room itself";
    }

    void apply(const IncomingEnvelope &e) override
    {
        const auto &moderation = e.message.moderation;
        if (!moderation || !isRoomRoute(e.route))
            return;
        QString stanzaId;
        if (moderation->tombstone && e.route == Route::RoomArchive && e.sender.jid.isFull())
            stanzaId = e.record.stanzaId; // the tombstone wipes a copy stored live
        else if (!e.sender.jid.isFull() && !moderation->tombstone)
            stanzaId = moderation->id; // the room's announcement
        if (stanzaId.isEmpty())
            return;
        whenWritten(host().messageStore().moderate(e.record.account, e.record.peer, stanzaId,
                                                   moderation->reason),
                    QStringLiteral("remove a moderated message"));
    }
};

} // namespace

std::unique_ptr<IncomingFeature> moderation(PipelineHost &host)
{
    return std::make_unique<Moderation>(host);
}

} // namespace parla::services::features
