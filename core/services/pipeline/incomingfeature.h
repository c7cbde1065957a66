// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "envelope.h"
#include "pipelinehost.h"
#include "xmpp/task.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace parla::services {

/// One protocol feature's part of the incoming pipeline (a XEP, or a family of them), run for
/// every message of every route. Handlers are registered in order (features.h); each sees the
/// envelope after Classify, so it knows the conversation, the direction and the verified
/// sender, and decides by those, never by what the stanza claims.
///
/// inspect() runs in the Features stage, before the batch is stored: it may change the record
/// (a reply strips its quote), or say there is nothing to store (a retraction, a reaction).
/// apply() runs in the Apply stage, after the batch is committed, in batch order: what acts on
/// stored messages (a correction of a message of the same archive page finds it) or tells
/// anyone about them (receipts go out only for what is stored).
class IncomingFeature
{
public:
    explicit IncomingFeature(PipelineHost &host) : m_host(host) {}
    virtual ~IncomingFeature() = default;
    /// For logs: "XEP-0308 corrections".
    virtual QString name() const = 0;
    virtual void inspect(IncomingEnvelope &envelope) { Q_UNUSED(envelope); }
    virtual void apply(const IncomingEnvelope &envelope) { Q_UNUSED(envelope); }

protected:
    PipelineHost &host() const { return m_host; }

    /// Runs `use` with the value of a store write, on the host's thread. A failure is never
    /// dropped: it is reported (logged, and told to the user) as "could not <what>".
    template <typename T, typename F>
    void whenWritten(Task<xmpp::Result<T>> write, const QString &what, F use) const
    {
        PipelineHost *h = &m_host;
        write.then(h->context(), [h, what, use = std::move(use)](const xmpp::Result<T> &r) {
            if (const auto *error = std::get_if<xmpp::Error>(&r))
                h->reportStorageFailure(what, error->text);
            else
                use(std::get<T>(r));
        });
    }

    /// A write that changes at most one stored message: the views are told which.
    void whenWritten(Task<xmpp::Result<std::optional<qint64>>> write, const QString &what) const
    {
        PipelineHost *h = &m_host;
        whenWritten(std::move(write), what, [h](std::optional<qint64> changed) {
            if (changed)
                h->notifyUpdated(*changed);
        });
    }

private:
    PipelineHost &m_host;
};

/// Parla's own handlers, in the order they run: replies (XEP-0461), chat states (XEP-0085),
/// receipts (XEP-0184), markers (XEP-0333), moderation (XEP-0425), retractions (XEP-0424),
/// reactions (XEP-0444), corrections (XEP-0308), unreadable encrypted messages.
std::vector<std::unique_ptr<IncomingFeature>> makeIncomingFeatures(PipelineHost &host);

} // namespace parla::services
