// SPDX-License-Identifier: GPL-3.0-or-later
// Both message pipelines over a real Account and store, offline, fed recorded XML: every
// incoming route (live, carbon, archive, scroll-back, room, room join history, room archive,
// room private message) passes a plug-in's Decrypt step, which rewrites the stanza as a
// decryption would, and what is stored is what the step made of it; the time a message is
// filed under comes only from whoever may set it; what the user writes or does offline passes
// the plug-in's Encrypt step and is persisted (a Pending message, an outbox row) before any
// connection exists. The same plug-in against Prosody: tests/integration/plugins.
#include "core/models/messagemodel.h"
#include "core/models/roles.h"
#include "core/services/account.h"
#include "core/services/passwordstore.h"
#include "core/services/rooms.h"
#include "core/storage/database.h"
#include "core/storage/outboxstore.h"
#include "core/xmpp/xep/xep0045_muc/mucmanager.h"
#include "tests/support/sealing.h"
#include "tests/unit/storage/storagetest.h"
#include "tests/unit/xep/xmlhelper.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace parla;
using namespace parla::services;
using namespace parla::storage;
using namespace parla::xmpp;

namespace {

const QString Me = QStringLiteral("hag66@shakespeare.lit");
const QString Bob = QStringLiteral("bob@shakespeare.lit");
const QString kRoom = QStringLiteral("coven@chat.shakespeare.lit");

Element xml(const QByteArray &text)
{
    const Element e = parla::xmpp::test::fromXml(text);
    if (e.isNull())
        qFatal("bad test XML");
    return e;
}

/// Opens "sealed:" bodies on the way in, seals bodies on the way out; records what it saw.
class SealingPlugin final : public AccountPlugin
{
public:
    QList<Route> routes;
    QList<OutgoingKind> kinds;
    QString name() const override { return QStringLiteral("sealing test plug-in"); }
    void install(AccountHooks &account) override
    {
        account.incoming().addStep(PipelineStage::Decrypt,
                                   [this](IncomingBatch &batch, std::function<void()> next) {
                                       for (IncomingEnvelope &e : batch) {
                                           routes << e.route;
                                           testing::unseal(e);
                                       }
                                       next();
                                   });
        account.outgoing().addStep(PipelineStage::Encrypt,
                                   [this](OutgoingEnvelope &e, std::function<void()> next) {
                                       kinds << e.kind;
                                       testing::seal(e);
                                       next();
                                   });
    }
};

QByteArray chat(const QString &from, const QString &to, const QString &id, const QString &body,
                const QByteArray &extra = {})
{
    return "<message xmlns='jabber:client' type='chat' from='" + from.toUtf8() + "' to='" +
           to.toUtf8() + "' id='" + id.toUtf8() + "'><body>" + body.toUtf8() + "</body>" + extra +
           "</message>";
}

QByteArray groupchat(const QString &nick, const QString &id, const QString &body,
                     const QByteArray &extra = {})
{
    return "<message xmlns='jabber:client' type='groupchat' from='" + kRoom.toUtf8() + '/' +
           nick.toUtf8() + "' to='" + Me.toUtf8() + "/pda' id='" + id.toUtf8() + "'><body>" +
           body.toUtf8() + "</body>" + extra + "</message>";
}

QByteArray delay(const QString &from, const QString &stamp)
{
    return "<delay xmlns='urn:xmpp:delay' from='" + from.toUtf8() + "' stamp='" + stamp.toUtf8() +
           "'/>";
}

IncomingEnvelope envelope(Route route, const Element &stanza)
{
    IncomingEnvelope e;
    e.stanza = stanza;
    e.route = route;
    const auto parsed = ChatMessage::fromElement(stanza);
    if (!parsed)
        qFatal("not a message");
    e.message = *parsed;
    e.sender.jid = parsed->from;
    return e;
}

IncomingEnvelope archived(Route route, const Element &stanza, const QString &by, const QString &id,
                          const QDateTime &stamp)
{
    IncomingEnvelope e = envelope(route, stanza);
    e.archive.id = id;
    e.archive.by = Jid::fromString(by);
    e.archive.stamp = stamp;
    return e;
}

QList<int> ints(const QList<OutgoingKind> &kinds)
{
    QList<int> out;
    for (OutgoingKind k : kinds)
        out << int(k);
    return out;
}

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

} // namespace

class TestPipelineRoutes : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    MemoryPasswordStore m_passwords;
    std::unique_ptr<Account> m_account;
    SealingPlugin m_plugin;

    /// Runs one batch through the incoming pipeline; the records it stored.
    QList<MessageRecord> receive(IncomingBatch batch)
    {
        auto r = m_db->wait(m_account->receive(std::move(batch)));
        return isOk(r) ? std::get<QList<MessageRecord>>(r) : QList<MessageRecord>{};
    }
    MessageRecord one(IncomingEnvelope e) { return receive({std::move(e)}).value(0); }

private Q_SLOTS:
    void init()
    {
        m_plugin.routes.clear();
        m_plugin.kinds.clear();
        m_db = storage::test::openOrNull(
            m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".db"_qs));
        QVERIFY(m_db);
        AccountRecord record;
        record.jid = Me;
        AccountContext context;
        context.database = m_db.get();
        context.passwords = &m_passwords;
        m_account = std::make_unique<Account>(record, context);
        m_account->install(m_plugin);
        // In the room (offline: remembered, then our own presence as the room sends it).
        m_account->rooms()->join(kRoom, QStringLiteral("thirdwitch"));
        MucManager *muc = m_account->rooms()->muc();
        muc->join(Jid::fromString(kRoom), QStringLiteral("thirdwitch"));
        QVERIFY(muc->handleStanza(
            xml("<presence from='" + kRoom.toUtf8() + "/thirdwitch' to='" + Me.toUtf8() +
                "/pda'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' "
                "role='participant'/><status code='110'/></x></presence>")));
        QCOMPARE(m_account->rooms()->room(kRoom)->state(), RoomState::Joined);
    }
    void cleanup()
    {
        m_account.reset();
        m_db.reset();
    }

    void everyIncomingRoutePassesThePlugin()
    {
        const QDateTime stamp = utc("2026-01-02T03:04:05Z");
        const QString bobPhone = Bob + u"/phone"_qs;
        const QList<std::pair<IncomingEnvelope, QString>> cases = {
            {envelope(Route::Live,
                      xml(chat(bobPhone, Me + u"/pda"_qs, u"l1"_qs, u"sealed:live"_qs))),
             Bob},
            {envelope(Route::Carbon,
                      xml(chat(Me + u"/phone"_qs, Bob, u"c1"_qs, u"sealed:carbon"_qs))),
             Bob},
            {archived(Route::Archive, xml(chat(bobPhone, Me, u"a1"_qs, u"sealed:archive"_qs)), Me,
                      u"arch-1"_qs, stamp),
             Bob},
            {archived(Route::ScrollBack,
                      xml(chat(bobPhone, Me, u"s1"_qs, u"sealed:scroll-back"_qs)), Me, u"arch-0"_qs,
                      stamp.addDays(-1)),
             Bob},
            {envelope(Route::Room, xml(groupchat(u"firstwitch"_qs, u"r1"_qs, u"sealed:room"_qs))),
             kRoom},
            {envelope(Route::RoomHistory,
                      xml(groupchat(u"firstwitch"_qs, u"h1"_qs, u"sealed:room history"_qs,
                                    delay(kRoom, u"2026-01-01T00:00:00Z"_qs)))),
             kRoom},
            {archived(Route::RoomArchive,
                      xml(groupchat(u"secondwitch"_qs, u"ra1"_qs, u"sealed:room archive"_qs)),
                      kRoom, u"room-arch-1"_qs, stamp),
             kRoom},
            {envelope(Route::RoomPrivate, xml(chat(kRoom + u"/firstwitch"_qs, Me + u"/pda"_qs,
                                                   u"p1"_qs, u"sealed:room private"_qs))),
             kRoom + u"/firstwitch"_qs},
        };
        for (const auto &[e, peer] : cases) {
            const Route route = e.route;
            const QString sealed = e.stanza.childText(u"body");
            const MessageRecord stored = one(e);
            QVERIFY2(stored.id > 0, qPrintable(sealed));
            QVERIFY(m_plugin.routes.contains(route));
            // What the step made of the stanza is what is stored and shown.
            QCOMPARE(stored.body, sealed.mid(testing::kSealed.size()));
            QCOMPARE(stored.peer, peer);
        }
        QCOMPARE(m_plugin.routes.size(), cases.size());
    }

    void timesComeOnlyFromWhoMaySetThem()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString bobPhone = Bob + u"/phone"_qs;
        const auto filedAt = [&](IncomingEnvelope e) { return one(std::move(e)).timestamp; };
        const auto arrival = [&](const QDateTime &t) {
            return t >= now.addSecs(-1) && t <= QDateTime::currentDateTimeUtc().addSecs(1);
        };
        // Offline delivery: our server's delay (this account has no earlier session).
        QCOMPARE(filedAt(envelope(Route::Live, xml(chat(bobPhone, Me, u"t1"_qs, u"kept"_qs,
                                                        delay(u"shakespeare.lit"_qs,
                                                              u"2026-01-01T10:00:00Z"_qs))))),
                 utc("2026-01-01T10:00:00Z"));
        // Anyone else's delay: when it arrived.
        QVERIFY(arrival(filedAt(
            envelope(Route::Live,
                     xml(chat(bobPhone, Me, u"t2"_qs, u"claimed"_qs,
                              delay(u"evil.shakespeare.lit"_qs, u"2001-01-01T00:00:00Z"_qs)))))));
        // Our server's name, but in the future: never after now.
        QVERIFY(arrival(filedAt(envelope(
            Route::Live, xml(chat(bobPhone, Me, u"t3"_qs, u"future"_qs,
                                  delay(u"shakespeare.lit"_qs, u"2999-01-01T00:00:00Z"_qs)))))));
        // The room's join history: the room's delay counts; a live room message is not
        // history, even with the room's name in its delay.
        QCOMPARE(filedAt(envelope(Route::RoomHistory,
                                  xml(groupchat(u"firstwitch"_qs, u"t4"_qs, u"old news"_qs,
                                                delay(kRoom, u"2026-01-01T09:00:00Z"_qs))))),
                 utc("2026-01-01T09:00:00Z"));
        QVERIFY(arrival(filedAt(
            envelope(Route::Room, xml(groupchat(u"firstwitch"_qs, u"t5"_qs, u"back-dated"_qs,
                                                delay(kRoom, u"2001-01-01T00:00:00Z"_qs)))))));
        // An occupant's delay in the join history: not the room's.
        QVERIFY(arrival(filedAt(envelope(
            Route::RoomHistory,
            xml(groupchat(u"firstwitch"_qs, u"t6"_qs, u"occupant says"_qs,
                          delay(kRoom + u"/firstwitch"_qs, u"2001-01-01T00:00:00Z"_qs)))))));
        // Archives: their stamp, whatever delay the message carries; never in the future.
        QCOMPARE(filedAt(archived(Route::Archive,
                                  xml(chat(bobPhone, Me, u"t7"_qs, u"archived"_qs,
                                           delay(Bob, u"2001-01-01T00:00:00Z"_qs))),
                                  Me, u"arch-7"_qs, utc("2026-01-01T08:00:00Z"))),
                 utc("2026-01-01T08:00:00Z"));
        QVERIFY(
            arrival(filedAt(archived(Route::Archive, xml(chat(bobPhone, Me, u"t8"_qs, u"ahead"_qs)),
                                     Me, u"arch-8"_qs, utc("2999-01-01T00:00:00Z")))));
    }

    void roomHistoryEndsWithTheSubject()
    {
        // Through the room's own route: before the subject, the join history (the room's
        // delay counts); after it, live messages, whatever delay an occupant wrote into them.
        MucManager *muc = m_account->rooms()->muc();
        QSignalSpy stored(m_account.get(), &Account::messagesStored);
        const auto feed = [&](const QByteArray &stanza) {
            stored.clear();
            if (!muc->handleStanza(xml(stanza)) || !stored.wait(5000))
                return std::pair{Route::Live, MessageRecord{}};
            const auto args = stored.takeFirst();
            return std::pair{args.at(1).value<Route>(),
                             args.at(0).value<QList<MessageRecord>>().value(0)};
        };
        const auto [historyRoute, history] =
            feed(groupchat(u"firstwitch"_qs, u"j1"_qs, u"said yesterday"_qs,
                           delay(kRoom, u"2026-01-01T07:00:00Z"_qs)));
        QCOMPARE(int(historyRoute), int(Route::RoomHistory));
        QCOMPARE(history.timestamp, utc("2026-01-01T07:00:00Z"));
        QVERIFY(muc->handleStanza(xml("<message xmlns='jabber:client' type='groupchat' from='" +
                                      kRoom.toUtf8() + "' to='" + Me.toUtf8() +
                                      "/pda' id='s1'><subject>brew night</subject></message>")));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto [liveRoute, live] = feed(groupchat(u"firstwitch"_qs, u"j2"_qs, u"back-dated"_qs,
                                                      delay(kRoom, u"2001-01-01T00:00:00Z"_qs)));
        QCOMPARE(int(liveRoute), int(Route::Room));
        QVERIFY2(live.timestamp >= now.addSecs(-1),
                 qPrintable(live.timestamp.toString(Qt::ISODate)));
    }

    // Issue 12, a full disk: while the store fails nothing of the batch is notified or applied
    // (so no receipt goes out), the user hears of it once, the catch-up cursor stays before
    // what is not stored, and once the disk takes writes again everything is stored once, in
    // the order it arrived, and the user hears that too.
    void aStoreThatFailsWaitsForTheDiskInOrder()
    {
        Database &db = *m_db;
        const auto diskFull = [&db](bool full) {
            return isOk(db.wait(db.write<Success>([full](Connection &c) -> Result<Success> {
                Query count(c, "PRAGMA page_count");
                const qint64 pages = count.next() ? count.integer(0) : 0;
                const QByteArray sql =
                    "PRAGMA max_page_count = " + QByteArray::number(full ? pages : qint64(1) << 30);
                if (auto e = c.exec(sql.constData()))
                    return *e;
                return Success{};
            })));
        };
        QSignalSpy failed(m_account.get(), &Account::storageFailed);
        QSignalSpy recovered(m_account.get(), &Account::storageRecovered);
        QSignalSpy stored(m_account.get(), &Account::messagesStored);
        QVERIFY(diskFull(true));

        const QString padding(3000, u'x');
        std::vector<Task<Result<QList<MessageRecord>>>> tasks;
        QStringList sent;
        for (int i = 0; i < 30; ++i) {
            const QString body = QStringLiteral("full %1 ").arg(i, 2, 10, QLatin1Char('0'));
            sent << body;
            tasks.push_back(m_account->receive({envelope(
                Route::Live, xml(chat(Bob + u"/phone"_qs, Me + u"/pda"_qs,
                                      QStringLiteral("disk-%1").arg(i), body + padding)))}));
        }
        // An archive page behind them, carrying the catch-up cursor.
        const QDateTime earlier = QDateTime::currentDateTimeUtc().addSecs(-3600);
        tasks.push_back(m_account->receive(
            {archived(
                Route::Archive,
                xml(chat(Bob + u"/phone"_qs, Me, u"disk-archived"_qs, u"archived "_qs + padding)),
                Me, u"arch-after-full"_qs, earlier)},
            QStringLiteral("arch-after-full")));
        QVERIFY(failed.wait(5000));
        QTest::qWait(300);
        QCOMPARE(failed.count(), 1); // once per outage, not once per message
        int storedWhileFull = 0;
        for (const auto &call : std::as_const(stored))
            storedWhileFull += int(call.at(0).value<QList<MessageRecord>>().size());
        QVERIFY2(storedWhileFull < 31, "the disk never filled up");
        QVERIFY(!tasks.back().isFinished());
        const auto cursorWhileFull = m_account->syncStore().cursor(Me);
        QVERIFY(isOk(cursorWhileFull));
        QVERIFY(std::get<QString>(cursorWhileFull) != u"arch-after-full"_qs);

        QVERIFY(diskFull(false));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(tasks.cbegin(), tasks.cend(),
                                   [](const auto &t) { return t.isFinished(); });
            },
            15000));
        for (const auto &t : tasks)
            QVERIFY(isOk(*t.result()));
        QCOMPARE(recovered.count(), 1);
        const auto cursor = m_account->syncStore().cursor(Me);
        QVERIFY(isOk(cursor));
        QCOMPARE(std::get<QString>(cursor), u"arch-after-full"_qs);
        const auto rows = m_account->messages().latest(Me, Bob, 100);
        QVERIFY(isOk(rows));
        QStringList shown;
        for (const MessageRecord &r : std::get<QList<MessageRecord>>(rows))
            shown << r.body.left(r.body.size() - padding.size());
        QCOMPARE(shown, QStringList{u"archived "_qs} + sent); // each once, in arrival order
    }

    // One order for live and archived messages: our archive stamps to the second, a live
    // message is filed to the millisecond. A catch-up page comes after what the conversation
    // holds, so within that second it goes after it, in archive order; further apart, its own
    // time stands.
    void archivedMessagesKeepArchiveOrderWithinTheSecond()
    {
        const QString bobPhone = Bob + u"/phone"_qs;
        QVERIFY(one(envelope(Route::Live, xml(chat(bobPhone, Me, u"o-live"_qs, u"live"_qs,
                                                   delay(u"shakespeare.lit"_qs,
                                                         u"2026-01-01T10:00:00.700Z"_qs)))))
                    .id > 0);
        IncomingBatch page;
        int n = 0;
        for (const char *stamp :
             {"2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z",
              "2026-01-01T10:00:00Z", "2026-01-01T10:00:05Z"}) {
            ++n;
            page.push_back(archived(Route::Archive,
                                    xml(chat(bobPhone, Me, QStringLiteral("o-%1").arg(n),
                                             QStringLiteral("archived %1").arg(n))),
                                    Me, QStringLiteral("arch-o-%1").arg(n), utc(stamp)));
        }
        QCOMPARE(receive(std::move(page)).size(), 5);
        const auto rows = m_account->messages().latest(Me, Bob, 10);
        QVERIFY(isOk(rows));
        QStringList order;
        QList<QDateTime> times;
        for (const MessageRecord &r : std::get<QList<MessageRecord>>(rows)) {
            order << r.body;
            times << r.timestamp;
        }
        QCOMPARE(order, (QStringList{u"archived 1"_qs, u"live"_qs, u"archived 2"_qs,
                                     u"archived 3"_qs, u"archived 4"_qs, u"archived 5"_qs}));
        QCOMPARE(times.at(0), utc("2026-01-01T09:00:00Z"));
        QCOMPARE(times.at(2), utc("2026-01-01T10:00:00.701Z"));
        QCOMPARE(times.at(4), utc("2026-01-01T10:00:00.703Z"));
        QCOMPARE(times.at(5), utc("2026-01-01T10:00:05Z"));
    }

    // An open conversation is caught up first, then the account's archive brings the same
    // messages again: they are in their place already and stay there (moving them again put a
    // first page after the second one).
    void theSameArchivePageTwiceMovesNothing()
    {
        const QString bobPhone = Bob + u"/phone"_qs;
        QSignalSpy updated(m_account.get(), &Account::messageUpdated);
        m_account->incoming()->catchUpStarting();
        const auto page = [&](int from, int to) {
            IncomingBatch batch;
            for (int n = from; n <= to; ++n)
                batch.push_back(archived(Route::Archive,
                                         xml(chat(bobPhone, Me, QStringLiteral("tw-%1").arg(n),
                                                  QStringLiteral("twice %1").arg(n))),
                                         Me, QStringLiteral("arch-tw-%1").arg(n),
                                         utc("2026-01-01T10:00:00Z")));
            return batch;
        };
        QCOMPARE(receive(page(1, 3)).size(), 3); // the conversation's own catch-up
        QCOMPARE(receive(page(4, 6)).size(), 3);
        QCOMPARE(receive(page(1, 3)).size(), 0); // the account's: the same again
        QCOMPARE(receive(page(4, 6)).size(), 0);
        m_account->incoming()->catchUpEnded();
        QTest::qWait(50);
        QCOMPARE(updated.count(), 0);
        const auto rows = m_account->messages().latest(Me, Bob, 10);
        QVERIFY(isOk(rows));
        QStringList order;
        for (const MessageRecord &r : std::get<QList<MessageRecord>>(rows))
            order << r.body;
        QCOMPARE(order, (QStringList{u"twice 1"_qs, u"twice 2"_qs, u"twice 3"_qs, u"twice 4"_qs,
                                     u"twice 5"_qs, u"twice 6"_qs}));
    }

    // XEP-0490: another device displayed up to a message the catch-up has not brought yet. The
    // mark waits for it and is applied in the transaction that stores it: the message and what
    // came before it are never unread, nor notified; what came after is.
    void displayedMarkWaitsForItsMessage()
    {
        const QString bobPhone = Bob + u"/phone"_qs;
        QVERIFY(one(envelope(Route::Live, xml(chat(bobPhone, Me, u"d-0"_qs, u"before"_qs)))).id >
                0);
        auto marked =
            m_db->wait(m_account->messages().markReadUpToStanzaId(Me, Bob, Me, u"arch-d-2"_qs));
        QVERIFY(isOk(marked));
        QCOMPARE(std::get<int>(marked), 0); // nothing to mark yet: it waits
        QSignalSpy read(m_account.get(), &Account::conversationRead);
        IncomingBatch page;
        const QDateTime t = QDateTime::currentDateTimeUtc().addSecs(-600);
        for (int n = 1; n <= 3; ++n)
            page.push_back(archived(Route::Archive,
                                    xml(chat(bobPhone, Me, QStringLiteral("d-%1").arg(n),
                                             QStringLiteral("archived %1").arg(n))),
                                    Me, QStringLiteral("arch-d-%1").arg(n), t.addSecs(n)));
        const QList<MessageRecord> stored = receive(std::move(page));
        QCOMPARE(stored.size(), 3);
        // As announced: read up to the mark, the rest unread.
        QCOMPARE(stored.at(0).state, DeliveryState::Read);
        QCOMPARE(stored.at(1).state, DeliveryState::Read);
        QCOMPARE(stored.at(2).state, DeliveryState::Received);
        QCOMPARE(read.count(), 1);
        QCOMPARE(read.at(0).at(0).toString(), Bob);
        // As stored: "before" was filed after the archived ones (it arrived later), so it stays
        // unread with "archived 3".
        const auto rows = m_account->messages().latest(Me, Bob, 10);
        QVERIFY(isOk(rows));
        QStringList unread;
        for (const MessageRecord &r : std::get<QList<MessageRecord>>(rows)) {
            if (r.state == DeliveryState::Received)
                unread << r.body;
        }
        QCOMPARE(unread, (QStringList{u"archived 3"_qs, u"before"_qs}));
        // Applied once: the next page is not touched by it.
        const MessageRecord later =
            one(archived(Route::Archive, xml(chat(bobPhone, Me, u"d-4"_qs, u"archived 4"_qs)), Me,
                         u"arch-d-4"_qs, t.addSecs(4)));
        QCOMPARE(later.state, DeliveryState::Received);
        QCOMPARE(read.count(), 1);
    }

    // A message kept for us offline, held back until the catch-up ended, that the archive had
    // already stored: not a new row (the views have it), but news all the same.
    void offlineMessageTheArchiveStoredFirstIsStillNews()
    {
        const QString bobPhone = Bob + u"/phone"_qs;
        QSignalSpy away(m_account.get(), &Account::arrivedWhileAway);
        QSignalSpy stored(m_account.get(), &Account::messagesStored);
        m_account->incoming()->catchUpStarting();
        auto offline = m_account->receive({envelope(
            Route::Live, xml(chat(bobPhone, Me + u"/pda"_qs, u"away-1"_qs, u"while you were out"_qs,
                                  delay(u"shakespeare.lit"_qs, u"2026-01-01T10:00:00Z"_qs))))});
        QTest::qWait(50);
        QVERIFY(!offline.isFinished()); // held back until the catch-up ends
        QCOMPARE(one(archived(Route::Archive,
                              xml(chat(bobPhone, Me, u"away-1"_qs, u"while you were out"_qs)), Me,
                              u"arch-away-1"_qs, utc("2026-01-01T10:00:00Z")))
                     .body,
                 u"while you were out"_qs);
        m_account->incoming()->catchUpEnded();
        const auto r = m_db->wait(std::move(offline));
        QVERIFY(isOk(r));
        QVERIFY(std::get<QList<MessageRecord>>(r).isEmpty()); // no second row
        QCOMPARE(stored.count(), 1);                          // the archive's
        QCOMPARE(away.count(), 1);
        const auto news = away.at(0).at(0).value<QList<MessageRecord>>();
        QCOMPARE(news.size(), 1);
        QCOMPARE(news.at(0).body, u"while you were out"_qs);
        QCOMPARE(news.at(0).id, stored.at(0).at(0).value<QList<MessageRecord>>().at(0).id);
    }

    // A copy that came live during the catch-up is filed where the archive puts it; an open
    // conversation moves that one row there (not a reset, not every row touched).
    void messageFiledElsewhereMovesInAnOpenView()
    {
        const QString bobPhone = Bob + u"/phone"_qs;
        models::MessageModel view(m_account.get(), Bob);
        QAbstractItemModelTester tester(&view,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_account->incoming()->catchUpStarting();
        QVERIFY(one(envelope(Route::Live, xml(chat(bobPhone, Me, u"mv-1"_qs, u"first"_qs)))).id >
                0);
        QTest::qWait(5);
        QVERIFY(one(envelope(Route::Live, xml(chat(bobPhone, Me, u"mv-2"_qs, u"second"_qs)))).id >
                0);
        QCOMPARE(view.rowCount(), 2);
        QCOMPARE(view.index(1).data(models::MessageBodyRole).toString(), u"second"_qs);
        QSignalSpy moved(&view, &QAbstractItemModel::rowsMoved);
        QSignalSpy reset(&view, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&view, &QAbstractItemModel::dataChanged);
        // The archive has "second" a minute earlier than "first" arrived.
        receive({archived(Route::Archive, xml(chat(bobPhone, Me, u"mv-2"_qs, u"second"_qs)), Me,
                          u"arch-mv-2"_qs, QDateTime::currentDateTimeUtc().addSecs(-60))});
        QTRY_COMPARE(moved.count(), 1);
        m_account->incoming()->catchUpEnded();
        QCOMPARE(view.index(0).data(models::MessageBodyRole).toString(), u"second"_qs);
        QCOMPARE(view.index(1).data(models::MessageBodyRole).toString(), u"first"_qs);
        QCOMPARE(reset.count(), 0);
        for (const auto &call : std::as_const(changed)) {
            const auto top = call.at(0).toModelIndex(), bottom = call.at(1).toModelIndex();
            QCOMPARE(top.row(), bottom.row()); // one row at a time
        }
    }

    void offlineWorkPassesThePluginAndIsPersisted()
    {
        QSignalSpy stored(m_account.get(), &Account::messagesStored);
        m_account->sendMessage(Bob, QStringLiteral("written offline"));
        QVERIFY(stored.wait(5000));
        const auto records = stored.takeFirst().at(0).value<QList<MessageRecord>>();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().body, QStringLiteral("written offline")); // ours, unsealed
        QCOMPARE(records.first().state, DeliveryState::Pending);
        QCOMPARE(ints(m_plugin.kinds), QList<int>{int(OutgoingKind::Chat)});

        // A room message and a private message to an occupant: their own kinds.
        m_account->sendMessage(kRoom, QStringLiteral("to the coven"));
        QVERIFY(stored.wait(5000));
        m_account->sendMessage(kRoom + u"/firstwitch"_qs, QStringLiteral("just you"));
        QVERIFY(stored.wait(5000));
        QCOMPARE(ints(m_plugin.kinds),
                 (QList<int>{int(OutgoingKind::Chat), int(OutgoingKind::GroupChat),
                             int(OutgoingKind::RoomPrivate)}));

        // An action made offline waits in the outbox (it survives a restart from there).
        const MessageRecord theirs = one(
            envelope(Route::Live, xml(chat(Bob + u"/phone"_qs, Me, u"x1"_qs, u"react to me"_qs))));
        QVERIFY(theirs.id > 0);
        m_account->toggleReaction(theirs.id, QStringLiteral("👍"));
        QVERIFY(QTest::qWaitFor([&] { return m_plugin.kinds.size() == 4; }, 5000));
        QCOMPARE(int(m_plugin.kinds.last()), int(OutgoingKind::Action));
        OutboxStore outbox(*m_db);
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto pending = outbox.pending(Me);
                return isOk(pending) && std::get<QList<PendingAction>>(pending).size() == 1;
            },
            5000));
        const PendingAction action = std::get<QList<PendingAction>>(outbox.pending(Me)).first();
        QCOMPARE(action.peer, Bob);
        // Kept as composed, before the Encrypt step (a resend encrypts afresh), and readable on
        // its own after a restart.
        const auto queued = ChatMessage::fromElement(Element::fromXml(action.stanza.toUtf8()));
        QVERIFY2(queued, qPrintable(action.stanza));
        QVERIFY(queued->reactions);
        QCOMPARE(queued->reactions->emojis, QStringList{QStringLiteral("👍")});
    }
};

QTEST_MAIN(TestPipelineRoutes)
#include "tst_pipelineroutes.moc"
