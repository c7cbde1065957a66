// SPDX-License-Identifier: GPL-3.0-or-later
// Multi-device sync and history against a real Prosody: XEP-0280 carbons between two resources
// of one account (and forged carbons / MAM results from a contact), XEP-0313 catch-up after
// being offline (each message once, in order, twice in a row), a purged archive recorded as a
// gap, and scroll-back from the server on a fresh profile.
#include "tests/support/localprosody.h"

#include "models/roles.h"
#include "services/historysync.h"
#include "services/passwordstore.h"
#include "session/appsession.h"
#include "storage/syncstore.h"
#include "xmpp/xep/xep0280_carbons/carbonsmanager.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;

namespace {
const QString kPassword = QStringLiteral("s3cret-enough");

template <typename T>
bool await(Task<xmpp::Result<T>> task, int ms = 15000)
{
    return QTest::qWaitFor([&] { return task.isFinished(); }, ms) && xmpp::isOk(*task.result());
}

QStringList column(QAbstractItemModel *model, int role = models::MessageBodyRole)
{
    QStringList out;
    for (int i = 0; i < model->rowCount(); ++i)
        out << model->index(i, 0).data(role).toString();
    return out;
}

/// Every message of `bodies` is in the view and left Pending (the server has it).
bool reachedServer(QAbstractItemModel *model, const QStringList &bodies)
{
    int found = 0;
    for (int i = 0; i < model->rowCount(); ++i) {
        const QModelIndex idx = model->index(i, 0);
        if (!bodies.contains(idx.data(models::MessageBodyRole).toString()))
            continue;
        if (idx.data(models::MessageStateRole).toInt() == int(DeliveryState::Pending))
            return false;
        ++found;
    }
    return found == bodies.size();
}

int rowOf(QAbstractItemModel *model, const QString &body)
{
    return int(column(model).indexOf(body));
}
} // namespace

class TestSync : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;
    QTemporaryDir m_profiles;

    QString jid(const QString &user) const { return user + u'@' + m_server.host(); }

    std::unique_ptr<AppSession> login(const QString &profile, const QString &user,
                                      const QString &resource)
    {
        auto s = std::make_unique<AppSession>(m_profiles.filePath(profile),
                                              std::make_unique<MemoryPasswordStore>());
        s->setExtraCaCertificates({m_server.caCertificatePem()});
        AccountSpec spec;
        spec.jid = jid(user);
        spec.host = testing::LocalProsody::address();
        spec.port = m_server.c2sPort();
        spec.resource = resource;
        if (!await(s->accounts().addAccount(spec, kPassword)))
            return nullptr;
        return s;
    }

    /// A profile used before: its account comes back from the profile, enabled.
    std::unique_ptr<AppSession> reopen(const QString &profile, const QString &user)
    {
        auto s = std::make_unique<AppSession>(m_profiles.filePath(profile),
                                              std::make_unique<MemoryPasswordStore>());
        s->setExtraCaCertificates({m_server.caCertificatePem()});
        // The memory password store starts empty: log in with the password again.
        if (Account *a = s->account(jid(user)))
            a->connectAccount(kPassword);
        return s;
    }

    static bool caughtUp(AppSession *s, const QString &account)
    {
        return QTest::qWaitFor(
            [&] {
                return s->account(account) && s->account(account)->historySync()->hasCaughtUp();
            },
            30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_profiles.isValid());
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob", "carol", "dave", "erin", "frank", "gina", "ivan",
                                 "judy", "kate", "leo"})
            QVERIFY(m_server.registerUser(QString::fromLatin1(user), kPassword));
        QVERIFY(m_server.seedMutualContacts(u"alice"_qs, u"bob"_qs));
        QVERIFY(m_server.seedMutualContacts(u"dave"_qs, u"erin"_qs));
        QVERIFY(m_server.seedMutualContacts(u"frank"_qs, u"gina"_qs));
        QVERIFY(m_server.seedMutualContacts(u"kate"_qs, u"leo"_qs));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    }

    void carbonsBetweenTwoResources()
    {
        const QString a = jid(u"alice"_qs), b = jid(u"bob"_qs), c = jid(u"carol"_qs);
        auto res1 = login(u"alice-1"_qs, u"alice"_qs, u"res1"_qs);
        auto res2 = login(u"alice-2"_qs, u"alice"_qs, u"res2"_qs);
        auto bob = login(u"bob"_qs, u"bob"_qs, u"desk"_qs);
        QVERIFY(res1 && res2 && bob);
        QVERIFY(caughtUp(res1.get(), a) && caughtUp(res2.get(), a));
        QVERIFY(QTest::qWaitFor([&] { return res2->account(a)->carbons()->isEnabled(); }, 10000));
        QAbstractItemModel *view2 = res2->chats().messageModel(a, b);
        QAbstractItemModelTester tester(view2);

        // Bob writes to res1 only; res2 gets the carbon, as an incoming message from bob.
        QVERIFY(xmpp::isOk(bob->accounts().sendRawXml(
            b, u"<message to='%1/res1' type='chat' id='to-res1'><body>for res1</body></message>"_qs
                   .arg(a))));
        QVERIFY(QTest::qWaitFor([&] { return rowOf(view2, u"for res1"_qs) >= 0; }, 10000));
        const QModelIndex in = view2->index(rowOf(view2, u"for res1"_qs), 0);
        QVERIFY(!in.data(models::MessageOutgoingRole).toBool());

        // res1 writes to bob; res2 shows it as outgoing, in the conversation with bob.
        res1->chats().sendMessage(a, b, u"from res1"_qs);
        QVERIFY(QTest::qWaitFor([&] { return rowOf(view2, u"from res1"_qs) >= 0; }, 10000));
        const QModelIndex out = view2->index(rowOf(view2, u"from res1"_qs), 0);
        QVERIFY(out.data(models::MessageOutgoingRole).toBool());
        QCOMPARE(out.data(models::MessageStateRole).toInt(), int(DeliveryState::Sent));

        // Bob forges a carbon (a message "from carol" to alice) and a MAM result: neither
        // shows up anywhere on res2.
        QVERIFY(xmpp::isOk(bob->accounts().sendRawXml(
            b, u"<message to='%1/res2' type='chat'><received xmlns='urn:xmpp:carbons:2'>"
               "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' type='chat' "
               "from='%2/x' to='%1/res2' id='f1'><body>forged carbon</body></message>"
               "</forwarded></received></message>"_qs.arg(a, c))));
        QVERIFY(xmpp::isOk(bob->accounts().sendRawXml(
            b, u"<message to='%1/res2'><result xmlns='urn:xmpp:mam:2' queryid='q' id='z'>"
               "<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' "
               "stamp='2020-01-01T00:00:00Z'/><message xmlns='jabber:client' type='chat' "
               "from='%2/x' to='%1' id='f2'><body>forged history</body></message></forwarded>"
               "</result></message>"_qs.arg(a, c))));
        // A marker message after the forgeries: once it is here, they were processed.
        QVERIFY(xmpp::isOk(bob->accounts().sendRawXml(
            b, u"<message to='%1/res2' type='chat' id='after'><body>after forgeries</body>"
               "</message>"_qs.arg(a))));
        QVERIFY(QTest::qWaitFor([&] { return rowOf(view2, u"after forgeries"_qs) >= 0; }, 10000));
        QCOMPARE(res2->chats().messageModel(a, c)->rowCount(), 0);
        QVERIFY(!column(view2).contains(u"forged carbon"_qs));
        QVERIFY(!column(view2).contains(u"forged history"_qs));
        QCOMPARE(column(view2).count(u"for res1"_qs), 1);
        QCOMPARE(column(view2).count(u"from res1"_qs), 1);
    }

    void catchUpAfterBeingOffline()
    {
        const QString d = jid(u"dave"_qs), e = jid(u"erin"_qs);
        auto erin = login(u"erin"_qs, u"erin"_qs, u"desk"_qs);
        QStringList expected;
        {
            auto dave = login(u"dave"_qs, u"dave"_qs, u"desk"_qs);
            QVERIFY(dave && erin);
            QVERIFY(caughtUp(dave.get(), d));
            // One live message: its stanza-id becomes dave's cursor.
            QAbstractItemModel *view = dave->chats().messageModel(d, e);
            erin->chats().sendMessage(e, d, u"live"_qs);
            expected << u"live"_qs;
            QVERIFY(QTest::qWaitFor([&] { return view->rowCount() == 1; }, 10000));
            // Prosody stamps archived messages to the second; the live copy has our clock's
            // milliseconds. A new second keeps the expected order unambiguous.
            QTest::qWait(1100);
            QVERIFY(QTest::qWaitFor(
                [&] {
                    auto cursor = dave->account(d)->syncStore().cursor(d);
                    return xmpp::isOk(cursor) && !std::get<QString>(cursor).isEmpty();
                },
                5000));
        }
        // Dave is offline; erin writes more than one page (Prosody pages by 50).
        QAbstractItemModel *erinView = erin->chats().messageModel(e, d);
        for (int i = 0; i < 120; ++i) {
            erin->chats().sendMessage(e, d, u"offline %1"_qs.arg(i));
            expected << u"offline %1"_qs.arg(i);
        }
        auto allSent = [&] {
            for (int i = 0; i < erinView->rowCount(); ++i) {
                if (erinView->index(i, 0).data(models::MessageStateRole).toInt() ==
                    int(DeliveryState::Pending))
                    return false;
            }
            return erinView->rowCount() == expected.size();
        };
        QVERIFY(QTest::qWaitFor(allSent, 30000));
        {
            auto dave = reopen(u"dave"_qs, u"dave"_qs);
            QAbstractItemModel *view = dave->chats().messageModel(d, e);
            QVERIFY(caughtUp(dave.get(), d));
            QVERIFY(QTest::qWaitFor([&] { return view->rowCount() >= expected.size(); }, 10000));
            QCOMPARE(column(view), expected);
        }
        // Again: offline, a few more, back: only the new ones, nothing twice.
        for (int i = 0; i < 10; ++i) {
            erin->chats().sendMessage(e, d, u"second %1"_qs.arg(i));
            expected << u"second %1"_qs.arg(i);
        }
        QVERIFY(QTest::qWaitFor(allSent, 30000));
        auto dave = reopen(u"dave"_qs, u"dave"_qs);
        QVERIFY(caughtUp(dave.get(), d));
        QAbstractItemModel *view = dave->chats().messageModel(d, e);
        while (view->canFetchMore({}) && view->rowCount() < expected.size())
            view->fetchMore({});
        QCOMPARE(column(view), expected);
        QTest::qWait(300);
        QCOMPARE(column(view), expected);
    }

    /// Corrections, retractions and reactions made while we were offline reach us through
    /// catch-up and act on the archived originals (often in the same page): one row each.
    void correctionsAndRetractionsArriveThroughCatchUp()
    {
        const QString k = jid(u"kate"_qs), l = jid(u"leo"_qs);
        auto leo = login(u"leo"_qs, u"leo"_qs, u"desk"_qs);
        QVERIFY(leo);
        {
            auto kate = login(u"kate"_qs, u"kate"_qs, u"desk"_qs);
            QVERIFY(kate);
            QVERIFY(caughtUp(kate.get(), k));
            QAbstractItemModel *view = kate->chats().messageModel(k, l);
            leo->chats().sendMessage(l, k, u"before"_qs);
            QVERIFY(QTest::qWaitFor([&] { return view->rowCount() == 1; }, 10000));
            QTest::qWait(1100); // a new second: Prosody stamps archived messages to the second
            QVERIFY(QTest::qWaitFor(
                [&] {
                    auto cursor = kate->account(k)->syncStore().cursor(k);
                    return xmpp::isOk(cursor) && !std::get<QString>(cursor).isEmpty();
                },
                5000));
        }
        // Kate is offline: leo writes, corrects, retracts and reacts.
        QAbstractItemModel *leoView = leo->chats().messageModel(l, k);
        leo->chats().sendMessage(l, k, u"helo kate"_qs);
        leo->chats().sendMessage(l, k, u"a secret"_qs);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return reachedServer(leoView, {u"helo kate"_qs, u"a secret"_qs});
            },
            10000));
        const auto idOf = [&](const QString &body) {
            return leoView->index(rowOf(leoView, body), 0).data(models::MessageIdRole).toLongLong();
        };
        const qint64 typo = idOf(u"helo kate"_qs), secret = idOf(u"a secret"_qs);
        const qint64 before = idOf(u"before"_qs);
        leo->chats().correctMessage(l, typo, u"hello kate"_qs);
        leo->chats().retractMessage(l, secret);
        leo->chats().toggleReaction(l, before, u"👍"_qs);
        leo->chats().sendMessage(l, k, u"after"_qs);
        QVERIFY(QTest::qWaitFor([&] { return reachedServer(leoView, {u"after"_qs}); }, 10000));

        auto kate = reopen(u"kate"_qs, u"kate"_qs);
        QVERIFY(caughtUp(kate.get(), k));
        QAbstractItemModel *view = kate->chats().messageModel(k, l);
        const QStringList expected{u"before"_qs, u"hello kate"_qs, u"This message was deleted"_qs,
                                   u"after"_qs};
        QVERIFY2(QTest::qWaitFor([&] { return column(view) == expected; }, 10000),
                 qPrintable(column(view).join(u" | "_qs)));
        QVERIFY(view->index(1, 0).data(models::MessageEditedRole).toBool());
        QCOMPARE(view->index(1, 0).data(models::MessageOriginalBodyRole).toString(),
                 u"helo kate"_qs);
        QVERIFY(view->index(2, 0).data(models::MessageRetractedRole).toBool());
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !view->index(0, 0).data(models::MessageReactionsRole).toList().isEmpty();
            },
            5000));
        const QVariantMap chip =
            view->index(0, 0).data(models::MessageReactionsRole).toList().first().toMap();
        QCOMPARE(chip.value(u"emoji"_qs).toString(), u"👍"_qs);
        QCOMPARE(chip.value(u"count"_qs).toInt(), 1);

        // A correction made while leo is offline goes out when he is back.
        Account *leoAccount = leo->account(l);
        leoAccount->disconnectAccount();
        leo->chats().correctMessage(l, idOf(u"after"_qs), u"after all"_qs);
        QTest::qWait(200);
        QVERIFY(!column(view).contains(u"after all"_qs));
        leoAccount->connectAccount(kPassword);
        QVERIFY2(QTest::qWaitFor([&] { return column(view).last() == u"after all"_qs; }, 10000),
                 qPrintable(column(view).join(u" | "_qs)));
        QCOMPARE(view->rowCount(), expected.size());
    }

    void purgedArchiveIsShownAsAGap()
    {
        const QString f = jid(u"frank"_qs), g = jid(u"gina"_qs);
        {
            auto frank = login(u"frank"_qs, u"frank"_qs, u"desk"_qs);
            auto gina = login(u"gina"_qs, u"gina"_qs, u"desk"_qs);
            QVERIFY(frank && gina);
            QVERIFY(caughtUp(frank.get(), f));
            QAbstractItemModel *view = frank->chats().messageModel(f, g);
            gina->chats().sendMessage(g, f, u"before the purge"_qs);
            QVERIFY(QTest::qWaitFor([&] { return view->rowCount() == 1; }, 10000));
            QVERIFY(QTest::qWaitFor(
                [&] {
                    auto cursor = frank->account(f)->syncStore().cursor(f);
                    return xmpp::isOk(cursor) && !std::get<QString>(cursor).isEmpty();
                },
                5000));
        }
        // The server forgets frank's archive (internal storage: one list file per user).
        QVERIFY(m_server.stop());
        const QString archive = m_server.dataDir() + u"/localhost/archive/frank.list"_qs;
        QVERIFY2(QFile::exists(archive), qPrintable(archive));
        QVERIFY(QFile::remove(archive));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));

        auto gina = login(u"gina-2"_qs, u"gina"_qs, u"desk"_qs);
        QVERIFY(gina);
        QVERIFY(caughtUp(gina.get(), g));
        QTest::qWait(1100); // after "before the purge"'s second (Prosody stamps to the second)
        QStringList after;
        for (int i = 0; i < 3; ++i) {
            gina->chats().sendMessage(g, f, u"after the purge %1"_qs.arg(i));
            after << u"after the purge %1"_qs.arg(i);
        }
        QAbstractItemModel *ginaView = gina->chats().messageModel(g, f);
        QVERIFY(QTest::qWaitFor([&] { return reachedServer(ginaView, after); }, 10000));

        auto frank = reopen(u"frank"_qs, u"frank"_qs);
        QAbstractItemModel *view = frank->chats().messageModel(f, g);
        QVERIFY(caughtUp(frank.get(), f));
        QVERIFY(QTest::qWaitFor([&] { return view->rowCount() == 4; }, 10000));
        QCOMPARE(column(view), (QStringList{u"before the purge"_qs, u"after the purge 0"_qs,
                                            u"after the purge 1"_qs, u"after the purge 2"_qs}));
        const auto gaps = frank->account(f)->syncStore().gaps(f, g);
        QVERIFY(xmpp::isOk(gaps));
        QCOMPARE(std::get<QList<QDateTime>>(gaps).size(), 1);
        // The notice sits before the first message the archive still had.
        QCOMPARE(column(view, models::MessageGapBeforeRole),
                 (QStringList{u"false"_qs, u"true"_qs, u"false"_qs, u"false"_qs}));
    }

    void scrollBackFromTheServerOnAFreshProfile()
    {
        const QString i = jid(u"ivan"_qs), j = jid(u"judy"_qs), d = jid(u"dave"_qs);
        // Ivan never logged in: everything goes to his archive. Judy's 60 are older than
        // dave's 50, so a fresh profile's catch-up (the newest page) has none of judy's.
        auto judy = login(u"judy"_qs, u"judy"_qs, u"desk"_qs);
        auto dave = login(u"dave-3"_qs, u"dave"_qs, u"laptop"_qs);
        QVERIFY(judy && dave);
        QStringList expected;
        for (int k = 0; k < 60; ++k) {
            judy->chats().sendMessage(j, i, u"judy %1"_qs.arg(k));
            expected << u"judy %1"_qs.arg(k);
        }
        QAbstractItemModel *judyView = judy->chats().messageModel(j, i);
        QVERIFY(QTest::qWaitFor([&] { return reachedServer(judyView, expected); }, 20000));
        QTest::qWait(1100); // a later second for dave's messages
        QStringList fromDave;
        for (int k = 0; k < 50; ++k) {
            dave->chats().sendMessage(d, i, u"dave %1"_qs.arg(k));
            fromDave << u"dave %1"_qs.arg(k);
        }
        QAbstractItemModel *daveView = dave->chats().messageModel(d, i);
        QVERIFY(QTest::qWaitFor([&] { return reachedServer(daveView, fromDave); }, 20000));

        auto ivan = login(u"ivan"_qs, u"ivan"_qs, u"desk"_qs);
        QVERIFY(ivan);
        QVERIFY(caughtUp(ivan.get(), i));
        QAbstractItemModel *view = ivan->chats().messageModel(i, j);
        QAbstractItemModelTester tester(view);
        // None of judy's came with the catch-up (its newest page is dave's), but our server's
        // offline delivery may be storing some of them meanwhile. Scrolling up: the view asks
        // for more whenever it can, until the archive has no more (canFetchMore() stays true
        // until the server's scroll-back reached the archive's start).
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (view->canFetchMore({}))
                    view->fetchMore({});
                return view->rowCount() == expected.size() && !view->canFetchMore({});
            },
            20000));
        QVERIFY(!view->canFetchMore({}));
        QCOMPARE(column(view), expected);
        for (int row = 0; row < view->rowCount(); ++row)
            QVERIFY(!view->index(row, 0).data(models::MessageOutgoingRole).toBool());
    }
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
