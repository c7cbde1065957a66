// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "envelope.h"
#include "incomingfeature.h"

#include "services/messagepipeline.h"
#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QObject>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace parla::services {

class PipelineHost;
struct IncomingRun;

/// The one way in for messages of an account, whatever their route (ARCHITECTURE.md "every
/// route, one pipeline"): live 1:1 messages, carbons, our archive's catch-up and scroll-back,
/// room messages, room history on join, room archives and room private messages all arrive
/// here as envelopes and pass the same stages:
///
///   Decrypt (a slot for omemo/) → Parse → Classify → Features → Store → Notify → Apply
///
/// A batch (an archive page, or one live message) is stored in one transaction. Batches keep
/// their order: the next one enters only when the previous one's store is queued, so an
/// asynchronous stage (decryption) cannot reorder history.
class IncomingPipeline : public QObject
{
    Q_OBJECT
public:
    using Stored = QList<storage::MessageRecord>;
    using Pipeline = MessagePipeline<std::shared_ptr<IncomingRun>>;

    IncomingPipeline(PipelineHost &host, QObject *parent = nullptr);
    ~IncomingPipeline() override;

    /// Takes a batch through every stage. Finishes once it is stored with the records that
    /// were new (in batch order), or with the storage error (then nothing was notified,
    /// receipted or applied). A batch that stores nothing finishes with an empty list.
    Task<xmpp::Result<Stored>> receive(IncomingBatch batch);

    /// A plug-in's step in one of the stages (Decrypt for omemo/; any stage for tests). Steps
    /// get the whole batch and must call `next` exactly once to let it continue (now, or
    /// later: a decryption off the GUI thread), or not at all to drop it. Must be called
    /// before the first receive().
    using Step = std::function<void(IncomingBatch &batch, std::function<void()> next)>;
    bool addStep(PipelineStage stage, Step step);

private:
    void start();
    void parse(IncomingEnvelope &envelope) const;
    bool classify(IncomingEnvelope &envelope) const;
    void store(const std::shared_ptr<IncomingRun> &run, Pipeline::Next next);
    void finished();

    PipelineHost &m_host;
    std::vector<std::unique_ptr<IncomingFeature>> m_features;
    Pipeline m_pipeline;
    std::deque<std::shared_ptr<IncomingRun>> m_queue;
    bool m_busy = false;
};

} // namespace parla::services
