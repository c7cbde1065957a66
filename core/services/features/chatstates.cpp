// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0085 chat states: the peer's state, only as it happens (an archived "composing" is long
// over), and whether the peer's content messages carry states at all (§5.1). Our own other
// devices' states are nobody's business here.
#include "features.h"

#include "services/pipeline/pipelinehost.h"

namespace parla::services::features {

namespace {

class ChatStates final : public IncomingFeature
{
public:
    using IncomingFeature::IncomingFeature;
    QString name() const override { return QStringLiteral("XEP-0085 chat states"); }

    void inspect(IncomingEnvelope &e) override
    {
        if (e.route != Route::Live || e.record.outgoing)
            return;
        const xmpp::ChatMessage &m = e.message;
        if (m.chatState || !m.body.isEmpty())
            host().chatStateObserved(e.record.peer, m.chatState, !m.body.isEmpty());
    }
};

} // namespace

std::unique_ptr<IncomingFeature> chatStates(PipelineHost &host)
{
    return std::make_unique<ChatStates>(host);
}

} // namespace parla::services::features
