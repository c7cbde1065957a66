// SPDX-License-Identifier: GPL-3.0-or-later
// Full-text search over 1,000,000 stored messages (several accounts and conversations).
//
// Bodies are generated from a vocabulary of a few thousand words with a Zipf-like frequency
// (a few very common words, a long tail), English and French, with accented words. Seeding
// goes through bare sqlite3 into a file Parla's Database created (so the schema, the FTS5
// table and its triggers are Parla's) and is not measured.
//
// Measured, each as median and p99 (counters median_ms, p99_ms) over rounds of the query set
// (common word, rare word, prefix, two words, accented, unaccented), and per query:
//  - Parla: storage::SearchStore::search (query building, ranking join, snippets, QStrings),
//    the work MessageSearch runs on its thread;
//  - Bare: the same FTS5 table with a bare sqlite3 statement, `MATCH ? ORDER BY rank LIMIT 50`
//    returning rowid and snippet() (FTS5's own top-N path, no join, no recency order);
//  - BareRowidOnly: the same without snippet(), the floor of any ranked FTS5 search.
#include "core/storage/database.h"
#include "core/storage/searchstore.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

using namespace parla;
using namespace parla::storage;

namespace {

constexpr int MessageCount = 1000000;
constexpr int Limit = 50;

struct NamedQuery
{
    const char *name;
    const char *parla; ///< what the user types
    const char *fts;   ///< the same as an FTS5 expression for the bare baseline
};

// "the" is in ~1 of 3 messages; "xylophone" in a few hundred; "meet" prefixes meet, meeting …
const NamedQuery Queries[] = {
    {"common", "the", "\"the\""},
    {"rare", "xylophone", "\"xylophone\""},
    {"prefix", "meet", "\"meet\"*"},
    {"two_words", "coffee tomorrow", "\"coffee\" \"tomorrow\""},
    {"accented", "crème brûlée", "\"crème\" \"brûlée\"*"},
    {"unaccented", "creme brulee", "\"creme\" \"brulee\"*"},
};

const char *const RealWords[] = {
    "the",     "to",      "and",      "you",      "a",        "i",      "is",       "it",
    "for",     "that",    "on",       "we",       "in",       "of",     "are",      "be",
    "at",      "this",    "with",     "have",     "can",      "will",   "tomorrow", "today",
    "meeting", "meet",    "coffee",   "lunch",    "dinner",   "call",   "later",    "thanks",
    "yes",     "no",      "maybe",    "please",   "great",    "sounds", "good",     "see",
    "soon",    "home",    "work",     "train",    "late",     "sorry",  "photo",    "send",
    "file",    "project", "review",   "deadline", "weekend",  "friday", "monday",   "morning",
    "evening", "night",   "birthday", "party",    "café",     "crème",  "brûlée",   "déjà",
    "vu",      "naïve",   "résumé",   "façade",   "jalapeño", "über",   "señor",    "garçon",
    "élève",   "être",    "très",     "bientôt",  "où",       "ça",     "voilà",    "fiancé",
    "rendez",  "entrée",  "château",  "bonjour",  "merci",    "salut",  "demain",   "soir",
    "matin",   "réunion", "déjeuner", "thé",      "quokka",   "zephyr", "meetup",   "meeting",
    "meets",   "meeting", "coffee",
};

/// A few thousand made-up words from syllables, for the long tail.
std::vector<QByteArray> vocabulary()
{
    std::vector<QByteArray> words;
    for (const char *w : RealWords)
        words.emplace_back(w);
    const char *syllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "be", "do",
                               "fe", "gu", "ha", "ji", "pe", "ro", "su", "ta", "ze", "wo"};
    for (const char *a : syllables)
        for (const char *b : syllables)
            for (const char *c : {"", "n", "r", "s", "l", "to", "ra", "mé", "lè"})
                words.push_back(QByteArray(a) + b + c);
    return words;
}

QTemporaryDir &tempDir()
{
    static QTemporaryDir dir;
    return dir;
}

/// The seeded database, built once per process.
const QString &seededPath()
{
    static const QString path = [] {
        const QString p = tempDir().filePath(QStringLiteral("search.sqlite"));
        {
            auto opened = Database::open(p); // Parla's schema, FTS5 table and triggers
            if (!xmpp::isOk(opened))
                qFatal("open failed");
        }
        sqlite3 *db = nullptr;
        sqlite3_open(p.toUtf8().constData(), &db);
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr,
                     nullptr);
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(db,
                           "INSERT INTO message (account, peer, outgoing, sender_jid, body, "
                           "timestamp, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 3)",
                           -1, &s, nullptr);
        const auto words = vocabulary();
        QRandomGenerator rng(42);
        // Zipf-like: index = n * u^3 favours the front of the list (the real common words).
        auto pick = [&]() -> const QByteArray & {
            const double u = rng.generateDouble();
            return words[size_t(double(words.size()) * u * u * u)];
        };
        const QByteArray accounts[] = {"me@example.org", "me@work.example"};
        for (int i = 0; i < MessageCount; ++i) {
            const QByteArray &account = accounts[i % 7 == 0 ? 1 : 0];
            const QByteArray peer = "contact" + QByteArray::number(i % 300) + "@example.com";
            QByteArray body;
            const int n = 3 + int(rng.bounded(18));
            for (int w = 0; w < n; ++w) {
                if (w)
                    body += ' ';
                body += pick();
            }
            if (i % 5000 == 17) // the rare word: 200 messages
                body += " xylophone";
            body += i % 5 == 0 ? "?" : ".";
            sqlite3_bind_text(s, 1, account.constData(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 2, peer.constData(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(s, 3, i % 2);
            sqlite3_bind_text(s, 4, peer.constData(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 5, body.constData(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(s, 6, 1600000000000LL + qint64(i) * 60000);
            if (sqlite3_step(s) != SQLITE_DONE)
                qFatal("seed insert failed: %s", sqlite3_errmsg(db));
            sqlite3_reset(s);
            if (i % 100000 == 99999)
                sqlite3_exec(db, "COMMIT; BEGIN", nullptr, nullptr, nullptr);
        }
        sqlite3_finalize(s);
        sqlite3_exec(db,
                     "COMMIT; INSERT INTO message_fts (message_fts) VALUES ('optimize'); "
                     "PRAGMA wal_checkpoint(TRUNCATE)",
                     nullptr, nullptr, nullptr);
        sqlite3_close(db);
        return p;
    }();
    return path;
}

/// Runs `one(query)` over the query set each iteration; reports median and p99 latency.
template <typename F>
void measure(benchmark::State &state, const std::vector<const NamedQuery *> &queries, F one)
{
    std::vector<double> ms;
    qint64 hits = 0;
    for (auto _ : state) {
        for (const NamedQuery *q : queries) {
            const auto start = std::chrono::steady_clock::now();
            hits += one(*q);
            ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count());
        }
    }
    std::sort(ms.begin(), ms.end());
    state.counters["median_ms"] = ms[ms.size() / 2];
    state.counters["p99_ms"] = ms[std::min(ms.size() - 1, size_t(double(ms.size()) * 0.99))];
    state.counters["hits_per_query"] = double(hits) / double(ms.size());
}

std::vector<const NamedQuery *> querySet(int which)
{
    std::vector<const NamedQuery *> set;
    for (int i = 0; i < int(std::size(Queries)); ++i)
        if (which < 0 || which == i)
            set.push_back(&Queries[i]);
    return set;
}

void BM_Search_Parla(benchmark::State &state, int which)
{
    auto opened = Connection::open(seededPath(), Connection::Mode::ReadOnlyQueries);
    auto &connection = *std::get<std::unique_ptr<Connection>>(opened);
    SearchStore store(connection);
    measure(state, querySet(which), [&](const NamedQuery &q) -> qint64 {
        auto r = store.search(QString::fromUtf8(q.parla), Limit);
        if (!xmpp::isOk(r))
            qFatal("search failed: %s", qPrintable(std::get<xmpp::Error>(r).text));
        return std::get<QList<SearchHit>>(r).size();
    });
}

void bareSearch(benchmark::State &state, int which, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(seededPath().toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
        qFatal("prepare failed: %s", sqlite3_errmsg(db));
    measure(state, querySet(which), [&](const NamedQuery &q) -> qint64 {
        sqlite3_bind_text(s, 1, q.fts, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 2, Limit);
        qint64 rows = 0, sum = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            ++rows;
            sum += sqlite3_column_int64(s, 0);
            if (sqlite3_column_count(s) > 1)
                sum += sqlite3_column_bytes(s, 1);
        }
        sqlite3_reset(s);
        benchmark::DoNotOptimize(sum);
        return rows;
    });
    sqlite3_finalize(s);
    sqlite3_close(db);
}

void BM_Search_Bare(benchmark::State &state, int which)
{
    bareSearch(state, which,
               "SELECT rowid, snippet(message_fts, 0, char(2), char(3), '…', 24) FROM "
               "message_fts WHERE message_fts MATCH ?1 ORDER BY rank LIMIT ?2");
}

void BM_Search_BareRowidOnly(benchmark::State &state, int which)
{
    bareSearch(state, which,
               "SELECT rowid FROM message_fts WHERE message_fts MATCH ?1 ORDER BY rank LIMIT ?2");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    seededPath(); // seed before any timing
    for (int which = -1; which < int(std::size(Queries)); ++which) {
        const std::string suffix = which < 0 ? "all" : Queries[which].name;
        for (auto [name, fn] : {std::pair{"BM_Search_Parla/", &BM_Search_Parla},
                                std::pair{"BM_Search_Bare/", &BM_Search_Bare},
                                std::pair{"BM_Search_BareRowidOnly/", &BM_Search_BareRowidOnly}})
            benchmark::RegisterBenchmark((name + suffix).c_str(), fn, which)
                ->Iterations(which < 0 ? 20 : 10)
                ->Unit(benchmark::kMillisecond);
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
