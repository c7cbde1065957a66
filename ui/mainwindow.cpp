// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "accountsdialog.h"
#include "affiliationsdialog.h"
#include "blocklistdialog.h"
#include "certificatedialog.h"
#include "challengedialog.h"
#include "chatpanel.h"
#include "chatview.h"
#include "composer.h"
#include "createroomdialog.h"
#include "icons.h"
#include "invitationbanner.h"
#include "joinroomdialog.h"
#include "newchatdialog.h"
#include "notificationbackend.h"
#include "notifier.h"
#include "profilebackup.h"
#include "profiledialog.h"
#include "roomconfigdialog.h"
#include "roomcontroller.h"
#include "roomdirectorydialog.h"
#include "searchdialog.h"
#include "sidebar.h"
#include "storagebanner.h"
#include "trayicon.h"
#include "uriopener.h"
#include "xmlconsole.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>

namespace parla::ui {

using namespace parla::models;

namespace {

QWidget *emptyState(QWidget *parent)
{
    auto *w = new QWidget(parent);
    auto *icon = new QLabel(w);
    icon->setPixmap(Icons::tinted(QStringLiteral("chat"), QColor(0x9a, 0xa0, 0xa8)).pixmap(56, 56));
    auto *title = new QLabel(QObject::tr("No chat selected"), w);
    title->setObjectName(QStringLiteral("EmptyTitle"));
    auto *hint = new QLabel(QObject::tr("Pick a conversation on the left, or start a new one "
                                        "with Ctrl+N."),
                            w);
    hint->setObjectName(QStringLiteral("Muted"));
    auto *l = new QVBoxLayout(w);
    l->addStretch();
    for (QLabel *label : {icon, title, hint})
        l->addWidget(label, 0, Qt::AlignHCenter);
    l->addStretch();
    return w;
}

} // namespace

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_sidebar(new Sidebar(session, this)),
      m_right(new QStackedWidget(this)), m_chat(new ChatPanel(session, this))
{
    setWindowTitle(QStringLiteral("Parla"));
    setWindowIcon(Icons::coloured(QStringLiteral("parla")));
    resize(1180, 760);
    m_right->addWidget(emptyState(m_right));
    m_right->addWidget(m_chat);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_sidebar);
    // Room invitations wait above the chat, whatever conversation is open.
    auto *rightSide = new QWidget(this);
    auto *rightColumn = new QVBoxLayout(rightSide);
    rightColumn->setContentsMargins(0, 0, 0, 0);
    rightColumn->setSpacing(0);
    m_invitations = new InvitationBanner(session, rightSide);
    m_storage = new StorageBanner(session, rightSide); // a write failed: said, never silent
    auto *invitationMargin = new QVBoxLayout;
    invitationMargin->setContentsMargins(12, 8, 12, 0);
    invitationMargin->setSpacing(8);
    invitationMargin->addWidget(m_storage);
    invitationMargin->addWidget(m_invitations);
    rightColumn->addLayout(invitationMargin);
    rightColumn->addWidget(m_right, 1);
    splitter->addWidget(rightSide);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({340, 840});
    splitter->setHandleWidth(1);
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    connect(m_sidebar, &Sidebar::conversationActivated, this, &MainWindow::openConversation);
    connect(m_sidebar, &Sidebar::newChatRequested, this, &MainWindow::showNewChatDialog);
    connect(m_sidebar, &Sidebar::accountsRequested, this, &MainWindow::showAccountsDialog);
    connect(&session->accounts(), &AccountsApi::certificateDecisionNeeded, this,
            &MainWindow::showCertificateDialog);
    createActions();
    // Group chat: invitations, CAPTCHAs, and the room panel's requests.
    connect(m_invitations, &InvitationBanner::joinRequested, this,
            [this](const QString &account, const RoomInvitation &invitation) {
                showJoinRoomDialog(account, invitation.room, {}, invitation.password);
            });
    connect(&session->rooms(), &RoomsApi::challengeReceived, this,
            &MainWindow::showChallengeDialog);
    connect(m_chat->room(), &RoomController::conversationRequested, this,
            &MainWindow::openConversation);
    connect(
        m_chat->room(), &RoomController::joinDialogRequested, this,
        [this](const QString &account, const QString &room) { showJoinRoomDialog(account, room); });
    connect(m_chat->room(), &RoomController::roomSettingsRequested, this,
            &MainWindow::roomSettingsRequested);
    connect(m_chat->room(), &RoomController::affiliationsRequested, this,
            &MainWindow::showAffiliations);
    // The room administration dialogs (XEP-0045 §9–10, §6.3).
    connect(this, &MainWindow::roomSettingsRequested, this, &MainWindow::showRoomSettings);
    connect(this, &MainWindow::roomDirectoryRequested, this, &MainWindow::showRoomDirectory);
    m_uriOpener = new UriOpener(session, this);
    // xmpp: links in messages go through the same opener as links from the desktop.
    connect(m_chat->chatView(), &ChatView::xmppUriActivated, this,
            [this](const QUrl &url) { openUri(url.toString()); });
}

void MainWindow::createActions()
{
    auto add = [this](const QString &text, const QKeySequence &keys, auto slot) {
        auto *a = new QAction(text, this);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    add(tr("New chat"), QKeySequence(Qt::CTRL | Qt::Key_N), [this] { showNewChatDialog(); });
    add(tr("Filter"), QKeySequence(Qt::CTRL | Qt::Key_F), [this] {
        m_sidebar->filterBox()->setFocus();
        m_sidebar->filterBox()->selectAll();
    });
    // Quick switch: the same filter box, but always over the chat list.
    add(tr("Quick switch"), QKeySequence(Qt::CTRL | Qt::Key_K), [this] {
        m_sidebar->setPage(Sidebar::Page::Chats);
        m_sidebar->filterBox()->setFocus();
        m_sidebar->filterBox()->selectAll();
    });
    add(tr("Previous conversation"), QKeySequence(Qt::ALT | Qt::Key_Up),
        [this] { m_sidebar->stepConversation(-1); });
    add(tr("Next conversation"), QKeySequence(Qt::ALT | Qt::Key_Down),
        [this] { m_sidebar->stepConversation(1); });
    add(tr("XML console"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X),
        [this] { showXmlConsole(); });
    add(tr("Accounts"), QKeySequence(Qt::CTRL | Qt::Key_Comma), [this] { showAccountsDialog(); });
    add(tr("Back up…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
        [this] { (new ProfileBackup(m_session, this))->ask(); });
    add(tr("Contacts"), QKeySequence(Qt::CTRL | Qt::Key_2),
        [this] { m_sidebar->setPage(Sidebar::Page::Contacts); });
    add(tr("Chats"), QKeySequence(Qt::CTRL | Qt::Key_1),
        [this] { m_sidebar->setPage(Sidebar::Page::Chats); });
    add(tr("Search messages"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
        [this] { showSearch(); });
    add(tr("Join room…"), QKeySequence(Qt::CTRL | Qt::Key_J), [this] { showJoinRoomDialog(); });
    add(tr("Create room…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
        [this] { showCreateRoomDialog(); });
    add(tr("Browse rooms…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J),
        [this] { showRoomDirectory(currentOrFirstAccount()); });
    add(tr("Quit"), QKeySequence::Quit, [] { QApplication::quit(); });
    // People: our profile (avatar, vCard, what we reveal) and the blocklist.
    add(tr("My profile"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), [this] {
        if (const QString account = currentOrFirstAccount(); !account.isEmpty()) {
            auto *dialog = new ProfileDialog(m_session, account, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        }
    });
    add(tr("Blocked contacts"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), [this] {
        if (const QString account = currentOrFirstAccount(); !account.isEmpty()) {
            auto *dialog = new BlocklistDialog(m_session, account, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        }
    });
}

void MainWindow::openConversation(const QString &account, const QString &peer)
{
    m_chat->openConversation(account, peer);
    m_right->setCurrentWidget(m_chat);
    m_sidebar->selectConversation(account, peer);
}

void MainWindow::showAccountsDialog()
{
    auto *dialog = new AccountsDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AccountsDialog::xmlConsoleRequested, this, &MainWindow::showXmlConsole);
    dialog->open();
}

void MainWindow::showNewChatDialog()
{
    auto *dialog = new NewChatDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewChatDialog::conversationChosen, this, &MainWindow::openConversation);
    dialog->open();
}

QString MainWindow::currentOrFirstAccount() const
{
    if (!m_chat->account().isEmpty())
        return m_chat->account();
    QAbstractItemModel *m = m_session->accounts().accountModel();
    return m->rowCount() > 0 ? m->index(0, 0).data(AccountJidRole).toString() : QString();
}

void MainWindow::showXmlConsole(const QString &account)
{
    const QString which = account.isEmpty() ? currentOrFirstAccount() : account;
    if (which.isEmpty())
        return;
    QPointer<XmlConsole> &console = m_consoles[which];
    if (!console) {
        console = new XmlConsole(m_session, which, this);
        console->setAttribute(Qt::WA_DeleteOnClose);
    }
    console->show();
    console->raise();
    console->activateWindow();
}

void MainWindow::showCertificateDialog(const QString &account,
                                       const parla::xmpp::CertificateInfo &info,
                                       bool changedSincePinned)
{
    auto *dialog = new CertificateDialog(m_session, account, info, changedSincePinned, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showMessage(const QString &account, const QString &peer, qint64 messageId)
{
    openConversation(account, peer);
    m_chat->showMessage(messageId);
}

void MainWindow::showSearch()
{
    if (!m_search) {
        m_search = new SearchDialog(m_session, this);
        connect(m_search, &SearchDialog::messageChosen, this, &MainWindow::showMessage);
    }
    m_search->show();
    m_search->raise();
    m_search->activateWindow();
    m_search->queryField()->setFocus();
    m_search->queryField()->selectAll();
}

JoinRoomDialog *MainWindow::showJoinRoomDialog(const QString &account, const QString &room,
                                               const QString &nick, const QString &password)
{
    if (m_joinDialog)
        m_joinDialog->close();
    auto *dialog = new JoinRoomDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->prefill(account.isEmpty() ? currentOrFirstAccount() : account, room, nick, password);
    connect(dialog, &JoinRoomDialog::joined, this, &MainWindow::openConversation);
    connect(dialog, &JoinRoomDialog::directoryRequested, this, &MainWindow::roomDirectoryRequested);
    m_joinDialog = dialog;
    dialog->open();
    return dialog;
}

JoinRoomDialog *MainWindow::joinRoomDialog() const
{
    return m_joinDialog;
}

void MainWindow::showChallengeDialog(const QString &account, const RoomChallenge &challenge)
{
    auto *dialog = new ChallengeDialog(m_session, account, challenge, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::enableTrayAndNotifications()
{
    if (QSystemTrayIcon::isSystemTrayAvailable() && !m_tray) {
        m_tray = new TrayIcon(m_session, this);
        connect(m_tray, &TrayIcon::toggleWindowRequested, this, [this] {
            if (isVisible() && isActiveWindow()) {
                hide();
            } else {
                showNormal();
                raise();
                activateWindow();
            }
        });
        connect(m_tray, &TrayIcon::quitRequested, qApp, &QApplication::quit);
        m_tray->show();
    }
    if (!m_notifier) {
        NotificationBackend *backend = Notifier::createPlatformBackend(m_tray, this);
        createNotifier(backend);
        // The D-Bus service may vanish (the desktop restarts it): balloons from then on.
        if (m_tray && qobject_cast<DBusNotificationBackend *>(backend))
            m_notifier->setFallbackBackend(new TrayNotificationBackend(m_tray, this));
    }
    if (m_tray) {
        // Notification settings live in the tray menu, above Quit.
        QMenu *menu = m_tray->contextMenu();
        QAction *quit = menu->actions().constLast();
        auto toggle = [this, menu, quit](const QString &text, bool on, auto apply) {
            auto *a = new QAction(text, menu);
            a->setCheckable(true);
            a->setChecked(on);
            connect(a, &QAction::toggled, this, apply);
            menu->insertAction(quit, a);
        };
        toggle(tr("Show message text in notifications"), m_notifier->showPreviews(),
               [this](bool on) {
                   m_notifier->setShowPreviews(on);
                   QSettings().setValue(QStringLiteral("notifications/previews"), on);
               });
        toggle(tr("Play sounds"), m_notifier->soundsEnabled(), [this](bool on) {
            m_notifier->setSoundsEnabled(on);
            QSettings().setValue(QStringLiteral("notifications/sounds"), on);
        });
        menu->insertSeparator(quit);
    }
}

Notifier *MainWindow::createNotifier(NotificationBackend *backend)
{
    delete m_notifier;
    m_notifier = new Notifier(m_session, backend, this);
    QSettings settings;
    m_notifier->setShowPreviews(
        settings.value(QStringLiteral("notifications/previews"), true).toBool());
    m_notifier->setSoundsEnabled(
        settings.value(QStringLiteral("notifications/sounds"), true).toBool());
    m_notifier->setFocusProvider([this] {
        // Only a conversation really on screen counts as read by looking at it.
        const bool chatShown = m_right->currentWidget() == m_chat;
        return Notifier::Focus{isVisible() && isActiveWindow(),
                               chatShown ? m_chat->account() : QString(),
                               chatShown ? m_chat->peer() : QString()};
    });
    connect(m_notifier, &Notifier::conversationActivated, this,
            [this](const QString &a, const QString &p) {
                raiseAndActivate();
                openConversation(a, p);
            });
    connect(m_notifier, &Notifier::replyRequested, this,
            [this](const QString &a, const QString &p) {
                raiseAndActivate();
                openConversation(a, p);
                m_chat->composer()->setFocus();
            });
    return m_notifier;
}

bool MainWindow::openUri(const QString &uri, QString *error)
{
    return m_uriOpener->open(uri, error);
}

void MainWindow::raiseAndActivate()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

} // namespace parla::ui

namespace parla::ui {

void MainWindow::showRoomSettings(const QString &account, const QString &room)
{
    auto *dialog = new RoomConfigDialog(m_session, account, room, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAffiliations(const QString &account, const QString &room)
{
    auto *dialog = new AffiliationsDialog(m_session, account, room, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showRoomDirectory(const QString &account)
{
    if (account.isEmpty())
        return;
    auto *dialog = new RoomDirectoryDialog(m_session, account, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RoomDirectoryDialog::joinRequested, this,
            [this](const QString &acc, const QString &room) { showJoinRoomDialog(acc, room); });
    dialog->open();
}

void MainWindow::showCreateRoomDialog()
{
    auto *dialog = new CreateRoomDialog(m_session, currentOrFirstAccount(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateRoomDialog::roomCreated, this, &MainWindow::openConversation);
    dialog->open();
}

} // namespace parla::ui
