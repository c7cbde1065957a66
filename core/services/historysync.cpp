// SPDX-License-Identifier: GPL-3.0-or-later
#include "historysync.h"

#include "pipeline/incomingpipeline.h"

#include "account.h"

#include "xmpp/client.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcHistory, "parla.services.history")

namespace parla::services {

using namespace parla::xmpp;

namespace {
/// At most this many pages stored concurrently while the next is fetched (bounded memory).
constexpr int kMaxPagesInFlight = 2;

bool isItemNotFound(const Error &e)
{
    return e.kind == Error::Kind::Stanza && e.stanza.condition == u"item-not-found";
}
} // namespace

HistorySync::HistorySync(Account *account, QObject *parent) : QObject(parent), m_account(account) {}

QString HistorySync::ownJid() const
{
    return m_account->jid();
}

void HistorySync::conversationOpened(const QString &peer)
{
    ++m_open[peer];
}

void HistorySync::conversationClosed(const QString &peer)
{
    if (--m_open[peer] <= 0)
        m_open.remove(peer);
}

void HistorySync::start()
{
    ++m_generation;
    m_catchingUp = true;
    m_followLive = false;
    m_accountJobDone = false;
    m_finishing = false;
    m_waitingForStore = false;
    m_job.reset();
    m_pendingPeers.assign(m_open.keyBegin(), m_open.keyEnd());
    // Where a gap would be: our newest message before this catch-up (not what it stores).
    const auto newest = m_account->syncStore().newestTimestamp(ownJid());
    m_newestAtStart = isOk(newest) ? std::get<QDateTime>(newest) : QDateTime();
    if (m_newestAtStart.isValid())
        m_newestAtStart = std::min(m_newestAtStart, QDateTime::currentDateTimeUtc());
    if (!m_available) {
        m_deferred = true;
        const int generation = m_generation;
        QTimer::singleShot(kAvailableWait, this, [this, generation] {
            if (generation == m_generation && m_deferred) {
                qCInfo(lcHistory) << "no initial presence after" << kAvailableWait
                                  << "ms: catching up anyway";
                sessionAvailable();
            }
        });
        return;
    }
    runNextJob();
}

void HistorySync::sessionAvailable()
{
    // What is stored from now on may come after the catch-up's pages in archive order.
    if (!m_available)
        m_account->incoming()->catchUpStarting();
    m_available = true;
    if (!m_deferred)
        return;
    m_deferred = false;
    runNextJob();
}

void HistorySync::sessionEnded()
{
    m_available = false;
    stop();
}

void HistorySync::stop()
{
    ++m_generation;
    m_deferred = false;
    m_account->incoming()->catchUpEnded(); // what waited for it is stored as it is
    m_catchingUp = false;
    m_followLive = false;
    m_job.reset();
    m_pendingPeers.clear();
}

void HistorySync::runNextJob()
{
    storage::SyncStore &store = m_account->syncStore();
    while (!m_pendingPeers.empty()) {
        const QString peer = m_pendingPeers.front();
        m_pendingPeers.pop_front();
        // A conversation we have no archive id for is covered by the account-wide query.
        const auto after = store.newestStanzaId(ownJid(), peer, ownJid());
        if (isOk(after) && !std::get<QString>(after).isEmpty()) {
            m_job = Job{peer, std::get<QString>(after), {}, false};
            requestPage();
            return;
        }
    }
    if (!m_accountJobDone) {
        m_accountJobDone = true;
        const auto cursor = store.cursor(ownJid());
        const QString after = isOk(cursor) ? std::get<QString>(cursor) : QString();
        m_job = Job{{}, after, {}, after.isEmpty()};
        requestPage();
        return;
    }
    m_job.reset();
    m_finishing = true;
    if (m_storesInFlight == 0)
        finishCatchUp();
}

void HistorySync::finishCatchUp()
{
    if (!m_catchingUp)
        return;
    m_catchingUp = false;
    m_finishing = false;
    m_followLive = true;
    m_account->incoming()->catchUpEnded();
    Q_EMIT catchUpFinished();
}

void HistorySync::requestPage()
{
    if (!m_job)
        return;
    if (m_storesInFlight >= kMaxPagesInFlight) {
        m_waitingForStore = true; // resumed when a page has been written
        return;
    }
    m_waitingForStore = false;
    const Job job = *m_job;
    MamQuery query;
    if (!job.peer.isEmpty())
        query.with = Jid::fromString(job.peer);
    if (job.lastPageOnly) {
        query.rsm.max = kScrollBackPageSize;
        query.rsm.before = QString(); // XEP-0059 §2.5: the last page
    } else {
        query.rsm.max = kCatchUpPageSize;
        query.rsm.after = job.after;
        query.start = job.after.isEmpty() ? job.start : QDateTime();
    }
    const int generation = m_generation;
    m_account->mam()->query(query).then(this, [this, job, generation](const Result<MamPage> &r) {
        if (generation != m_generation)
            return;
        if (const auto *error = std::get_if<Error>(&r)) {
            if (isItemNotFound(*error) && !job.after.isEmpty()) {
                // §6.1.2 "item-not-found": the archive forgot where we were. Continue from the
                // time of the message our cursor named (the archive's own stamp of it), else of
                // our newest stored message, and mark the gap there. Never from a time a
                // stranger could set: stored times are trusted ones, and clamped to now.
                auto &store = m_account->syncStore();
                const auto cursorTime = store.timeOfStanzaId(ownJid(), ownJid(), job.after);
                const auto newest = store.newestTimestamp(ownJid(), job.peer);
                QDateTime at = isOk(cursorTime) ? std::get<QDateTime>(cursorTime) : QDateTime();
                if (!at.isValid())
                    at = isOk(newest) ? std::get<QDateTime>(newest) : QDateTime();
                if (m_newestAtStart.isValid() && (!at.isValid() || at > m_newestAtStart))
                    at = m_newestAtStart; // not past what this catch-up stored itself
                at = std::min(at, QDateTime::currentDateTimeUtc());
                qCInfo(lcHistory) << "archive lost our position for" << job.peer
                                  << "- continuing from" << at;
                recordGap(job.peer, at);
                m_job = Job{job.peer, {}, at, !at.isValid()};
                requestPage();
                return;
            }
            qCWarning(lcHistory) << "history catch-up stopped:" << error->text;
            stop();
            return;
        }
        storePage(std::get<MamPage>(r), job);
    });
}

IncomingBatch HistorySync::batchOf(const MamPage &page, Route route) const
{
    // MamManager checked each result answers our query, from our own archive (§4.2, §5).
    const Jid own = Jid::fromString(ownJid());
    IncomingBatch batch;
    batch.reserve(page.items.size());
    for (const MamResult &item : page.items) {
        IncomingEnvelope e;
        e.stanza = item.message.stanza;
        e.route = route;
        e.message = item.message;
        e.sender.jid = item.message.from;
        e.archive = {item.id, own, item.stamp}; // §4.2: the result id is the stanza-id
        batch.push_back(std::move(e));
    }
    return batch;
}

void HistorySync::recordGap(const QString &peer, const QDateTime &after)
{
    // Announced once written, so a model that reloads its gaps on the signal sees it.
    m_account->syncStore()
        .addGap(ownJid(), peer, after)
        .then(this, [this, peer, after](const Result<Success> &r) {
            if (const auto *error = std::get_if<Error>(&r)) {
                qCWarning(lcHistory) << "recording a gap in" << peer << "failed:" << error->text;
                return;
            }
            Q_EMIT gapRecorded(peer, after);
        });
}

void HistorySync::storePage(const MamPage &page, const Job &job)
{
    const QString newest = page.items.empty() ? QString() : page.items.back().id;
    const int generation = m_generation;
    ++m_storesInFlight;
    // The account-wide catch-up's cursor is written with the page (one transaction): it never
    // names a message that is not stored. A failed store waits for the disk in the pipeline;
    // this fails only if the page had to be given up, and then the catch-up stops where the
    // cursor is, for the next session to go on from.
    m_account->receive(batchOf(page, Route::Archive), job.peer.isEmpty() ? newest : QString())
        .then(this, [this, generation](const Result<QList<storage::MessageRecord>> &r) {
            --m_storesInFlight;
            if (generation != m_generation)
                return;
            if (!isOk(r)) {
                qCWarning(lcHistory)
                    << "storing archived messages failed:" << std::get<Error>(r).text;
                stop();
                return;
            }
            if (m_waitingForStore)
                requestPage();
            else if (m_finishing && m_storesInFlight == 0)
                finishCatchUp();
        });
    const bool more = !page.complete && !page.items.empty() && !job.lastPageOnly;
    if (more) {
        m_job = Job{job.peer, page.set.last.isEmpty() ? newest : page.set.last, {}, false};
        requestPage();
    } else {
        runNextJob();
    }
}

bool HistorySync::historyComplete(const QString &peer)
{
    const auto r = m_account->syncStore().historyComplete(ownJid(), peer);
    return isOk(r) && std::get<bool>(r);
}

Task<Result<int>> HistorySync::fetchOlder(const QString &peer)
{
    if (historyComplete(peer))
        return makeReadyTask<Result<int>>(0);
    if (m_account->client()->state() != Client::State::Connected)
        return makeReadyTask<Result<int>>(Error::local(tr("Not connected.")));
    Promise<Result<int>> promise;
    const auto oldest = m_account->syncStore().oldestStanzaId(ownJid(), peer, ownJid());
    fetchOlderPage(peer, isOk(oldest) ? std::get<QString>(oldest) : QString(), promise);
    return promise.task();
}

void HistorySync::fetchOlderPage(const QString &peer, const QString &before,
                                 Promise<Result<int>> promise)
{
    MamQuery query;
    query.with = Jid::fromString(peer);
    query.rsm.max = kScrollBackPageSize;
    query.rsm.before = before; // empty: the newest page (before the oldest local message)
    if (before.isEmpty()) {
        const auto oldest = m_account->syncStore().oldestTimestamp(ownJid(), peer);
        if (isOk(oldest))
            query.end = std::get<QDateTime>(oldest);
    }
    m_account->mam()->query(query).then(
        this, [this, peer, before, promise](const Result<MamPage> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                if (isItemNotFound(*error) && !before.isEmpty()) {
                    // Our oldest id is gone from the archive: page back by time instead.
                    fetchOlderPage(peer, {}, promise);
                    return;
                }
                promise.finish(*error);
                return;
            }
            const MamPage &page = std::get<MamPage>(r);
            // The page is older than everything we hold, but archives stamp to the second
            // (Prosody does): within our oldest message's second, place it just before, in
            // archive order, so (timestamp, id) display order stays true.
            const auto oldest = m_account->syncStore().oldestTimestamp(ownJid(), peer);
            const QDateTime floor = isOk(oldest) ? std::get<QDateTime>(oldest) : QDateTime();
            IncomingBatch batch = batchOf(page, Route::ScrollBack);
            const qint64 n = qint64(batch.size());
            for (qint64 k = 0; k < n; ++k) {
                ArchiveInfo &archive = batch[size_t(k)].archive;
                if (floor.isValid() && archive.stamp >= floor)
                    archive.stamp = floor.addMSecs(k - n);
            }
            if (page.complete || page.items.empty())
                m_account->syncStore().setHistoryComplete(ownJid(), peer);
            m_account->receive(std::move(batch))
                .then(this, [promise](const Result<QList<storage::MessageRecord>> &stored) mutable {
                    if (!isOk(stored))
                        promise.finish(std::get<Error>(stored));
                    else
                        promise.finish(int(std::get<QList<storage::MessageRecord>>(stored).size()));
                });
        });
}

} // namespace parla::services
