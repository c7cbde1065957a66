// SPDX-License-Identifier: GPL-3.0-or-later
// SearchStore: FTS5 search over message bodies (accents, prefixes, several words, hostile
// syntax, snippets as plain text, filters, ranking) and the index following edits/deletes.
#include "core/services/messagesearch.h"
#include "core/storage/messagestore.h"
#include "core/storage/searchstore.h"
#include "storagetest.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace parla;
using namespace parla::storage;
using parla::storage::test::openOrNull;

namespace {

const QString Me = QStringLiteral("me@example.org");
const QString Work = QStringLiteral("me@work.example");
const QString Juliet = QStringLiteral("juliet@example.com");
const QString Romeo = QStringLiteral("romeo@example.net");

MessageRecord message(const QString &account, const QString &peer, const QString &body,
                      qint64 seconds)
{
    MessageRecord m;
    m.account = account;
    m.peer = peer;
    m.senderJid = peer + QStringLiteral("/phone");
    m.body = body;
    m.timestamp = QDateTime::fromMSecsSinceEpoch(1700000000000 + seconds * 1000, Qt::UTC);
    m.state = DeliveryState::Received;
    return m;
}

QList<qint64> idsOf(const QList<SearchHit> &hits)
{
    QList<qint64> ids;
    for (const SearchHit &h : hits)
        ids.append(h.messageId);
    return ids;
}

/// The snippet's highlighted parts, in order.
QStringList marked(const SearchHit &hit)
{
    QStringList parts;
    for (const SearchMatch &m : hit.matches)
        parts.append(hit.snippet.mid(m.start, m.length));
    return parts;
}

} // namespace

class TestSearchStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    qint64 m_creme = 0, m_cremeOld = 0, m_meeting = 0, m_html = 0, m_work = 0, m_romeo = 0;

    qint64 insert(const MessageRecord &m)
    {
        auto r = m_db->wait(MessageStore(*m_db).insert(m));
        if (!xmpp::isOk(r))
            return 0;
        return std::get<InsertResult>(r).id;
    }

    QList<SearchHit> search(const QString &text, const SearchFilter &filter = {}, int limit = 50)
    {
        auto r = SearchStore(m_db->reader()).search(text, limit, filter);
        if (!xmpp::isOk(r)) {
            qWarning("search failed: %s", qPrintable(std::get<xmpp::Error>(r).text));
            return {{}}; // one empty hit: the comparisons below fail
        }
        return std::get<QList<SearchHit>>(r);
    }

    bool runSql(const QString &sql, qint64 id)
    {
        const QByteArray utf8 = sql.toUtf8();
        auto r = m_db->wait(m_db->write<int>([utf8, id](Connection &c) -> Result<int> {
            Query q(c, utf8.constData());
            if (!q.bindInt(1, id).exec())
                return q.error();
            return c.changes();
        }));
        return xmpp::isOk(r) && std::get<int>(r) == 1;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        static int n = 0;
        m_db = openOrNull(m_dir.filePath(QStringLiteral("search-%1.db").arg(++n)));
        QVERIFY(m_db);
        m_cremeOld = insert(message(Me, Juliet, QStringLiteral("La crème brûlée était bonne"), 10));
        m_creme = insert(message(Me, Juliet, QStringLiteral("Encore de la crème brûlée ?"), 20));
        m_meeting = insert(message(Me, Romeo,
                                   QStringLiteral("The meeting moved to Thursday, see you "
                                                  "at the café"),
                                   30));
        m_html = insert(
            message(Me, Romeo, QStringLiteral("<b>bold</b> & <script>alert(1)</script> tag"), 40));
        m_work = insert(message(Work, Juliet, QStringLiteral("Meeting notes for Thursday"), 50));
        m_romeo = insert(message(Me, Romeo, QStringLiteral("Where art thou"), 60));
        QVERIFY(m_cremeOld && m_creme && m_meeting && m_html && m_work && m_romeo);
    }
    void cleanup() { m_db.reset(); }

    void accentInsensitive()
    {
        // Both directions: unaccented query, accented text, and the other way round.
        QCOMPARE(idsOf(search(QStringLiteral("creme"))).size(), 2);
        QCOMPARE(idsOf(search(QStringLiteral("CRÈME"))).size(), 2);
        QCOMPARE(idsOf(search(QStringLiteral("brulee"))).size(), 2);
        QCOMPARE(idsOf(search(QStringLiteral("cafe"))), QList<qint64>{m_meeting});
        QCOMPARE(idsOf(search(QStringLiteral("café"))), QList<qint64>{m_meeting});
    }

    void prefixOnLastWord()
    {
        QCOMPARE(idsOf(search(QStringLiteral("thurs"))).size(), 2);
        QCOMPARE(idsOf(search(QStringLiteral("cr"))).size(), 2);
        // Only the last word is a prefix: "meet" as a finished word does not match "meeting".
        QCOMPARE(idsOf(search(QStringLiteral("meet thursday"))), QList<qint64>{});
        QCOMPARE(idsOf(search(QStringLiteral("moved thu"))), QList<qint64>{m_meeting});
    }

    void everyWordMustMatch()
    {
        QCOMPARE(idsOf(search(QStringLiteral("meeting thursday"))).size(), 2);
        QCOMPARE(idsOf(search(QStringLiteral("meeting café"))), QList<qint64>{m_meeting});
        QCOMPARE(idsOf(search(QStringLiteral("crème thursday"))), QList<qint64>{});
    }

    void rankedThenNewestFirst()
    {
        // Same words, equal bm25 up to length: the shorter body ranks first (bm25), and among
        // the Juliet crème messages both match; the result is a stable, deterministic order.
        const auto hits = search(QStringLiteral("brûlée"));
        QCOMPARE(hits.size(), 2);
        // "Encore de la crème brûlée ?" is shorter than the older one: better bm25 and newer.
        QCOMPARE(hits.first().messageId, m_creme);
        // Identical bodies tie on bm25: the newer one first.
        const qint64 a = insert(message(Me, Juliet, QStringLiteral("zebra crossing"), 100));
        const qint64 b = insert(message(Me, Romeo, QStringLiteral("zebra crossing"), 200));
        const qint64 c = insert(message(Me, Juliet, QStringLiteral("zebra crossing"), 150));
        QCOMPARE(idsOf(search(QStringLiteral("zebra"))), (QList<qint64>{b, c, a}));
    }

    void hostileSyntaxIsText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("found");
        // Every chunk is searched as words: "OR creme" needs the word "or" too, "NOT" is a
        // prefix of "notes".
        const std::pair<const char *, int> cases[] = {{"\"", 0},
                                                      {"\"\"", 0},
                                                      {"NEAR(", 0},
                                                      {"NEAR(a b", 0},
                                                      {"*", 0},
                                                      {"-", 0},
                                                      {"-creme", 2},
                                                      {"creme -", 2},
                                                      {"AND", 0},
                                                      {"OR creme", 0},
                                                      {"NOT", 1},
                                                      {"body:creme", 0},
                                                      {"{body}: x", 0},
                                                      {"^creme", 2},
                                                      {"(", 0},
                                                      {")", 0},
                                                      {"creme\"", 2},
                                                      {"crème*", 2},
                                                      {"a\" OR \"b", 0},
                                                      {"\\", 0},
                                                      {"+", 0},
                                                      {":", 0},
                                                      {"\x01\x02\x03", 0},
                                                      {"ＮＥＡＲ(", 0},
                                                      {"   ", 0},
                                                      {"'; DROP TABLE message; --", 0}};
        for (const auto &[t, found] : cases)
            QTest::newRow(t) << QString::fromUtf8(t) << found;
    }
    void hostileSyntaxIsText()
    {
        QFETCH(QString, text);
        QFETCH(int, found);
        auto r = SearchStore(m_db->reader()).search(text, 50, {});
        QVERIFY2(xmpp::isOk(r),
                 qPrintable(xmpp::isOk(r) ? QString() : std::get<xmpp::Error>(r).text));
        // A word in the hostile text is still searched for as a word.
        QCOMPARE(std::get<QList<SearchHit>>(r).size(), found);
        QCOMPARE(search(QStringLiteral("thou")).size(), 1); // the table is intact
    }

    void operatorsAreWords()
    {
        const qint64 id = insert(message(Me, Juliet, QStringLiteral("near and not or"), 70));
        QCOMPARE(idsOf(search(QStringLiteral("NEAR AND NOT OR"))), QList<qint64>{id});
        QCOMPARE(SearchStore::matchExpression(QStringLiteral("a\"b NEAR(")),
                 QStringLiteral("\"a\"\"b\" \"NEAR(\"*"));
        QCOMPARE(SearchStore::matchExpression(QStringLiteral(" - * \" ")), QString());
    }

    void snippetIsPlainTextWithMatches()
    {
        const auto hits = search(QStringLiteral("bold"));
        QCOMPARE(hits.size(), 1);
        const SearchHit &hit = hits.first();
        QCOMPARE(hit.messageId, m_html);
        QCOMPARE(hit.account, Me);
        QCOMPARE(hit.peer, Romeo);
        QCOMPARE(hit.senderJid, Romeo + QStringLiteral("/phone"));
        QCOMPARE(hit.timestamp, QDateTime::fromMSecsSinceEpoch(1700000040000, Qt::UTC));
        // The body's markup is kept verbatim as text (the UI escapes it), markers are gone.
        QCOMPARE(hit.snippet, QStringLiteral("<b>bold</b> & <script>alert(1)</script> tag"));
        QCOMPARE(marked(hit), QStringList{QStringLiteral("bold")});

        const auto accented = search(QStringLiteral("creme brul"));
        QCOMPARE(accented.size(), 2);
        for (const SearchHit &h : accented)
            QCOMPARE(marked(h), (QStringList{QStringLiteral("crème"), QStringLiteral("brûlée")}));
    }

    void longBodyIsShortened()
    {
        QString body;
        for (int i = 0; i < 200; ++i)
            body += QStringLiteral("filler%1 ").arg(i);
        body += QStringLiteral("needle ");
        for (int i = 0; i < 200; ++i)
            body += QStringLiteral("more%1 ").arg(i);
        insert(message(Me, Juliet, body, 80));
        const auto hits = search(QStringLiteral("needle"));
        QCOMPARE(hits.size(), 1);
        QVERIFY(hits.first().snippet.size() < 300);
        QVERIFY(hits.first().snippet.startsWith(QStringLiteral("…")));
        QCOMPARE(marked(hits.first()), QStringList{QStringLiteral("needle")});
    }

    void filters()
    {
        QCOMPARE(idsOf(search(QStringLiteral("thursday"), {Work, {}})), QList<qint64>{m_work});
        QCOMPARE(idsOf(search(QStringLiteral("thursday"), {Me, {}})), QList<qint64>{m_meeting});
        QCOMPARE(idsOf(search(QStringLiteral("thursday"), {{}, Juliet})), QList<qint64>{m_work});
        QCOMPARE(idsOf(search(QStringLiteral("thursday"), {Me, Juliet})), QList<qint64>{});
        QCOMPARE(search(QStringLiteral("crème"), {}, 1).size(), 1);

        // The filtered conversation's only match ranks below many others: the over-fetch by
        // rank misses it and the exact, filtered ranking finds it.
        for (int i = 0; i < 40; ++i)
            insert(message(Me, Romeo, QStringLiteral("zebra"), 100 + i));
        const qint64 juliet = insert(message(Me, Juliet,
                                             QStringLiteral("a zebra among many other words "
                                                            "that make its rank worse"),
                                             200));
        QCOMPARE(idsOf(search(QStringLiteral("zebra"), {{}, Juliet}, 1)), QList<qint64>{juliet});
        QCOMPARE(search(QStringLiteral("zebra"), {{}, Romeo}, 5).size(), 5);
    }

    void followsBodyUpdates()
    {
        // A retraction (XEP-0424) or correction (XEP-0308) rewrites the body: the old words
        // must no longer be found, the new ones must.
        QVERIFY(runSql(QStringLiteral("UPDATE message SET body = 'retracted' WHERE id = ?1"),
                       m_meeting));
        QCOMPARE(idsOf(search(QStringLiteral("café"))), QList<qint64>{});
        QCOMPARE(idsOf(search(QStringLiteral("thursday"))), QList<qint64>{m_work});
        QCOMPARE(idsOf(search(QStringLiteral("retracted"))), QList<qint64>{m_meeting});
        QVERIFY(runSql(QStringLiteral("UPDATE message SET body = '' WHERE id = ?1"), m_meeting));
        QCOMPARE(idsOf(search(QStringLiteral("retracted"))), QList<qint64>{});
    }

    void followsDeletes()
    {
        QVERIFY(runSql(QStringLiteral("DELETE FROM message WHERE id = ?1"), m_creme));
        QCOMPARE(idsOf(search(QStringLiteral("creme"))), QList<qint64>{m_cremeOld});
    }

    void searchOffTheGuiThread()
    {
        services::MessageSearch searcher(m_db->path());
        auto superseded = searcher.search(QStringLiteral("creme"), {}, 50);
        auto task = searcher.search(QStringLiteral("thursday"), {Work, {}}, 50);
        QTRY_VERIFY(task.isFinished());
        QTRY_VERIFY(superseded.isFinished());
        const auto &r = *task.result();
        QVERIFY(xmpp::isOk(r));
        QCOMPARE(idsOf(std::get<QList<SearchHit>>(r)), QList<qint64>{m_work});
    }
};

QTEST_GUILESS_MAIN(TestSearchStore)
#include "tst_searchstore.moc"
