// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0308 last message correction: the author's correction of their own message in this
// conversation (§5), in a room the same occupant's, and without occupant-ids only of what the
// nick's holder wrote after entering (§6). In a 1:1 chat a correction that names no such
// message (someone else's, another conversation's) corrects nothing and its text is kept as a
// message of its own rather than lost; in a room it is dropped (it claims another occupant's
// words).
#include "features.h"

#include "services/pipeline/pipelinehost.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcIncoming)

namespace parla::services::features {

namespace {

class Corrections final : public IncomingFeature
{
public:
    using IncomingFeature::IncomingFeature;
    QString name() const override { return QStringLiteral("XEP-0308 corrections"); }

    void inspect(IncomingEnvelope &e) override
    {
        if (!e.message.correction || e.record.body.isEmpty() || !e.store)
            return;
        e.record.replaceId = e.message.correction->id;
        e.store = false; // replaces the original's text; stored on its own only if not found
    }

    void apply(const IncomingEnvelope &e) override
    {
        if (!e.message.correction || e.record.replaceId.isEmpty() || e.store)
            return;
        PipelineHost *h = &host();
        const bool room = isRoomRoute(e.route);
        whenWritten(h->messageStore().correct(e.record.account, e.record.peer, authorOf(e),
                                              e.record.replaceId, e.record.body),
                    QStringLiteral("save a corrected message"),
                    [h, e, room](std::optional<qint64> changed) {
                        if (changed) {
                            h->notifyUpdated(*changed);
                        } else if (room) {
                            qCInfo(lcIncoming)
                                << "dropped a correction of another occupant's message";
                        } else {
                            IncomingEnvelope own = e;
                            own.store = true;
                            h->storeLate(std::move(own));
                        }
                    });
    }
};

} // namespace

std::unique_ptr<IncomingFeature> corrections(PipelineHost &host)
{
    return std::make_unique<Corrections>(host);
}

} // namespace parla::services::features
