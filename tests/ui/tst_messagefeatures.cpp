// SPDX-License-Identifier: GPL-3.0-or-later
// The chat view's message features over a FakeSession: edit-last with Up (XEP-0308), reply
// (XEP-0461), reactions (XEP-0444), delete with confirmation (XEP-0424), typing (XEP-0085),
// and how the delegate lays out edited, reply and reaction rows.
#include "fakesession.h"

#include "ui/chatpanel.h"
#include "ui/chatview.h"
#include "ui/composer.h"
#include "ui/emojipicker.h"
#include "ui/messagedelegate.h"

#include "core/models/roles.h"

#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

using namespace parla;
using namespace parla::models;

namespace {
const QString kAccount = QStringLiteral("sam@parla.im");
const QString kPeer = QStringLiteral("anna@parla.im");

QAction *findAction(QMenu *menu, const QString &name)
{
    return menu->findChild<QAction *>(name);
}
} // namespace

class TestMessageFeaturesUi : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::FakeSession> m_session;
    std::unique_ptr<ui::ChatPanel> m_panel;
    test::FakeMessageModel *m_model = nullptr;

    QModelIndex viewIndex(qint64 id) const
    {
        QAbstractItemModel *m = m_panel->chatView()->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            if (m->index(r, 0).data(MessageIdRole).toLongLong() == id)
                return m->index(r, 0);
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        m_session = std::make_unique<test::FakeSession>();
        m_panel = std::make_unique<ui::ChatPanel>(m_session.get());
        m_panel->resize(700, 500);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_panel->openConversation(kAccount, kPeer);
        m_model = qobject_cast<test::FakeMessageModel *>(
            m_session->chats().messageModel(kAccount, kPeer));
        QVERIFY(m_model);
    }
    void cleanup()
    {
        m_panel.reset();
        m_session.reset();
    }

    void upInEmptyComposerEditsTheLastOwnMessage()
    {
        m_model->append(QStringLiteral("older mine"), true, DeliveryState::Read);
        const qint64 last =
            m_model->append(QStringLiteral("see you tmorrow"), true, DeliveryState::Delivered);
        m_model->append(QStringLiteral("ok!"), false, DeliveryState::Received);
        ui::ComposerEdit *edit = m_panel->composer()->edit();
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_Up);
        QCOMPARE(m_panel->composer()->editTarget(), last);
        QCOMPARE(edit->toPlainText(), QStringLiteral("see you tmorrow"));
        QVERIFY(!m_panel->composer()->contextText().isEmpty());
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("see you tomorrow"));
        QTest::keyClick(edit, Qt::Key_Return);
        const auto call = m_session->lastCall(QStringLiteral("correctMessage"));
        QVERIFY(call);
        QCOMPARE(call->args, (QStringList{kAccount, QString::number(last),
                                          QStringLiteral("see you tomorrow")}));
        QVERIFY(!m_session->lastCall(QStringLiteral("sendMessage")));
        QCOMPARE(m_panel->composer()->editTarget(), 0);

        // Up with text in the field is cursor movement, not editing; Escape cancels an edit.
        QTest::keyClicks(edit, QStringLiteral("draft"));
        QTest::keyClick(edit, Qt::Key_Up);
        QCOMPARE(m_panel->composer()->editTarget(), 0);
        edit->clear();
        QTest::keyClick(edit, Qt::Key_Up);
        QCOMPARE(m_panel->composer()->editTarget(), last);
        QTest::keyClick(edit, Qt::Key_Escape);
        QCOMPARE(m_panel->composer()->editTarget(), 0);
        QVERIFY(edit->toPlainText().isEmpty());
    }

    void replyFromTheContextMenu()
    {
        const qint64 theirs =
            m_model->append(QStringLiteral("lunch at noon?"), false, DeliveryState::Received);
        std::unique_ptr<QMenu> menu(
            m_panel->chatView()->createContextMenu(viewIndex(theirs), nullptr));
        QVERIFY(!findAction(menu.get(), QStringLiteral("editAction"))); // not ours
        QAction *reply = findAction(menu.get(), QStringLiteral("replyAction"));
        QVERIFY(reply);
        reply->trigger();
        QCOMPARE(m_panel->composer()->replyTarget(), theirs);
        QVERIFY2(m_panel->composer()->contextText().contains(QStringLiteral("lunch at noon?")),
                 qPrintable(m_panel->composer()->contextText()));
        ui::ComposerEdit *edit = m_panel->composer()->edit();
        QTest::keyClicks(edit, QStringLiteral("yes!"));
        QTest::keyClick(edit, Qt::Key_Return);
        const auto call = m_session->lastCall(QStringLiteral("sendReply"));
        QVERIFY(call);
        QCOMPARE(call->args,
                 (QStringList{kAccount, kPeer, QString::number(theirs), QStringLiteral("yes!")}));
        QCOMPARE(m_panel->composer()->replyTarget(), 0);
        QVERIFY(m_panel->composer()->contextText().isEmpty());
    }

    void reactAndDeleteFromTheContextMenu()
    {
        const qint64 mine = m_model->append(QStringLiteral("oops"), true, DeliveryState::Sent);
        std::unique_ptr<QMenu> menu(
            m_panel->chatView()->createContextMenu(viewIndex(mine), nullptr));
        QAction *thumbs = findAction(menu.get(), QStringLiteral("react:👍"));
        QVERIFY(thumbs);
        thumbs->trigger();
        auto call = m_session->lastCall(QStringLiteral("toggleReaction"));
        QVERIFY(call);
        QCOMPARE(call->args, (QStringList{kAccount, QString::number(mine), QStringLiteral("👍")}));

        // "More…" opens the full emoji picker; the chosen emoji reacts to that message.
        QAction *more = findAction(menu.get(), QStringLiteral("reactMore"));
        QVERIFY(more);
        more->trigger();
        ui::EmojiPicker *picker = m_panel->chatView()->reactionPicker();
        QVERIFY(picker && picker->isVisible());
        picker->searchField()->setFocus();
        QTest::keyClicks(picker->searchField(), QStringLiteral("tada"));
        QTRY_VERIFY(picker->grid()->count() > 0);
        QTest::keyClick(picker->searchField(), Qt::Key_Down);
        QTest::keyClick(picker->grid(), Qt::Key_Return);
        call = m_session->lastCall(QStringLiteral("toggleReaction"));
        QVERIFY(call);
        QCOMPARE(call->args, (QStringList{kAccount, QString::number(mine), QStringLiteral("🎉")}));

        // Deleting asks first; "no" sends nothing.
        int asked = 0;
        bool answer = false;
        m_panel->setRetractConfirmation([&](QWidget *) {
            ++asked;
            return answer;
        });
        findAction(menu.get(), QStringLiteral("retractAction"))->trigger();
        QCOMPARE(asked, 1);
        QVERIFY(!m_session->lastCall(QStringLiteral("retractMessage")));
        answer = true;
        findAction(menu.get(), QStringLiteral("retractAction"))->trigger();
        call = m_session->lastCall(QStringLiteral("retractMessage"));
        QVERIFY(call);
        QCOMPARE(call->args, (QStringList{kAccount, QString::number(mine)}));

        // A deleted message offers no reply, reaction or edit.
        m_model->setData(m_model->indexForId(mine), true, MessageRetractedRole);
        std::unique_ptr<QMenu> after(
            m_panel->chatView()->createContextMenu(viewIndex(mine), nullptr));
        QVERIFY(!findAction(after.get(), QStringLiteral("replyAction")));
        QVERIFY(!findAction(after.get(), QStringLiteral("editAction")));
        QVERIFY(!findAction(after.get(), QStringLiteral("retractAction")));
    }

    void rendersEditedReplyAndReactionRows()
    {
        ui::ChatView *view = m_panel->chatView();
        ui::MessageDelegate *delegate = view->messageDelegate();
        const qint64 quoted =
            m_model->append(QStringLiteral("the plan"), true, DeliveryState::Read);
        const qint64 id =
            m_model->append(QStringLiteral("sounds good"), false, DeliveryState::Received);
        QStyleOptionViewItem option;
        option.initFrom(view->viewport());
        option.font = view->font();
        auto rectOf = [&](qint64 messageId) {
            QStyleOptionViewItem o = option;
            o.rect = view->visualRect(viewIndex(messageId));
            return o;
        };
        const int plainHeight = delegate->sizeHint(rectOf(id), viewIndex(id)).height();
        QVERIFY(delegate->quoteRect(rectOf(id), viewIndex(id)).isEmpty());
        QVERIFY(delegate->chipRects(rectOf(id), viewIndex(id)).isEmpty());

        // Reply quote above the text, chips below the bubble, "edited" beside the time.
        const QModelIndex src = m_model->indexForId(id);
        m_model->setData(src, quoted, MessageReplyToRole);
        m_model->setData(src, QStringLiteral("the plan"), MessageReplyTextRole);
        m_model->setData(src, QStringLiteral("You"), MessageReplySenderRole);
        m_model->setData(src, true, MessageEditedRole);
        m_model->setData(src,
                         QVariantList{QVariantMap{{QStringLiteral("emoji"), QStringLiteral("👍")},
                                                  {QStringLiteral("count"), 2},
                                                  {QStringLiteral("own"), true}},
                                      QVariantMap{{QStringLiteral("emoji"), QStringLiteral("🎉")},
                                                  {QStringLiteral("count"), 1},
                                                  {QStringLiteral("own"), false}}},
                         MessageReactionsRole);
        QApplication::processEvents();
        const QStyleOptionViewItem o = rectOf(id);
        QVERIFY(delegate->sizeHint(o, viewIndex(id)).height() > plainHeight);
        const QRect quote = delegate->quoteRect(o, viewIndex(id));
        QVERIFY(!quote.isEmpty());
        const auto chips = delegate->chipRects(o, viewIndex(id));
        QCOMPARE(chips.size(), 2);
        QCOMPARE(chips[0].first, QStringLiteral("👍"));
        QVERIFY(chips[0].second.top() > quote.bottom());
        QVERIFY(!m_panel->grab().isNull()); // paints all of it

        // Clicking a chip toggles it; clicking the quote names the quoted message.
        view->scrollTo(viewIndex(id));
        QApplication::processEvents();
        const QStyleOptionViewItem now = rectOf(id);
        QSignalSpy quoteSpy(view, &ui::ChatView::quoteActivated);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          delegate->chipRects(now, viewIndex(id))[1].second.center());
        const auto call = m_session->lastCall(QStringLiteral("toggleReaction"));
        QVERIFY(call);
        QCOMPARE(call->args, (QStringList{kAccount, QString::number(id), QStringLiteral("🎉")}));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          delegate->quoteRect(now, viewIndex(id)).center());
        QCOMPARE(quoteSpy.count(), 1);
        QCOMPARE(quoteSpy.first().at(0).toLongLong(), quoted);
        QCOMPARE(view->currentIndex().data(MessageIdRole).toLongLong(), quoted);
    }

    void typingBothWays()
    {
        ui::ComposerEdit *edit = m_panel->composer()->edit();
        QTest::keyClicks(edit, QStringLiteral("h"));
        QTest::keyClicks(edit, QStringLiteral("ello"));
        QStringList states;
        for (const auto &c : m_session->calls) {
            if (c.name == u"setChatState")
                states << c.args.at(2);
        }
        // One composing for the whole burst (XEP-0085 §5.3: never repeated).
        QCOMPARE(states, QStringList{QString::number(int(xmpp::ChatState::Composing))});
        edit->clear();
        QCOMPARE(m_session->lastCall(QStringLiteral("setChatState"))->args.at(2),
                 QString::number(int(xmpp::ChatState::Active)));

        QVERIFY(m_panel->typingText().isEmpty());
        Q_EMIT m_session->chats().chatStateChanged(kAccount, kPeer,
                                                   int(xmpp::ChatState::Composing));
        QVERIFY2(m_panel->typingText().contains(QStringLiteral("typing")),
                 qPrintable(m_panel->typingText()));
        Q_EMIT m_session->chats().chatStateChanged(kAccount, QStringLiteral("other@parla.im"),
                                                   int(xmpp::ChatState::Paused));
        QVERIFY(!m_panel->typingText().isEmpty());
        Q_EMIT m_session->chats().chatStateChanged(kAccount, kPeer, int(xmpp::ChatState::Paused));
        QVERIFY(m_panel->typingText().isEmpty());
    }
};

QTEST_MAIN(TestMessageFeaturesUi)
#include "tst_messagefeatures.moc"
