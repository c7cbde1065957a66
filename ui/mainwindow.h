// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include "core/services/roomtypes.h"

class QStackedWidget;

namespace parla {
class Session;
namespace xmpp {
struct CertificateInfo;
}
} // namespace parla

namespace parla::ui {

class ChatPanel;
class InvitationBanner;
class StorageBanner;
class JoinRoomDialog;
class NotificationBackend;
class SearchDialog;
class Notifier;
class Sidebar;
class TrayIcon;
class UriOpener;
class XmlConsole;

/// Composition only: sidebar, chat panel, the window-wide shortcuts, and the dialogs the session
/// asks for (certificate decisions). Tray icon and notifications are attached on request.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Session *session, QWidget *parent = nullptr);

    /// Adds the tray icon (when the platform has one) and desktop notifications.
    void enableTrayAndNotifications();
    Sidebar *sidebar() const { return m_sidebar; }
    ChatPanel *chatPanel() const { return m_chat; }
    Notifier *notifier() const { return m_notifier; }
    UriOpener *uriOpener() const { return m_uriOpener; }
    /// Creates the notifier over `backend` (tests; enableTrayAndNotifications() uses the
    /// platform's). Preview and sound settings come from QSettings.
    Notifier *createNotifier(NotificationBackend *backend);

public Q_SLOTS:
    void openConversation(const QString &account, const QString &peer);
    /// Room administration dialogs (ui/roomconfigdialog.h, affiliationsdialog.h,
    /// roomdirectorydialog.h, createroomdialog.h).
    void showRoomSettings(const QString &account, const QString &room);
    void showAffiliations(const QString &account, const QString &room);
    void showRoomDirectory(const QString &account);
    void showCreateRoomDialog();
    /// Opens an xmpp: link (RFC 5122); false with the reason when it cannot be acted on.
    bool openUri(const QString &uri, QString *error = nullptr);
    /// Shows the window in front (a second launch, a notification).
    void raiseAndActivate();
    void showAccountsDialog();
    void showNewChatDialog();
    void showXmlConsole(const QString &account = {});
    void showCertificateDialog(const QString &account, const parla::xmpp::CertificateInfo &info,
                               bool changedSincePinned);
    /// Opens the conversation and jumps to the message (search results, reply quotes).
    void showMessage(const QString &account, const QString &peer, qint64 messageId);
    /// The message search (Ctrl+Shift+F).
    void showSearch();
    /// "Join room…" (Ctrl+J), prefilled by links, invitations and bookmarks; never joins by
    /// itself. The room's conversation opens once the user presses Join.
    JoinRoomDialog *showJoinRoomDialog(const QString &account = {}, const QString &room = {},
                                       const QString &nick = {}, const QString &password = {});
    /// XEP-0158: a room's CAPTCHA to answer.
    void showChallengeDialog(const QString &account, const parla::RoomChallenge &challenge);

Q_SIGNALS:
    /// Hooks for the room administration dialogs (wired by whoever provides them):
    /// the configuration of a room we own or administer, and the room directory.
    void roomSettingsRequested(const QString &account, const QString &room);
    void roomDirectoryRequested(const QString &account);

public:
    InvitationBanner *invitationBanner() const { return m_invitations; }
    StorageBanner *storageBanner() const { return m_storage; }
    /// The join dialog last opened, while it is open.
    JoinRoomDialog *joinRoomDialog() const;

private:
    void createActions();
    QString currentOrFirstAccount() const;

    Session *m_session;
    Sidebar *m_sidebar;
    QStackedWidget *m_right;
    ChatPanel *m_chat;
    TrayIcon *m_tray = nullptr;
    Notifier *m_notifier = nullptr;
    UriOpener *m_uriOpener = nullptr;
    QHash<QString, QPointer<XmlConsole>> m_consoles;
    QPointer<SearchDialog> m_search;
    InvitationBanner *m_invitations = nullptr;
    StorageBanner *m_storage = nullptr;
    QPointer<JoinRoomDialog> m_joinDialog;
};

} // namespace parla::ui
