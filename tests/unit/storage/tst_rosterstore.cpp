// SPDX-License-Identifier: GPL-3.0-or-later
// RosterStore: the cached roster and its version (RFC 6121 §2.6).
#include "core/storage/rosterstore.h"
#include "storagetest.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace parla;
using namespace parla::storage;
using parla::storage::test::openOrNull;

namespace {

const QString Me = QStringLiteral("me@example.org");

RosterRecord item(const QString &jid, const QStringList &groups = {})
{
    return {jid, jid.section(QLatin1Char('@'), 0, 0), QStringLiteral("both"), QString(), groups};
}

} // namespace

class TestRosterStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<RosterStore> m_store;

private Q_SLOTS:
    void init()
    {
        m_db = openOrNull(m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction())));
        QVERIFY(m_db);
        m_store = std::make_unique<RosterStore>(*m_db);
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void emptyWhenNothingStored()
    {
        PARLA_TAKE(snapshot, m_store->load(Me));
        QVERIFY(snapshot.version.isEmpty());
        QVERIFY(snapshot.items.isEmpty());
    }

    void replaceAllThenPushes()
    {
        const RosterRecord juliet =
            item(QStringLiteral("juliet@example.com"),
                 {QStringLiteral("Friends"), QStringLiteral("Verona, \"fair\"")});
        const RosterRecord romeo = item(QStringLiteral("romeo@example.net"));
        const RosterRecord nurse = item(QStringLiteral("nurse@example.com"));
        PARLA_WAIT(replaced, m_db,
                   m_store->replaceAll(Me, QStringLiteral("ver1"), {romeo, juliet, nurse}));
        Q_UNUSED(replaced);
        PARLA_TAKE(first, m_store->load(Me));
        QCOMPARE(first.version, QStringLiteral("ver1"));
        QCOMPARE(first.items, (QList<RosterRecord>{juliet, nurse, romeo})); // sorted by JID

        RosterRecord changed = juliet;
        changed.name = QStringLiteral("Jules");
        changed.ask = QStringLiteral("subscribe");
        changed.groups = {};
        const RosterRecord benvolio = item(QStringLiteral("benvolio@example.net"));
        m_store->upsert(Me, QStringLiteral("ver2"), changed);
        m_store->upsert(Me, QStringLiteral("ver3"), benvolio);
        PARLA_WAIT(removed, m_db, m_store->remove(Me, QStringLiteral("ver4"), nurse.jid));
        Q_UNUSED(removed);
        PARLA_TAKE(second, m_store->load(Me));
        QCOMPARE(second.version, QStringLiteral("ver4"));
        QCOMPARE(second.items, (QList<RosterRecord>{benvolio, changed, romeo}));

        // A full roster result replaces everything, including items that vanished.
        PARLA_WAIT(again, m_db, m_store->replaceAll(Me, QStringLiteral("ver9"), {romeo}));
        Q_UNUSED(again);
        PARLA_TAKE(third, m_store->load(Me));
        QCOMPARE(third.version, QStringLiteral("ver9"));
        QCOMPARE(third.items, QList<RosterRecord>{romeo});
    }

    void accountsAreSeparate()
    {
        const QString other = QStringLiteral("other@example.org");
        m_store->replaceAll(Me, QStringLiteral("a"), {item(QStringLiteral("a@example.com"))});
        PARLA_WAIT(done, m_db,
                   m_store->replaceAll(other, QStringLiteral("b"),
                                       {item(QStringLiteral("b@example.com"))}));
        Q_UNUSED(done);
        PARLA_TAKE(mine, m_store->load(Me));
        PARLA_TAKE(theirs, m_store->load(other));
        QCOMPARE(mine.version, QStringLiteral("a"));
        QCOMPARE(mine.items.size(), 1);
        QCOMPARE(mine.items.first().jid, QStringLiteral("a@example.com"));
        QCOMPARE(theirs.version, QStringLiteral("b"));
        QCOMPARE(theirs.items.first().jid, QStringLiteral("b@example.com"));
    }
};

QTEST_GUILESS_MAIN(TestRosterStore)
#include "tst_rosterstore.moc"
