// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <algorithm>
#include <deque>
#include <vector>

Q_LOGGING_CATEGORY(lcDatabase, "parla.storage.database")

namespace parla::storage {

namespace {

// At most this many queued jobs share one transaction: enough to make bursts cheap, few
// enough that the first caller of a burst does not wait long for its commit.
constexpr size_t MaxBatch = 512;

Result<int> migrate(Connection &c, std::span<const Migration> migrations)
{
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    const auto current = c.queryInt("PRAGMA user_version");
    if (!isOk(current))
        return std::get<Error>(current);
    if (std::get<qint64>(current) > latest) {
        // A newer Parla may have changed the meaning of columns; writing with old code could
        // damage the user's history, so refuse rather than guess.
        return Error::local(
            QStringLiteral("The database file %1 was written by a newer version of Parla "
                           "(schema version %2; this version knows up to %3). Update Parla, or "
                           "use another profile.")
                .arg(c.path())
                .arg(std::get<qint64>(current))
                .arg(latest));
    }
    for (const Migration &m : migrations) {
        if (std::get<qint64>(current) >= m.version)
            continue;
        if (auto e = c.exec("BEGIN IMMEDIATE"))
            return *e;
        // Read again under the write lock: another process may have migrated meanwhile.
        const auto version = c.queryInt("PRAGMA user_version");
        std::optional<Error> failure;
        if (!isOk(version)) {
            failure = std::get<Error>(version);
        } else if (std::get<qint64>(version) >= m.version) {
            // already done by someone else
        } else if (std::get<qint64>(version) != m.version - 1) {
            failure = Error::local(QStringLiteral("Parla's database migrations skip from "
                                                  "version %1 to %2.")
                                       .arg(std::get<qint64>(version))
                                       .arg(m.version));
        } else if (auto e = c.exec(m.sql)) {
            failure = Error::local(QStringLiteral("Parla could not update its database %1 to "
                                                  "version %2 (%3). %4")
                                       .arg(c.path())
                                       .arg(m.version)
                                       .arg(QString::fromUtf8(m.description), e->text));
        } else if (auto e2 =
                       c.exec(QByteArray("PRAGMA user_version = " + QByteArray::number(m.version))
                                  .constData())) {
            failure = *e2;
        }
        if (failure) {
            c.exec("ROLLBACK");
            return *failure;
        }
        if (auto e = c.exec("COMMIT")) {
            c.exec("ROLLBACK");
            return *e;
        }
    }
    return latest;
}

/// SQL text for a name read from a schema: a double-quoted identifier.
QByteArray quoted(const QString &name)
{
    QString q = name;
    q.replace(u'"', QStringLiteral("\"\""));
    return '"' + q.toUtf8() + '"';
}

/// PRAGMA quick_check: nullopt if the file is sound, else what SQLite found (or the error
/// that kept it from looking).
/// Where requestRebuild() leaves its note.
QString rebuildRequest(const QString &path)
{
    return path + QStringLiteral(".rebuild");
}

std::optional<QString> damage(Connection &c)
{
    Query q(c, "PRAGMA quick_check(5)");
    QStringList problems;
    while (q.next()) {
        const QString line = q.text(0);
        if (line != u"ok")
            problems << line;
    }
    if (q.failed())
        return q.error().text;
    if (problems.isEmpty())
        return std::nullopt;
    return problems.join(u"; ");
}

/// Copies every readable row of `table` from the attached damaged file "old" into the fresh
/// one: all at once if the table reads through, else row by row over the row ids a forward and
/// a backward scan could reach (a damaged page hides only its own rows).
void salvageTable(Connection &c, const QString &table, bool withoutRowid, bool replace)
{
    const QByteArray name = quoted(table);
    // The columns both files have (the damaged one may be of an older schema).
    QStringList fresh;
    {
        const QByteArray info = "SELECT name FROM pragma_table_info(?1, 'main')";
        Query q(c, info.constData());
        q.bindText(1, table);
        while (q.next())
            fresh << q.text(0);
    }
    QByteArray columns;
    {
        Query q(c, "SELECT name FROM pragma_table_info(?1, 'old')");
        q.bindText(1, table);
        while (q.next()) {
            if (fresh.contains(q.text(0)))
                columns += (columns.isEmpty() ? "" : ", ") + quoted(q.text(0));
        }
    }
    if (columns.isEmpty())
        return; // a table this version does not have
    const QByteArray verb = replace ? "INSERT OR REPLACE" : "INSERT OR IGNORE";
    const QByteArray into = verb + " INTO main." + name + " (" + columns + ") SELECT " + columns;
    // SQLite spoils a whole transaction once it meets a damaged page in it: each attempt
    // that may meet one runs on its own (autocommit), and only what read cleanly is batched.
    const QByteArray all = into + " FROM old." + name;
    if (!c.exec(all.constData()))
        return;
    if (withoutRowid)
        return; // keyed tables without row ids (sync state): left to be fetched again
    QList<qint64> rowids;
    for (const char *order : {"ASC", "DESC"}) {
        const QByteArray scan =
            "SELECT rowid FROM old." + name + " ORDER BY rowid " + QByteArray(order);
        Query q(c, scan.constData());
        while (q.next())
            rowids << q.integer(0);
    }
    std::sort(rowids.begin(), rowids.end());
    rowids.erase(std::unique(rowids.begin(), rowids.end()), rowids.end());
    const QByteArray one = into + " FROM old." + name + " WHERE rowid = ?1";
    const auto copy = [&c, &one](qint64 rowid) {
        Query q(c, one.constData());
        return q.bindInt(1, rowid).exec();
    };
    qsizetype copied = 0;
    constexpr qsizetype kChunk = 500;
    for (qsizetype at = 0; at < rowids.size(); at += kChunk) {
        const auto chunk = rowids.mid(at, kChunk);
        bool clean = !c.exec("BEGIN IMMEDIATE");
        for (qsizetype k = 0; clean && k < chunk.size(); ++k)
            clean = copy(chunk.at(k));
        if (clean && !c.exec("COMMIT")) {
            copied += chunk.size();
            continue;
        }
        if (c.inTransaction())
            c.exec("ROLLBACK");
        for (qint64 rowid : chunk) {
            if (copy(rowid)) // a row on a damaged page is lost; the rest go on
                ++copied;
        }
    }
    qCInfo(lcDatabase) << table << "read row by row:" << copied << "of" << rowids.size()
                       << "reachable rows kept";
}

/// Fills the fresh database behind `c` from the damaged file at `damagedPath`; the number
/// of messages it could keep.
qint64 salvage(Connection &c, const QString &damagedPath)
{
    {
        Query attach(c, "ATTACH DATABASE ?1 AS old");
        if (!attach.bindText(1, damagedPath).exec()) {
            qCWarning(lcDatabase) << "cannot read the damaged file:" << attach.error().text;
            return 0;
        }
    }
    QList<std::pair<QString, bool>> tables; // name, WITHOUT ROWID
    {
        Query q(c, "SELECT name, sql FROM old.sqlite_schema WHERE type = 'table'");
        while (q.next())
            tables.append({q.text(0), q.text(1).contains(u"WITHOUT ROWID", Qt::CaseInsensitive)});
    }
    // Not copied: SQLite's own tables and the search index (rebuilt from the messages by
    // their triggers), the roster (its version would hide what is lost: fetched again) and
    // the capabilities cache.
    const auto skipped = [](const QString &t) {
        return t.startsWith(u"sqlite_") || t.startsWith(u"message_fts") || t == u"roster" ||
               t == u"roster_item" || t == u"caps" || t == u"maintenance";
    };
    // Messages before what refers to them; conversations after (their rows are made by the
    // message trigger, then given back their read state).
    const auto rank = [](const QString &t) {
        return t == u"account" ? 0 : t == u"message" ? 1 : t == u"conversation" ? 3 : 2;
    };
    std::stable_sort(tables.begin(), tables.end(),
                     [&](const auto &a, const auto &b) { return rank(a.first) < rank(b.first); });
    for (const auto &[table, withoutRowid] : std::as_const(tables)) {
        if (skipped(table))
            continue;
        salvageTable(c, table, withoutRowid, table == u"conversation");
    }
    // Our archive's catch-up starts over from the oldest message kept that it knows, so the
    // server's copies of what was lost come back; scroll-back may look again for older ones.
    c.exec("UPDATE main.mam_cursor SET last_id = coalesce((SELECT m.stanza_id FROM main.message "
           "m WHERE m.account = mam_cursor.account AND m.stanza_id_by = mam_cursor.account AND "
           "m.stanza_id IS NOT NULL ORDER BY m.timestamp, m.id LIMIT 1), '') WHERE peer = ''");
    c.exec("UPDATE main.mam_cursor SET complete = 0");
    c.exec("DETACH DATABASE old");
    const auto kept = c.queryInt("SELECT count(*) FROM message");
    return isOk(kept) ? std::get<qint64>(kept) : 0;
}

/// How many messages a damaged file still counts (-1 if it cannot say).
qint64 countMessages(const QString &path)
{
    auto c = Connection::open(path, Connection::Mode::ReadOnlyQueries);
    if (!isOk(c))
        return -1;
    const auto n =
        std::get<std::unique_ptr<Connection>>(c)->queryInt("SELECT count(*) FROM message");
    return isOk(n) ? std::get<qint64>(n) : -1;
}

} // namespace

/// The one storage thread (ARCHITECTURE.md "Threads are few and named"). Owns the write
/// connection; takes jobs from a queue and commits them in batches.
class Database::Writer : public QThread
{
public:
    Writer(std::unique_ptr<Connection> connection, QObject *replyContext)
        : m_connection(std::move(connection)), m_replyContext(replyContext)
    {
        setObjectName(QStringLiteral("parla-storage"));
    }

    ~Writer() override { stop(); }

    void enqueue(WriteJob job)
    {
        QMutexLocker lock(&m_mutex);
        m_queue.push_back(std::move(job));
        ++m_submitted;
        m_wake.wakeOne();
    }

    /// Blocks until every job submitted before this call has been run and delivered.
    void waitUntilIdle()
    {
        QMutexLocker lock(&m_mutex);
        const quint64 target = m_submitted;
        while (m_completed < target && isRunning())
            m_idle.wait(&m_mutex);
    }

    void stop()
    {
        {
            QMutexLocker lock(&m_mutex);
            m_stopping = true;
            m_wake.wakeOne();
        }
        wait();
    }

protected:
    void run() override
    {
        for (;;) {
            std::vector<WriteJob> batch;
            {
                QMutexLocker lock(&m_mutex);
                while (m_queue.empty() && !m_stopping)
                    m_wake.wait(&m_mutex);
                if (m_queue.empty())
                    break; // stopping, and everything queued has been written
                const size_t n = std::min(m_queue.size(), MaxBatch);
                batch.reserve(n);
                for (size_t i = 0; i < n; ++i) {
                    batch.push_back(std::move(m_queue.front()));
                    m_queue.pop_front();
                }
            }
            const size_t count = batch.size();
            runBatch(batch); // moves the jobs out, to be delivered on the creating thread
            QMutexLocker lock(&m_mutex);
            m_completed += count;
            m_idle.wakeAll();
        }
        QMutexLocker lock(&m_mutex);
        m_idle.wakeAll();
    }

private:
    void runBatch(std::vector<WriteJob> &batch)
    {
        Connection &c = *m_connection;
        std::optional<Error> batchError = c.exec("BEGIN IMMEDIATE");
        std::vector<bool> succeeded(batch.size(), false);
        if (!batchError) {
            for (size_t i = 0; i < batch.size(); ++i) {
                WriteJob &job = batch[i];
                if ((batchError = c.exec("SAVEPOINT job")))
                    break;
                const bool ok = job.run(c);
                succeeded[i] = ok;
                if (!c.inTransaction()) {
                    // SQLite rolled the whole transaction back by itself (disk full, I/O
                    // error): the batch's earlier jobs are gone too, so they all fail.
                    batchError = c.lastError();
                    break;
                }
                if (!ok && (batchError = c.exec("ROLLBACK TO job")))
                    break;
                if ((batchError = c.exec("RELEASE job")))
                    break;
            }
            if (!batchError)
                batchError = c.exec("COMMIT");
            if (batchError && c.inTransaction())
                c.exec("ROLLBACK");
        }
        for (size_t i = 0; i < batch.size(); ++i) {
            WriteJob &job = batch[i];
            if (job.settled)
                job.settled(!batchError && succeeded[i]);
            job.run = nullptr; // free the job's captures here, not on the GUI thread
            job.settled = nullptr;
        }
        // One queued call per batch: the creating thread finishes every task of the batch.
        QMetaObject::invokeMethod(
            m_replyContext,
            [jobs = std::move(batch), batchError]() {
                for (const WriteJob &job : jobs)
                    job.deliver(batchError);
            },
            Qt::QueuedConnection);
    }

    std::unique_ptr<Connection> m_connection;
    QObject *m_replyContext;
    QMutex m_mutex;
    QWaitCondition m_wake;
    QWaitCondition m_idle;
    std::deque<WriteJob> m_queue;
    quint64 m_submitted = 0;
    quint64 m_completed = 0;
    bool m_stopping = false;
};

int Database::latestVersion()
{
    const auto all = migrations();
    return all.empty() ? 0 : all.back().version;
}

Result<std::unique_ptr<Database>> Database::open(const QString &path)
{
    return open(path, migrations());
}

Result<std::unique_ptr<Database>> Database::open(const QString &path,
                                                 std::span<const Migration> migrations)
{
    auto writeConnection = Connection::open(path, Connection::Mode::ReadWrite);
    if (!isOk(writeConnection))
        return std::get<Error>(writeConnection);
    auto &writer = std::get<std::unique_ptr<Connection>>(writeConnection);
    const auto version = migrate(*writer, migrations);
    if (!isOk(version))
        return std::get<Error>(version);

    auto readConnection = Connection::open(path, Connection::Mode::ReadOnlyQueries);
    if (!isOk(readConnection))
        return std::get<Error>(readConnection);

    std::unique_ptr<Database> db(new Database);
    db->m_path = path;
    db->m_schemaVersion = std::get<int>(version);
    db->m_reader = std::move(std::get<std::unique_ptr<Connection>>(readConnection));
    db->m_replyContext = std::make_unique<QObject>();
    db->m_writer = std::make_unique<Writer>(std::move(writer), db->m_replyContext.get());
    db->m_writer->start();
    return db;
}

Result<std::unique_ptr<Database>> Database::openChecked(const QString &path, Health *health)
{
    Health local;
    Health &h = health ? *health : local;
    h = {};
    std::optional<QString> damaged;
    QFile request(rebuildRequest(path));
    if (!QFileInfo::exists(path))
        request.remove(); // a request outlived its file: nothing to rebuild
    if (QFileInfo::exists(path) && request.exists()) {
        damaged = request.open(QIODevice::ReadOnly)
                      ? QString::fromUtf8(request.read(2000)).trimmed()
                      : QStringLiteral("found by the integrity check");
        request.close();
    } else if (QFileInfo::exists(path)) {
        auto c = Connection::open(path, Connection::Mode::ReadWrite);
        if (isOk(c))
            damaged = damage(*std::get<std::unique_ptr<Connection>>(c));
        else if (const QString why = std::get<Error>(c).text;
                 why.contains(u"malformed") || why.contains(u"not a database"))
            damaged = why;
    }
    if (!damaged)
        return open(path);

    // Keep the damaged file (and its journal) next to it, then start afresh.
    qCWarning(lcDatabase) << path << "is damaged:" << *damaged;
    h.messagesBefore = countMessages(path);
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    h.damagedCopy = path + QStringLiteral(".damaged-") + stamp;
    for (const char *suffix : {"", "-wal", "-shm"}) {
        const QString from = path + QString::fromLatin1(suffix);
        if (QFileInfo::exists(from) &&
            !QFile::rename(from, h.damagedCopy + QString::fromLatin1(suffix)))
            return Error::local(QStringLiteral("Parla's database %1 is damaged (%2), and it "
                                               "could not be moved aside to build a new one.")
                                    .arg(path, *damaged));
    }
    {
        auto fresh = Connection::open(path, Connection::Mode::ReadWrite);
        if (!isOk(fresh))
            return std::get<Error>(fresh);
        auto &c = *std::get<std::unique_ptr<Connection>>(fresh);
        const auto version = migrate(c, migrations());
        if (!isOk(version))
            return std::get<Error>(version);
        h.messagesRecovered = salvage(c, h.damagedCopy);
    }
    h.rebuilt = true;
    const QString counted = h.messagesBefore >= 0
                                ? QStringLiteral("%1 of %2 messages were kept")
                                      .arg(h.messagesRecovered)
                                      .arg(h.messagesBefore)
                                : QStringLiteral("%1 messages were kept").arg(h.messagesRecovered);
    h.notice = QStringLiteral("Parla found its database damaged (%1) and rebuilt it: %2; what is "
                              "still on your server is fetched again. The damaged file is kept as "
                              "%3.")
                   .arg(*damaged, counted, h.damagedCopy);
    qCWarning(lcDatabase).noquote() << h.notice;
    request.remove(); // done (the damaged file went aside, so a stale request cannot stay)
    return open(path);
}

Result<xmpp::Success> Database::requestRebuild(const QString &path, const QString &reason)
{
    QFile request(rebuildRequest(path));
    if (!request.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        request.write(reason.toUtf8()) < 0 || !request.flush())
        return Error::local(QStringLiteral("Parla could not note that %1 needs rebuilding: %2")
                                .arg(path, request.errorString()));
    return xmpp::Success{};
}

Result<xmpp::Success> Database::backup(const QString &path, const QString &target)
{
    if (QFileInfo::exists(target))
        return Error::local(
            QStringLiteral("%1 exists already: Parla does not overwrite it.").arg(target));
    if (!QFileInfo::exists(path))
        return Error::local(QStringLiteral("There is no database at %1 to back up.").arg(path));
    auto c = Connection::open(path, Connection::Mode::ReadWrite);
    if (!isOk(c))
        return std::get<Error>(c);
    Query q(*std::get<std::unique_ptr<Connection>>(c), "VACUUM INTO ?1");
    if (!q.bindText(1, target).exec())
        return Error::local(
            QStringLiteral("Parla could not write the backup %1: %2").arg(target, q.error().text));
    return xmpp::Success{};
}

Database::~Database()
{
    if (m_writer)
        m_writer->stop();
    m_writer.reset();
    m_replyContext.reset(); // drops the deliveries not yet run (see the header)
    m_reader.reset();
}

void Database::enqueue(WriteJob job)
{
    m_writer->enqueue(std::move(job));
}

void Database::flush()
{
    m_writer->waitUntilIdle();
    QCoreApplication::sendPostedEvents(m_replyContext.get(), QEvent::MetaCall);
}

} // namespace parla::storage
