// SPDX-License-Identifier: GPL-3.0-or-later
// Database: migrations, refusing newer files, plain-words errors, the writer thread.
#include "core/storage/accountstore.h"
#include "core/storage/capscache.h"
#include "core/storage/messagestore.h"
#include "core/storage/rosterstore.h"
#include "core/storage/syncstore.h"
#include "storagetest.h"

#include <QFile>
#include <QFileInfo>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace parla;
using namespace parla::storage;
using parla::storage::test::openOrNull;

namespace {

QString openError(const QString &path, std::span<const Migration> migrations)
{
    auto r = Database::open(path, migrations);
    return xmpp::isOk(r) ? QString() : std::get<xmpp::Error>(r).text;
}

qint64 userVersion(const QString &path)
{
    auto c = Connection::open(path, Connection::Mode::ReadOnlyQueries);
    if (!xmpp::isOk(c))
        return -1;
    auto v = std::get<std::unique_ptr<Connection>>(c)->queryInt("PRAGMA user_version");
    return xmpp::isOk(v) ? std::get<qint64>(v) : -1;
}

MessageRecord sample(const QString &body)
{
    MessageRecord m;
    m.account = QStringLiteral("me@example.org");
    m.peer = QStringLiteral("juliet@example.com");
    m.senderJid = QStringLiteral("juliet@example.com/balcony");
    m.body = body;
    m.timestamp = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    m.state = DeliveryState::Received;
    return m;
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migratesFromEmptyAndReopens()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.sqlite"));
        {
            auto db = openOrNull(path);
            QVERIFY(db);
            QCOMPARE(db->schemaVersion(), Database::latestVersion());
            QVERIFY(Database::latestVersion() >= 2);
            // The schema is there: every table answers.
            for (const char *sql :
                 {"SELECT count(*) FROM message", "SELECT count(*) FROM conversation",
                  "SELECT count(*) FROM roster_item", "SELECT count(*) FROM account",
                  "SELECT count(*) FROM caps", "SELECT count(*) FROM message_fts"}) {
                auto n = db->reader().queryInt(sql);
                QVERIFY2(xmpp::isOk(n), sql);
                QCOMPARE(std::get<qint64>(n), 0);
            }
            auto mode = db->reader().queryInt("SELECT journal_mode = 'wal' FROM "
                                              "pragma_journal_mode");
            QVERIFY(xmpp::isOk(mode));
            QCOMPARE(std::get<qint64>(mode), 1);
        }
        QCOMPARE(userVersion(path), qint64(Database::latestVersion()));
        auto again = openOrNull(path); // no step runs twice (a CREATE TABLE would fail)
        QVERIFY(again);
        QCOMPARE(again->schemaVersion(), Database::latestVersion());
    }

    void upgradesOldFileKeepingData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.sqlite"));
        qint64 id = 0;
        {
            auto r = Database::open(path, Database::migrations().first(1));
            QVERIFY(xmpp::isOk(r));
            auto &db = std::get<std::unique_ptr<Database>>(r);
            QCOMPARE(db->schemaVersion(), 1);
            // Raw SQL: MessageStore always writes the latest schema's columns.
            PARLA_WAIT(inserted, db, db->write<qint64>([](Connection &c) -> xmpp::Result<qint64> {
                Query q(c, "INSERT INTO message (account, peer, outgoing, body, timestamp, state) "
                           "VALUES ('me@example.org', 'you@example.org', 0, ?1, 0, 5) "
                           "RETURNING id");
                q.bindText(1, QStringLiteral("Crème brûlée"));
                if (!q.next())
                    return q.error();
                const qint64 rowId = q.integer(0);
                if (!q.exec())
                    return q.error();
                return rowId;
            }));
            id = inserted;
        }
        auto db = openOrNull(path);
        QVERIFY(db);
        QCOMPARE(db->schemaVersion(), Database::latestVersion());
        // Version 2's full-text index was built over the row that existed before it.
        Query q(db->reader(), "SELECT rowid FROM message_fts WHERE message_fts MATCH 'creme'");
        QVERIFY(q.next());
        QCOMPARE(q.integer(0), id);
    }

    void failedMigrationRollsBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.sqlite"));
        const std::array<Migration, 2> broken{{
            {1, "good", "CREATE TABLE first_table (a INTEGER);"},
            {2, "bad", "CREATE TABLE second_table (a INTEGER); THIS IS NOT SQL;"},
        }};
        const QString error = openError(path, broken);
        QVERIFY2(error.contains(QStringLiteral("could not update its database")),
                 qPrintable(error));
        QCOMPARE(userVersion(path), 1);
        auto r = Database::open(path, std::span(broken).first(1));
        QVERIFY(xmpp::isOk(r));
        auto &db = std::get<std::unique_ptr<Database>>(r);
        QVERIFY(xmpp::isOk(db->reader().queryInt("SELECT count(*) FROM first_table")));
        QVERIFY(!xmpp::isOk(db->reader().queryInt("SELECT count(*) FROM second_table")));
    }

    void refusesNewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.sqlite"));
        QVERIFY(openOrNull(path));
        {
            auto c = Connection::open(path, Connection::Mode::ReadWrite);
            QVERIFY(xmpp::isOk(c));
            QVERIFY(!std::get<std::unique_ptr<Connection>>(c)->exec("PRAGMA user_version = 999"));
        }
        auto r = Database::open(path);
        QVERIFY(!xmpp::isOk(r));
        const xmpp::Error e = std::get<xmpp::Error>(r);
        QCOMPARE(e.kind, xmpp::Error::Kind::Local);
        QVERIFY2(e.text.contains(QStringLiteral("newer version of Parla")), qPrintable(e.text));
        QVERIFY(e.text.contains(QStringLiteral("999")));
        QCOMPARE(userVersion(path), 999); // untouched
    }

    void corruptFileIsAPlainError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        auto r = Database::open(path);
        QVERIFY(!xmpp::isOk(r));
        const QString text = std::get<xmpp::Error>(r).text;
        QVERIFY2(text.contains(QStringLiteral("damaged or is not a Parla database")),
                 qPrintable(text));
    }

    void damagedPageIsAPlainError()
    {
        // A valid header with garbage after it: opens, then fails on first real use.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.sqlite"));
        {
            auto db = openOrNull(path);
            QVERIFY(db);
            MessageStore store(*db);
            QList<MessageRecord> many;
            for (int i = 0; i < 200; ++i)
                many.append(sample(QString(200, QLatin1Char('a' + i % 26))));
            PARLA_WAIT(ids, db, store.insertMany(many));
            QCOMPARE(ids.size(), 200);
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(size > 8 * 4096);
        f.seek(4096); // everything after the first page
        f.write(QByteArray(int(size - 4096), '\xff'));
        f.close();
        auto r = Database::open(path);
        QString text;
        if (xmpp::isOk(r)) {
            auto &db = std::get<std::unique_ptr<Database>>(r);
            MessageStore store(*db);
            auto latest = store.latest(QStringLiteral("me@example.org"),
                                       QStringLiteral("juliet@example.com"), 50);
            QVERIFY(!xmpp::isOk(latest));
            text = std::get<xmpp::Error>(latest).text;
        } else {
            text = std::get<xmpp::Error>(r).text;
        }
        QVERIFY2(text.contains(QStringLiteral("damaged")), qPrintable(text));
    }

    void unwritablePathIsAPlainError()
    {
        // Tests may run as root, where permissions do not stop anything: use a path whose
        // parent is a regular file, and a directory in place of the file.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("plain-file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        auto r = Database::open(file + QStringLiteral("/parla.sqlite"));
        QVERIFY(!xmpp::isOk(r));
        QVERIFY2(std::get<xmpp::Error>(r).text.contains(QStringLiteral("cannot open or create")),
                 qPrintable(std::get<xmpp::Error>(r).text));
        auto r2 = Database::open(dir.path());
        QVERIFY(!xmpp::isOk(r2));
        QCOMPARE(std::get<xmpp::Error>(r2).kind, xmpp::Error::Kind::Local);
        QVERIFY(!std::get<xmpp::Error>(r2).text.isEmpty());
    }

    void diskFullIsAPlainErrorAndNotACrash()
    {
        QTemporaryDir dir;
        auto db = openOrNull(dir.filePath(QStringLiteral("parla.sqlite")));
        QVERIFY(db);
        MessageStore store(*db);
        PARLA_WAIT(first, db, store.insert(sample(QStringLiteral("fits"))));
        QVERIFY(first.inserted);
        // The file may not grow any more: the next large write fails as on a full disk.
        PARLA_WAIT(limited, db,
                   db->write<xmpp::Success>([](Connection &c) -> Result<xmpp::Success> {
                       if (auto e = c.exec("PRAGMA max_page_count = 1"))
                           return *e;
                       return xmpp::Success{};
                   }));
        Q_UNUSED(limited);
        auto full = db->wait(store.insert(sample(QString(1 << 20, QLatin1Char('z')))));
        QVERIFY(!xmpp::isOk(full));
        const xmpp::Error e = std::get<xmpp::Error>(full);
        QCOMPARE(e.kind, xmpp::Error::Kind::Local);
        QVERIFY2(e.text.contains(QStringLiteral("disk is full")), qPrintable(e.text));
        // Nothing half-written; what was there is still readable.
        PARLA_TAKE(latest, store.latest(sample({}).account, sample({}).peer, 10));
        QCOMPARE(latest.size(), 1);
        QCOMPARE(latest.first().body, QStringLiteral("fits"));
    }

    void writesRunOnWriterThreadAndFinishOnCaller()
    {
        QTemporaryDir dir;
        auto db = openOrNull(dir.filePath(QStringLiteral("parla.sqlite")));
        QVERIFY(db);
        QThread *jobThread = nullptr;
        QString jobThreadName;
        auto task = db->write<int>([&](Connection &) -> Result<int> {
            jobThread = QThread::currentThread();
            jobThreadName = jobThread->objectName();
            return 42;
        });
        // Finishing needs this thread's event loop: never synchronous with write().
        QVERIFY(!task.isFinished());
        QObject context;
        QThread *continuationThread = nullptr;
        int value = 0;
        task.then(&context, [&](const Result<int> &r) {
            continuationThread = QThread::currentThread();
            value = xmpp::isOk(r) ? std::get<int>(r) : -1;
        });
        QTRY_VERIFY(task.isFinished());
        QCOMPARE(value, 42);
        QCOMPARE(continuationThread, QThread::currentThread());
        QVERIFY(jobThread != QThread::currentThread());
        QCOMPARE(jobThreadName, QStringLiteral("parla-storage"));

        // A write is visible to the read connection once its task has finished.
        MessageStore store(*db);
        auto insert = store.insert(sample(QStringLiteral("visible")));
        QTRY_VERIFY(insert.isFinished());
        PARLA_TAKE(latest, store.latest(sample({}).account, sample({}).peer, 1));
        QCOMPARE(latest.size(), 1);
        QCOMPARE(latest.first().body, QStringLiteral("visible"));
    }

    void continuationDroppedWhenContextDies()
    {
        QTemporaryDir dir;
        auto db = openOrNull(dir.filePath(QStringLiteral("parla.sqlite")));
        QVERIFY(db);
        bool ran = false;
        auto task = db->write<int>([](Connection &) -> Result<int> { return 1; });
        {
            QObject context;
            task.then(&context, [&](const Result<int> &) { ran = true; });
        }
        db->flush();
        QVERIFY(task.isFinished());
        QVERIFY(!ran);
    }

    void failingJobIsRolledBackAloneInABatch()
    {
        QTemporaryDir dir;
        auto db = openOrNull(dir.filePath(QStringLiteral("parla.sqlite")));
        QVERIFY(db);
        // Hold the writer so that the next three jobs queue up and share one transaction.
        QSemaphore gate;
        auto blocker = db->write<int>([&](Connection &) -> Result<int> {
            gate.acquire();
            return 0;
        });
        auto insertBody = [](const QString &body) {
            return [body](Connection &c) -> Result<int> {
                Query q(c, "INSERT INTO caps (hash, ver, info) VALUES ('sha-1', ?1, x'00')");
                if (!q.bindText(1, body).exec())
                    return q.error();
                return 1;
            };
        };
        auto a = db->write<int>(insertBody(QStringLiteral("a")));
        auto b = db->write<int>([&](Connection &c) -> Result<int> {
            auto r = insertBody(QStringLiteral("b"))(c);
            Q_UNUSED(r);
            return xmpp::Error::local(QStringLiteral("refused on purpose"));
        });
        auto c = db->write<int>(insertBody(QStringLiteral("c")));
        gate.release();
        db->flush();
        QVERIFY(xmpp::isOk(*a.result()));
        QVERIFY(!xmpp::isOk(*b.result()));
        QCOMPARE(std::get<xmpp::Error>(*b.result()).text, QStringLiteral("refused on purpose"));
        QVERIFY(xmpp::isOk(*c.result()));
        Query q(db->reader(), "SELECT group_concat(ver, '') FROM (SELECT ver FROM caps "
                              "ORDER BY ver)");
        QVERIFY(q.next());
        QCOMPARE(q.text(0), QStringLiteral("ac"));
        QVERIFY(blocker.isFinished());
    }

    void reopenKeepsEverything()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.sqlite"));
        const QString account = QStringLiteral("me@example.org");
        AccountRecord acc{account,
                          QStringLiteral("desk"),
                          QStringLiteral("xmpp.example.org"),
                          5223,
                          true,
                          {QStringLiteral("AB:CD")},
                          true,
                          QStringLiteral("Me"),
                          1};
        RosterRecord item{QStringLiteral("juliet@example.com"),
                          QStringLiteral("Juliet"),
                          QStringLiteral("both"),
                          QString(),
                          {QStringLiteral("Friends")}};
        MessageRecord msg = sample(QStringLiteral("still here"));
        msg.stanzaId = QStringLiteral("s1");
        msg.stanzaIdBy = account;
        {
            auto db = openOrNull(path);
            QVERIFY(db);
            AccountStore accounts(*db);
            RosterStore roster(*db);
            MessageStore messages(*db);
            CapsCache caps(*db);
            accounts.save(acc);
            roster.replaceAll(account, QStringLiteral("v7"), {item});
            auto inserted = messages.insert(msg);
            caps.put(QStringLiteral("sha-1"), QStringLiteral("ver="), QByteArray("<query/>"));
            PARLA_WAIT(id, db, inserted);
            msg.id = id.id;
        } // closed without waiting for the other tasks: the destructor drains the queue
        auto db = openOrNull(path);
        QVERIFY(db);
        PARLA_TAKE(accounts, AccountStore(*db).list());
        QCOMPARE(accounts, QList<AccountRecord>{acc});
        PARLA_TAKE(roster, RosterStore(*db).load(account));
        QCOMPARE(roster.version, QStringLiteral("v7"));
        QCOMPARE(roster.items, QList<RosterRecord>{item});
        PARLA_TAKE(latest, MessageStore(*db).latest(account, msg.peer, 10));
        QCOMPARE(latest, QList<MessageRecord>{msg});
        PARLA_TAKE(info, CapsCache(*db).get(QStringLiteral("sha-1"), QStringLiteral("ver=")));
        QCOMPARE(info, std::optional<QByteArray>(QByteArray("<query/>")));
        PARLA_TAKE(conversations, MessageStore(*db).conversations(account));
        QCOMPARE(conversations.size(), 1);
        QCOMPARE(conversations.first().unread, 1);
    }

    // Issue 12: a damaged page used to go unnoticed (only the header was checked) while
    // messages stopped being stored. Now quick_check finds it at start, the damaged file is
    // kept aside, and a fresh database holds every row still readable: search works on them,
    // the roster is fetched again, and our archive's catch-up starts over from the oldest
    // archive id kept, so what was lost and is still on the server comes back.
    void damagedDatabaseIsRebuiltFromWhatIsReadable()
    {
        QTemporaryDir dir;

        const QString path = dir.filePath(QStringLiteral("parla.db"));
        const QString me = QStringLiteral("me@example.org");
        constexpr int kCount = 3000;
        {
            auto db = openOrNull(path);
            QVERIFY(db);
            QList<MessageRecord> many;
            for (int i = 0; i < kCount; ++i) {
                MessageRecord m =
                    sample(QStringLiteral("message %1 ").arg(i) + QString(200, QLatin1Char('y')));
                m.timestamp = m.timestamp.addSecs(i);
                m.messageId = QStringLiteral("m%1").arg(i);
                m.stanzaId = QStringLiteral("sid-%1").arg(i);
                m.stanzaIdBy = me;
                many << m;
            }
            MessageStore store(*db);
            QVERIFY(xmpp::isOk(db->wait(store.insertMany(many))));
            SyncStore sync(*db);
            QVERIFY(xmpp::isOk(db->wait(sync.setCursor(me, QStringLiteral("sid-2999")))));
        }
        // A torn write: one page of messages in the middle of the table is garbage.
        qint64 page = 0;
        qint64 pageSize = 0;
        {
            auto c = Connection::open(path, Connection::Mode::ReadOnlyQueries);
            QVERIFY(xmpp::isOk(c));
            auto &connection = *std::get<std::unique_ptr<Connection>>(c);
            const auto size = connection.queryInt("PRAGMA page_size");
            const auto leaves = connection.queryInt(
                "SELECT count(*) FROM dbstat WHERE name = 'message' AND pagetype = 'leaf'");
            QVERIFY(xmpp::isOk(size) && xmpp::isOk(leaves));
            pageSize = std::get<qint64>(size);
            QVERIFY(std::get<qint64>(leaves) > 20);
            Query q(connection, "SELECT pageno FROM dbstat WHERE name = 'message' AND "
                                "pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET ?1");
            q.bindInt(1, std::get<qint64>(leaves) / 2);
            QVERIFY(q.next());
            page = q.integer(0);
        }
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek((page - 1) * pageSize));
            QCOMPARE(file.write(QByteArray(int(pageSize), char(0xA5))), pageSize);
        }
        Database::Health health;
        auto opened = Database::openChecked(path, &health);
        QVERIFY2(xmpp::isOk(opened),
                 qPrintable(xmpp::isOk(opened) ? QString() : std::get<xmpp::Error>(opened).text));
        auto db = std::move(std::get<std::unique_ptr<Database>>(opened));
        QVERIFY(health.rebuilt);
        QVERIFY2(health.notice.contains(u"damaged") && health.notice.contains(health.damagedCopy),
                 qPrintable(health.notice));
        QVERIFY(QFileInfo::exists(health.damagedCopy));
        qInfo() << health.messagesRecovered << "of" << kCount << "messages kept";
        // One page of messages is lost; everything around it is kept.
        QVERIFY2(health.messagesRecovered > kCount / 2 && health.messagesRecovered < kCount,
                 qPrintable(QString::number(health.messagesRecovered)));

        // The new file is sound, and holds what was kept, searchable.
        {
            Query check(db->reader(), "PRAGMA quick_check");
            QVERIFY(check.next());
            QCOMPARE(check.text(0), QStringLiteral("ok"));
        }
        MessageStore store(*db);
        const auto all = store.latest(me, QStringLiteral("juliet@example.com"), kCount);
        QVERIFY(xmpp::isOk(all));
        const auto &kept = std::get<QList<MessageRecord>>(all);
        QCOMPARE(qint64(kept.size()), health.messagesRecovered);
        const auto found = db->reader().queryInt(
            "SELECT count(*) FROM message_fts WHERE message_fts MATCH 'message'");
        QVERIFY(xmpp::isOk(found));
        QCOMPARE(std::get<qint64>(found), health.messagesRecovered);
        // The catch-up starts over from the oldest archive id kept.
        SyncStore sync(*db);
        const auto cursor = sync.cursor(me);
        QVERIFY(xmpp::isOk(cursor));
        QCOMPARE(std::get<QString>(cursor), kept.first().stanzaId);

        // Sound now: the next start does not rebuild again.
        db.reset();
        Database::Health again;
        QVERIFY(xmpp::isOk(Database::openChecked(path, &again)));
        QVERIFY(!again.rebuilt);
        QVERIFY(again.notice.isEmpty());
    }

    void backupIsAConsistentCopy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.db"));
        auto db = openOrNull(path);
        QVERIFY(db);
        MessageStore store(*db);
        QVERIFY(xmpp::isOk(db->wait(store.insert(sample(QStringLiteral("keep me"))))));
        const QString target = dir.filePath(QStringLiteral("backup.db"));
        QVERIFY(xmpp::isOk(Database::backup(path, target))); // while the database is open
        // Never over an existing file.
        const auto again = Database::backup(path, target);
        QVERIFY(!xmpp::isOk(again));
        QVERIFY(std::get<xmpp::Error>(again).text.contains(u"exists"));

        auto copy = openOrNull(target);
        QVERIFY(copy);
        MessageStore copied(*copy);
        const auto rows = copied.latest(QStringLiteral("me@example.org"),
                                        QStringLiteral("juliet@example.com"), 10);
        QVERIFY(xmpp::isOk(rows));
        QCOMPARE(std::get<QList<MessageRecord>>(rows).size(), 1);
        QCOMPARE(std::get<QList<MessageRecord>>(rows).first().body, QStringLiteral("keep me"));
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
