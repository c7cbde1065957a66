// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "envelope.h"
#include "incomingfeature.h"

#include "services/messagepipeline.h"
#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
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
///
/// Durability (docs/architecture.md "Nothing lost, nothing twice"): a live stanza is held
/// unacknowledged (XEP-0198) until its batch commits, and receipts and every other effect
/// (Notify, Apply) follow the commit. A batch whose store fails is parked, not dropped: the
/// user is told, and it is retried (with the batches behind it, in order) until the database
/// takes it. Our archive's catch-up cursor is written in the transaction of the messages it
/// covers, and never while a failed batch waits: it cannot pass a message that was not kept.
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
    /// The same for a page of our own archive's catch-up: `cursor` (the page's last id) is
    /// written in the page's transaction, so the cursor never names a message not stored.
    Task<xmpp::Result<Stored>> receive(IncomingBatch batch, const QString &cursor);

    /// A plug-in's step in one of the stages (Decrypt for omemo/; any stage for tests). Steps
    /// get the whole batch and must call `next` exactly once to let it continue (now, or
    /// later: a decryption off the GUI thread), or not at all to drop it. Must be called
    /// before the first receive().
    using Step = std::function<void(IncomingBatch &batch, std::function<void()> next)>;
    bool addStep(PipelineStage stage, Step step);

    /// Our archive's catch-up begins: what is stored from now on (live messages meanwhile)
    /// comes after its pages in archive order, so it does not bound where they are placed.
    void catchUpStarting();
    /// The catch-up is over (or will not come): what waited for it is stored now.
    void catchUpEnded();
    /// Offline messages wait for the catch-up at most this long.
    static constexpr std::chrono::seconds kMaxCatchUpWait{120};

    /// A batch whose store failed is retried after this long, doubling to kMaxRetryDelay.
    static constexpr std::chrono::milliseconds kFirstRetryDelay{1000};
    static constexpr std::chrono::milliseconds kMaxRetryDelay{30000};
    /// Beyond this many envelopes waiting for the disk, newer ones are dropped unacknowledged
    /// (the server and our archive keep them; the cursor stays before them).
    static constexpr size_t kMaxParkedEnvelopes = 20000;

private:
    struct CursorGate;
    void start();
    void submit(const std::shared_ptr<IncomingRun> &run);
    void stored(const std::shared_ptr<IncomingRun> &run,
                const xmpp::Result<QList<storage::InsertResult>> &result);
    void park(const std::shared_ptr<IncomingRun> &run);
    void retryParked();
    void scheduleRetry();
    /// A store failed and is not yet done: new batches queue behind it (history keeps its
    /// order).
    bool waitingForDisk() const { return !m_parked.empty() || m_retriesInFlight > 0; }
    void placeInArchiveOrder(IncomingRun &run);
    QDateTime heldWhenCatchUpBegan(const QString &account, const QString &peer);
    void parse(IncomingEnvelope &envelope) const;
    bool classify(IncomingEnvelope &envelope) const;
    void store(const std::shared_ptr<IncomingRun> &run, Pipeline::Next next);
    void finished();

    PipelineHost &m_host;
    std::vector<std::unique_ptr<IncomingFeature>> m_features;
    Pipeline m_pipeline;
    std::deque<std::shared_ptr<IncomingRun>> m_queue;
    bool m_busy = false;
    quint64 m_runs = 0; ///< batches that reached Store, numbering them in store order
    /// Stores that failed (and the batches behind them), in store order, retried by m_retry.
    std::deque<std::shared_ptr<IncomingRun>> m_parked;
    int m_retriesInFlight = 0;
    size_t m_parkedEnvelopes = 0; ///< envelopes in m_parked (bounded by kMaxParkedEnvelopes)
    QTimer *m_retry;
    std::chrono::milliseconds m_retryDelay = kFirstRetryDelay;
    std::shared_ptr<CursorGate> m_gate;
    /// Per conversation, the newest time given to an archived message (placeInArchiveOrder).
    QHash<QString, QDateTime> m_archiveFloor;
    qint64 m_catchUpBoundary = -1; ///< the newest message id when the catch-up began
    /// Rows this catch-up stored from the archive, as ranges of ids (they come in runs): a
    /// second archive copy of one (an open conversation's own catch-up, then the account's)
    /// is in its place already and must not be moved again.
    class IdRanges
    {
    public:
        void add(qint64 id);
        bool contains(qint64 id) const;
        void clear() { m_ranges.clear(); }

    private:
        std::vector<std::pair<qint64, qint64>> m_ranges; ///< [first, last], sorted
    };
    IdRanges m_archivedThisCatchUp;
    /// Per conversation, its newest time up to m_catchUpBoundary (heldWhenCatchUpBegan).
    QHash<QString, QDateTime> m_heldAtBoundary;
    bool m_catchingUp = false;
    /// Messages our server kept for us offline, waiting for the catch-up (see store()).
    std::deque<std::shared_ptr<IncomingRun>> m_afterCatchUp;
    QTimer *m_catchUpWait;
};

} // namespace parla::services
