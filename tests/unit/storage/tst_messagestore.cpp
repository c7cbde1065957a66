// SPDX-License-Identifier: GPL-3.0-or-later
// MessageStore: de-duplication rules, forward-only states, paging, conversations, unread.
#include "core/storage/messagestore.h"
#include "storagetest.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <tuple>

using namespace parla;
using namespace parla::storage;
using parla::storage::test::openOrNull;

namespace {

const QString Me = QStringLiteral("me@example.org");
const QString Juliet = QStringLiteral("juliet@example.com");
const QString Romeo = QStringLiteral("romeo@example.net");
const QString Nurse = QStringLiteral("nurse@example.com");

QDateTime at(qint64 seconds)
{
    return QDateTime::fromMSecsSinceEpoch(1700000000000 + seconds * 1000, Qt::UTC);
}

MessageRecord incoming(const QString &peer, const QString &body, qint64 seconds = 0)
{
    MessageRecord m;
    m.account = Me;
    m.peer = peer;
    m.senderJid = peer + QStringLiteral("/phone");
    m.body = body;
    m.timestamp = at(seconds);
    m.state = DeliveryState::Received;
    return m;
}

MessageRecord outgoing(const QString &peer, const QString &body, qint64 seconds = 0)
{
    MessageRecord m = incoming(peer, body, seconds);
    m.outgoing = true;
    m.senderJid = Me + QStringLiteral("/desk");
    m.state = DeliveryState::Pending;
    return m;
}

QList<qint64> ids(const QList<MessageRecord> &records)
{
    QList<qint64> list;
    for (const MessageRecord &r : records)
        list.append(r.id);
    return list;
}

} // namespace

class TestMessageStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MessageStore> m_store;

    InsertResult insert(const MessageRecord &m)
    {
        auto r = m_db->wait(m_store->insert(m));
        if (!xmpp::isOk(r)) {
            qWarning("insert failed: %s", qPrintable(std::get<xmpp::Error>(r).text));
            return {};
        }
        return std::get<InsertResult>(r);
    }

    std::optional<qint64> update(const QString &id, const QString &peer, DeliveryState state,
                                 const QString &error = {})
    {
        auto r = m_db->wait(m_store->updateState(Me, id, peer, state, error));
        return xmpp::isOk(r) ? std::get<std::optional<qint64>>(r) : std::nullopt;
    }

    DeliveryState stateOf(qint64 id)
    {
        auto r = m_store->message(id);
        return xmpp::isOk(r) && std::get<std::optional<MessageRecord>>(r)
                   ? std::get<std::optional<MessageRecord>>(r)->state
                   : DeliveryState::Received;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = openOrNull(m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) +
                                         QStringLiteral(".sqlite")));
        QVERIFY(m_db);
        m_store = std::make_unique<MessageStore>(*m_db);
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void insertRoundTrips()
    {
        MessageRecord m = outgoing(Juliet, QStringLiteral("Wherefore art thou? 🌹"), 5);
        m.messageId = QStringLiteral("m1");
        m.originId = QStringLiteral("o1");
        m.stanzaId = QStringLiteral("s1");
        m.stanzaIdBy = Me;
        m.timestamp = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
        const InsertResult r = insert(m);
        QVERIFY(r.inserted);
        QVERIFY(r.id > 0);
        m.id = r.id;
        PARLA_TAKE(stored, m_store->message(r.id));
        QVERIFY(stored);
        QCOMPARE(*stored, m);
        QCOMPARE(stored->timestamp.timeSpec(), Qt::UTC);
        QCOMPARE(stored->timestamp.toMSecsSinceEpoch(), 1700000000123);
    }

    void dedupeByStanzaId()
    {
        MessageRecord a = incoming(Juliet, QStringLiteral("one"));
        a.stanzaId = QStringLiteral("archive-1");
        a.stanzaIdBy = Me;
        const InsertResult first = insert(a);
        QVERIFY(first.inserted);

        MessageRecord copy = a; // e.g. the MAM copy with other ids around it
        copy.messageId = QStringLiteral("different");
        QCOMPARE(insert(copy), (InsertResult{first.id, false}));

        MessageRecord otherArchive = a; // stanza-ids are unique per 'by' only
        otherArchive.stanzaIdBy = QStringLiteral("room@muc.example.com");
        QVERIFY(insert(otherArchive).inserted);

        MessageRecord otherAccount = a;
        otherAccount.account = QStringLiteral("other@example.org");
        QVERIFY(insert(otherAccount).inserted);
    }

    void dedupeByOriginId()
    {
        MessageRecord a = outgoing(Juliet, QStringLiteral("hi"));
        a.originId = QStringLiteral("origin-1");
        a.messageId = QStringLiteral("origin-1");
        const InsertResult first = insert(a);
        QVERIFY(first.inserted);

        MessageRecord carbon = a; // the same message reflected from another of our clients
        carbon.senderJid = Me + QStringLiteral("/phone");
        QCOMPARE(insert(carbon), (InsertResult{first.id, false}));

        MessageRecord otherDirection = a;
        otherDirection.outgoing = false;
        otherDirection.senderJid = Juliet + QStringLiteral("/balcony");
        QVERIFY(insert(otherDirection).inserted);

        MessageRecord otherPeer = a;
        otherPeer.peer = Romeo;
        QVERIFY(insert(otherPeer).inserted);
    }

    void dedupeBySenderAndMessageId()
    {
        MessageRecord a = incoming(Juliet, QStringLiteral("hello"));
        a.messageId = QStringLiteral("abc");
        const InsertResult first = insert(a);
        QVERIFY(first.inserted);
        QCOMPARE(insert(a), (InsertResult{first.id, false}));

        // Never by id alone: another sender (even another resource) may use the same id.
        MessageRecord otherResource = a;
        otherResource.senderJid = Juliet + QStringLiteral("/laptop");
        QVERIFY(insert(otherResource).inserted);
        MessageRecord otherSender = incoming(Romeo, QStringLiteral("hello"));
        otherSender.messageId = QStringLiteral("abc");
        QVERIFY(insert(otherSender).inserted);

        // With an origin-id, rule 2 decides, not the message id.
        MessageRecord withOrigin = a;
        withOrigin.originId = QStringLiteral("o-1");
        QVERIFY(insert(withOrigin).inserted);
    }

    void messagesWithoutIdsAreAlwaysNew()
    {
        const MessageRecord a = incoming(Juliet, QStringLiteral("same"));
        QVERIFY(insert(a).inserted);
        QVERIFY(insert(a).inserted);
        PARLA_TAKE(all, m_store->latest(Me, Juliet, 10));
        QCOMPARE(all.size(), 2);
    }

    void duplicateBringsMissingStanzaId()
    {
        MessageRecord live = incoming(Juliet, QStringLiteral("live first"));
        live.originId = QStringLiteral("o-live");
        const InsertResult first = insert(live);
        MessageRecord fromArchive = live;
        fromArchive.stanzaId = QStringLiteral("mam-9");
        fromArchive.stanzaIdBy = Me;
        QCOMPARE(insert(fromArchive), (InsertResult{first.id, false}));
        PARLA_TAKE(stored, m_store->message(first.id));
        QCOMPARE(stored->stanzaId, QStringLiteral("mam-9"));
        QCOMPARE(stored->stanzaIdBy, Me);
        // …and the archive id now de-duplicates by itself.
        MessageRecord bare = incoming(Juliet, QStringLiteral("other text"));
        bare.stanzaId = QStringLiteral("mam-9");
        bare.stanzaIdBy = Me;
        QCOMPARE(insert(bare), (InsertResult{first.id, false}));
    }

    void insertManyReportsEach()
    {
        MessageRecord a = incoming(Juliet, QStringLiteral("a"), 1);
        a.stanzaId = QStringLiteral("x1");
        a.stanzaIdBy = Me;
        MessageRecord b = incoming(Juliet, QStringLiteral("b"), 2);
        PARLA_WAIT(results, m_db, m_store->insertMany({a, b, a}));
        QCOMPARE(results.size(), 3);
        QVERIFY(results[0].inserted);
        QVERIFY(results[1].inserted);
        QCOMPARE(results[2], (InsertResult{results[0].id, false}));
    }

    void statesOnlyMoveForward()
    {
        MessageRecord m = outgoing(Juliet, QStringLiteral("hi"));
        m.messageId = QStringLiteral("m-1");
        m.originId = QStringLiteral("o-1");
        const qint64 id = insert(m).id;

        QCOMPARE(update(QStringLiteral("m-1"), Juliet, DeliveryState::Sent), id);
        QCOMPARE(update(QStringLiteral("o-1"), Juliet, DeliveryState::Delivered), id);
        QCOMPARE(stateOf(id), DeliveryState::Delivered);
        // A late stream-management ack after the receipt changes nothing.
        QCOMPARE(update(QStringLiteral("m-1"), Juliet, DeliveryState::Sent), std::nullopt);
        QCOMPARE(update(QStringLiteral("m-1"), Juliet, DeliveryState::Failed), std::nullopt);
        QCOMPARE(update(QStringLiteral("m-1"), Juliet, DeliveryState::Pending), std::nullopt);
        QCOMPARE(stateOf(id), DeliveryState::Delivered);
        QCOMPARE(update(QStringLiteral("m-1"), Juliet, DeliveryState::Read), id);
        QCOMPARE(update(QStringLiteral("m-1"), Juliet, DeliveryState::Delivered), std::nullopt);
        QCOMPARE(stateOf(id), DeliveryState::Read);

        // Receipts name the peer: the same id in another conversation is not this message.
        MessageRecord n = outgoing(Romeo, QStringLiteral("yo"));
        n.messageId = QStringLiteral("n-1");
        const qint64 nid = insert(n).id;
        QCOMPARE(update(QStringLiteral("n-1"), Juliet, DeliveryState::Sent), std::nullopt);
        QCOMPARE(stateOf(nid), DeliveryState::Pending);

        // Incoming messages are never touched by receipts.
        MessageRecord in = incoming(Juliet, QStringLiteral("in"));
        in.messageId = QStringLiteral("i-1");
        const qint64 iid = insert(in).id;
        QCOMPARE(update(QStringLiteral("i-1"), Juliet, DeliveryState::Read), std::nullopt);
        QCOMPARE(stateOf(iid), DeliveryState::Received);
    }

    void failedCanBeRetried()
    {
        MessageRecord m = outgoing(Juliet, QStringLiteral("hi"));
        m.messageId = QStringLiteral("m-2");
        const qint64 id = insert(m).id;
        QCOMPARE(update(QStringLiteral("m-2"), Juliet, DeliveryState::Failed,
                        QStringLiteral("Juliet's server is unreachable.")),
                 id);
        PARLA_TAKE(failed, m_store->message(id));
        QCOMPARE(failed->state, DeliveryState::Failed);
        QCOMPARE(failed->errorText, QStringLiteral("Juliet's server is unreachable."));
        QCOMPARE(update(QStringLiteral("m-2"), Juliet, DeliveryState::Delivered), std::nullopt);
        QCOMPARE(update(QStringLiteral("m-2"), Juliet, DeliveryState::Pending), id);
        PARLA_TAKE(retried, m_store->message(id));
        QCOMPARE(retried->state, DeliveryState::Pending);
        QVERIFY(retried->errorText.isEmpty());
        QCOMPARE(update(QStringLiteral("m-2"), Juliet, DeliveryState::Sent), id);
    }

    void pendingOutgoingOldestFirst()
    {
        const qint64 late = insert(outgoing(Juliet, QStringLiteral("late"), 30)).id;
        const qint64 early = insert(outgoing(Romeo, QStringLiteral("early"), 10)).id;
        MessageRecord sent = outgoing(Juliet, QStringLiteral("sent"), 20);
        sent.state = DeliveryState::Sent;
        insert(sent);
        insert(incoming(Juliet, QStringLiteral("incoming"), 15));
        MessageRecord otherAccount = outgoing(Juliet, QStringLiteral("other account"), 5);
        otherAccount.account = QStringLiteral("other@example.org");
        insert(otherAccount);
        PARLA_TAKE(pending, m_store->pendingOutgoing(Me));
        QCOMPARE(ids(pending), (QList<qint64>{early, late}));
    }

    void pagingAcrossAThousandMessages()
    {
        // Three messages per second, so timestamps tie and the id breaks ties; the newer half
        // is stored first, as when MAM catch-up fills in older history afterwards.
        QList<MessageRecord> newer, older;
        for (int i = 0; i < 1000; ++i) {
            MessageRecord m = i % 2 ? incoming(Juliet, QString::number(i), i / 3)
                                    : outgoing(Juliet, QString::number(i), i / 3);
            (i >= 500 ? newer : older).append(m);
        }
        PARLA_WAIT(newerIds, m_db, m_store->insertMany(newer));
        insert(incoming(Romeo, QStringLiteral("elsewhere"), 100)); // another conversation
        PARLA_WAIT(olderIds, m_db, m_store->insertMany(older));

        struct Key
        {
            qint64 time;
            qint64 id;
        };
        QList<Key> expected;
        for (int i = 0; i < 500; ++i) {
            expected.append({older[i].timestamp.toMSecsSinceEpoch(), olderIds[i].id});
            expected.append({newer[i].timestamp.toMSecsSinceEpoch(), newerIds[i].id});
        }
        std::sort(expected.begin(), expected.end(), [](const Key &a, const Key &b) {
            return std::tie(a.time, a.id) < std::tie(b.time, b.id);
        });
        QList<qint64> expectedIds;
        for (const Key &k : expected)
            expectedIds.append(k.id);

        PARLA_TAKE(latest, m_store->latest(Me, Juliet, 50));
        QCOMPARE(latest.size(), 50);
        QList<qint64> seen = ids(latest);
        int pages = 1;
        for (;;) {
            PARLA_TAKE(page, m_store->page(Me, Juliet, seen.first(), 50));
            if (page.isEmpty())
                break;
            QVERIFY(page.size() <= 50);
            seen = ids(page) + seen;
            ++pages;
        }
        QCOMPARE(pages, 20);
        QCOMPARE(seen, expectedIds);
        // The body of message i is "i": display order is history order.
        PARLA_TAKE(first, m_store->page(Me, Juliet, expectedIds[3], 3));
        QCOMPARE(first.size(), 3);
        QCOMPARE(first[0].body, QStringLiteral("0"));
        QCOMPARE(first[2].body, QStringLiteral("2"));
        // A page smaller than the limit at the start of history.
        PARLA_TAKE(start, m_store->page(Me, Juliet, expectedIds[10], 50));
        QCOMPARE(ids(start), expectedIds.mid(0, 10));
    }

    void conversationsWithUnread()
    {
        const qint64 j1 = insert(incoming(Juliet, QStringLiteral("j1"), 10)).id;
        const qint64 j2 = insert(incoming(Juliet, QStringLiteral("j2"), 20)).id;
        insert(incoming(Juliet, QStringLiteral("j3"), 30));
        insert(outgoing(Juliet, QStringLiteral("my reply"), 40));
        insert(incoming(Romeo, QStringLiteral("r1"), 50));
        insert(outgoing(Nurse, QStringLiteral("to the nurse"), 5));
        // An old message arriving late (MAM) is not the conversation's last message.
        insert(incoming(Romeo, QStringLiteral("r0, from the archive"), 1));
        MessageRecord otherAccount = incoming(Juliet, QStringLiteral("other"), 60);
        otherAccount.account = QStringLiteral("other@example.org");
        insert(otherAccount);

        PARLA_TAKE(list, m_store->conversations(Me));
        QCOMPARE(list.size(), 3);
        QCOMPARE(list[0].peer, Romeo);
        QCOMPARE(list[0].lastBody, QStringLiteral("r1"));
        QCOMPARE(list[0].lastTimestamp, at(50));
        QCOMPARE(list[0].unread, 2);
        QCOMPARE(list[1].peer, Juliet);
        QCOMPARE(list[1].lastBody, QStringLiteral("my reply"));
        QVERIFY(list[1].lastOutgoing);
        QCOMPARE(list[1].unread, 3);
        QCOMPARE(list[2].peer, Nurse);
        QCOMPARE(list[2].unread, 0);

        PARLA_TAKE(all, m_store->conversations());
        QCOMPARE(all.size(), 4);
        QCOMPARE(all[0].account, QStringLiteral("other@example.org"));

        PARLA_TAKE(unreadAll, m_store->unreadCount(Me));
        QCOMPARE(unreadAll, 5);
        PARLA_WAIT(marked, m_db, m_store->markRead(Me, Juliet, j2));
        QCOMPARE(marked, 2);
        PARLA_TAKE(unreadJuliet, m_store->unreadCount(Me, Juliet));
        QCOMPARE(unreadJuliet, 1);
        QCOMPARE(stateOf(j1), DeliveryState::Read);
        PARLA_TAKE(after, m_store->conversations(Me));
        QCOMPARE(after[1].unread, 1);
        QCOMPARE(after[0].unread, 2); // other conversations untouched
        PARLA_TAKE(stillOther, m_store->unreadCount(QStringLiteral("other@example.org")));
        QCOMPARE(stillOther, 1);
    }
};

QTEST_GUILESS_MAIN(TestMessageStore)
#include "tst_messagestore.moc"
