// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QPair>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace parla {
class Session;
}

namespace parla::ui {

/// Shows desktop notifications for Session::messageNotified while the main window is not
/// active: through the freedesktop org.freedesktop.Notifications D-Bus service when it exists
/// (so clicking a notification opens the chat), otherwise through the tray icon's balloon.
class Notifier : public QObject
{
    Q_OBJECT
public:
    Notifier(Session *session, QWidget *window, QSystemTrayIcon *tray, QObject *parent = nullptr);

    /// Whether a notification would be shown now (the window is not in front).
    bool shouldNotify() const;
    /// Shows a notification (plain text title and body).
    void notify(const QString &account, const QString &peer, const QString &title,
                const QString &text);

Q_SIGNALS:
    /// The user clicked a notification.
    void conversationActivated(const QString &account, const QString &peer);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);

private:
    bool notifyDBus(const QString &account, const QString &peer, const QString &title,
                    const QString &text);

    QPointer<QWidget> m_window;
    QPointer<QSystemTrayIcon> m_tray;
    bool m_dbus = false;
    QHash<uint, QPair<QString, QString>> m_pending;
};

} // namespace parla::ui
