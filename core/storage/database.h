// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../xmpp/task.h"
#include "sqlite.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <span>

namespace parla::storage {

/// One step of the schema: applied once, in order, in its own transaction, after which
/// PRAGMA user_version is set to `version`. Versions are 1, 2, 3 … without gaps.
struct Migration
{
    int version = 0;
    const char *description = ""; ///< for the log and the reader of the code
    const char *sql = "";
};

/// Parla's SQLite database (ARCHITECTURE.md: WAL, versioned migrations, one writer thread).
///
/// Two connections to one file:
///  - the *write* connection belongs to a QThread ("parla-storage"). Every write is a job
///    queued to it; write() returns a Task whose promise is finished back on the thread that
///    created the Database, after the job's transaction has committed. Jobs that queue up
///    while the writer is busy are committed together (one transaction, one savepoint per
///    job, so a failing job is rolled back alone): that keeps a burst of incoming messages
///    (MAM catch-up) cheap without the callers batching by hand.
///  - the *read* connection is used synchronously on the creating thread (the GUI thread), for
///    fast indexed queries only. WAL lets it read while the writer writes; it sees every write
///    whose Task has finished.
///
/// A Database is used from the thread that created it. Failures (disk full, damaged or
/// foreign file, read-only, in use) are Error{Kind::Local} in plain words, never a crash.
class Database
{
public:
    /// The schema, oldest first (see schema.cpp).
    static std::span<const Migration> migrations();
    /// The newest schema version this build knows.
    static int latestVersion();

    /// Opens or creates the database file and migrates it to latestVersion(). Refuses a file
    /// written by a newer Parla (a higher user_version) instead of guessing at it.
    static Result<std::unique_ptr<Database>> open(const QString &path);
    /// The same with another list of migrations (tests of the migration mechanism).
    static Result<std::unique_ptr<Database>> open(const QString &path,
                                                  std::span<const Migration> migrations);

    /// What openChecked() found and did.
    struct Health
    {
        bool rebuilt = false;
        QString damagedCopy;        ///< where the damaged file is kept
        qint64 messagesBefore = -1; ///< messages the damaged file still counted (-1: unknown)
        qint64 messagesRecovered = 0;
        QString notice; ///< plain words for the user; empty when all was well
    };
    /// open(), but first SQLite's quick_check: a damaged file (a torn write, a failing disk) is
    /// never written into. It is moved aside (kept, named in the notice) and a fresh database
    /// is built from every row still readable; the server list of contacts is fetched again,
    /// and our archive's catch-up starts over from the oldest message kept, so what was lost
    /// and is still on the server comes back (de-duplicated against what was kept).
    static Result<std::unique_ptr<Database>> openChecked(const QString &path, Health *health);
    /// A damage found while the database is open (the background integrity check): the next
    /// openChecked() rebuilds it as if quick_check had failed, giving `reason`. A file beside the
    /// database (`path`.rebuild) carries the request across the restart.
    static Result<xmpp::Success> requestRebuild(const QString &path, const QString &reason);
    /// A consistent copy of the database file at `path` as it is now, to `target` (a
    /// backup; `target` must not exist). Runs on its own connection, beside a running
    /// Database; writes not yet committed are not included.
    static Result<xmpp::Success> backup(const QString &path, const QString &target);

    /// Runs the writes already queued (they are committed), then stops the writer thread.
    /// Tasks still unfinished at that point stay unfinished: their continuations would run
    /// into a half-destroyed owner.
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const QString &path() const { return m_path; }
    /// user_version of the file as read at open (after migrating).
    int schemaVersion() const { return m_schemaVersion; }

    /// The read connection: synchronous, on the creating thread only.
    Connection &reader() { return *m_reader; }

    /// Queues `job` for the writer thread. The job runs inside a transaction (a savepoint of
    /// the writer's batch); returning an Error rolls back what it did. The returned task is
    /// finished on the creating thread once the job's changes are committed (or failed).
    /// `settled`, if given, runs on the writer thread once the job's fate is sealed (true: its
    /// changes committed; false: rolled back, by its own error or a failed commit), before
    /// any later job runs: writer-side bookkeeping that later jobs must see (what failed).
    template <typename T>
    Task<Result<T>> write(std::function<Result<T>(Connection &)> job,
                          std::function<void(bool committed)> settled = {});

    /// Blocks until every write queued so far has been committed, then finishes their tasks
    /// (runs the continuations) before returning. For tests, the CLI and shutdown paths; the
    /// GUI should use the tasks.
    void flush();

    /// flush() and return the task's result (tests, CLI).
    template <typename T>
    Result<T> wait(const Task<Result<T>> &task)
    {
        if (!task.isFinished())
            flush();
        if (!task.isFinished()) // only if the writer is gone
            return Error::local(QStringLiteral("The database was closed before the write ran."));
        return *task.result();
    }

private:
    class Writer;
    struct WriteJob
    {
        /// Runs on the writer thread; true if the job succeeded (its savepoint is released).
        std::function<bool(Connection &)> run;
        /// Called on the creating thread after commit; an Error if the commit failed.
        std::function<void(const std::optional<Error> &)> deliver;
        /// Optional: on the writer thread, once committed (true) or rolled back (false).
        std::function<void(bool committed)> settled;
    };

    Database() = default;
    void enqueue(WriteJob job);

    QString m_path;
    int m_schemaVersion = 0;
    std::unique_ptr<Connection> m_reader;
    /// Lives on the creating thread: queued deliveries target it, and die with it.
    std::unique_ptr<QObject> m_replyContext;
    std::unique_ptr<Writer> m_writer;
};

template <typename T>
Task<Result<T>> Database::write(std::function<Result<T>(Connection &)> job,
                                std::function<void(bool committed)> settled)
{
    Promise<Result<T>> promise;
    auto outcome = std::make_shared<std::optional<Result<T>>>();
    WriteJob w;
    w.run = [job = std::move(job), outcome](Connection &c) {
        *outcome = job(c);
        return isOk(**outcome);
    };
    w.deliver = [promise, outcome](const std::optional<Error> &commitError) mutable {
        // A job's own error wins; a failed commit turns its success into that failure.
        if (*outcome && !isOk(**outcome))
            promise.finish(std::move(**outcome));
        else if (commitError)
            promise.finish(*commitError);
        else if (*outcome)
            promise.finish(std::move(**outcome));
        else
            promise.finish(Error::local(QStringLiteral("The database write did not run.")));
    };
    w.settled = std::move(settled);
    enqueue(std::move(w));
    return promise.task();
}

} // namespace parla::storage
