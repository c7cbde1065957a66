// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include <QCoreApplication>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <deque>
#include <vector>

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
        if (!batchError) {
            for (WriteJob &job : batch) {
                if ((batchError = c.exec("SAVEPOINT job")))
                    break;
                const bool ok = job.run(c);
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
        for (WriteJob &job : batch)
            job.run = nullptr; // free the job's captures here, not on the GUI thread
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
