// SPDX-License-Identifier: GPL-3.0-or-later
// The message search dialog over FakeSession: shortcut, accessible names, debounced live
// results, snippets as text (markup shown, never interpreted), Enter and double-click jump to
// the message in its conversation, which loads the history around it and highlights it.
#include "fakesession.h"

#include "ui/chatpanel.h"
#include "ui/chatview.h"
#include "ui/mainwindow.h"
#include "ui/searchdialog.h"

#include "core/models/roles.h"

#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QStandardItemModel>
#include <QTest>

using namespace parla;
using namespace parla::models;

namespace {

const QString Me = QStringLiteral("sam@parla.im");
const QString Anna = QStringLiteral("anna@parla.im");
const QString Carla = QStringLiteral("carla@parla.im");

SearchHit hit(qint64 id, const QString &peer, const QString &body, int minutesAgo)
{
    SearchHit h;
    h.messageId = id;
    h.account = Me;
    h.peer = peer;
    h.senderJid = peer + QStringLiteral("/phone");
    h.timestamp = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    h.snippet = body;
    return h;
}

} // namespace

class TestSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void searchAndJump()
    {
        test::FakeSession session;
        // 999750 is far up Anna's generated history: not on the first page.
        session.search().searchCorpus = {
            hit(999750, Anna, QStringLiteral("Try the <b>crème</b> brûlée & tell me"), 600),
            hit(1000000, Carla, QStringLiteral("Crème caramel tonight?"), 5),
        };
        ui::MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();

        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        auto *dialog = window.findChild<ui::SearchDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QTRY_VERIFY(dialog->queryField()->hasFocus());
        QCOMPARE(dialog->queryField()->accessibleName(), QStringLiteral("Search messages"));
        QCOMPARE(dialog->resultView()->accessibleName(), QStringLiteral("Search results"));

        // Live results, debounced: nothing is searched per keystroke.
        QTest::keyClicks(dialog->queryField(), QStringLiteral("<b>cr"));
        QVERIFY(!session.callNames().contains(QStringLiteral("searchMessages")));
        QTRY_COMPARE(dialog->resultModel()->rowCount(), 1);
        QCOMPARE(session.callNames().count(QStringLiteral("searchMessages")), 1);
        const QModelIndex first = dialog->resultModel()->index(0, 0);
        QCOMPARE(first.data(ui::SearchDialog::HitTitleRole).toString(),
                 QStringLiteral("Anna Berg"));
        // The body's markup is kept as characters to show, not as HTML.
        QCOMPARE(first.data(ui::SearchDialog::HitSnippetRole).toString(),
                 QStringLiteral("Try the <b>crème</b> brûlée & tell me"));
        QCOMPARE(first.data(ui::SearchDialog::HitMatchesRole).toList(), QVariantList{QPoint(8, 5)});
        QVERIFY(first.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("Anna")));
        QVERIFY(!dialog->resultView()->grab().isNull()); // the delegate paints

        // Enter in the field jumps to the current (first) result.
        QTest::keyClick(dialog->queryField(), Qt::Key_Return);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(window.chatPanel()->peer(), Anna);
        ui::ChatView *view = window.chatPanel()->chatView();
        QCOMPARE(view->highlightedMessage(), qint64(999750));
        QVERIFY(session.chats().fakeMessages(Me, Anna)->revealCalls > 0);
        const QModelIndex shown = view->currentIndex();
        QCOMPARE(shown.data(MessageIdRole).toLongLong(), qint64(999750));
        QVERIFY(view->viewport()->rect().intersects(view->visualRect(shown)));
        QVERIFY(view->selectionModel()->isSelected(shown));
        // The highlight is brief.
        QTRY_COMPARE(view->highlightedMessage(), qint64(0));
        QVERIFY(!view->selectionModel()->isSelected(view->currentIndex()));

        // Again, with the arrow keys and a double-click, into another conversation.
        window.showSearch();
        QTRY_VERIFY(dialog->isVisible());
        dialog->queryField()->clear();
        QTest::keyClicks(dialog->queryField(), QStringLiteral("cr")); // keyClicks: ASCII only
        QTRY_COMPARE(dialog->resultModel()->rowCount(), 2);
        QTest::keyClick(dialog->queryField(), Qt::Key_Down);
        QCOMPARE(dialog->resultView()->currentIndex().row(), 1);
        const QRect second = dialog->resultView()->visualRect(dialog->resultModel()->index(1, 0));
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        // A double-click is press, release, press + double-click, release.
        QTest::mouseClick(dialog->resultView()->viewport(), Qt::LeftButton, {}, second.center());
        QVERIFY(dialog->isVisible()); // a single click only selects
        QTest::mouseDClick(dialog->resultView()->viewport(), Qt::LeftButton, {}, second.center());
        QCOMPARE(window.chatPanel()->peer(), Carla);
        QCOMPARE(window.chatPanel()->chatView()->highlightedMessage(), qint64(1000000));

        // No result, and an empty query clears the list.
        window.showSearch();
        dialog->queryField()->setText(QStringLiteral("zzz"));
        dialog->searchNow();
        QCOMPARE(dialog->resultModel()->rowCount(), 0);
        dialog->queryField()->clear();
        dialog->searchNow();
        QCOMPARE(dialog->resultModel()->rowCount(), 0);
    }

    void unknownMessageIsNotFound()
    {
        test::FakeSession session;
        ui::MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openConversation(Me, Anna);
        // Older than the whole generated history: the model loads everything, then gives up.
        QVERIFY(!window.chatPanel()->showMessage(42));
        QCOMPARE(window.chatPanel()->chatView()->highlightedMessage(), qint64(0));
    }
};

QTEST_MAIN(TestSearch)
#include "tst_search.moc"
