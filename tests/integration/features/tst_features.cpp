// SPDX-License-Identifier: GPL-3.0-or-later
// Message features end to end between AppSessions on a real Prosody: corrections (XEP-0308),
// retractions (XEP-0424), replies (XEP-0461), reactions (XEP-0444), receipts and displayed
// markers (XEP-0184, XEP-0333), read sync between two devices (XEP-0490) — and that a third
// account (or the wrong party) cannot correct, retract or mark someone else's message.
#include "tests/support/await.h"
#include "tests/support/localprosody.h"

#include "models/roles.h"
#include "services/passwordstore.h"
#include "session/appsession.h"
#include "storage/messagestore.h"

#include <QAbstractItemModel>
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;

namespace {
const QString kPassword = QStringLiteral("s3cret-enough");
constexpr int kWait = 10000;

using parla::testing::await;

/// The row whose body is `body` (or, for retracted rows, whose id is `id`), -1 if none.
int rowOf(QAbstractItemModel *model, const QString &body)
{
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->index(i, 0).data(models::MessageBodyRole).toString() == body)
            return i;
    }
    return -1;
}
int rowOfId(QAbstractItemModel *model, qint64 id)
{
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->index(i, 0).data(models::MessageIdRole).toLongLong() == id)
            return i;
    }
    return -1;
}
QVariant dataOf(QAbstractItemModel *model, qint64 id, int role)
{
    const int row = rowOfId(model, id);
    return row < 0 ? QVariant() : model->index(row, 0).data(role);
}
qint64 idOf(QAbstractItemModel *model, const QString &body)
{
    const int row = rowOf(model, body);
    return row < 0 ? 0 : model->index(row, 0).data(models::MessageIdRole).toLongLong();
}
/// "emoji×count(own)" per chip, for compact comparisons.
QStringList chips(QAbstractItemModel *model, qint64 id)
{
    QStringList out;
    for (const QVariant &v : dataOf(model, id, models::MessageReactionsRole).toList()) {
        const QVariantMap m = v.toMap();
        out << m.value(QStringLiteral("emoji")).toString() + u'x' +
                   QString::number(m.value(QStringLiteral("count")).toInt()) +
                   (m.value(QStringLiteral("own")).toBool() ? QStringLiteral("(own)") : QString());
    }
    return out;
}
int unreadOf(QAbstractItemModel *conversations, const QString &peer)
{
    for (int i = 0; i < conversations->rowCount(); ++i) {
        const QModelIndex idx = conversations->index(i, 0);
        if (idx.data(models::ConversationPeerRole).toString() == peer)
            return idx.data(models::ConversationUnreadRole).toInt();
    }
    return -1;
}
} // namespace

class TestFeatures : public QObject
{
    Q_OBJECT
private:
    testing::LocalProsody m_server;
    QTemporaryDir m_profiles;
    std::unique_ptr<AppSession> m_alice;
    std::unique_ptr<AppSession> m_bob;
    std::unique_ptr<AppSession> m_carol;
    QString a, b, c;

    std::unique_ptr<AppSession> login(const QString &profile, const QString &user,
                                      const QString &resource)
    {
        auto s = std::make_unique<AppSession>(m_profiles.filePath(profile),
                                              std::make_unique<MemoryPasswordStore>());
        s->setExtraCaCertificates({m_server.caCertificatePem()});
        AccountSpec spec;
        spec.jid = user + u'@' + m_server.host();
        spec.host = testing::LocalProsody::address();
        spec.port = m_server.c2sPort();
        spec.resource = resource;
        if (!await(s->accounts().addAccount(spec, kPassword)))
            return nullptr;
        return s;
    }

    bool online(AppSession *s, const QString &account, const QString &contact)
    {
        return QTest::qWaitFor(
            [&] {
                QAbstractItemModel *roster = s->people().rosterModel();
                for (int i = 0; i < roster->rowCount(); ++i) {
                    const QModelIndex idx = roster->index(i, 0);
                    if (idx.data(models::ContactJidRole).toString() == contact &&
                        idx.data(models::ContactAccountRole).toString() == account)
                        return idx.data(models::ContactAvailabilityRole).toInt() !=
                               int(Availability::Offline);
                }
                return false;
            },
            kWait);
    }

    /// Sends `text` from `from` and waits until it is shown at `to`: every stanza the sender
    /// wrote before it has been handled by then (one stream, in order).
    bool barrier(AppSession *from, const QString &fromJid, AppSession *to, const QString &toJid,
                 const QString &text)
    {
        from->chats().sendMessage(fromJid, toJid, text);
        QAbstractItemModel *view = to->chats().messageModel(toJid, fromJid);
        return QTest::qWaitFor([&] { return rowOf(view, text) >= 0; }, kWait);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_profiles.isValid());
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob", "carol"})
            QVERIFY(m_server.registerUser(QString::fromLatin1(user), kPassword));
        QVERIFY(m_server.seedMutualContacts(QStringLiteral("alice"), QStringLiteral("bob")));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        a = QStringLiteral("alice@") + m_server.host();
        b = QStringLiteral("bob@") + m_server.host();
        c = QStringLiteral("carol@") + m_server.host();
        m_alice = login(QStringLiteral("alice"), QStringLiteral("alice"), QStringLiteral("desk"));
        m_bob = login(QStringLiteral("bob"), QStringLiteral("bob"), QStringLiteral("desk"));
        m_carol = login(QStringLiteral("carol"), QStringLiteral("carol"), QStringLiteral("desk"));
        QVERIFY(m_alice && m_bob && m_carol);
        QVERIFY(online(m_alice.get(), a, b));
        QVERIFY(online(m_bob.get(), b, a));
    }

    void correctionReplyReactionRetractionRoundTrip()
    {
        QAbstractItemModel *aliceView = m_alice->chats().messageModel(a, b);
        QAbstractItemModel *bobView = m_bob->chats().messageModel(b, a);
        QAbstractItemModelTester aliceTester(aliceView);
        QAbstractItemModelTester bobTester(bobView);

        m_alice->chats().sendMessage(a, b, QStringLiteral("helo bob"));
        QVERIFY(QTest::qWaitFor([&] { return rowOf(bobView, QStringLiteral("helo bob")) >= 0; },
                                kWait));
        const qint64 aliceId = idOf(aliceView, QStringLiteral("helo bob"));
        const qint64 bobId = idOf(bobView, QStringLiteral("helo bob"));
        QVERIFY(aliceId && bobId);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return dataOf(aliceView, aliceId, models::MessageStateRole).toInt() ==
                       int(DeliveryState::Delivered);
            },
            kWait));

        // XEP-0308: corrected on both sides, shown as edited, the first text kept.
        m_alice->chats().correctMessage(a, aliceId, QStringLiteral("hello bob"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return dataOf(bobView, bobId, models::MessageBodyRole).toString() == u"hello bob";
            },
            kWait));
        QVERIFY(dataOf(bobView, bobId, models::MessageEditedRole).toBool());
        QCOMPARE(dataOf(bobView, bobId, models::MessageOriginalBodyRole).toString(),
                 QStringLiteral("helo bob"));
        QCOMPARE(dataOf(aliceView, aliceId, models::MessageBodyRole).toString(),
                 QStringLiteral("hello bob"));
        QVERIFY(dataOf(aliceView, aliceId, models::MessageEditedRole).toBool());
        const int bobRows = bobView->rowCount();

        // XEP-0461: bob answers; alice sees the quote resolved to her own message, without
        // the fallback text in the body.
        m_bob->chats().sendReply(b, a, bobId, QStringLiteral("hi, what's up?"));
        QVERIFY(QTest::qWaitFor(
            [&] { return rowOf(aliceView, QStringLiteral("hi, what's up?")) >= 0; }, kWait));
        const qint64 replyId = idOf(aliceView, QStringLiteral("hi, what's up?"));
        QCOMPARE(dataOf(aliceView, replyId, models::MessageReplyToRole).toLongLong(), aliceId);
        QCOMPARE(dataOf(aliceView, replyId, models::MessageReplyTextRole).toString(),
                 QStringLiteral("hello bob"));
        QCOMPARE(dataOf(aliceView, replyId, models::MessageReplySenderRole).toString(),
                 QStringLiteral("You"));
        QCOMPARE(bobView->rowCount(), bobRows + 1); // the correction was no new message

        // XEP-0444: both react; a chip per emoji with its count, ours marked; toggling off.
        m_bob->chats().toggleReaction(b, bobId, QStringLiteral("👍"));
        QVERIFY(QTest::qWaitFor(
            [&] { return chips(aliceView, aliceId) == QStringList{QStringLiteral("👍x1")}; },
            kWait));
        m_alice->chats().toggleReaction(a, aliceId, QStringLiteral("👍"));
        m_alice->chats().toggleReaction(a, aliceId, QStringLiteral("🎉"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return chips(bobView, bobId) ==
                       QStringList{QStringLiteral("👍x2(own)"), QStringLiteral("🎉x1")};
            },
            kWait));
        QCOMPARE(chips(aliceView, aliceId),
                 (QStringList{QStringLiteral("👍x2(own)"), QStringLiteral("🎉x1(own)")}));
        m_bob->chats().toggleReaction(b, bobId, QStringLiteral("👍"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return chips(aliceView, aliceId) ==
                       QStringList{QStringLiteral("👍x1(own)"), QStringLiteral("🎉x1(own)")};
            },
            kWait));

        // XEP-0424: alice retracts; bob's copy is wiped (body, original, reactions), the
        // fallback body is not shown as a message.
        m_alice->chats().retractMessage(a, aliceId);
        QVERIFY(QTest::qWaitFor(
            [&] { return dataOf(bobView, bobId, models::MessageRetractedRole).toBool(); }, kWait));
        QCOMPARE(dataOf(bobView, bobId, models::MessageBodyRole).toString(),
                 QStringLiteral("This message was deleted"));
        QVERIFY(chips(bobView, bobId).isEmpty());
        auto stored = m_bob->account(b)->messages().message(bobId);
        QVERIFY(xmpp::isOk(stored));
        const auto record = *std::get<std::optional<storage::MessageRecord>>(stored);
        QVERIFY(record.retracted);
        QVERIFY(record.body.isEmpty());
        QVERIFY(record.originalBody.isEmpty());
        QCOMPARE(bobView->rowCount(), bobRows + 1);
        QVERIFY(dataOf(aliceView, aliceId, models::MessageRetractedRole).toBool());
        // The quote of bob's reply now says the original is gone.
        QCOMPARE(dataOf(aliceView, replyId, models::MessageReplyTextRole).toString(),
                 QStringLiteral("This message was deleted"));
    }

    void displayedMarkerMarksRead()
    {
        QAbstractItemModel *aliceView = m_alice->chats().messageModel(a, b);
        m_alice->chats().sendMessage(a, b, QStringLiteral("read this"));
        QAbstractItemModel *bobView = m_bob->chats().messageModel(b, a);
        QVERIFY(QTest::qWaitFor([&] { return rowOf(bobView, QStringLiteral("read this")) >= 0; },
                                kWait));
        const qint64 id = idOf(aliceView, QStringLiteral("read this"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return dataOf(aliceView, id, models::MessageStateRole).toInt() ==
                       int(DeliveryState::Delivered);
            },
            kWait));
        // Bob looks at the conversation: XEP-0333 <displayed/> goes back to alice.
        m_bob->chats().markRead(b, a);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return dataOf(aliceView, id, models::MessageStateRole).toInt() ==
                       int(DeliveryState::Read);
            },
            kWait));
    }

    void thirdPartyCannotCorrectRetractOrMark()
    {
        QAbstractItemModel *aliceView = m_alice->chats().messageModel(a, b);
        QAbstractItemModel *bobView = m_bob->chats().messageModel(b, a);
        m_alice->chats().sendMessage(a, b, QStringLiteral("the real text"));
        QVERIFY(QTest::qWaitFor(
            [&] { return rowOf(bobView, QStringLiteral("the real text")) >= 0; }, kWait));
        const qint64 aliceId = idOf(aliceView, QStringLiteral("the real text"));
        const qint64 bobId = idOf(bobView, QStringLiteral("the real text"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return dataOf(aliceView, aliceId, models::MessageStateRole).toInt() ==
                       int(DeliveryState::Delivered);
            },
            kWait));
        auto stored = m_alice->account(a)->messages().message(aliceId);
        const QString stanzaId = std::get<std::optional<storage::MessageRecord>>(stored)->messageId;

        // Carol names alice's message id: a correction and a retraction to bob, a displayed
        // marker to alice.
        const QString correction =
            QStringLiteral("<message to='%1' type='chat' id='c1'><body>forged text</body>"
                           "<replace xmlns='urn:xmpp:message-correct:0' id='%2'/></message>");
        const QString retraction =
            QStringLiteral("<message to='%1' type='chat' id='c2'>"
                           "<retract xmlns='urn:xmpp:message-retract:1' id='%2'/></message>");
        const QString marker =
            QStringLiteral("<message to='%1' type='chat' id='c3'>"
                           "<displayed xmlns='urn:xmpp:chat-markers:0' id='%2'/></message>");
        QVERIFY(xmpp::isOk(m_carol->accounts().sendRawXml(c, correction.arg(b, stanzaId))));
        QVERIFY(xmpp::isOk(m_carol->accounts().sendRawXml(c, retraction.arg(b, stanzaId))));
        QVERIFY(xmpp::isOk(m_carol->accounts().sendRawXml(c, marker.arg(a, stanzaId))));
        QVERIFY(barrier(m_carol.get(), c, m_bob.get(), b, QStringLiteral("carol to bob")));
        QVERIFY(barrier(m_carol.get(), c, m_alice.get(), a, QStringLiteral("carol to alice")));

        // Bob (the peer, but not the author) names alice's message in his own correction and
        // retraction to alice: alice's outgoing message is not his to change.
        QVERIFY(xmpp::isOk(m_bob->accounts().sendRawXml(b, correction.arg(a, stanzaId))));
        QVERIFY(xmpp::isOk(m_bob->accounts().sendRawXml(b, retraction.arg(a, stanzaId))));
        QVERIFY(barrier(m_bob.get(), b, m_alice.get(), a, QStringLiteral("bob's barrier")));

        QCOMPARE(dataOf(bobView, bobId, models::MessageBodyRole).toString(),
                 QStringLiteral("the real text"));
        QVERIFY(!dataOf(bobView, bobId, models::MessageEditedRole).toBool());
        QVERIFY(!dataOf(bobView, bobId, models::MessageRetractedRole).toBool());
        QCOMPARE(dataOf(aliceView, aliceId, models::MessageBodyRole).toString(),
                 QStringLiteral("the real text"));
        QVERIFY(!dataOf(aliceView, aliceId, models::MessageEditedRole).toBool());
        QVERIFY(!dataOf(aliceView, aliceId, models::MessageRetractedRole).toBool());
        QCOMPARE(dataOf(aliceView, aliceId, models::MessageStateRole).toInt(),
                 int(DeliveryState::Delivered));
    }

    void readStateSyncsAcrossOwnDevices()
    {
        auto phone =
            login(QStringLiteral("alice-phone"), QStringLiteral("alice"), QStringLiteral("phone"));
        QVERIFY(phone);
        QVERIFY(online(phone.get(), a, b));
        QAbstractItemModel *deskView = m_alice->chats().messageModel(a, b);
        QAbstractItemModel *phoneView = phone->chats().messageModel(a, b);
        // Let the server learn the phone's caps (+notify) before the first event.
        QTest::qWait(300);
        for (int i = 0; i < 3; ++i)
            m_bob->chats().sendMessage(b, a, QStringLiteral("for both devices %1").arg(i));
        const QString last = QStringLiteral("for both devices 2");
        QVERIFY(QTest::qWaitFor([&] { return rowOf(deskView, last) >= 0; }, kWait));
        QVERIFY(QTest::qWaitFor([&] { return rowOf(phoneView, last) >= 0; }, kWait));
        QVERIFY(unreadOf(m_alice->chats().conversationModel(), b) >= 3);
        auto unread = [&] {
            auto n = m_alice->account(a)->messages().unreadCount(a, b);
            return xmpp::isOk(n) ? std::get<int>(n) : -1;
        };
        QVERIFY(unread() >= 3);

        // Carol forges a XEP-0490 notification for alice: not from alice's own PEP service.
        auto phoneRecord = phone->account(a)->messages().latestIncoming(a, b);
        QVERIFY(xmpp::isOk(phoneRecord));
        const auto lastRecord = *std::get<std::optional<storage::MessageRecord>>(phoneRecord);
        QVERIFY2(!lastRecord.stanzaId.isEmpty(), "the archive numbers messages (XEP-0359)");
        const QString forged =
            QStringLiteral("<message to='%1' type='headline'>"
                           "<event xmlns='http://jabber.org/protocol/pubsub#event'>"
                           "<items node='urn:xmpp:mds:displayed:0'><item id='%2'>"
                           "<displayed xmlns='urn:xmpp:mds:displayed:0'>"
                           "<stanza-id xmlns='urn:xmpp:sid:0' id='%3' by='%1'/>"
                           "</displayed></item></items></event></message>")
                .arg(a, b, lastRecord.stanzaId);
        QVERIFY(xmpp::isOk(m_carol->accounts().sendRawXml(c, forged)));
        QVERIFY(barrier(m_carol.get(), c, m_alice.get(), a, QStringLiteral("carol again")));
        QVERIFY(unread() >= 3);

        // The phone shows it: XEP-0490 publishes the archive id; the desk marks read up to it.
        phone->chats().markRead(a, b);
        QVERIFY(QTest::qWaitFor([&] { return unread() == 0; }, kWait));
        QVERIFY(QTest::qWaitFor(
            [&] { return unreadOf(m_alice->chats().conversationModel(), b) == 0; }, kWait));
    }
};

QTEST_GUILESS_MAIN(TestFeatures)
#include "tst_features.moc"
