// SPDX-License-Identifier: GPL-3.0-or-later
#include "incomingpipeline.h"

#include "pipelinehost.h"

#include "storage/messagestore.h"
#include "storage/syncstore.h"

#include <QLoggingCategory>
#include <QSet>

#include <algorithm>
#include <limits>
#include <mutex>

Q_LOGGING_CATEGORY(lcIncoming, "parla.services.incoming")

namespace parla::services {

using namespace parla::xmpp;

/// One batch on its way through the stages, and who waits for it.
struct IncomingRun
{
    IncomingBatch batch;
    Route route = Route::Live;
    Promise<Result<IncomingPipeline::Stored>> promise;
    IncomingPipeline::Stored stored;
    /// Our archive's catch-up cursor once this batch is stored (empty: it does not move it).
    QString cursor;
    quint64 number = 0;    ///< in store order
    bool failed = false;   ///< a store of it failed before (counted by the CursorGate)
    bool deferred = false; ///< offline delivery held back until the archive catch-up ended
    IncomingPipeline::Pipeline::Next next; ///< what follows Store, kept while it is parked
};

/// Writer-thread bookkeeping of the catch-up cursor: how many batches failed and are not
/// stored yet, and the newest cursor a stored batch could not write meanwhile.
struct IncomingPipeline::CursorGate
{
    std::mutex mutex;
    int unstored = 0;
    quint64 pendingNumber = 0;
    QString pending;
};

namespace {

/// XEP-0203: whose <delay/> the route may believe. Our server delays what it kept for us
/// offline (RFC 6121 §8.5.2.1.1, XEP-0160), so only while we were offline: a sender can write
/// any 'from' into its own <delay/>, but cannot make it older than our last session. A room
/// delays its discussion history (XEP-0045 §7.2.15), which only the join brings; a live room
/// message is not history, whatever it carries. Anyone else's stamp (a stranger's "year
/// 2999", an occupant back-dating a message) is ignored: arrival time instead.
bool delayTrusted(const IncomingEnvelope &e, const Jid &own, const PipelineHost &host)
{
    const Jid &by = e.message.stampBy;
    switch (e.route) {
    case Route::Live:
    case Route::Carbon:
    case Route::RoomPrivate:
        if (by != own.domainJid() && by != own.bare())
            return false;
        if (const QDateTime since = host.offlineSince(); since.isValid())
            return e.message.stamp >= since;
        return true;
    case Route::Room:
        return false;
    case Route::RoomHistory:
        return by.isValid() && by == e.sender.jid.bare();
    case Route::Archive:
    case Route::ScrollBack:
    case Route::RoomArchive:
    case Route::Outgoing:
        return false; // the archive's own stamp is used instead (ArchiveInfo)
    }
    return false;
}

/// Routes whose batches wait for the disk when a store fails: everything that would be lost
/// or need the server again. Scroll-back is asked for by the user, who is told at once.
bool retriedOnFailure(Route route)
{
    return route != Route::ScrollBack;
}

/// The time a message is filed under: the archive's stamp for archived messages, a trusted
/// delay, else when it arrived; never in the future (a future time would stay last in the
/// conversation, and catch-up cursors must not be derived from it).
QDateTime trustedTime(const IncomingEnvelope &e, const Jid &own, const PipelineHost &host)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime t;
    if (isArchiveRoute(e.route))
        t = e.archive.stamp;
    else if (e.message.stamp.isValid() && delayTrusted(e, own, host))
        t = e.message.stamp;
    if (!t.isValid() || t > now)
        return now;
    return t;
}

} // namespace

QString routeName(Route route)
{
    switch (route) {
    case Route::Live:
        return QStringLiteral("live");
    case Route::Carbon:
        return QStringLiteral("carbon");
    case Route::Archive:
        return QStringLiteral("archive");
    case Route::ScrollBack:
        return QStringLiteral("scroll-back");
    case Route::Room:
        return QStringLiteral("room");
    case Route::RoomHistory:
        return QStringLiteral("room history");
    case Route::RoomArchive:
        return QStringLiteral("room archive");
    case Route::RoomPrivate:
        return QStringLiteral("room private");
    case Route::Outgoing:
        return QStringLiteral("outgoing");
    }
    return QStringLiteral("?");
}

IncomingPipeline::IncomingPipeline(PipelineHost &host, QObject *parent)
    : QObject(parent), m_host(host), m_features(makeIncomingFeatures(host)),
      m_retry(new QTimer(this)), m_gate(std::make_shared<CursorGate>()),
      m_catchUpWait(new QTimer(this))
{
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &IncomingPipeline::retryParked);
    m_catchUpWait->setSingleShot(true);
    connect(m_catchUpWait, &QTimer::timeout, this, [this] {
        qCInfo(lcIncoming) << "the archive catch-up takes long: storing offline messages now";
        catchUpEnded();
    });
    using S = PipelineStage;
    using Run = std::shared_ptr<IncomingRun>;
    m_pipeline.addStage(S::Decrypt, {}); // a slot: omemo/ fills it (addStep)
    m_pipeline.addStage(S::Parse, {S::Decrypt}, [this](Run run, Pipeline::Next next) {
        for (IncomingEnvelope &e : run->batch)
            parse(e);
        next(std::move(run));
    });
    m_pipeline.addStage(S::Classify, {S::Parse}, [this](Run run, Pipeline::Next next) {
        auto &b = run->batch;
        b.erase(std::remove_if(b.begin(), b.end(),
                               [this](IncomingEnvelope &e) { return !classify(e); }),
                b.end());
        next(std::move(run));
    });
    m_pipeline.addStage(S::Features, {S::Classify}, [this](Run run, Pipeline::Next next) {
        for (IncomingEnvelope &e : run->batch) {
            for (const auto &feature : m_features)
                feature->inspect(e);
            // Without text there is no message to keep (a marker, a chat state), unless it is
            // a tombstone the archive keeps in its place.
            if (e.record.body.isEmpty() && !e.record.retracted)
                e.store = false;
        }
        next(std::move(run));
    });
    m_pipeline.addStage(S::Store, {S::Features},
                        [this](Run run, Pipeline::Next next) { store(run, std::move(next)); });
    m_pipeline.addStage(S::Notify, {S::Store}, [this](Run run, Pipeline::Next next) {
        if (!run->stored.isEmpty())
            m_host.notifyStored(run->stored, run->route);
        next(std::move(run));
    });
    m_pipeline.addStage(S::Apply, {S::Notify}, [this](Run run, Pipeline::Next) {
        for (IncomingEnvelope &e : run->batch) {
            for (const auto &feature : m_features)
                feature->apply(e);
            e.hold.release(); // stored and acted on: the server may forget its copy
        }
        run->promise.finish(run->stored);
    });
    if (const auto error = m_pipeline.finalize())
        qFatal("%s", qPrintable(*error));
}

IncomingPipeline::~IncomingPipeline()
{
    // What never got stored stays unacknowledged: the server keeps it for the next session.
    for (const auto *runs : {&m_parked, &m_afterCatchUp}) {
        for (const auto &run : *runs) {
            for (IncomingEnvelope &e : run->batch)
                e.hold.abandon();
        }
    }
}

bool IncomingPipeline::addStep(PipelineStage stage, Step step)
{
    return m_pipeline.addStep(stage, [step](std::shared_ptr<IncomingRun> run, Pipeline::Next next) {
        IncomingBatch &batch = run->batch;
        step(batch,
             [run = std::move(run), next = std::move(next)]() mutable { next(std::move(run)); });
    });
}

Task<Result<IncomingPipeline::Stored>> IncomingPipeline::receive(IncomingBatch batch)
{
    return receive(std::move(batch), QString());
}

Task<Result<IncomingPipeline::Stored>> IncomingPipeline::receive(IncomingBatch batch,
                                                                 const QString &cursor)
{
    auto run = std::make_shared<IncomingRun>();
    run->route = batch.empty() ? Route::Live : batch.front().route;
    run->batch = std::move(batch);
    run->cursor = cursor;
    auto task = run->promise.task();
    m_queue.push_back(std::move(run));
    if (!m_busy)
        start();
    return task;
}

void IncomingPipeline::start()
{
    if (m_busy || m_queue.empty())
        return;
    m_busy = true;
    auto run = std::move(m_queue.front());
    m_queue.pop_front();
    m_pipeline.run(std::move(run));
}

void IncomingPipeline::finished()
{
    // The store of the running batch is queued on the writer thread, which keeps its order:
    // the next batch may go. From the event loop, so a long queue does not deepen the stack.
    m_busy = false;
    if (!m_queue.empty())
        QMetaObject::invokeMethod(this, &IncomingPipeline::start, Qt::QueuedConnection);
}

void IncomingPipeline::parse(IncomingEnvelope &e) const
{
    if (e.stanzaChanged) {
        // A stage (decryption) replaced the stanza: read its content again. What the route
        // verified (addresses, ids, stamps) stays as verified.
        if (auto reread = ChatMessage::fromElement(e.stanza)) {
            reread->from = e.message.from;
            reread->to = e.message.to;
            reread->stanzaId = e.message.stanzaId;
            reread->stanzaIdBy = e.message.stanzaIdBy;
            reread->stamp = e.message.stamp;
            reread->stampBy = e.message.stampBy;
            e.message = std::move(*reread);
        }
        e.stanzaChanged = false;
    }
    if (e.encryption.state == EncryptionSlot::State::Plaintext) {
        const QString scheme = encryptedPayloadNamespace(e.stanza);
        if (!scheme.isEmpty()) {
            e.encryption.state = EncryptionSlot::State::Encrypted;
            e.encryption.scheme = scheme;
        }
    }
}

bool IncomingPipeline::classify(IncomingEnvelope &e) const
{
    const ChatMessage &m = e.message;
    const Jid own = m_host.ownJid();
    storage::MessageRecord &r = e.record;
    r.account = m_host.accountJid();
    r.body = m.body;
    r.messageId = m.id;
    r.originId = m.originId;
    r.markable = m.markable; // XEP-0333 §4
    r.timestamp = trustedTime(e, own, m_host);
    // A stanza-id only as the route verified it (XEP-0359 §4): from our own archive, or, in a
    // room, assigned by the room.
    if (!e.archive.id.isEmpty()) {
        r.stanzaId = e.archive.id;
        r.stanzaIdBy = e.archive.by.bareString();
    }
    if (isRoomRoute(e.route)) {
        r.peer = e.sender.jid.bareString();
        r.kind = storage::ConversationKind::GroupChat;
        r.outgoing = e.sender.self;
        r.senderJid = e.sender.jid.toString();
        r.occupantId = e.sender.occupantId;
        r.state = r.outgoing ? DeliveryState::Sent : DeliveryState::Received;
        // The room's own notices (its bare JID) are not conversation text; only a moderation
        // handler acts on them.
        if (!e.sender.jid.isFull())
            e.store = false;
        return !r.peer.isEmpty();
    }
    if (e.route == Route::RoomPrivate) {
        r.peer = e.sender.jid.toString(); // XEP-0045 §7.5: the conversation is room@service/nick
        r.senderJid = r.peer;
        r.outgoing = false;
        r.state = DeliveryState::Received;
        return e.sender.jid.isFull();
    }
    // One rule for live, carbon and archived 1:1 messages: what our bare JID sent is ours,
    // and the conversation is then with the recipient.
    e.sender.self = m.from.bare() == own.bare();
    r.outgoing = e.sender.self;
    r.senderJid = m.from.toString();
    const Jid other = r.outgoing ? m.to : m.from;
    if (!other.bare().isValid())
        return false;
    r.peer = m_host.conversationFor(other, r.outgoing, m);
    if (r.outgoing)
        r.state = DeliveryState::Sent; // it reached the server: copied or archived
    else
        r.state = e.route == Route::ScrollBack ? DeliveryState::Read : DeliveryState::Received;
    return !r.peer.isEmpty();
}

void IncomingPipeline::placeInArchiveOrder(IncomingRun &run)
{
    // One order for live, carbon and archived messages: time, then arrival. Our archive stamps
    // to the second (Prosody does) while a live message is filed to the millisecond when it
    // arrives, so within one second the stamps lie. What they cannot change:
    //  - catch-up pages come in archive order, so each archived message goes after the one
    //    archived before it;
    //  - they come after everything the cursor covers, so within the second of the newest
    //    message a conversation held when the catch-up began, an archived one goes after it
    //    (live messages stored since then come after the page in archive order, and keep
    //    their place after it). Further apart, its own time stands (a message from hours
    //    before the ones that arrived meanwhile).
    if (run.route != Route::Archive)
        return;
    QHash<QString, QDateTime> held; // per conversation in this page: the newest stored
    for (IncomingEnvelope &e : run.batch) {
        if (!e.store)
            continue;
        storage::MessageRecord &r = e.record;
        const QDateTime stamp = r.timestamp;
        QDateTime &previous = m_archiveFloor[r.peer];
        if (previous.isValid() && r.timestamp <= previous)
            r.timestamp = previous.addMSecs(1);
        auto it = held.find(r.peer);
        if (it == held.end())
            it = held.insert(r.peer, heldWhenCatchUpBegan(r.account, r.peer));
        if (it->isValid() && r.timestamp <= *it && *it < stamp.addSecs(1))
            r.timestamp = it->addMSecs(1);
        if (!it->isValid() || r.timestamp > *it)
            *it = r.timestamp;
        previous = r.timestamp;
    }
}

QDateTime IncomingPipeline::heldWhenCatchUpBegan(const QString &account, const QString &peer)
{
    // Where the conversation stood when the catch-up began (live messages that came meanwhile
    // are after the page in archive order). It cannot change during the catch-up: read once
    // per conversation, not once per page (200 conversations, 400 pages of a 100,000-message
    // catch-up).
    if (const auto known = m_heldAtBoundary.constFind(peer); known != m_heldAtBoundary.cend())
        return *known;
    const qint64 upTo =
        m_catchUpBoundary >= 0 ? m_catchUpBoundary : std::numeric_limits<qint64>::max();
    const auto t = m_host.messageStore().newestTimeUpTo(account, peer, upTo);
    const auto *newest = std::get_if<QDateTime>(&t);
    const QDateTime held = newest ? *newest : QDateTime();
    if (newest)
        m_heldAtBoundary.insert(peer, held); // a failed read is tried again
    return held;
}

void IncomingPipeline::store(const std::shared_ptr<IncomingRun> &run, Pipeline::Next next)
{
    placeInArchiveOrder(*run);
    run->next = std::move(next);
    run->number = ++m_runs;
    if (run->cursor.isEmpty() && m_host.cursorFollowsLive()) {
        // After the catch-up, a live or carbon copy's stanza-id from our archive is where the
        // next catch-up starts; before, the cursor stays behind what is not fetched yet.
        for (const IncomingEnvelope &e : run->batch) {
            if (e.store && (e.route == Route::Live || e.route == Route::Carbon) &&
                !e.record.stanzaId.isEmpty())
                run->cursor = e.record.stanzaId;
        }
    }
    // What our server kept for us while we were offline comes with its whole-second delay
    // right after our presence, before the catch-up brings what preceded it in the archive:
    // stored then, it would sort among those. It waits for the catch-up, whose archive copy
    // places it in archive order (this copy then merges with it; its receipt still goes).
    if (m_catchingUp && run->route == Route::Live) {
        const Jid own = m_host.ownJid();
        const bool offline =
            std::any_of(run->batch.cbegin(), run->batch.cend(), [&](const IncomingEnvelope &e) {
                return e.store && e.message.stamp.isValid() && delayTrusted(e, own, m_host);
            });
        if (offline) {
            run->deferred = true;
            m_afterCatchUp.push_back(run);
            finished();
            return;
        }
    }
    // Behind a batch waiting for the disk, the next ones wait too: history keeps its order.
    if (waitingForDisk() && retriedOnFailure(run->route))
        park(run);
    else
        submit(run);
    finished();
}

void IncomingPipeline::submit(const std::shared_ptr<IncomingRun> &run)
{
    QList<storage::MessageRecord> records;
    for (const IncomingEnvelope &e : run->batch) {
        if (e.store)
            records.append(e.record);
    }
    if (records.isEmpty() && run->cursor.isEmpty()) {
        run->next(run);
        return;
    }
    // The cursor is written with the batch, unless a failed batch is still unstored (then the
    // newest such cursor waits in the gate for the retry that stores the last of them).
    const auto gate = m_gate;
    const bool retry = run->failed;
    const bool counted = retriedOnFailure(run->route);
    storage::MessageStore::AlsoInTransaction also;
    // A retry that stores its batch counts as stored at once for the jobs after it in the same
    // transaction; a failed commit undoes that (settled).
    auto uncounted = std::make_shared<bool>(false);
    also.write = [gate, retry, counted, uncounted, cursor = run->cursor, number = run->number,
                  account = m_host.accountJid()](storage::Connection &c) -> Result<Success> {
        std::lock_guard lock(gate->mutex);
        if (retry && counted) {
            --gate->unstored;
            *uncounted = true;
        }
        if (!cursor.isEmpty() && number > gate->pendingNumber) {
            gate->pending = cursor;
            gate->pendingNumber = number;
        }
        if (gate->unstored > 0 || gate->pending.isEmpty())
            return Success{};
        auto written = storage::SyncStore::writeCursor(c, account, gate->pending);
        if (isOk(written))
            gate->pending.clear();
        return written;
    };
    also.settled = [gate, retry, counted, uncounted](bool committed) {
        if (!counted || committed)
            return;
        std::lock_guard lock(gate->mutex);
        if (*uncounted)
            ++gate->unstored; // the retry's store was rolled back after all
        if (!retry)
            ++gate->unstored; // a first failure
    };
    if (retry)
        ++m_retriesInFlight;
    m_host.messageStore()
        .insertMany(records, std::move(also))
        .then(this, [this, run](const Result<QList<storage::InsertResult>> &r) {
            if (run->failed)
                --m_retriesInFlight;
            stored(run, r);
        });
}

void IncomingPipeline::stored(const std::shared_ptr<IncomingRun> &run,
                              const Result<QList<storage::InsertResult>> &r)
{
    if (const auto *error = std::get_if<Error>(&r)) {
        const bool firstOfOutage = !waitingForDisk();
        if (firstOfOutage || !retriedOnFailure(run->route))
            qCWarning(lcIncoming) << "storing" << run->batch.size() << routeName(run->route)
                                  << "message(s) failed:" << error->text;
        if (!retriedOnFailure(run->route)) {
            // Nothing of the batch is notified, receipted or applied; the user who asked for
            // it is told.
            m_host.reportStorageFailure(tr("store messages you received"), error->text);
            run->promise.finish(*error);
            return;
        }
        // Not acknowledged, not receipted, not lost: it waits for the disk, and the user
        // hears of it once per outage.
        if (firstOfOutage)
            m_host.reportStorageFailure(tr("store messages you received (they are kept and "
                                           "stored as soon as Parla can write again)"),
                                        error->text);
        run->failed = true;
        park(run);
        return;
    }
    const auto &results = std::get<QList<storage::InsertResult>>(r);
    // A copy that came live after the catch-up began (after our presence: offline delivery,
    // stanzas the server re-routed from a dead session) is now met in archive order: it is
    // filed where the archive puts it, not where its arrival or whole-second stamp did.
    QList<std::pair<qint64, QDateTime>> retimed;
    QSet<QString> readElsewhere;
    QList<storage::MessageRecord> arrivedWhileAway;
    qsizetype k = 0;
    for (IncomingEnvelope &e : run->batch) {
        if (!e.store)
            continue;
        if (k >= results.size())
            break;
        e.inserted = results[k].inserted;
        e.record.id = results[k].id;
        if (results[k].readElsewhere) {
            e.record.state = DeliveryState::Read; // neither unread nor notified
            readElsewhere.insert(e.record.peer);
        }
        ++k;
        if (e.inserted && run->route == Route::Archive)
            m_archivedThisCatchUp.add(e.record.id);
        if (e.inserted)
            run->stored.append(e.record);
        else if (e.record.outgoing)
            m_host.markSent(e.record); // our own, back from the server or the room
        else if (run->deferred && m_catchUpBoundary >= 0 && e.record.id > m_catchUpBoundary)
            arrivedWhileAway.append(e.record); // the catch-up stored it, silently
        if (!e.inserted && run->route == Route::Archive && m_catchUpBoundary >= 0 &&
            e.record.id > m_catchUpBoundary && !m_archivedThisCatchUp.contains(e.record.id)) {
            retimed.append({e.record.id, e.record.timestamp});
            m_archivedThisCatchUp.add(e.record.id); // placed now, by the archive
        }
    }
    if (!arrivedWhileAway.isEmpty())
        m_host.notifyArrivedWhileAway(arrivedWhileAway);
    // Earlier messages of the conversation may have become Read with them.
    for (const QString &peer : std::as_const(readElsewhere))
        m_host.notifyConversationRead(peer);
    if (!retimed.isEmpty()) {
        m_host.messageStore().retime(retimed).then(
            m_host.context(), [this](const Result<QList<qint64>> &changed) {
                if (const auto *ids = std::get_if<QList<qint64>>(&changed)) {
                    for (qint64 id : *ids)
                        m_host.notifyUpdated(id);
                } else {
                    // Only the order suffers (the messages are stored): a log line, no banner.
                    qCWarning(lcIncoming) << "placing messages in archive order failed:"
                                          << std::get<Error>(changed).text;
                }
            });
    }
    if (run->failed && !waitingForDisk()) {
        m_retryDelay = kFirstRetryDelay;
        qCInfo(lcIncoming) << "storing received messages works again";
        m_host.reportStorageRecovered(tr("store messages you received"));
    }
    scheduleRetry(); // a retry that failed alongside this one waits for the next attempt
    run->next(run);
}

void IncomingPipeline::catchUpEnded()
{
    m_catchingUp = false;
    m_catchUpWait->stop();
    auto runs = std::move(m_afterCatchUp);
    m_afterCatchUp.clear();
    for (const auto &run : runs) {
        if (waitingForDisk())
            park(run);
        else
            submit(run);
    }
}

void IncomingPipeline::catchUpStarting()
{
    m_catchingUp = true;
    m_catchUpWait->start(kMaxCatchUpWait);
    const auto newest = m_host.messageStore().newestId();
    m_catchUpBoundary = isOk(newest) ? std::get<qint64>(newest) : -1;
    m_archivedThisCatchUp.clear();
    m_heldAtBoundary.clear();
}

void IncomingPipeline::IdRanges::add(qint64 id)
{
    // Ids grow as rows are inserted: almost always the last range grows by one.
    if (!m_ranges.empty() && id == m_ranges.back().second + 1) {
        m_ranges.back().second = id;
        return;
    }
    if (contains(id))
        return;
    const auto at = std::lower_bound(m_ranges.begin(), m_ranges.end(), std::pair{id, id});
    m_ranges.insert(at, {id, id});
}

bool IncomingPipeline::IdRanges::contains(qint64 id) const
{
    // The last range starting at or before id.
    auto it =
        std::upper_bound(m_ranges.begin(), m_ranges.end(), id,
                         [](qint64 v, const std::pair<qint64, qint64> &r) { return v < r.first; });
    if (it == m_ranges.begin())
        return false;
    --it;
    return id <= it->second;
}

void IncomingPipeline::park(const std::shared_ptr<IncomingRun> &run)
{
    // In store order (a retried batch goes back before the ones that waited behind it).
    const auto at = std::upper_bound(
        m_parked.begin(), m_parked.end(), run->number,
        [](quint64 number, const std::shared_ptr<IncomingRun> &p) { return number < p->number; });
    if (!run->failed && m_parkedEnvelopes + run->batch.size() > kMaxParkedEnvelopes) {
        // Memory is finite too: the newest waiting batch is given up, unacknowledged, so the
        // server (its archive, or offline storage) still has it. The cursor may not pass it:
        // it counts as unstored until the next start, whose catch-up fetches it.
        qCWarning(lcIncoming) << "too many messages waiting for the disk: dropping"
                              << run->batch.size() << routeName(run->route)
                              << "message(s), left with the server";
        for (IncomingEnvelope &e : run->batch)
            e.hold.abandon();
        {
            std::lock_guard lock(m_gate->mutex);
            ++m_gate->unstored;
        }
        run->promise.finish(Error::local(tr("Parla could not store these messages.")));
        return;
    }
    m_parked.insert(at, run);
    m_parkedEnvelopes += run->batch.size();
    scheduleRetry();
}

void IncomingPipeline::retryParked()
{
    // One attempt for everything waiting, in order; what fails again is parked again and the
    // next attempt waits longer.
    auto runs = std::move(m_parked);
    m_parked.clear();
    m_parkedEnvelopes = 0;
    m_retryDelay = std::min(m_retryDelay * 2, kMaxRetryDelay);
    for (const auto &run : runs)
        submit(run); // those parked behind a failure, never tried, have their first store
}

void IncomingPipeline::scheduleRetry()
{
    if (!m_parked.empty() && m_retriesInFlight == 0 && !m_retry->isActive())
        m_retry->start(m_retryDelay);
}

} // namespace parla::services
