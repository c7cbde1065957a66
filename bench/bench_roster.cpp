// SPDX-License-Identifier: GPL-3.0-or-later
// The roster at scale: 10,000 contacts in one account.
//
// (a) time to a ready roster model: services::Account loads the cached roster from the store
//     (RFC 6121 §2.6 versioning keeps it across sessions), then models::RosterModel takes it.
//     Baseline (a'): the same 10,000 rows read with a bare sqlite3 SELECT into plain structs.
// (b) filtering: a QSortFilterProxyModel on ContactNameRole, case-insensitive, as the UI's
//     search box does: "ali" then "" again. Baseline (b'): a loop over the 10,000 display
//     names with QString::contains. The difference is what the model/proxy layers cost.
#include "models/roles.h"
#include "models/rostermodel.h"
#include "services/account.h"
#include "services/passwordstore.h"
#include "storage/accountstore.h"
#include "storage/database.h"
#include "storage/rosterstore.h"

#include <QCoreApplication>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

using namespace parla;

namespace {

constexpr int RosterSize = 10000;
const QString AccountJid = QStringLiteral("me@example.org");
const QString Filter = QStringLiteral("ali");

/// A roster with the mix a large real one has: most contacts named, some not (the model then
/// shows the JID's localpart), a few groups each, some pending requests.
QList<storage::RosterRecord> generatedRoster()
{
    static const char *const first[] = {"Alice",  "Bob",      "Natalia", "Khalid",   "Mei",
                                        "Oscar",  "Priya",    "Rosalie", "Sven",     "Tomás",
                                        "Ulrike", "Valentin", "Wanda",   "Xiaoling", "Yusuf",
                                        "Zoë",    "Amalia",   "Björn",   "Chidi",    "Dorota"};
    static const char *const last[] = {"Smith",  "Okafor", "Kowalski", "Tanaka",  "Müller",
                                       "García", "Nguyen", "Dalí",     "Ivanova", "Haddad"};
    static const char *const groups[] = {"Work", "Family", "Friends", "Climbing", "Choir"};
    static const char *const subscriptions[] = {"both", "both", "both", "to", "from", "none"};
    QList<storage::RosterRecord> items;
    items.reserve(RosterSize);
    for (int i = 0; i < RosterSize; ++i) {
        const QString given = QString::fromUtf8(first[i % 20]);
        const QString family = QString::fromUtf8(last[(i / 20) % 10]);
        storage::RosterRecord r;
        r.jid = QStringLiteral("%1.%2%3@example.net").arg(given.toLower(), family.toLower()).arg(i);
        if (i % 7 != 0) // every 7th contact has no name
            r.name = given + u' ' + family;
        r.subscription = QString::fromLatin1(subscriptions[i % 6]);
        if (i % 50 == 0)
            r.ask = QStringLiteral("subscribe");
        r.groups << QString::fromLatin1(groups[i % 5]);
        if (i % 3 == 0)
            r.groups << QString::fromLatin1(groups[(i + 2) % 5]);
        items << r;
    }
    return items;
}

/// The text the model shows (and the proxy filters on) for a record: the name, else the
/// JID's localpart.
QString displayName(const storage::RosterRecord &r)
{
    return r.name.isEmpty() ? r.jid.section(u'@', 0, 0) : r.name;
}

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<storage::Database> db;
    services::MemoryPasswordStore passwords;
    QList<storage::RosterRecord> items;
    storage::AccountRecord record;

    Fixture()
    {
        auto opened = storage::Database::open(dir.filePath(QStringLiteral("roster.sqlite")));
        if (!xmpp::isOk(opened))
            qFatal("cannot open the database");
        db = std::move(std::get<std::unique_ptr<storage::Database>>(opened));
        record.jid = AccountJid;
        storage::AccountStore accounts(*db);
        items = generatedRoster();
        storage::RosterStore store(*db);
        const auto saved = accounts.save(record);
        const auto written = store.replaceAll(AccountJid, QStringLiteral("v1"), items);
        db->flush();
        if (!xmpp::isOk(db->wait(saved)) || !xmpp::isOk(db->wait(written)))
            qFatal("cannot write the roster");
    }

    services::AccountContext context() { return {db.get(), &passwords, nullptr, {}}; }
};

Fixture &fixture()
{
    static Fixture f;
    return f;
}

// ---- (a) loading ----

void BM_Load_AccountAndRosterModel(benchmark::State &state)
{
    Fixture &f = fixture();
    for (auto _ : state) {
        auto account = std::make_unique<services::Account>(f.record, f.context());
        auto model = std::make_unique<models::RosterModel>();
        model->addAccount(account.get());
        if (model->rowCount() != RosterSize)
            state.SkipWithError("the model does not hold the whole roster");
        benchmark::DoNotOptimize(model->rowCount());
        state.PauseTiming(); // tearing down is not part of "time to a ready model"
        model.reset();
        account.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * RosterSize);
}

/// Where (a)'s time goes: the store's load() alone (SQL + QString + JSON groups).
void BM_Load_RosterStoreOnly(benchmark::State &state)
{
    Fixture &f = fixture();
    storage::RosterStore store(*f.db);
    for (auto _ : state) {
        auto snapshot = store.load(AccountJid);
        if (!xmpp::isOk(snapshot) ||
            std::get<storage::RosterSnapshot>(snapshot).items.size() != RosterSize)
            state.SkipWithError("load() failed");
        benchmark::DoNotOptimize(snapshot);
    }
    state.SetItemsProcessed(state.iterations() * RosterSize);
}

struct BareRow
{
    std::string jid, name, subscription, ask, groups; // groups: the stored JSON text, unparsed
};

std::string columnText(sqlite3_stmt *s, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(s, column));
    return text ? std::string(text, size_t(sqlite3_column_bytes(s, column))) : std::string();
}

void BM_Load_Baseline_BareSqlite(benchmark::State &state)
{
    Fixture &f = fixture();
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(f.db->path().toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK)
        qFatal("bare open failed");
    // The same query RosterStore::load runs, prepared once (as a real reader would cache it).
    sqlite3_stmt *q = nullptr;
    if (sqlite3_prepare_v2(db,
                           "SELECT jid, name, subscription, ask, groups FROM roster_item "
                           "WHERE account = ?1 ORDER BY jid",
                           -1, &q, nullptr) != SQLITE_OK)
        qFatal("bare prepare failed: %s", sqlite3_errmsg(db));
    const QByteArray account = AccountJid.toUtf8();
    for (auto _ : state) {
        std::vector<BareRow> rows;
        rows.reserve(RosterSize);
        sqlite3_bind_text(q, 1, account.constData(), int(account.size()), SQLITE_STATIC);
        while (sqlite3_step(q) == SQLITE_ROW)
            rows.push_back({columnText(q, 0), columnText(q, 1), columnText(q, 2), columnText(q, 3),
                            columnText(q, 4)});
        sqlite3_reset(q);
        if (rows.size() != RosterSize)
            state.SkipWithError("bare SELECT returned the wrong number of rows");
        benchmark::DoNotOptimize(rows.data());
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    state.SetItemsProcessed(state.iterations() * RosterSize);
}

// ---- (b) filtering ----

void BM_Filter_ProxyModel(benchmark::State &state)
{
    Fixture &f = fixture();
    services::Account account(f.record, f.context());
    models::RosterModel model;
    model.addAccount(&account);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterRole(models::ContactNameRole);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    int matched = 0;
    for (auto _ : state) {
        proxy.setFilterFixedString(Filter);
        matched = proxy.rowCount();
        proxy.setFilterFixedString(QString());
        if (proxy.rowCount() != RosterSize)
            state.SkipWithError("clearing the filter did not bring back every row");
    }
    state.counters["matched"] = matched;
    state.SetItemsProcessed(state.iterations() * RosterSize * 2);
}

void BM_Filter_Baseline_StringLoop(benchmark::State &state)
{
    Fixture &f = fixture();
    QStringList names;
    names.reserve(RosterSize);
    for (const auto &r : f.items)
        names << displayName(r);
    int matched = 0;
    for (auto _ : state) {
        matched = 0;
        for (const QString &name : names)
            matched += name.contains(Filter, Qt::CaseInsensitive) ? 1 : 0;
        int all = 0;
        const QString empty;
        for (const QString &name : names)
            all += name.contains(empty, Qt::CaseInsensitive) ? 1 : 0;
        if (all != RosterSize)
            state.SkipWithError("empty filter did not match everything");
        benchmark::DoNotOptimize(matched);
    }
    state.counters["matched"] = matched;
    state.SetItemsProcessed(state.iterations() * RosterSize * 2);
}

/// Both (b) and (b') must agree on what "ali" matches, or the comparison means nothing.
void checkSameMatches()
{
    Fixture &f = fixture();
    int expected = 0;
    for (const auto &r : f.items)
        expected += displayName(r).contains(Filter, Qt::CaseInsensitive) ? 1 : 0;
    services::Account account(f.record, f.context());
    models::RosterModel model;
    model.addAccount(&account);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterRole(models::ContactNameRole);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterFixedString(Filter);
    if (proxy.rowCount() != expected || expected == 0)
        qFatal("proxy matched %d rows, the plain loop %d", proxy.rowCount(), expected);
}

} // namespace

BENCHMARK(BM_Load_AccountAndRosterModel)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Load_RosterStoreOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Load_Baseline_BareSqlite)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Filter_ProxyModel)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Filter_Baseline_StringLoop)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    // Account and the database deliver results through the event queue.
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    checkSameMatches();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
