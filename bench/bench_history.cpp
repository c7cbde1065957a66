// SPDX-License-Identifier: GPL-3.0-or-later
// History storage at scale: 100,000 messages in one conversation.
//
// Store numbers go through parla::storage (writer thread, Tasks, de-duplication lookups,
// QString conversion); each has a baseline in the same run that does the same SQL with a bare
// sqlite3 prepared statement on the same schema (UTF-8 prepared beforehand, one transaction):
// the difference is what the layer costs.
#include "core/storage/database.h"
#include "core/storage/messagestore.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QUuid>

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <ctime>
#include <iterator>
#include <memory>
#include <vector>

using namespace parla;
using namespace parla::storage;

namespace {

constexpr int HistorySize = 100000;
constexpr int PageSize = 50;
constexpr int UnreadTail = 20;
const QString Account = QStringLiteral("me@example.org");
const QString Peer = QStringLiteral("juliet@example.com");

QTemporaryDir &tempDir()
{
    static QTemporaryDir dir;
    return dir;
}

QString freshPath()
{
    static int n = 0;
    return tempDir().filePath(QStringLiteral("bench-%1.sqlite").arg(++n));
}

MessageRecord generated(int i)
{
    MessageRecord m;
    m.account = Account;
    m.peer = Peer;
    m.outgoing = i % 2 == 0;
    m.senderJid = m.outgoing ? Account + QStringLiteral("/desk") : Peer + QStringLiteral("/phone");
    m.body = QStringLiteral("Message number %1: lorem ipsum dolor sit amet, consectetur.").arg(i);
    m.timestamp = QDateTime::fromMSecsSinceEpoch(1600000000000 + qint64(i) * 1000, Qt::UTC);
    m.messageId = QStringLiteral("msg-%1").arg(i);
    m.originId = QStringLiteral("origin-%1").arg(i);
    m.stanzaId = QStringLiteral("archive-%1").arg(i);
    m.stanzaIdBy = Account;
    // History is read, apart from the newest few incoming messages.
    m.state = m.outgoing                     ? DeliveryState::Delivered
              : i < HistorySize - UnreadTail ? DeliveryState::Read
                                             : DeliveryState::Received;
    return m;
}

const std::vector<MessageRecord> &history()
{
    static const std::vector<MessageRecord> all = [] {
        std::vector<MessageRecord> v;
        v.reserve(HistorySize);
        for (int i = 0; i < HistorySize; ++i)
            v.push_back(generated(i));
        return v;
    }();
    return all;
}

std::unique_ptr<Database> openDatabase(const QString &path)
{
    auto r = Database::open(path);
    if (!xmpp::isOk(r))
        qFatal("cannot open %s: %s", qPrintable(path), qPrintable(std::get<xmpp::Error>(r).text));
    return std::move(std::get<std::unique_ptr<Database>>(r));
}

/// The 100,000-message database the read benchmarks share (built once, through the store).
const QString &filledPath()
{
    static const QString path = [] {
        const QString p = freshPath();
        auto db = openDatabase(p);
        MessageStore store(*db);
        const auto &all = history();
        for (int i = 0; i < HistorySize; i += 500)
            store.insertMany(QList<MessageRecord>(all.begin() + i, all.begin() + i + 500));
        db->flush();
        return p;
    }();
    return path;
}

// --- bare sqlite3 ---------------------------------------------------------------------------

struct BareDb
{
    sqlite3 *db = nullptr;
    explicit BareDb(const QString &path)
    {
        if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
            qFatal("bare open failed");
        sqlite3_exec(db, "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY", nullptr, nullptr,
                     nullptr);
    }
    ~BareDb() { sqlite3_close(db); }
};

struct BareStatement
{
    sqlite3_stmt *s = nullptr;
    BareStatement(sqlite3 *db, const char *sql)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
            qFatal("bare prepare failed: %s", sqlite3_errmsg(db));
    }
    ~BareStatement() { sqlite3_finalize(s); }
};

struct Utf8Record
{
    QByteArray account, peer, sender, body, messageId, originId, stanzaId, stanzaIdBy;
    qint64 timestamp;
    int outgoing, state;
};

void bindText(sqlite3_stmt *s, int i, const QByteArray &b)
{
    sqlite3_bind_text(s, i, b.constData(), int(b.size()), SQLITE_STATIC);
}

/// The columns MessageStore reads, read the cheapest way (no QString).
qint64 consumeRows(sqlite3_stmt *s)
{
    qint64 sum = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        for (int c = 0; c < 14; ++c)
            sum += sqlite3_column_bytes(s, c);
        sum += sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    return sum;
}

/// The store's INSERT, bare; optional identifiers bound as NULL when absent, as the store does.
constexpr const char *BareInsert =
    "INSERT INTO message (account, peer, conversation_kind, outgoing, sender_jid, body, "
    "timestamp, message_id, origin_id, stanza_id, stanza_id_by, state, error_text) VALUES (?1, "
    "?2, 0, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, '') ON CONFLICT DO NOTHING RETURNING id";

void insertBare(sqlite3_stmt *s, const Utf8Record &r)
{
    const auto optional = [s](int i, const QByteArray &b) {
        if (b.isEmpty())
            sqlite3_bind_null(s, i);
        else
            bindText(s, i, b);
    };
    bindText(s, 1, r.account);
    bindText(s, 2, r.peer);
    sqlite3_bind_int(s, 4, r.outgoing);
    bindText(s, 5, r.sender);
    bindText(s, 6, r.body);
    sqlite3_bind_int64(s, 7, r.timestamp);
    optional(8, r.messageId);
    optional(9, r.originId);
    optional(10, r.stanzaId);
    bindText(s, 11, r.stanzaIdBy);
    sqlite3_bind_int(s, 12, r.state);
    while (sqlite3_step(s) == SQLITE_ROW) {
    }
    sqlite3_reset(s);
}

std::vector<Utf8Record> utf8Records(const std::vector<MessageRecord> &records)
{
    std::vector<Utf8Record> utf8;
    utf8.reserve(records.size());
    for (const MessageRecord &m : records)
        utf8.push_back({m.account.toUtf8(), m.peer.toUtf8(), m.senderJid.toUtf8(), m.body.toUtf8(),
                        m.messageId.toUtf8(), m.originId.toUtf8(), m.stanzaId.toUtf8(),
                        m.stanzaIdBy.toUtf8(), m.timestamp.toMSecsSinceEpoch(), m.outgoing,
                        int(m.state)});
    return utf8;
}

// --- inserts -----------------------------------------------------------------------------------

/// As messages arrive: one insert() Task per message; the writer groups what queues up.
void BM_Insert_Store_TaskPerMessage(benchmark::State &state)
{
    const auto &all = history();
    for (auto _ : state) {
        state.PauseTiming();
        auto db = openDatabase(freshPath());
        MessageStore store(*db);
        state.ResumeTiming();
        for (const MessageRecord &m : all)
            store.insert(m);
        db->flush();
    }
    state.SetItemsProcessed(state.iterations() * HistorySize);
}

/// As MAM catch-up would: one insertMany() Task per page of 50.
void BM_Insert_Store_MamPages(benchmark::State &state)
{
    const auto &all = history();
    for (auto _ : state) {
        state.PauseTiming();
        auto db = openDatabase(freshPath());
        MessageStore store(*db);
        state.ResumeTiming();
        for (int i = 0; i < HistorySize; i += PageSize)
            store.insertMany(QList<MessageRecord>(all.begin() + i, all.begin() + i + PageSize));
        db->flush();
    }
    state.SetItemsProcessed(state.iterations() * HistorySize);
}

/// Baseline: the same INSERT, bare, one transaction, on the same schema (indexes, triggers).
/// With range(0) == 1 the schema stops before the full-text index: what FTS5 costs.
void BM_Insert_Bare_OneTransaction(benchmark::State &state)
{
    const auto migrations =
        state.range(0) == 1 ? Database::migrations().first(1) : Database::migrations();
    const std::vector<Utf8Record> utf8 = utf8Records(history());
    for (auto _ : state) {
        state.PauseTiming();
        const QString path = freshPath();
        if (!xmpp::isOk(Database::open(path, migrations))) // same schema, then closed
            qFatal("cannot create %s", qPrintable(path));
        BareDb bare(path);
        state.ResumeTiming();
        sqlite3_exec(bare.db, "BEGIN", nullptr, nullptr, nullptr);
        {
            BareStatement ins(bare.db, BareInsert);
            for (const Utf8Record &r : utf8)
                insertBare(ins.s, r);
        }
        sqlite3_exec(bare.db, "COMMIT", nullptr, nullptr, nullptr);
    }
    state.SetItemsProcessed(state.iterations() * HistorySize);
}

// --- the shape of a MAM catch-up --------------------------------------------------------------
// What bench_catchup's writer thread stores, without the server: 100,000 messages over 200
// conversations in time order, archive ids that are random UUIDs (as Prosody's are), bodies of
// 3–40 words, one transaction per page of 250 (HistorySync's page size). Counted in process CPU
// (the writer thread does the work), beside the same rows inserted bare, a page a transaction.

constexpr int CatchUpPeers = 200;
constexpr int CatchUpPage = 250;

const std::vector<MessageRecord> &catchUpHistory()
{
    static const std::vector<MessageRecord> all = [] {
        static const char *const words[] = {"hello", "meeting", "tomorrow", "café",  "ok",
                                            "the",   "report",  "naïve",    "see",   "you",
                                            "later", "Grüße",   "deploy",   "lunch", "why"};
        std::vector<MessageRecord> v;
        v.reserve(HistorySize);
        quint32 seed = 12345;
        const auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
        for (int i = 0; i < HistorySize; ++i) {
            MessageRecord m;
            m.account = Account;
            m.peer = QStringLiteral("contact%1@example.com").arg(next() % CatchUpPeers);
            m.outgoing = next() % 3 == 0;
            m.senderJid =
                m.outgoing ? Account + QStringLiteral("/desk") : m.peer + QStringLiteral("/phone");
            QStringList body;
            for (int w = 3 + int(next() % 38); w > 0; --w)
                body << QString::fromUtf8(words[next() % std::size(words)]);
            m.body = body.join(u' ');
            m.timestamp = QDateTime::fromMSecsSinceEpoch(1600000000000 + qint64(i) * 1000, Qt::UTC);
            m.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            m.stanzaId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            m.stanzaIdBy = Account;
            m.state = m.outgoing ? DeliveryState::Sent : DeliveryState::Received;
            v.push_back(m);
        }
        return v;
    }();
    return all;
}

double processCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

void BM_CatchUpShape_Store(benchmark::State &state)
{
    const auto &all = catchUpHistory();
    double cpu = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto db = openDatabase(freshPath());
        MessageStore store(*db);
        const double before = processCpuSeconds();
        state.ResumeTiming();
        for (int i = 0; i < HistorySize; i += CatchUpPage)
            store.insertMany(QList<MessageRecord>(all.begin() + i, all.begin() + i + CatchUpPage));
        db->flush();
        cpu += processCpuSeconds() - before;
    }
    state.counters["processCpu_s"] = cpu / double(state.iterations());
    state.SetItemsProcessed(state.iterations() * HistorySize);
}

void BM_CatchUpShape_Bare(benchmark::State &state)
{
    const std::vector<Utf8Record> utf8 = utf8Records(catchUpHistory());
    double cpu = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QString path = freshPath();
        if (!xmpp::isOk(Database::open(path))) // same schema, then closed
            qFatal("cannot create %s", qPrintable(path));
        BareDb bare(path);
        const double before = processCpuSeconds();
        state.ResumeTiming();
        BareStatement ins(bare.db, BareInsert);
        for (size_t i = 0; i < utf8.size(); ++i) {
            if (i % CatchUpPage == 0)
                sqlite3_exec(bare.db, "BEGIN", nullptr, nullptr, nullptr);
            insertBare(ins.s, utf8[i]);
            if (i % CatchUpPage == CatchUpPage - 1)
                sqlite3_exec(bare.db, "COMMIT", nullptr, nullptr, nullptr);
        }
        cpu += processCpuSeconds() - before;
    }
    state.counters["processCpu_s"] = cpu / double(state.iterations());
    state.SetItemsProcessed(state.iterations() * HistorySize);
}

// --- reads -------------------------------------------------------------------------------------

/// Opening a conversation: the newest 50.
void BM_OpenConversation_Store(benchmark::State &state)
{
    auto db = openDatabase(filledPath());
    MessageStore store(*db);
    for (auto _ : state) {
        auto r = store.latest(Account, Peer, PageSize);
        if (!xmpp::isOk(r) || std::get<QList<MessageRecord>>(r).size() != PageSize)
            state.SkipWithError("latest() failed");
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations() * PageSize);
}

void BM_OpenConversation_Bare(benchmark::State &state)
{
    BareDb bare(filledPath());
    BareStatement q(bare.db, "SELECT id, account, peer, conversation_kind, outgoing, sender_jid, "
                             "body, timestamp, message_id, origin_id, stanza_id, stanza_id_by, "
                             "state, error_text FROM message WHERE account = ?1 AND peer = ?2 "
                             "ORDER BY timestamp DESC, id DESC LIMIT ?3");
    const QByteArray account = Account.toUtf8(), peer = Peer.toUtf8();
    for (auto _ : state) {
        bindText(q.s, 1, account);
        bindText(q.s, 2, peer);
        sqlite3_bind_int(q.s, 3, PageSize);
        benchmark::DoNotOptimize(consumeRows(q.s));
    }
    state.SetItemsProcessed(state.iterations() * PageSize);
}

/// Scrolling back: the 50 before a message in the middle of the history.
qint64 middleId()
{
    auto db = openDatabase(filledPath());
    auto r = MessageStore(*db).latest(Account, Peer, HistorySize / 2);
    return std::get<QList<MessageRecord>>(r).first().id;
}

void BM_PageBack_Store(benchmark::State &state)
{
    const qint64 before = middleId();
    auto db = openDatabase(filledPath());
    MessageStore store(*db);
    for (auto _ : state) {
        auto r = store.page(Account, Peer, before, PageSize);
        if (!xmpp::isOk(r) || std::get<QList<MessageRecord>>(r).size() != PageSize)
            state.SkipWithError("page() failed");
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations() * PageSize);
}

void BM_PageBack_Bare(benchmark::State &state)
{
    const qint64 before = middleId();
    BareDb bare(filledPath());
    BareStatement q(bare.db, "SELECT id, account, peer, conversation_kind, outgoing, sender_jid, "
                             "body, timestamp, message_id, origin_id, stanza_id, stanza_id_by, "
                             "state, error_text FROM message WHERE account = ?1 AND peer = ?2 "
                             "AND (timestamp, id) < (SELECT timestamp, id FROM message "
                             "WHERE id = ?3) ORDER BY timestamp DESC, id DESC LIMIT ?4");
    const QByteArray account = Account.toUtf8(), peer = Peer.toUtf8();
    for (auto _ : state) {
        bindText(q.s, 1, account);
        bindText(q.s, 2, peer);
        sqlite3_bind_int64(q.s, 3, before);
        sqlite3_bind_int(q.s, 4, PageSize);
        benchmark::DoNotOptimize(consumeRows(q.s));
    }
    state.SetItemsProcessed(state.iterations() * PageSize);
}

/// The conversation list and unread count with 100,000 messages behind them.
void BM_ConversationList_Store(benchmark::State &state)
{
    auto db = openDatabase(filledPath());
    MessageStore store(*db);
    for (auto _ : state) {
        auto r = store.conversations(Account);
        if (!xmpp::isOk(r) || std::get<QList<ConversationSummary>>(r).size() != 1 ||
            std::get<QList<ConversationSummary>>(r).first().unread != UnreadTail / 2)
            state.SkipWithError("conversations() failed");
        benchmark::DoNotOptimize(r);
    }
}

} // namespace

// Whole-history inserts are long: a single timed iteration each, on wall-clock time (the work
// happens on the writer thread, so the calling thread's CPU time would say nothing).
BENCHMARK(BM_Insert_Store_TaskPerMessage)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Insert_Store_MamPages)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Insert_Bare_OneTransaction)
    ->ArgName("schemaVersion")
    ->Arg(Database::latestVersion())
    ->Arg(1)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatchUpShape_Store)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatchUpShape_Bare)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OpenConversation_Store)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OpenConversation_Bare)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PageBack_Store)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PageBack_Bare)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ConversationList_Store)->Unit(benchmark::kMicrosecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // the writer delivers results through the event queue
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
