// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlite.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <sqlite3.h>

namespace parla::storage {

namespace {

// How long a connection waits for another one (another Parla process, or a long checkpoint)
// before giving up with "in use"; long enough for any checkpoint, short enough for a person.
constexpr int BusyTimeoutMs = 5000;

QString fileName(const QString &path)
{
    return QFileInfo(path).fileName().isEmpty() ? path : QFileInfo(path).fileName();
}

} // namespace

Error sqliteError(int code, const QString &detail, const QString &path)
{
    const QString file = fileName(path);
    QString words;
    switch (code & 0xff) {
    case SQLITE_FULL:
        words = QStringLiteral("The disk is full, so Parla could not save to its database (%1).")
                    .arg(file);
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        words =
            QStringLiteral("The database file %1 is damaged or is not a Parla database.").arg(path);
        break;
    case SQLITE_READONLY:
        words = QStringLiteral("The database file %1 is read-only, so Parla cannot save to it.")
                    .arg(path);
        break;
    case SQLITE_CANTOPEN:
        words = QStringLiteral("Parla cannot open or create the database file %1. Check that the "
                               "folder exists and that you may write to it.")
                    .arg(path);
        break;
    case SQLITE_PERM:
    case SQLITE_AUTH:
        words = QStringLiteral("Parla is not allowed to use the database file %1.").arg(path);
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        words = QStringLiteral("The database %1 is in use by another program. Is another Parla "
                               "running with the same profile?")
                    .arg(file);
        break;
    case SQLITE_IOERR:
        words = QStringLiteral("The disk reported an error while Parla was using its database "
                               "%1.")
                    .arg(file);
        break;
    case SQLITE_NOMEM:
        words = QStringLiteral("Parla ran out of memory while using its database.");
        break;
    case SQLITE_CONSTRAINT:
        words = QStringLiteral("Parla tried to save inconsistent data to its database.");
        break;
    default:
        words = QStringLiteral("The database %1 reported an error.").arg(file);
        break;
    }
    if (!detail.isEmpty())
        words += QStringLiteral(" (%1)").arg(detail);
    return Error::local(words);
}

QString encodeStringList(const QStringList &list)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList decodeStringList(const QString &json)
{
    QStringList list;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : array) {
        if (v.isString())
            list.append(v.toString());
    }
    return list;
}

// --- Connection -------------------------------------------------------------------------------

void Connection::StatementDeleter::operator()(sqlite3_stmt *s) const
{
    sqlite3_finalize(s);
}

Result<std::unique_ptr<Connection>> Connection::open(const QString &path, Mode mode)
{
    sqlite3 *raw = nullptr;
    // NOMUTEX: each connection is used by one thread at a time (see the class comment), so
    // SQLite's per-connection mutex would only cost time.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &raw, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString detail = raw ? QString::fromUtf8(sqlite3_errmsg(raw)) : QString();
        sqlite3_close(raw); // NULL-safe; a handle is returned even on most failures
        return sqliteError(rc, detail, path);
    }
    std::unique_ptr<Connection> connection(new Connection(raw, path));
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, BusyTimeoutMs);

    if (mode == Mode::ReadWrite) {
        // WAL lets the GUI thread read while the writer thread writes (ARCHITECTURE.md). The
        // mode is stored in the file; asking for it also proves the file is a database at all.
        Query wal(*connection, "PRAGMA journal_mode=WAL");
        if (!wal.next())
            return wal.failed() ? wal.error() : connection->lastError(SQLITE_ERROR);
        if (wal.text(0).compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            return Error::local(QStringLiteral("Parla could not switch the database file %1 to "
                                               "write-ahead logging (it stays in '%2' mode).")
                                    .arg(path, wal.text(0)));
    }
    // synchronous=NORMAL is safe with WAL: a power cut can lose the last commits, never
    // corrupt the file; FULL would fsync on every message. temp_store=MEMORY keeps statement
    // journals off the disk: every message insert fires triggers and needs one, and as temp
    // files they halved the insert rate (bench_history).
    if (auto e = connection->exec(
            "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;"))
        return *e;
    if (mode == Mode::ReadOnlyQueries) {
        if (auto e = connection->exec("PRAGMA query_only=ON;"))
            return *e;
    }
    // Touch the schema so that a damaged or foreign file is reported now, not at first use.
    if (auto version = connection->queryInt("PRAGMA user_version"); !isOk(version))
        return std::get<Error>(version);
    return connection;
}

Connection::~Connection()
{
    m_statements.clear(); // statements first: sqlite3_close refuses while any is alive
    sqlite3_close(m_db);
}

std::optional<Error> Connection::exec(const char *sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return std::nullopt;
    const QString detail = QString::fromUtf8(message ? message : sqlite3_errmsg(m_db));
    sqlite3_free(message);
    return sqliteError(rc, detail, m_path);
}

Result<qint64> Connection::queryInt(const char *sql)
{
    Query q(*this, sql);
    if (q.next())
        return q.integer(0);
    if (q.failed())
        return q.error();
    return Error::local(QStringLiteral("The database gave no answer to a query."));
}

qint64 Connection::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

void Connection::interrupt()
{
    sqlite3_interrupt(m_db);
}

int Connection::changes() const
{
    return sqlite3_changes(m_db);
}

bool Connection::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

Error Connection::lastError() const
{
    return lastError(sqlite3_extended_errcode(m_db));
}

Error Connection::lastError(int code) const
{
    return sqliteError(code, QString::fromUtf8(sqlite3_errmsg(m_db)), m_path);
}

sqlite3_stmt *Connection::statement(const char *sql, int *code)
{
    std::string key(sql);
    if (auto it = m_statements.find(key); it != m_statements.end())
        return it->second.get();
    sqlite3_stmt *raw = nullptr;
    *code = sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    if (*code != SQLITE_OK) {
        sqlite3_finalize(raw);
        return nullptr;
    }
    StatementPtr statement(raw);
    m_statements.emplace(std::move(key), std::move(statement));
    return raw;
}

// --- Query ------------------------------------------------------------------------------------

Query::Query(Connection &connection, const char *sql) : m_connection(connection)
{
    int code = SQLITE_OK;
    m_statement = connection.statement(sql, &code);
    if (!m_statement)
        fail(code);
}

Query::~Query()
{
    if (m_statement) {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }
}

void Query::fail(int code)
{
    if (!m_error)
        m_error = m_connection.lastError(code);
}

Error Query::error() const
{
    return m_error ? *m_error : Error::local(QStringLiteral("No database error."));
}

Query &Query::bindText(int index, const QString &value)
{
    if (m_statement) {
        // Encode here (Qt's encoder is fast) and hand SQLite the UTF-8 it stores anyway.
        const QByteArray utf8 = value.toUtf8();
        const int rc =
            sqlite3_bind_text64(m_statement, index, utf8.constData(), sqlite3_uint64(utf8.size()),
                                SQLITE_TRANSIENT, SQLITE_UTF8);
        if (rc != SQLITE_OK)
            fail(rc);
    }
    return *this;
}

Query &Query::bindOptionalText(int index, const QString &value)
{
    return value.isEmpty() ? bindNull(index) : bindText(index, value);
}

Query &Query::bindInt(int index, qint64 value)
{
    if (m_statement) {
        if (const int rc = sqlite3_bind_int64(m_statement, index, value); rc != SQLITE_OK)
            fail(rc);
    }
    return *this;
}

Query &Query::bindBlob(int index, const QByteArray &value)
{
    if (m_statement) {
        const int rc = sqlite3_bind_blob64(m_statement, index, value.constData(),
                                           sqlite3_uint64(value.size()), SQLITE_TRANSIENT);
        if (rc != SQLITE_OK)
            fail(rc);
    }
    return *this;
}

Query &Query::bindNull(int index)
{
    if (m_statement) {
        if (const int rc = sqlite3_bind_null(m_statement, index); rc != SQLITE_OK)
            fail(rc);
    }
    return *this;
}

bool Query::next()
{
    if (!m_statement || m_error)
        return false;
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        fail(rc);
    return false;
}

bool Query::exec()
{
    while (next()) {
    }
    return !m_error;
}

double Query::real(int column) const
{
    return sqlite3_column_double(m_statement, column);
}

qint64 Query::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QString Query::text(int column) const
{
    // The file stores UTF-8; Qt's decoder is faster than letting SQLite convert to UTF-16.
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    if (!data)
        return {};
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

QByteArray Query::blob(int column) const
{
    const void *data = sqlite3_column_blob(m_statement, column);
    const int bytes = sqlite3_column_bytes(m_statement, column);
    return data ? QByteArray(static_cast<const char *>(data), bytes) : QByteArray();
}

bool Query::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

} // namespace parla::storage
