// SPDX-License-Identifier: GPL-3.0-or-later
#include "notifier.h"

#include "core/services/session.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSystemTrayIcon>
#include <QWidget>

namespace parla::ui {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
} // namespace

Notifier::Notifier(Session *session, QWidget *window, QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent), m_window(window), m_tray(tray)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    m_dbus = bus.isConnected() && bus.interface() &&
             bus.interface()->isServiceRegistered(kService).value();
    if (m_dbus) {
        bus.connect(kService, kPath, kService, QStringLiteral("ActionInvoked"), this,
                    SLOT(onActionInvoked(uint, QString)));
    }
    connect(session, &Session::messageNotified, this,
            [this](const QString &account, const QString &peer, const QString &title,
                   const QString &text) {
                if (shouldNotify())
                    notify(account, peer, title, text);
            });
}

bool Notifier::shouldNotify() const
{
    return !m_window || !m_window->isVisible() || !m_window->isActiveWindow();
}

void Notifier::notify(const QString &account, const QString &peer, const QString &title,
                      const QString &text)
{
    if (m_dbus && notifyDBus(account, peer, title, text))
        return;
    if (m_tray && m_tray->isVisible())
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 5000);
}

bool Notifier::notifyDBus(const QString &account, const QString &peer, const QString &title,
                          const QString &text)
{
    // Desktop Notifications Specification 1.2, Notify(app_name, replaces_id, app_icon, summary,
    // body, actions, hints, expire_timeout). Servers may read the body as markup: escape it.
    QDBusMessage call =
        QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
    QVariantMap hints;
    hints.insert(QStringLiteral("category"), QStringLiteral("im.received"));
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("im.parla.Parla"));
    call << QStringLiteral("Parla") << uint(0) << QStringLiteral("parla") << title
         << text.toHtmlEscaped() << QStringList{QStringLiteral("default"), tr("Open")} << hints
         << int(-1);
    auto *watcher =
        new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, watcher, account, peer, title, text] {
                watcher->deleteLater();
                QDBusPendingReply<uint> reply = *watcher;
                if (reply.isError()) {
                    m_dbus = false; // fall back for this and later notifications
                    notify(account, peer, title, text);
                    return;
                }
                m_pending.insert(reply.value(), {account, peer});
            });
    return true;
}

void Notifier::onActionInvoked(uint id, const QString &action)
{
    const auto it = m_pending.constFind(id);
    if (it == m_pending.constEnd() || action != QLatin1String("default"))
        return;
    Q_EMIT conversationActivated(it->first, it->second);
    m_pending.erase(it);
}

} // namespace parla::ui
