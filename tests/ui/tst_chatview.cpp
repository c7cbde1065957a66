// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakesession.h"

#include "ui/chatpanel.h"
#include "ui/chatview.h"
#include "ui/composer.h"
#include "ui/messagedelegate.h"

#include "core/models/roles.h"

#include <QMenu>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTest>
#include <QToolButton>

using namespace parla;
using namespace parla::models;

namespace {
const QString kAccount = QStringLiteral("sam@parla.im");
const QString kPeer = QStringLiteral("anna@parla.im");
} // namespace

class TestChatView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void enterSendsMessage()
    {
        test::FakeSession session;
        ui::ChatPanel panel(&session);
        panel.resize(700, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.openConversation(kAccount, kPeer);
        QAbstractItemModel *model = session.chats().messageModel(kAccount, kPeer);
        const int before = model->rowCount();

        ui::ComposerEdit *edit = panel.composer()->edit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("hello there"));
        QTest::keyClick(edit, Qt::Key_Return);

        const auto call = session.lastCall(QStringLiteral("sendMessage"));
        QVERIFY(call.has_value());
        QCOMPARE(call->args, (QStringList{kAccount, kPeer, QStringLiteral("hello there")}));
        QVERIFY(edit->toPlainText().isEmpty());
        QCOMPARE(model->rowCount(), before + 1);
        QCOMPARE(model->index(before, 0).data(MessageBodyRole).toString(),
                 QStringLiteral("hello there"));
        QVERIFY(panel.chatView()->isAtBottom());
    }

    void shiftEnterInsertsNewline()
    {
        test::FakeSession session;
        ui::ChatPanel panel(&session);
        panel.show();
        panel.openConversation(kAccount, kPeer);
        ui::ComposerEdit *edit = panel.composer()->edit();
        QTest::keyClicks(edit, QStringLiteral("first"));
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(edit, QStringLiteral("second"));
        QCOMPARE(edit->toPlainText(), QStringLiteral("first\nsecond"));
        QVERIFY(!session.lastCall(QStringLiteral("sendMessage")).has_value());

        // Whitespace alone is never sent.
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("   "));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(!session.lastCall(QStringLiteral("sendMessage")).has_value());
        QVERIFY(!panel.composer()->sendButton()->isEnabled());
    }

    void composerGrowsUpToSixLines()
    {
        ui::Composer composer;
        composer.resize(400, 200);
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        ui::ComposerEdit *edit = composer.edit();
        const int oneLine = edit->sizeHint().height();
        QTest::keyClicks(edit, QStringLiteral("a"));
        for (int i = 0; i < 2; ++i) {
            QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
            QTest::keyClicks(edit, QStringLiteral("b"));
        }
        const int threeLines = edit->sizeHint().height();
        QVERIFY(threeLines > oneLine);
        for (int i = 0; i < 10; ++i) {
            QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
            QTest::keyClicks(edit, QStringLiteral("c"));
        }
        const int capped = edit->sizeHint().height();
        QVERIFY(capped > threeLines);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(edit->sizeHint().height(), capped);
    }

    void scrollingToTopFetchesOlderAndKeepsPosition()
    {
        test::FakeMessageModel model(kAccount, kPeer, 200);
        QCOMPARE(model.rowCount(), 40);
        ui::ChatView view;
        view.resize(600, 400);
        view.setMessageModel(&model, kAccount);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.scrollToBottomNow();
        QVERIFY(view.isAtBottom());
        QCOMPARE(model.fetchMoreCalls, 0); // being at the bottom never loads history

        const qint64 topId = model.index(0, 0).data(MessageIdRole).toLongLong();
        QScrollBar *sb = view.verticalScrollBar();
        sb->setValue(0); // the user drags to the top
        QCOMPARE(model.fetchMoreCalls, 1);
        QCOMPARE(model.rowCount(), 80);
        // The message that was at the top is still where the user saw it.
        const QModelIndex same = model.indexForId(topId);
        QCOMPARE(same.row(), 40);
        QVERIFY(qAbs(view.visualRect(view.model()->index(40, 0)).top()) <= 1);
        QVERIFY(sb->value() > 200);
    }

    void newMessageKeepsBottomOnlyWhenAtBottom()
    {
        test::FakeMessageModel model(kAccount, kPeer, 40);
        ui::ChatView view;
        view.resize(600, 400);
        view.setMessageModel(&model, kAccount);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.scrollToBottomNow();
        const int maxBefore = view.verticalScrollBar()->maximum();

        model.append(QStringLiteral("a new message"), false, DeliveryState::Received);
        QVERIFY(view.verticalScrollBar()->maximum() > maxBefore);
        QCOMPARE(view.verticalScrollBar()->value(), view.verticalScrollBar()->maximum());

        // Reading older messages: a new one must not yank the view down.
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2 + 300);
        const int reading = view.verticalScrollBar()->value();
        model.append(QStringLiteral("another"), false, DeliveryState::Received);
        QCOMPARE(view.verticalScrollBar()->value(), reading);
        QVERIFY(!view.isAtBottom());
    }

    void failedMessageOffersRetry()
    {
        test::FakeSession session;
        ui::ChatPanel panel(&session);
        panel.show();
        panel.openConversation(kAccount, kPeer);
        QAbstractItemModel *model = session.chats().messageModel(kAccount, kPeer);
        ui::ChatView *view = panel.chatView();
        QModelIndex failed;
        QModelIndex delivered;
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QModelIndex i = view->model()->index(r, 0);
            const auto state = DeliveryState(i.data(MessageStateRole).toInt());
            if (state == DeliveryState::Failed)
                failed = i;
            else if (state == DeliveryState::Delivered)
                delivered = i;
        }
        QVERIFY(failed.isValid());
        QVERIFY(delivered.isValid());

        std::unique_ptr<QMenu> okMenu(view->createContextMenu(delivered, view));
        QVERIFY(!okMenu->findChild<QAction *>(QStringLiteral("retryAction")));
        QVERIFY(okMenu->findChild<QAction *>(QStringLiteral("copyAction")));

        std::unique_ptr<QMenu> menu(view->createContextMenu(failed, view));
        auto *retry = menu->findChild<QAction *>(QStringLiteral("retryAction"));
        QVERIFY(retry);
        retry->trigger();
        const auto call = session.lastCall(QStringLiteral("retryMessage"));
        QVERIFY(call.has_value());
        QCOMPARE(call->args.at(0), kAccount);
        QCOMPARE(call->args.at(1), QString::number(failed.data(MessageIdRole).toLongLong()));
        Q_UNUSED(model);
    }

    void offlineAccountShowsQueueHint()
    {
        test::FakeSession session;
        ui::ChatPanel panel(&session);
        panel.show();
        panel.openConversation(kAccount, kPeer);
        QVERIFY(!panel.composer()->isOfflineHintVisible());
        session.accounts().setAccountState(kAccount, ConnectionState::Connecting);
        QVERIFY(panel.composer()->isOfflineHintVisible());
        // Still possible to write and send: the message is queued by the core.
        QVERIFY(panel.composer()->edit()->isEnabled());
        QTest::keyClicks(panel.composer()->edit(), QStringLiteral("queued"));
        QTest::keyClick(panel.composer()->edit(), Qt::Key_Return);
        QVERIFY(session.lastCall(QStringLiteral("sendMessage")).has_value());
        session.accounts().setAccountState(kAccount, ConnectionState::Connected);
        QVERIFY(!panel.composer()->isOfflineHintVisible());
    }

    void sizeHintsAreCached()
    {
        test::FakeMessageModel model(kAccount, kPeer, 40);
        ui::MessageDelegate delegate;
        delegate.setViewWidth(500);
        QStyleOptionViewItem option;
        option.font = QFont();
        option.fontMetrics = QFontMetrics(option.font);
        int total = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            total += delegate.sizeHint(option, model.index(r, 0)).height();
        QCOMPARE(delegate.layoutCount(), model.rowCount());
        int again = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            again += delegate.sizeHint(option, model.index(r, 0)).height();
        QCOMPARE(again, total);
        QCOMPARE(delegate.layoutCount(), model.rowCount()); // no new layouts

        // A narrower view re-lays out only the messages that do not fit on one line any more.
        delegate.setViewWidth(480);
        for (int r = 0; r < model.rowCount(); ++r)
            delegate.sizeHint(option, model.index(r, 0));
        QVERIFY(delegate.layoutCount() < 2 * model.rowCount());

        // A long message wraps: taller at a narrow width than at a wide one.
        const qint64 id = model.append(
            QString(400, QLatin1Char('x'))
                .replace(QRegularExpression(QStringLiteral("x{7}")), QStringLiteral("xxxxxx ")),
            true, DeliveryState::Sent);
        const QModelIndex longIndex = model.indexForId(id);
        delegate.setViewWidth(1000);
        const int wide = delegate.sizeHint(option, longIndex).height();
        delegate.setViewWidth(300);
        const int narrow = delegate.sizeHint(option, longIndex).height();
        QVERIFY(narrow > wide);
    }
};

QTEST_MAIN(TestChatView)
#include "tst_chatview.moc"
