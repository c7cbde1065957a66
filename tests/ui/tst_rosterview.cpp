// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakesession.h"

#include "ui/addcontactdialog.h"
#include "ui/conversationfilterproxy.h"
#include "ui/rosterproxymodels.h"
#include "ui/rosterview.h"
#include "ui/sidebar.h"
#include "ui/subscriptionbanner.h"

#include "core/models/roles.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace parla;
using namespace parla::models;

namespace {
const QString kAccount = QStringLiteral("sam@parla.im");

/// The first row of the view's model showing this JID (searching group children too).
QModelIndex rowOf(QAbstractItemModel *model, const QString &jid, const QModelIndex &parent = {})
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        if (i.data(ContactJidRole).toString() == jid)
            return i;
        const QModelIndex inner = rowOf(model, jid, i);
        if (inner.isValid())
            return inner;
    }
    return {};
}

/// Runs an action whose slot opens a modal dialog, answering it with `answer`.
void triggerAndAnswer(QAction *action, const std::function<void(QWidget *)> &answer)
{
    QTimer::singleShot(0, [answer] {
        QWidget *modal = QApplication::activeModalWidget();
        QVERIFY(modal);
        answer(modal);
    });
    action->trigger();
}
} // namespace

class TestRosterView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filterMatchesNameOrJidIgnoringCase()
    {
        test::FakeSession session;
        ui::Sidebar sidebar(&session);
        sidebar.show();
        ui::RosterFilterProxy *proxy = sidebar.rosterView()->filterProxy();
        const int all = proxy->rowCount();
        QCOMPARE(all, session.people().rosterModel()->rowCount());

        QTest::keyClicks(sidebar.filterBox(), QStringLiteral("dMiTrI"));
        QCOMPARE(proxy->rowCount(), 1);
        QCOMPARE(proxy->index(0, 0).data(ContactJidRole).toString(),
                 QStringLiteral("dmitri@xmpp.example"));
        // The same box filters the chat list.
        QCOMPARE(sidebar.conversationProxy()->rowCount(), 1);

        sidebar.filterBox()->clear();
        QTest::keyClicks(sidebar.filterBox(), QStringLiteral("CORP.EXAMPLE"));
        QCOMPARE(proxy->rowCount(), 10); // by JID: every work contact
        for (int r = 0; r < proxy->rowCount(); ++r)
            QVERIFY(proxy->index(r, 0)
                        .data(ContactJidRole)
                        .toString()
                        .endsWith(QStringLiteral("@corp.example")));

        QTest::keyClick(sidebar.filterBox(), Qt::Key_Escape);
        QVERIFY(sidebar.filterBox()->text().isEmpty());
        QCOMPARE(proxy->rowCount(), all);
    }

    void flatListIsSortedByRequestAvailabilityName()
    {
        test::FakeSession session;
        ui::RosterView view(&session);
        view.setGrouped(false);
        QAbstractItemModel *m = view.view()->model();
        QCOMPARE(m, static_cast<QAbstractItemModel *>(view.filterProxy()));
        QVERIFY(m->index(0, 0).data(ContactRequestRole).toBool());
        int lastRank = -1;
        QString lastName;
        for (int r = 0; r < m->rowCount(); ++r) {
            const QModelIndex i = m->index(r, 0);
            if (i.data(ContactRequestRole).toBool())
                continue;
            const int rank =
                ui::RosterFilterProxy::availabilityRank(i.data(ContactAvailabilityRole).toInt());
            QVERIFY(rank >= lastRank);
            if (rank == lastRank)
                QVERIFY(QString::localeAwareCompare(lastName, i.data(ContactNameRole).toString()) <=
                        0);
            lastRank = rank;
            lastName = i.data(ContactNameRole).toString();
        }
        // Presence changes re-sort: Eve comes online and moves up among the available.
        const int before = rowOf(m, QStringLiteral("eve@parla.im")).row();
        auto *roster = static_cast<QStandardItemModel *>(session.people().rosterModel());
        for (int r = 0; r < roster->rowCount(); ++r) {
            if (roster->item(r)->data(ContactJidRole) == QStringLiteral("eve@parla.im"))
                roster->item(r)->setData(int(Availability::Online), ContactAvailabilityRole);
        }
        QVERIFY(rowOf(m, QStringLiteral("eve@parla.im")).row() < before);
    }

    void acceptingARequestCallsTheSession()
    {
        test::FakeSession session;
        ui::RosterView view(&session);
        QAbstractItemModel *m = view.view()->model();
        const QModelIndex requests = m->index(0, 0);
        QCOMPARE(requests.data().toString(), ui::RosterGroupModel::requestsGroupName());
        QCOMPARE(m->rowCount(requests), 2);
        const QModelIndex tobias = m->index(0, 0, requests);
        QCOMPARE(tobias.data(ContactJidRole).toString(), QStringLiteral("tobias@jabber.example"));

        std::unique_ptr<QMenu> menu(view.createContextMenu(tobias, &view));
        auto *accept = menu->findChild<QAction *>(QStringLiteral("acceptAction"));
        QVERIFY(accept);
        QVERIFY(menu->findChild<QAction *>(QStringLiteral("declineAction")));
        accept->trigger();
        QCOMPARE(session.lastCall(QStringLiteral("answerSubscription"))->args,
                 (QStringList{kAccount, QStringLiteral("tobias@jabber.example"),
                              QStringLiteral("accept")}));
        // Accepted: the request group now holds only the other one.
        QCOMPARE(m->rowCount(m->index(0, 0)), 1);

        // Ordinary contacts have no request actions.
        std::unique_ptr<QMenu> plain(
            view.createContextMenu(rowOf(m, QStringLiteral("anna@parla.im")), &view));
        QVERIFY(!plain->findChild<QAction *>(QStringLiteral("acceptAction")));
    }

    void bannerAnswersTheOldestRequest()
    {
        test::FakeSession session;
        ui::SubscriptionBanner banner(&session);
        banner.show();
        QCOMPARE(banner.pendingCount(), 2);
        QVERIFY(banner.isVisible());
        QTest::mouseClick(banner.declineButton(), Qt::LeftButton);
        const auto call = session.lastCall(QStringLiteral("answerSubscription"));
        QVERIFY(call.has_value());
        QCOMPARE(call->args.at(2), QStringLiteral("decline"));
        QCOMPARE(banner.pendingCount(), 1);
        QTest::mouseClick(banner.acceptButton(), Qt::LeftButton);
        QCOMPARE(session.lastCall(QStringLiteral("answerSubscription"))->args.at(2),
                 QStringLiteral("accept"));
        QCOMPARE(banner.pendingCount(), 0);
        QVERIFY(!banner.isVisible());
    }

    void contextActionsCallTheSession()
    {
        test::FakeSession session;
        ui::RosterView view(&session);
        view.show();
        QAbstractItemModel *m = view.view()->model();
        const QString anna = QStringLiteral("anna@parla.im");

        QSignalSpy opened(&view, &ui::RosterView::conversationRequested);
        std::unique_ptr<QMenu> menu(view.createContextMenu(rowOf(m, anna), &view));
        menu->findChild<QAction *>(QStringLiteral("openChatAction"))->trigger();
        QCOMPARE(opened.size(), 1);
        QCOMPARE(session.lastCall(QStringLiteral("openConversation"))->args,
                 (QStringList{kAccount, anna}));

        menu.reset(view.createContextMenu(rowOf(m, anna), &view));
        triggerAndAnswer(menu->findChild<QAction *>(QStringLiteral("renameAction")),
                         [](QWidget *modal) {
                             auto *input = qobject_cast<QInputDialog *>(modal);
                             QVERIFY(input);
                             QCOMPARE(input->textValue(), QStringLiteral("Anna Berg"));
                             input->setTextValue(QStringLiteral("Annie"));
                             input->accept();
                         });
        QCOMPARE(session.lastCall(QStringLiteral("renameContact"))->args,
                 (QStringList{kAccount, anna, QStringLiteral("Annie")}));

        menu.reset(view.createContextMenu(rowOf(m, anna), &view));
        triggerAndAnswer(menu->findChild<QAction *>(QStringLiteral("groupsAction")),
                         [](QWidget *modal) {
                             auto *input = qobject_cast<QInputDialog *>(modal);
                             QVERIFY(input);
                             input->setTextValue(QStringLiteral("Family,  Climbing , Family"));
                             input->accept();
                         });
        QCOMPARE(session.lastCall(QStringLiteral("setContactGroups"))->args,
                 (QStringList{kAccount, anna, QStringLiteral("Family,Climbing")}));

        // Remove asks first; Cancel keeps the contact.
        menu.reset(view.createContextMenu(rowOf(m, anna), &view));
        triggerAndAnswer(menu->findChild<QAction *>(QStringLiteral("removeAction")),
                         [](QWidget *modal) { qobject_cast<QMessageBox *>(modal)->reject(); });
        QVERIFY(!session.lastCall(QStringLiteral("removeContact")).has_value());
        menu.reset(view.createContextMenu(rowOf(m, anna), &view));
        triggerAndAnswer(menu->findChild<QAction *>(QStringLiteral("removeAction")),
                         [](QWidget *modal) {
                             auto *box = qobject_cast<QMessageBox *>(modal);
                             QVERIFY(box);
                             for (QAbstractButton *b : box->buttons()) {
                                 if (b->text() == QStringLiteral("Remove"))
                                     b->click();
                             }
                         });
        QCOMPARE(session.lastCall(QStringLiteral("removeContact"))->args,
                 (QStringList{kAccount, anna}));
        QVERIFY(!rowOf(m, anna).isValid());
    }

    void addContactDialogValidatesAndSubmits()
    {
        test::FakeSession session;
        ui::AddContactDialog dialog(&session);
        dialog.show();
        QPushButton *ok = dialog.buttons()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(dialog.jidEdit(), QStringLiteral("romeo"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(!dialog.feedbackLabel()->text().isEmpty());
        QTest::keyClicks(dialog.jidEdit(), QStringLiteral("@montague.example/balcony"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog.feedbackLabel()->text().contains(QStringLiteral("/")));
        dialog.jidEdit()->setText(QStringLiteral("Romeo@Montague.example"));
        QVERIFY(ok->isEnabled());
        dialog.accountBox()->setCurrentIndex(1);
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Romeo"));
        QTest::keyClicks(dialog.groupsEdit(), QStringLiteral("Verona, Friends"));
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(session.lastCall(QStringLiteral("addContact"))->args,
                 (QStringList{QStringLiteral("sam.weber@corp.example"),
                              QStringLiteral("romeo@montague.example"), QStringLiteral("Romeo"),
                              QStringLiteral("Verona,Friends")}));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestRosterView)
#include "tst_rosterview.moc"
