// SPDX-License-Identifier: GPL-3.0-or-later
// MessageStore's message-feature operations (schema v4): corrections and retractions confined
// to one conversation and one author, reactions replaced per sender, read-up-to by marker and
// by XEP-0490 stanza-id, and that a retracted or corrected body leaves the FTS index.
#include "core/storage/messagestore.h"
#include "core/storage/sqlite.h"
#include "storagetest.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace parla;
using namespace parla::storage;
using namespace parla::storage::test;

namespace {
const QString Me = QStringLiteral("me@example.org");
const QString Bob = QStringLiteral("bob@example.org");
const QString Carol = QStringLiteral("carol@example.org");

MessageRecord message(const QString &peer, bool outgoing, const QString &id, const QString &body,
                      int second)
{
    MessageRecord m;
    m.account = Me;
    m.peer = peer;
    m.outgoing = outgoing;
    m.senderJid = outgoing ? Me + QStringLiteral("/desk") : peer + QStringLiteral("/phone");
    m.body = body;
    m.timestamp = QDateTime(QDate(2024, 5, 1), QTime(12, 0, second), Qt::UTC);
    m.messageId = id;
    if (outgoing)
        m.originId = id;
    m.state = outgoing ? DeliveryState::Delivered : DeliveryState::Received;
    return m;
}
} // namespace

class TestMessageFeatureStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MessageStore> m_store;

    qint64 insert(const MessageRecord &m)
    {
        auto r = m_db->wait(m_store->insert(m));
        return xmpp::isOk(r) ? std::get<InsertResult>(r).id : 0;
    }
    MessageRecord get(qint64 id)
    {
        auto r = m_store->message(id);
        return xmpp::isOk(r) && std::get<std::optional<MessageRecord>>(r)
                   ? *std::get<std::optional<MessageRecord>>(r)
                   : MessageRecord{};
    }
    QList<qint64> search(const QString &word)
    {
        Query q(m_db->reader(), "SELECT rowid FROM message_fts WHERE message_fts MATCH ?1");
        q.bindText(1, word);
        QList<qint64> ids;
        while (q.next())
            ids << q.integer(0);
        return ids;
    }
    std::optional<qint64> changed(Task<xmpp::Result<std::optional<qint64>>> task)
    {
        auto r = m_db->wait(task);
        return xmpp::isOk(r) ? std::get<std::optional<qint64>>(r) : std::nullopt;
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

    void featureColumnsRoundTrip()
    {
        MessageRecord m = message(Bob, false, QStringLiteral("r1"), QStringLiteral("sure"), 1);
        m.markable = true;
        m.replyToId = QStringLiteral("m0");
        m.replyToJid = Me;
        m.replyQuote = QStringLiteral("lunch?");
        const qint64 id = insert(m);
        QVERIFY(id);
        m.id = id;
        QCOMPARE(get(id), m);
    }

    void correctionOnlyByTheAuthorInTheConversation()
    {
        const qint64 mine =
            insert(message(Bob, true, QStringLiteral("m1"), QStringLiteral("helo"), 1));
        const qint64 bobs =
            insert(message(Bob, false, QStringLiteral("b1"), QStringLiteral("hi"), 2));
        const qint64 carols =
            insert(message(Carol, false, QStringLiteral("m1"), QStringLiteral("carol's"), 3));
        // Bob (incoming) naming my message id: none of his.
        QCOMPARE(
            changed(m_store->correct(Me, Bob, false, QStringLiteral("m1"), QStringLiteral("x"))),
            std::nullopt);
        // Carol's conversation naming bob's id: not in her conversation.
        QCOMPARE(
            changed(m_store->correct(Me, Carol, false, QStringLiteral("b1"), QStringLiteral("x"))),
            std::nullopt);
        QCOMPARE(get(mine).body, QStringLiteral("helo"));
        QCOMPARE(get(bobs).body, QStringLiteral("hi"));
        // Carol's own message with the same id as mine is hers to correct.
        QCOMPARE(changed(m_store->correct(Me, Carol, false, QStringLiteral("m1"),
                                          QStringLiteral("carol fixed"))),
                 std::optional<qint64>(carols));
        QCOMPARE(get(mine).body, QStringLiteral("helo"));
        // Mine, twice: the first text stays the original.
        QCOMPARE(
            changed(m_store->correct(Me, Bob, true, QStringLiteral("m1"), QStringLiteral("hello"))),
            std::optional<qint64>(mine));
        QCOMPARE(changed(m_store->correct(Me, Bob, true, QStringLiteral("m1"),
                                          QStringLiteral("hello!"))),
                 std::optional<qint64>(mine));
        const MessageRecord r = get(mine);
        QVERIFY(r.edited);
        QCOMPARE(r.body, QStringLiteral("hello!"));
        QCOMPARE(r.originalBody, QStringLiteral("helo"));
        // The index follows the body.
        QCOMPARE(search(QStringLiteral("helo")), QList<qint64>{});
        QCOMPARE(search(QStringLiteral("hello")), QList<qint64>{mine});
    }

    void roomCorrectionQueuedBehindItsOriginalFindsIt()
    {
        // Issue 11's race: a room message and its correction arrive back to back (one archive
        // page, or a burst). The original's insert is still queued on the writer thread when
        // the correction looks for it; the lookup runs on the writer too, after the insert, so
        // it finds it (a read on the GUI thread did not).
        const QString room = QStringLiteral("lab@rooms.example");
        MessageRecord original =
            message(room, false, QStringLiteral("g1"), QStringLiteral("helo"), 1);
        original.kind = ConversationKind::GroupChat;
        original.senderJid = room + QStringLiteral("/Bob");
        original.occupantId = QStringLiteral("occ-bob");
        auto queued = m_store->insert(original); // not awaited
        Author bob;
        bob.occupantId = QStringLiteral("occ-bob");
        const auto corrected =
            changed(m_store->correct(Me, room, bob, QStringLiteral("g1"), QStringLiteral("hello")));
        const auto inserted = m_db->wait(queued);
        QVERIFY(xmpp::isOk(inserted));
        QVERIFY(corrected);
        QCOMPARE(*corrected, std::get<InsertResult>(inserted).id);
        QCOMPARE(get(*corrected).body, QStringLiteral("hello"));
        // Someone else's occupant-id, queued the same way: not the author, nothing changes.
        MessageRecord other = message(room, false, QStringLiteral("g2"), QStringLiteral("mine"), 2);
        other.kind = ConversationKind::GroupChat;
        other.senderJid = room + QStringLiteral("/Bob");
        other.occupantId = QStringLiteral("occ-bob");
        auto queued2 = m_store->insert(other);
        Author mallory;
        mallory.occupantId = QStringLiteral("occ-mallory");
        QVERIFY(!changed(
            m_store->correct(Me, room, mallory, QStringLiteral("g2"), QStringLiteral("pwned"))));
        QVERIFY(xmpp::isOk(m_db->wait(queued2)));
    }

    void retractionWipesBodyOriginalReactionsAndIndex()
    {
        const qint64 mine =
            insert(message(Bob, true, QStringLiteral("m1"), QStringLiteral("secret plans"), 1));
        QVERIFY(changed(
            m_store->correct(Me, Bob, true, QStringLiteral("m1"), QStringLiteral("secret plan"))));
        QVERIFY(changed(
            m_store->setReactions(Me, Bob, QStringLiteral("m1"), Bob, {QStringLiteral("👍")})));
        // Bob cannot retract my message.
        QCOMPARE(changed(m_store->retract(Me, Bob, false, QStringLiteral("m1"))), std::nullopt);
        QVERIFY(!get(mine).retracted);
        QCOMPARE(changed(m_store->retract(Me, Bob, true, QStringLiteral("m1"))),
                 std::optional<qint64>(mine));
        const MessageRecord r = get(mine);
        QVERIFY(r.retracted);
        QVERIFY(r.body.isEmpty());
        QVERIFY(r.originalBody.isEmpty());
        auto reactions = m_store->reactions(mine);
        QVERIFY(xmpp::isOk(reactions));
        QVERIFY(std::get<QList<ReactionRecord>>(reactions).isEmpty());
        QCOMPARE(search(QStringLiteral("secret")), QList<qint64>{});
        // A retracted message cannot be corrected back to life.
        QCOMPARE(
            changed(m_store->correct(Me, Bob, true, QStringLiteral("m1"), QStringLiteral("x"))),
            std::nullopt);
    }

    void reactionsReplaceTheSendersWholeSet()
    {
        const qint64 bobs =
            insert(message(Bob, false, QStringLiteral("b1"), QStringLiteral("hi"), 1));
        QVERIFY(changed(m_store->setReactions(Me, Bob, QStringLiteral("b1"), Bob,
                                              {QStringLiteral("👍"), QStringLiteral("😀")})));
        QVERIFY(changed(
            m_store->setReactions(Me, Bob, QStringLiteral("b1"), Me, {QStringLiteral("👍")})));
        QVERIFY(changed(m_store->setReactions(Me, Bob, QStringLiteral("b1"), Bob,
                                              {QStringLiteral("😀"), QStringLiteral("🎉")})));
        auto all = m_store->reactions(bobs);
        QVERIFY(xmpp::isOk(all));
        QCOMPARE(std::get<QList<ReactionRecord>>(all),
                 (QList<ReactionRecord>{{Bob, QStringLiteral("😀")},
                                        {Me, QStringLiteral("👍")},
                                        {Bob, QStringLiteral("🎉")}}));
        // A reaction in another conversation naming this id finds nothing.
        QCOMPARE(changed(m_store->setReactions(Me, Carol, QStringLiteral("b1"), Carol,
                                               {QStringLiteral("💩")})),
                 std::nullopt);
        auto toggled = m_db->wait(m_store->toggleReaction(bobs, Me, QStringLiteral("👍")));
        QVERIFY(xmpp::isOk(toggled));
        QCOMPARE(std::get<QStringList>(toggled), QStringList{});
    }

    void markersMoveReadStateUpToTheNamedMessage()
    {
        const qint64 m1 = insert(message(Bob, true, QStringLiteral("m1"), QStringLiteral("a"), 1));
        const qint64 m2 = insert(message(Bob, true, QStringLiteral("m2"), QStringLiteral("b"), 2));
        const qint64 m3 = insert(message(Bob, true, QStringLiteral("m3"), QStringLiteral("c"), 3));
        auto read = m_db->wait(m_store->markOutgoingReadUpTo(Me, Bob, QStringLiteral("m2")));
        QVERIFY(xmpp::isOk(read));
        auto ids = std::get<QList<qint64>>(read);
        std::sort(ids.begin(), ids.end());
        QCOMPARE(ids, (QList<qint64>{m1, m2}));
        QCOMPARE(get(m3).state, DeliveryState::Delivered);
        // Carol's conversation has no m3.
        auto none = m_db->wait(m_store->markOutgoingReadUpTo(Me, Carol, QStringLiteral("m3")));
        QVERIFY(xmpp::isOk(none));
        QVERIFY(std::get<QList<qint64>>(none).isEmpty());

        // Incoming: up to a message id (our other device's marker) or a stanza-id (XEP-0490).
        MessageRecord i1 = message(Bob, false, QStringLiteral("i1"), QStringLiteral("x"), 4);
        i1.stanzaId = QStringLiteral("s1");
        i1.stanzaIdBy = Me;
        MessageRecord i2 = message(Bob, false, QStringLiteral("i2"), QStringLiteral("y"), 5);
        i2.stanzaId = QStringLiteral("s2");
        i2.stanzaIdBy = Me;
        MessageRecord i3 = message(Bob, false, QStringLiteral("i3"), QStringLiteral("z"), 6);
        insert(i1);
        insert(i2);
        insert(i3);
        auto n = m_db->wait(m_store->markReadUpToStanzaId(Me, Bob, Me, QStringLiteral("s1")));
        QVERIFY(xmpp::isOk(n));
        QCOMPARE(std::get<int>(n), 1);
        // The stanza-id of another conversation or another archive: nothing.
        n = m_db->wait(m_store->markReadUpToStanzaId(Me, Carol, Me, QStringLiteral("s2")));
        QCOMPARE(std::get<int>(n), 0);
        n = m_db->wait(m_store->markReadUpToStanzaId(Me, Bob, Carol, QStringLiteral("s2")));
        QCOMPARE(std::get<int>(n), 0);
        n = m_db->wait(m_store->markReadUpTo(Me, Bob, QStringLiteral("i3")));
        QCOMPARE(std::get<int>(n), 2);
        auto unread = m_store->unreadCount(Me, Bob);
        QCOMPARE(std::get<int>(unread), 0);
    }
};

QTEST_GUILESS_MAIN(TestMessageFeatureStore)
#include "tst_messagefeaturestore.moc"
