// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../xmpp/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

// The SQLite C API stays private to parla_core (STYLE.md §1): only opaque handles here.
struct sqlite3;
struct sqlite3_stmt;

namespace parla::storage {

using xmpp::Error;
using xmpp::Result;

/// Turns an SQLite result code into an Error{Kind::Local} in plain words (disk full, damaged
/// file, read-only, in use …), with SQLite's own message appended for the curious.
Error sqliteError(int code, const QString &detail, const QString &path);

/// A string list as a JSON array, for columns such as roster groups (never queried by SQL).
QString encodeStringList(const QStringList &list);
/// The inverse; anything that is not a JSON array of strings yields the strings it has.
QStringList decodeStringList(const QString &json);

/// One SQLite connection (RAII: closed on destruction), with a cache of prepared statements.
/// A connection is used by one thread at a time; Database hands the write connection to its
/// writer thread and keeps the read connection on the thread that opened it.
class Connection
{
public:
    enum class Mode
    {
        ReadWrite,
        ReadOnlyQueries
    };

    /// Opens (creating if needed) the file and applies the per-connection settings: WAL,
    /// foreign keys, synchronous=NORMAL, a busy timeout; ReadOnlyQueries also sets query_only.
    static Result<std::unique_ptr<Connection>> open(const QString &path, Mode mode);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    /// Runs SQL text without results (one or more statements). nullopt on success.
    std::optional<Error> exec(const char *sql);
    /// An integer-valued PRAGMA or query with one row and one column.
    Result<qint64> queryInt(const char *sql);

    qint64 lastInsertRowId() const;
    /// Rows changed by the most recent INSERT/UPDATE/DELETE on this connection.
    int changes() const;
    /// True while a transaction is open (SQLite rolls back by itself on some errors).
    bool inTransaction() const;
    /// The error for the most recent failed call on this connection.
    Error lastError() const;
    /// The same, when the caller knows the result code.
    Error lastError(int code) const;
    const QString &path() const { return m_path; }
    /// Makes the statement running on this connection stop with SQLITE_INTERRUPT; the one call
    /// that may come from another thread (sqlite3_interrupt).
    void interrupt();

private:
    friend class Query;
    Connection(sqlite3 *db, QString path) : m_db(db), m_path(std::move(path)) {}
    /// The cached statement for `sql`, prepared on first use; nullptr with `*code` on failure.
    sqlite3_stmt *statement(const char *sql, int *code);

    struct StatementDeleter
    {
        void operator()(sqlite3_stmt *s) const;
    };
    using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

    sqlite3 *m_db = nullptr;
    QString m_path;
    std::unordered_map<std::string, StatementPtr> m_statements;
};

/// A use of one cached prepared statement, in the style of QSqlQuery but without exceptions or
/// QtSql: bind, then next() for each row or exec() to run it through. The statement is reset
/// and its bindings cleared when the Query is destroyed. Any failure is kept: failed()/error().
class Query
{
public:
    Query(Connection &connection, const char *sql);
    ~Query();
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;

    /// Parameters are numbered from 1, as in SQL's ?1, ?2 …
    Query &bindText(int index, const QString &value);
    /// Binds NULL for an empty string (optional identifiers: partial unique indexes skip NULL).
    Query &bindOptionalText(int index, const QString &value);
    Query &bindInt(int index, qint64 value);
    Query &bindBlob(int index, const QByteArray &value);
    Query &bindNull(int index);

    /// Steps to the next row; false when done or failed (see failed()).
    bool next();
    /// Steps until done; true on success.
    bool exec();

    bool failed() const { return m_error.has_value(); }
    Error error() const;

    qint64 integer(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

private:
    void fail(int code);

    Connection &m_connection;
    sqlite3_stmt *m_statement = nullptr;
    std::optional<Error> m_error;
};

} // namespace parla::storage
