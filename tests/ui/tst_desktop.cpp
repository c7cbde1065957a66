// SPDX-License-Identifier: GPL-3.0-or-later
// Desktop integration in the main window: muting from the list and the chat header, the tray
// badge's attention state, and opening xmpp: links.
#include "fakesession.h"

#include "ui/addcontactdialog.h"
#include "ui/chatpanel.h"
#include "ui/composer.h"
#include "ui/joinroomdialog.h"
#include "ui/mainwindow.h"
#include "ui/sidebar.h"
#include "ui/trayicon.h"
#include "ui/uriopener.h"

#include "core/models/roles.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QTest>
#include <QToolButton>

using namespace parla;
using namespace parla::models;

namespace {
const QString kMe = QStringLiteral("sam@parla.im");
const QString kWork = QStringLiteral("sam.weber@corp.example");

QModelIndex rowFor(QAbstractItemModel *m, const QString &peer)
{
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, 0).data(ConversationPeerRole).toString() == peer)
            return m->index(r, 0);
    }
    return {};
}

QAction *findAction(QMenu *menu, const QString &name)
{
    for (QAction *a : menu->actions()) {
        if (a->objectName() == name)
            return a;
        if (a->menu()) {
            if (QAction *inner = findAction(a->menu(), name))
                return inner;
        }
    }
    return nullptr;
}
} // namespace

class TestDesktop : public QObject
{
    Q_OBJECT

    /// Opens the conversation list's context menu on `peer`'s row.
    static QMenu *contextMenuFor(ui::MainWindow &window, const QString &peer)
    {
        QListView *list = window.sidebar()->conversationList();
        const QModelIndex i = rowFor(list->model(), peer);
        if (!i.isValid())
            return nullptr;
        const QRect rect = list->visualRect(i);
        Q_EMIT list->customContextMenuRequested(rect.center());
        const auto menus = window.sidebar()->findChildren<QMenu *>(Qt::FindDirectChildrenOnly);
        return menus.isEmpty() ? nullptr : menus.constLast();
    }

private Q_SLOTS:
    void muteFromTheConversationList()
    {
        test::FakeSession session;
        ui::MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString carla = QStringLiteral("carla@parla.im");

        QMenu *menu = contextMenuFor(window, carla);
        QVERIFY(menu);
        QAction *hour = findAction(menu, QStringLiteral("mute1h"));
        QVERIFY(hour);
        QVERIFY(!findAction(menu, QStringLiteral("unmute")));
        hour->trigger();
        menu->close();
        auto call = session.lastCall(QStringLiteral("setConversationMuted"));
        QVERIFY(call);
        QCOMPARE(call->args.mid(0, 2), (QStringList{kMe, carla}));
        const QDateTime until = QDateTime::fromString(call->args[2], Qt::ISODate);
        const qint64 in = QDateTime::currentDateTimeUtc().secsTo(until);
        QVERIFY2(in > 3500 && in <= 3600, qPrintable(call->args[2]));
        QVERIFY(rowFor(session.chats().conversationModel(), carla)
                    .data(ConversationMutedRole)
                    .toBool());

        // Now the menu offers Unmute, which clears it.
        menu = contextMenuFor(window, carla);
        QAction *unmute = findAction(menu, QStringLiteral("unmute"));
        QVERIFY(unmute);
        unmute->trigger();
        menu->close();
        QVERIFY(session.lastCall(QStringLiteral("setConversationMuted"))->args[2].isEmpty());
        QVERIFY(!rowFor(session.chats().conversationModel(), carla)
                     .data(ConversationMutedRole)
                     .toBool());

        // "Until I unmute".
        menu = contextMenuFor(window, carla);
        findAction(menu, QStringLiteral("muteForever"))->trigger();
        menu->close();
        QCOMPARE(session.chats().conversationMutedUntil(kMe, carla), ChatsApi::mutedForever());
        // The delegate paints a muted row without trouble (grey badge, bell).
        window.sidebar()->conversationList()->viewport()->repaint();
    }

    void muteFromTheChatHeader()
    {
        test::FakeSession session;
        ui::MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString anna = QStringLiteral("anna@parla.im");
        window.openConversation(kMe, anna);
        QToolButton *bell = window.chatPanel()->muteButton();
        QCOMPARE(bell->accessibleName(), QStringLiteral("Mute"));
        QMenu *menu = bell->menu();
        Q_EMIT menu->aboutToShow();
        findAction(menu, QStringLiteral("mute8h"))->trigger();
        QVERIFY(session.chats().isConversationMuted(kMe, anna));
        QCOMPARE(bell->accessibleName(), QStringLiteral("Muted"));
        Q_EMIT menu->aboutToShow(); // rebuilt: now Unmute
        findAction(menu, QStringLiteral("unmute"))->trigger();
        QVERIFY(!session.chats().isConversationMuted(kMe, anna));
        QCOMPARE(bell->accessibleName(), QStringLiteral("Mute"));
    }

    void trayAttentionIgnoresMutedConversations()
    {
        test::FakeSession session;
        ui::TrayIcon tray(&session);
        // anna has 2 unread, dmitri (muted) 1.
        QCOMPARE(tray.unread(), 3);
        QVERIFY(tray.needsAttention());
        session.chats().markRead(kMe, QStringLiteral("anna@parla.im"));
        QCOMPARE(tray.unread(), 1);      // the muted one still counts ...
        QVERIFY(!tray.needsAttention()); // ... but asks for no attention
        session.chats().receive(kMe, QStringLiteral("dmitri@xmpp.example"), QStringLiteral("Nf3"));
        QCOMPARE(tray.unread(), 2);
        QVERIFY(!tray.needsAttention());
        session.chats().receive(kMe, QStringLiteral("carla@parla.im"), QStringLiteral("hi"));
        QVERIFY(tray.needsAttention());
        // The rendered badges differ (red vs grey).
        const QImage red =
            ui::TrayIcon::renderIcon(2, Availability::Online, true).pixmap(32, 32).toImage();
        const QImage grey =
            ui::TrayIcon::renderIcon(2, Availability::Online, false).pixmap(32, 32).toImage();
        QVERIFY(red != grey);
    }

    void messageLinkPrefillsTheComposer()
    {
        test::FakeSession session;
        ui::MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString why;
        // helpdesk is only in the work account's roster: that account is chosen.
        QVERIFY(window.openUri(
            QStringLiteral("xmpp:helpdesk@corp.example?message;body=My%20printer%20is%20on%20fire"),
            &why));
        QCOMPARE(window.chatPanel()->account(), kWork);
        QCOMPARE(window.chatPanel()->peer(), QStringLiteral("helpdesk@corp.example"));
        QCOMPARE(window.chatPanel()->composer()->edit()->toPlainText(),
                 QStringLiteral("My printer is on fire"));
        QVERIFY(!session.lastCall(QStringLiteral("sendMessage"))); // never sent by itself
        QVERIFY(!window.uriOpener()->addContactDialog());

        // A resource in the link still opens the bare conversation.
        QVERIFY(window.openUri(QStringLiteral("xmpp:carla@parla.im/phone"), &why));
        QCOMPARE(window.chatPanel()->peer(), QStringLiteral("carla@parla.im"));
        QCOMPARE(window.chatPanel()->account(), kMe);
    }

    void rosterLinkOpensAddContact()
    {
        test::FakeSession session;
        ui::MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString why;
        QVERIFY(window.openUri(
            QStringLiteral("xmpp:romeo@montague.net?roster;name=Romeo;group=Verona"), &why));
        ui::AddContactDialog *dialog = window.uriOpener()->addContactDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->jidEdit()->text(), QStringLiteral("romeo@montague.net"));
        QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Romeo"));
        QCOMPARE(dialog->groupsEdit()->text(), QStringLiteral("Verona"));
        // The connected account is preselected (the work account is failed).
        QCOMPARE(dialog->accountBox()->currentText(), kMe);
        dialog->accept();
        const auto add = session.lastCall(QStringLiteral("addContact"));
        QVERIFY(add);
        QCOMPARE(add->args, (QStringList{kMe, QStringLiteral("romeo@montague.net"),
                                         QStringLiteral("Romeo"), QStringLiteral("Verona")}));
    }

    void messageToAStrangerAsksToAddFirst()
    {
        test::FakeSession session;
        ui::MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString why;
        QVERIFY(window.openUri(QStringLiteral("xmpp:juliet@capulet.lit?message;body=hi"), &why));
        ui::AddContactDialog *dialog = window.uriOpener()->addContactDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->jidEdit()->text(), QStringLiteral("juliet@capulet.lit"));
        dialog->accountBox()->setCurrentText(kWork);
        dialog->accept();
        QCOMPARE(window.chatPanel()->account(), kWork);
        QCOMPARE(window.chatPanel()->peer(), QStringLiteral("juliet@capulet.lit"));
        QCOMPARE(window.chatPanel()->composer()->edit()->toPlainText(), QStringLiteral("hi"));
    }

    void badLinksAreRefused()
    {
        test::FakeSession session;
        ui::MainWindow window(&session);
        QString why;
        QVERIFY(!window.openUri(QStringLiteral("xmpp:%ZZ@example.com"), &why));
        QVERIFY(!why.isEmpty());
        // ?join is no longer refused, but it only opens the join dialog: never a silent join.
        QVERIFY(window.openUri(QStringLiteral("xmpp:room@muc.example?join"), &why));
        QVERIFY(window.joinRoomDialog());
        QVERIFY(!session.lastCall(QStringLiteral("joinRoom")));
        QVERIFY(window.chatPanel()->peer().isEmpty());
    }
};

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
