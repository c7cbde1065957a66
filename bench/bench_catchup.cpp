// SPDX-License-Identifier: GPL-3.0-or-later
// History catch-up at scale: 100,000 archived messages (XEP-0313 MAM, XEP-0059 RSM) fetched from
// a real Prosody into a fresh profile.
//
// Parla: an AppSession (the account with its stores, pipeline and models) logs in and its
// HistorySync catches up from a cursor just before the first archived message, until
// catchUpFinished with every message in the store. Baseline, same server, same run: a bare
// xmpp::Client with only the MamManager logs in as the same account and pages the same query
// (same start id, same RSM page size) to the end, counting the results: the same bytes, with
// no store, no pipeline, no models. Budgets (issue): catch-up within 1.3x of the bare fetch, and
// no stall of the main (GUI) thread over 50 ms during catch-up, measured by a 5 ms QTimer probe.
//
// The archive lives in Prosody's SQL storage (SQLite, lua-dbi-sqlite3): internal storage
// re-reads the whole archive file on every query, which at 100,000 items would measure Lua's
// file loading instead of the client. It is seeded directly into prosodyarchive (not measured),
// in the form mod_mam stores a message: the stanza as XML, with its key, time and peer.
#include "core/services/account.h"
#include "core/services/historysync.h"
#include "core/services/passwordstore.h"
#include "core/session/appsession.h"
#include "core/storage/accountstore.h"
#include "core/storage/database.h"
#include "core/storage/syncstore.h"
#include "core/xmpp/client.h"
#include "core/xmpp/xep/xep0313_mam/mammanager.h"
#include "tests/support/localprosody.h"

#include "benchsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>

using namespace parla;

namespace {

constexpr int kMessages = 100000;
constexpr int kPeers = 200;
/// What Parla asks for; the server is configured to allow exactly this, the baseline uses it.
constexpr int kPageSize = services::HistorySync::kCatchUpPageSize;
constexpr int kTimeoutMs = 15 * 60 * 1000;
const QString kUser = QStringLiteral("alice");
const QString kPassword = QStringLiteral("bench-password");

QString key(int i)
{
    // Prosody's keys are UUIDs; these are deterministic ones of the same shape.
    const quint64 h = quint64(i) * 0x9E3779B97F4A7C15ull;
    return QString::asprintf("%08x-%04x-4%03x-8%03x-%012llx", unsigned(h >> 32),
                             unsigned(h >> 16) & 0xffff, unsigned(h >> 4) & 0xfff,
                             unsigned(i) & 0xfff, (unsigned long long)(h & 0xffffffffffffull));
}

/// A message body of 3–40 words, some of them non-ASCII, deterministic per index.
QString body(int i)
{
    static const char *const words[] = {"hello", "tomorrow", "meeting", "café",   "naïve", "the",
                                        "a",     "draft",    "review",  "lunch?", "ok",    "👍",
                                        "Grüße", "schön",    "sure",    "later",  "build", "is",
                                        "green", "😀",        "can",     "you",    "send",  "the",
                                        "file",  "thanks",   "ça",      "va",     "bien",  "über"};
    quint32 s = quint32(i) * 2654435761u + 12345u;
    const int n = 3 + int(s % 38);
    QString out;
    for (int w = 0; w < n; ++w) {
        s = s * 1103515245u + 12345u;
        if (w)
            out += QLatin1Char(' ');
        out += QString::fromUtf8(words[(s >> 16) % (sizeof(words) / sizeof(*words))]);
    }
    return out;
}

struct Server
{
    testing::LocalProsody prosody;
    QTemporaryDir profiles;
    QString firstKey; ///< the item just before the 100,000: the catch-up cursor
    QString error;
    int profileCount = 0;

    QString jid() const { return kUser + u'@' + prosody.host(); }
};

/// Writes the archive: item 0 (the cursor) and kMessages messages between alice and kPeers
/// contacts, alternating directions, one a second, in the form mod_mam stores them.
bool seedArchive(Server &s)
{
    const QString path = s.prosody.dataDir() + QStringLiteral("/prosody.sqlite");
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        s.error = QStringLiteral("cannot open %1").arg(path);
        return false;
    }
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *ins = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO \"prosodyarchive\" (\"host\", \"user\", \"store\", \"when\", "
                       "\"with\", \"key\", \"type\", \"value\") "
                       "VALUES (?1, ?2, 'archive', ?3, ?4, ?5, 'xml', ?6)",
                       -1, &ins, nullptr);
    const QByteArray host = s.prosody.host().toUtf8(), user = kUser.toUtf8();
    const QString own = s.jid();
    const qint64 start = QDateTime::currentSecsSinceEpoch() - kMessages - 3600;
    bool ok = ins != nullptr;
    for (int i = 0; ok && i <= kMessages; ++i) {
        const QString peer = QStringLiteral("contact%1@%2").arg(i % kPeers).arg(s.prosody.host());
        const bool outgoing = i % 2 == 0;
        const QString id = QStringLiteral("m%1-%2").arg(i).arg(key(i).left(8));
        const QString stanza =
            QStringLiteral("<message xmlns='jabber:client' from='%1' to='%2' type='chat' "
                           "id='%3'><body>%4</body><origin-id xmlns='urn:xmpp:sid:0' id='%3'/>"
                           "<request xmlns='urn:xmpp:receipts'/></message>")
                .arg(outgoing ? own + QStringLiteral("/desk") : peer + QStringLiteral("/phone"),
                     outgoing ? peer : own, id, body(i));
        const QByteArray with = peer.toUtf8(), k = key(i).toUtf8(), value = stanza.toUtf8();
        sqlite3_bind_text(ins, 1, host.constData(), int(host.size()), SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, user.constData(), int(user.size()), SQLITE_STATIC);
        sqlite3_bind_int64(ins, 3, start + i);
        sqlite3_bind_text(ins, 4, with.constData(), int(with.size()), SQLITE_STATIC);
        sqlite3_bind_text(ins, 5, k.constData(), int(k.size()), SQLITE_STATIC);
        sqlite3_bind_text(ins, 6, value.constData(), int(value.size()), SQLITE_STATIC);
        ok = sqlite3_step(ins) == SQLITE_DONE;
        sqlite3_reset(ins);
    }
    if (!ok)
        s.error = QStringLiteral("seeding failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
    sqlite3_finalize(ins);
    sqlite3_exec(db, ok ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    s.firstKey = key(0);
    return ok;
}

Server *server()
{
    static Server *instance =
        [] {
            auto *s = new Server;
            testing::LocalProsodyOptions options;
            options.extraGlobalConfig
                // Accounts in SQL too: registering alice makes Prosody create its tables.
                << QStringLiteral("storage = { archive = \"sql\", accounts = \"sql\" }")
                << QStringLiteral("sql = { driver = \"SQLite3\", database = \"prosody.sqlite\" }")
                << QStringLiteral("storage_archive_item_limit = %1").arg(2 * kMessages)
                << QStringLiteral("max_archive_query_results = %1").arg(kPageSize);
            options.startTimeoutMs = 30000;
            if (!s->prosody.prepare(options) || !s->prosody.registerUser(kUser, kPassword)) {
                s->error = s->prosody.errorString();
            } else if (seedArchive(*s) && !s->prosody.start()) {
                s->error = s->prosody.errorString();
            }
            return s;
        }();
    return instance;
}

// --- baseline: a bare client paging the archive ---------------------------------------------

struct BareFetch
{
    xmpp::Client client;
    xmpp::MamManager *mam = new xmpp::MamManager;
    QEventLoop loop;
    int results = 0;
    qint64 bytes = 0;
    QString failure;

    explicit BareFetch(Server &s)
    {
        client.addExtension(mam);
        client.setSettings(bench::bareSettings(s.prosody, s.jid(), kPassword, u"bare"_qs));
        QObject::connect(&client, &xmpp::Client::xmlReceived,
                         [this](const QByteArray &data) { bytes += data.size(); });
        QObject::connect(&client, &xmpp::Client::connected,
                         [this, after = s.firstKey] { page(after); });
        QObject::connect(&client, &xmpp::Client::disconnected,
                         [this](const xmpp::ConnectionError &) { fail(u"disconnected"_qs); });
    }

    void fail(const QString &why)
    {
        if (failure.isEmpty())
            failure = why;
        loop.quit();
    }

    /// The query HistorySync's account-wide catch-up sends: forward after an id, a full page.
    void page(const QString &after)
    {
        xmpp::MamQuery q;
        q.rsm.max = kPageSize;
        q.rsm.after = after;
        mam->query(q).then(&client, [this](const xmpp::Result<xmpp::MamPage> &r) {
            if (!xmpp::isOk(r))
                return fail(std::get<xmpp::Error>(r).text);
            const auto &p = std::get<xmpp::MamPage>(r);
            results += int(p.items.size());
            if (p.complete || p.items.empty())
                return loop.quit();
            page(p.set.last.isEmpty() ? p.items.back().id : p.set.last);
        });
    }
};

void BM_CatchUp_BareFetch(benchmark::State &state)
{
    Server *s = server();
    if (!s->error.isEmpty())
        return state.SkipWithError(qPrintable(s->error));
    bench::Measure measure;
    for (auto _ : state) {
        BareFetch fetch(*s);
        QTimer::singleShot(kTimeoutMs, &fetch.loop, [&] { fetch.fail(u"timeout"_qs); });
        measure.begin();
        fetch.client.connectToServer();
        fetch.loop.exec();
        measure.end(state);
        if (!fetch.failure.isEmpty() || fetch.results != kMessages)
            return state.SkipWithError(qPrintable(QStringLiteral("bare fetch: %1 results, %2")
                                                      .arg(fetch.results)
                                                      .arg(fetch.failure)));
        measure.setReceivedBytes(fetch.bytes);
        fetch.client.disconnectFromServer();
    }
    measure.report(state, kMessages);
}

// --- Parla: an account in a fresh profile catching up --------------------------------------

/// A fresh profile holding only the account and its cursor just before the archive's start.
QString freshProfile(Server &s)
{
    const QString dir = s.profiles.filePath(QStringLiteral("profile-%1").arg(++s.profileCount));
    auto db = bench::createProfile(dir, s.prosody, s.jid(), QStringLiteral("desk"));
    storage::SyncStore(*db).setCursor(s.jid(), s.firstKey);
    db->flush();
    return dir;
}

qint64 storedMessages(const QString &profile, const QString &account)
{
    sqlite3 *db = nullptr;
    qint64 n = -1;
    if (sqlite3_open_v2(QDir(profile).filePath(QStringLiteral("parla.db")).toUtf8().constData(),
                        &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *q = nullptr;
        sqlite3_prepare_v2(db, "SELECT count(*) FROM message WHERE account = ?1", -1, &q, nullptr);
        const QByteArray a = account.toUtf8();
        sqlite3_bind_text(q, 1, a.constData(), int(a.size()), SQLITE_STATIC);
        if (sqlite3_step(q) == SQLITE_ROW)
            n = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return n;
}

void BM_CatchUp_Parla(benchmark::State &state)
{
    Server *s = server();
    if (!s->error.isEmpty())
        return state.SkipWithError(qPrintable(s->error));
    bench::Measure measure;
    for (auto _ : state) {
        const QString profile = freshProfile(*s);
        qint64 received = 0;
        {
            services::AppSession session(profile,
                                         std::make_unique<services::MemoryPasswordStore>());
            session.setExtraCaCertificates({s->prosody.caCertificatePem()});
            services::Account *account = session.account(s->jid());
            if (!account)
                return state.SkipWithError("the profile has no account");
            QEventLoop loop;
            QObject::connect(account->historySync(), &services::HistorySync::catchUpFinished, &loop,
                             &QEventLoop::quit);
            QObject::connect(account->client(), &xmpp::Client::xmlReceived,
                             [&received](const QByteArray &data) { received += data.size(); });
            QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
            measure.begin();
            account->connectAccount(kPassword);
            loop.exec();
            measure.end(state);
            if (!account->historySync()->hasCaughtUp())
                return state.SkipWithError("catch-up did not finish");
        } // the session closes: the store is flushed
        const qint64 stored = storedMessages(profile, s->jid());
        if (stored != kMessages)
            return state.SkipWithError(qPrintable(
                QStringLiteral("%1 messages stored, not %2").arg(stored).arg(kMessages)));
        measure.setReceivedBytes(received);
    }
    measure.report(state, kMessages);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // Wall-clock time per catch-up, a few iterations each on a fresh profile / connection
    // (PARLA_BENCH_ITERATIONS overrides the 3, e.g. 1 while profiling).
    const int iterations = bench::iterations(3);
    benchmark::RegisterBenchmark("BM_CatchUp_BareFetch", BM_CatchUp_BareFetch)
        ->Iterations(iterations)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_CatchUp_Parla", BM_CatchUp_Parla)
        ->Iterations(iterations)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    delete server(); // stops prosody
    return 0;
}
