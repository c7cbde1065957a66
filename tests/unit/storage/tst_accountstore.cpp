// SPDX-License-Identifier: GPL-3.0-or-later
// AccountStore and CapsCache (XEP-0115): small key-value style stores.
#include "core/storage/accountstore.h"
#include "core/storage/capscache.h"
#include "storagetest.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace parla;
using namespace parla::storage;
using parla::storage::test::openOrNull;

class TestAccountStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;

private Q_SLOTS:
    void init()
    {
        m_db = openOrNull(m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction())));
        QVERIFY(m_db);
    }

    void cleanup() { m_db.reset(); }

    void saveListRemove()
    {
        AccountStore store(*m_db);
        AccountRecord work{QStringLiteral("me@work.example"),
                           QStringLiteral("desk"),
                           QStringLiteral("xmpp.work.example"),
                           5223,
                           true,
                           {QStringLiteral("SHA256:AA:BB"), QStringLiteral("-----BEGIN…\nx\n")},
                           true,
                           QStringLiteral("Work"),
                           2};
        AccountRecord home;
        home.jid = QStringLiteral("me@home.example");
        home.sortOrder = 1;
        home.enabled = false;
        store.save(work);
        PARLA_WAIT(saved, m_db, store.save(home));
        Q_UNUSED(saved);
        PARLA_TAKE(list, store.list());
        QCOMPARE(list, (QList<AccountRecord>{home, work})); // by sortOrder

        work.displayName = QStringLiteral("Office");
        work.port = 0;
        work.pinnedCertificates.clear();
        work.sortOrder = 0;
        PARLA_WAIT(updated, m_db, store.save(work));
        Q_UNUSED(updated);
        PARLA_TAKE(after, store.list());
        QCOMPARE(after, (QList<AccountRecord>{work, home}));

        PARLA_WAIT(removed, m_db, store.remove(home.jid));
        Q_UNUSED(removed);
        PARLA_TAKE(last, store.list());
        QCOMPARE(last, QList<AccountRecord>{work});
    }

    void capsGetPut()
    {
        CapsCache caps(*m_db);
        const QString ver = QStringLiteral("QgayPKawpkPSDYmwT/WM94uAlu0=");
        PARLA_TAKE(missing, caps.get(QStringLiteral("sha-1"), ver));
        QVERIFY(!missing);
        const QByteArray info("<query xmlns='http://jabber.org/protocol/disco#info'>\0</query>",
                              62);
        PARLA_WAIT(put, m_db, caps.put(QStringLiteral("sha-1"), ver, info));
        Q_UNUSED(put);
        PARLA_TAKE(found, caps.get(QStringLiteral("sha-1"), ver));
        QCOMPARE(found, std::optional<QByteArray>(info)); // bytes, embedded NUL included
        PARLA_TAKE(otherHash, caps.get(QStringLiteral("sha-256"), ver));
        QVERIFY(!otherHash);
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
