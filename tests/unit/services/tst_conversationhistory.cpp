// SPDX-License-Identifier: GPL-3.0-or-later
// The conversation list takes a page of history (Account::messagesStored with a batch, as MAM
// catch-up stores it) in one step: the same rows, order and unread counts as the same messages
// one by one (live), announced with one dataChanged instead of one per message.
#include "models/roles.h"
#include "services/account.h"
#include "services/passwordstore.h"
#include "session/appsession.h"
#include "storage/accountstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::models;
using namespace parla::services;

namespace {
const QString kMe = QStringLiteral("me@example.org");

QString peer(int n)
{
    return QStringLiteral("contact%1@example.org").arg(n);
}

/// A catch-up page: messages with six contacts (two of them known already, four new),
/// interleaved, oldest first, both directions, some unread.
QList<storage::MessageRecord> page()
{
    QList<storage::MessageRecord> records;
    const QDateTime t0 = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    const int peers[] = {3, 4, 0, 5, 3, 6, 1, 4, 7, 0, 5, 5, 3};
    for (int k = 0; k < int(std::size(peers)); ++k) {
        storage::MessageRecord r;
        r.id = 100 + k;
        r.account = kMe;
        r.peer = peer(peers[k]);
        r.outgoing = k % 3 == 0;
        r.senderJid = r.outgoing ? kMe + QStringLiteral("/desk") : r.peer + QStringLiteral("/x");
        r.body = QStringLiteral("message %1").arg(k);
        r.timestamp = t0.addSecs(k);
        r.state = r.outgoing ? DeliveryState::Sent
                             : (k % 2 ? DeliveryState::Received : DeliveryState::Read);
        records.append(r);
    }
    return records;
}

struct SessionProfile
{
    QTemporaryDir dir;
    std::unique_ptr<AppSession> session;
    Account *account = nullptr;

    SessionProfile()
    {
        session = std::make_unique<AppSession>(dir.path(), std::make_unique<MemoryPasswordStore>());
        storage::AccountRecord record;
        record.jid = kMe;
        account = session->addAccountRecord(record, QStringLiteral("secret"));
        // Conversations shown before the page arrives (the newest opened last, on top).
        for (int n : {2, 1, 0})
            session->chats().openConversation(kMe, peer(n));
    }

    QStringList rows() const
    {
        QAbstractItemModel *m = session->chats().conversationModel();
        QStringList out;
        for (int r = 0; r < m->rowCount(); ++r) {
            const QModelIndex i = m->index(r, 0);
            out << QStringLiteral("%1 | %2 | %3 | %4")
                       .arg(i.data(ConversationPeerRole).toString(),
                            i.data(ConversationLastTextRole).toString(),
                            i.data(ConversationLastTimeRole).toDateTime().toString(Qt::ISODate))
                       .arg(i.data(ConversationUnreadRole).toInt());
        }
        return out;
    }
};
} // namespace

class TestConversationHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pageEqualsMessagesOneByOne()
    {
        SessionProfile batched, single;
        QVERIFY(batched.account && single.account);
        QAbstractItemModel *model = batched.session->chats().conversationModel();
        QAbstractItemModelTester tester(model);
        QCOMPARE(batched.rows(), single.rows());
        // A view holding on to a row (the selected conversation) still has it afterwards.
        const QPersistentModelIndex selected = model->index(1, 0);
        QCOMPARE(selected.data(ConversationPeerRole).toString(), peer(1));

        QSignalSpy batchedChanges(model, &QAbstractItemModel::dataChanged);
        QSignalSpy unreadChanges(&batched.session->chats(), &ChatsApi::unreadTotalChanged);
        QSignalSpy singleChanges(single.session->chats().conversationModel(),
                                 &QAbstractItemModel::dataChanged);
        const auto records = page();
        Q_EMIT batched.account->messagesStored(records, services::Route::Archive);
        for (const storage::MessageRecord &r : records)
            Q_EMIT single.account->messagesStored({r}, services::Route::Live);

        QCOMPARE(batched.rows(), single.rows());
        // Touched conversations on top (latest first), then the untouched one (contact2).
        QVERIFY(
            batched.rows().first().startsWith(peer(3) + QStringLiteral(" | You: message 12 |")));
        QVERIFY(batched.rows().last().startsWith(peer(2) + QStringLiteral(" |")));
        QCOMPARE(model->rowCount(), 8);
        QVERIFY(selected.isValid());
        QCOMPARE(selected.data(ConversationPeerRole).toString(), peer(1));
        QCOMPARE(batchedChanges.size(), 1);
        QCOMPARE(singleChanges.size(), records.size());
        QCOMPARE(unreadChanges.size(), 1);
    }

    void emptyPageChangesNothing()
    {
        SessionProfile p;
        QSignalSpy changes(p.session->chats().conversationModel(),
                           &QAbstractItemModel::dataChanged);
        const QStringList before = p.rows();
        Q_EMIT p.account->messagesStored({}, services::Route::Archive);
        QCOMPARE(p.rows(), before);
        QCOMPARE(changes.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestConversationHistory)
#include "tst_conversationhistory.moc"
