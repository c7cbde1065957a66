// SPDX-License-Identifier: GPL-3.0-or-later
#include "incomingpipeline.h"

#include "pipelinehost.h"

#include "storage/messagestore.h"

#include <QLoggingCategory>

#include <algorithm>

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
    : QObject(parent), m_host(host), m_features(makeIncomingFeatures(host))
{
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
        for (const IncomingEnvelope &e : run->batch) {
            for (const auto &feature : m_features)
                feature->apply(e);
        }
        run->promise.finish(run->stored);
    });
    if (const auto error = m_pipeline.finalize())
        qFatal("%s", qPrintable(*error));
}

IncomingPipeline::~IncomingPipeline() = default;

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
    auto run = std::make_shared<IncomingRun>();
    run->route = batch.empty() ? Route::Live : batch.front().route;
    run->batch = std::move(batch);
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

void IncomingPipeline::store(const std::shared_ptr<IncomingRun> &run, Pipeline::Next next)
{
    QList<storage::MessageRecord> records;
    std::vector<size_t> rows;
    for (size_t i = 0; i < run->batch.size(); ++i) {
        if (run->batch[i].store) {
            records.append(run->batch[i].record);
            rows.push_back(i);
        }
    }
    if (records.isEmpty()) {
        finished();
        next(run);
        return;
    }
    m_host.messageStore().insertMany(records).then(
        this, [this, run, rows = std::move(rows),
               next = std::move(next)](const Result<QList<storage::InsertResult>> &r) {
            if (const auto *error = std::get_if<Error>(&r)) {
                // Nothing of the batch is notified, receipted or applied: whoever waits for it
                // (an archive page) knows, and the user is told.
                qCWarning(lcIncoming) << "storing" << rows.size() << routeName(run->route)
                                      << "message(s) failed:" << error->text;
                m_host.reportStorageFailure(tr("store messages you received"), error->text);
                run->promise.finish(*error);
                return;
            }
            const auto &results = std::get<QList<storage::InsertResult>>(r);
            for (size_t k = 0; k < rows.size() && k < size_t(results.size()); ++k) {
                IncomingEnvelope &e = run->batch[rows[k]];
                e.inserted = results[qsizetype(k)].inserted;
                e.record.id = results[qsizetype(k)].id;
                if (e.inserted)
                    run->stored.append(e.record);
                else if (e.record.outgoing)
                    m_host.markSent(e.record); // our own, back from the server or the room
                if ((e.route == Route::Live || e.route == Route::Carbon) &&
                    !e.record.stanzaId.isEmpty())
                    m_host.liveStanzaIdStored(e.record.stanzaId);
            }
            next(run);
        });
    finished();
}

} // namespace parla::services
