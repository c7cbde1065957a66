// SPDX-License-Identifier: GPL-3.0-or-later
// MessageModel's window around a message (search hits, quotes): reveal loads older and newer
// context, fetchNewer pages towards the present, live messages wait until the window reaches
// the end, showLatest returns to the newest page. Over a real Account and store, offline.
#include "core/models/messagemodel.h"
#include "core/models/roles.h"
#include "core/services/account.h"
#include "core/services/passwordstore.h"
#include "core/storage/database.h"
#include "tests/unit/storage/storagetest.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace parla;
using namespace parla::storage;

namespace {
const QString Me = QStringLiteral("me@example.org");
const QString Juliet = QStringLiteral("juliet@example.com");
const QString Romeo = QStringLiteral("romeo@example.net");
constexpr int Page = models::MessageModel::kPageSize;
} // namespace

class TestMessageModelPaging : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    services::MemoryPasswordStore m_passwords;
    QList<qint64> m_ids; ///< Juliet's history, oldest first
    qint64 m_romeo = 0;

    static MessageRecord record(const QString &peer, int i)
    {
        MessageRecord m;
        m.account = Me;
        m.peer = peer;
        m.senderJid = peer + QStringLiteral("/phone");
        m.body = QStringLiteral("message %1").arg(i);
        m.timestamp = QDateTime::fromMSecsSinceEpoch(1700000000000 + qint64(i) * 1000, Qt::UTC);
        m.state = DeliveryState::Read;
        return m;
    }

    static QList<qint64> modelIds(const QAbstractItemModel &model)
    {
        QList<qint64> ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids.append(model.index(r, 0).data(models::MessageIdRole).toLongLong());
        return ids;
    }

private Q_SLOTS:
    void init()
    {
        m_db = storage::test::openOrNull(m_dir.filePath(QStringLiteral("paging.db")));
        QVERIFY(m_db);
        QList<MessageRecord> history;
        for (int i = 0; i < 500; ++i)
            history.append(record(Juliet, i));
        PARLA_WAIT(results, m_db, MessageStore(*m_db).insertMany(history));
        m_ids.clear();
        for (const InsertResult &r : results)
            m_ids.append(r.id);
        PARLA_WAIT(romeo, m_db, MessageStore(*m_db).insert(record(Romeo, 1000)));
        m_romeo = romeo.id;
    }
    void cleanup()
    {
        m_db.reset();
        QFile::remove(m_dir.filePath(QStringLiteral("paging.db")));
    }

    void revealFetchNewerAndBack()
    {
        AccountRecord accountRecord;
        accountRecord.jid = Me;
        services::AccountContext context;
        context.database = m_db.get();
        context.passwords = &m_passwords;
        services::Account account(accountRecord, context);
        models::MessageModel model(&account, Juliet);
        QCOMPARE(modelIds(model), m_ids.mid(500 - Page));
        QVERIFY(!model.canFetchNewer());
        // No QAbstractItemModelTester here: it calls fetchMore() from inside its modelReset
        // slot, which a model that resets to load a window cannot satisfy.
        const int loaded = model.rowCount();

        // Already loaded: its row, nothing reloaded.
        QCOMPARE(model.revealMessage(m_ids[480]), 480 - (500 - loaded));

        // Far up: a window of half a page before and a page after.
        const int row = model.revealMessage(m_ids[100]);
        QCOMPARE(row, Page / 2);
        QCOMPARE(modelIds(model), m_ids.mid(100 - Page / 2, Page / 2 + 1 + Page));
        QVERIFY(model.canFetchMore({}));
        QVERIFY(model.canFetchNewer());

        // Another conversation's message, or none: not found, window unchanged.
        QCOMPARE(model.revealMessage(m_romeo), -1);
        QCOMPARE(model.revealMessage(999999), -1);
        QCOMPARE(model.rowCount(), Page / 2 + 1 + Page);

        // A live message while the window is in the past waits for the pages to reach it.
        MessageRecord live = record(Juliet, 600);
        PARLA_WAIT(inserted, m_db, MessageStore(*m_db).insert(live));
        live.id = inserted.id;
        Q_EMIT account.messagesStored({live}, services::Route::Live);
        QVERIFY(!modelIds(model).contains(live.id));

        // Paging down reaches the end, including the live message, exactly once each.
        while (model.canFetchNewer())
            model.fetchNewer();
        QCOMPARE(modelIds(model), m_ids.mid(100 - Page / 2) + QList<qint64>{live.id});
        // At the end again: live messages append directly (and a repeated signal is ignored).
        Q_EMIT account.messagesStored({live}, services::Route::Live);
        QCOMPARE(modelIds(model).count(live.id), 1);

        // Older pages still load at the top.
        model.fetchMore({});
        QCOMPARE(model.index(0, 0).data(models::MessageIdRole).toLongLong(),
                 m_ids[100 - Page / 2 - Page]);

        // showLatest after a reveal: back to the newest page.
        QCOMPARE(model.revealMessage(m_ids[10]), 10); // fewer than half a page before it
        QVERIFY(model.canFetchNewer());
        // The window reaches the local start (older pages would now come from the archive).
        QCOMPARE(model.index(0, 0).data(models::MessageIdRole).toLongLong(), m_ids[0]);
        model.showLatest();
        QVERIFY(!model.canFetchNewer());
        QCOMPARE(modelIds(model), (m_ids.mid(500 - Page + 1) + QList<qint64>{live.id}));
    }
};

QTEST_GUILESS_MAIN(TestMessageModelPaging)
#include "tst_messagemodelpaging.moc"
