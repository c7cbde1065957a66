// SPDX-License-Identifier: GPL-3.0-or-later
#include "notificationbackend.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>
#include <QSystemTrayIcon>

namespace parla::ui {

Q_LOGGING_CATEGORY(lcNotify, "parla.ui.notifications")

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
// KDE's extension, adopted by other servers: the action with this id becomes a text field and
// the server answers with NotificationReplied(id, text) instead of ActionInvoked.
const QString kInlineReply = QStringLiteral("inline-reply");

QDBusMessage method(const QString &name)
{
    return QDBusMessage::createMethodCall(kService, kPath, kService, name);
}
} // namespace

bool DBusNotificationBackend::isServiceAvailable()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface() &&
           bus.interface()->isServiceRegistered(kService).value();
}

DBusNotificationBackend::DBusNotificationBackend(QObject *parent) : NotificationBackend(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    bus.connect(kService, kPath, kService, QStringLiteral("ActionInvoked"), this,
                SLOT(onActionInvoked(uint, QString)));
    bus.connect(kService, kPath, kService, QStringLiteral("NotificationClosed"), this,
                SLOT(onNotificationClosed(uint, uint)));
    bus.connect(kService, kPath, kService, QStringLiteral("NotificationReplied"), this,
                SLOT(onNotificationReplied(uint, QString)));
    auto *watcher =
        new QDBusPendingCallWatcher(bus.asyncCall(method(QStringLiteral("GetCapabilities"))), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        QDBusPendingReply<QStringList> reply = *watcher;
        if (reply.isError())
            return;
        m_inlineReply = reply.value().contains(kInlineReply);
        m_actions = reply.value().contains(QStringLiteral("actions"));
        qCDebug(lcNotify) << "notification server capabilities" << reply.value();
    });
}

void DBusNotificationBackend::show(const Request &request)
{
    if (m_inFlight.contains(request.key)) {
        m_closeWhenShown.remove(request.key); // a close before this request no longer applies
        m_queued.insert(request.key, request);
        return;
    }
    // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout).
    // Servers may read the body as markup: escape it.
    QStringList actions{QStringLiteral("default"), tr("Open")};
    if (m_actions) {
        actions << (m_inlineReply ? kInlineReply : replyAction()) << tr("Reply") << markReadAction()
                << tr("Mark as read");
    }
    QVariantMap hints;
    hints.insert(QStringLiteral("category"), QStringLiteral("im.received"));
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("im.parla.Parla"));
    // Parla plays its own sound (and knows when not to): the server should not add one.
    hints.insert(QStringLiteral("suppress-sound"), true);
    if (m_inlineReply)
        hints.insert(QStringLiteral("x-kde-reply-placeholder-text"), tr("Write a reply…"));
    QDBusMessage call = method(QStringLiteral("Notify"));
    call << QStringLiteral("Parla") << m_serverIds.value(request.key, 0u) << QStringLiteral("parla")
         << request.title << request.body.toHtmlEscaped() << actions << hints << int(-1);
    m_closeWhenShown.remove(request.key);
    auto *watcher =
        new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    const quint32 key = request.key;
    m_inFlight.insert(key);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, key] {
        watcher->deleteLater();
        m_inFlight.remove(key);
        QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            m_queued.remove(key);
            qCWarning(lcNotify) << "the notification service failed:" << reply.error().message();
            Q_EMIT failed();
            return;
        }
        const uint id = reply.value();
        if (const uint old = m_serverIds.value(key, 0u); old != 0 && old != id)
            m_keys.remove(old);
        m_serverIds.insert(key, id);
        m_keys.insert(id, key);
        if (m_closeWhenShown.remove(key)) {
            m_queued.remove(key);
            close(key);
        } else if (m_queued.contains(key)) {
            show(m_queued.take(key));
        }
    });
}

void DBusNotificationBackend::close(quint32 key)
{
    const auto it = m_serverIds.constFind(key);
    if (it == m_serverIds.constEnd()) {
        m_closeWhenShown.insert(key); // in case a Notify for it is still on its way
        return;
    }
    QDBusMessage call = method(QStringLiteral("CloseNotification"));
    call << *it;
    QDBusConnection::sessionBus().asyncCall(call);
    forget(*it);
}

void DBusNotificationBackend::forget(uint id)
{
    const auto it = m_keys.constFind(id);
    if (it == m_keys.constEnd())
        return;
    m_serverIds.remove(*it);
    m_keys.erase(it);
}

void DBusNotificationBackend::onActionInvoked(uint id, const QString &action)
{
    const auto it = m_keys.constFind(id);
    if (it == m_keys.constEnd()) // another application's notification
        return;
    const quint32 key = *it;
    if (action == QLatin1String("default"))
        Q_EMIT activated(key);
    else if (action == replyAction() || action == kInlineReply)
        Q_EMIT actionInvoked(key, replyAction());
    else if (action == markReadAction())
        Q_EMIT actionInvoked(key, markReadAction());
}

void DBusNotificationBackend::onNotificationClosed(uint id, uint)
{
    forget(id);
}

void DBusNotificationBackend::onNotificationReplied(uint id, const QString &text)
{
    const auto it = m_keys.constFind(id);
    if (it != m_keys.constEnd())
        Q_EMIT replied(*it, text);
}

TrayNotificationBackend::TrayNotificationBackend(QSystemTrayIcon *tray, QObject *parent)
    : NotificationBackend(parent), m_tray(tray)
{
    if (tray) {
        connect(tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_lastKey)
                Q_EMIT activated(m_lastKey);
        });
    }
}

void TrayNotificationBackend::show(const Request &request)
{
    if (!m_tray || !m_tray->isVisible()) {
        qCInfo(lcNotify) << "no notification service and no tray: message not shown";
        return;
    }
    m_lastKey = request.key;
    m_tray->showMessage(request.title, request.body, QSystemTrayIcon::Information, 5000);
}

void TrayNotificationBackend::close(quint32 key)
{
    // A balloon cannot be taken back; a click on it after the read should not reopen it.
    if (key == m_lastKey)
        m_lastKey = 0;
}

} // namespace parla::ui
