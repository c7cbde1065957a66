// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class QSystemTrayIcon;

namespace parla::ui {

/// Where desktop notifications go: the freedesktop D-Bus service, the tray balloon, or a fake
/// in tests. Notifications are named by the caller's `key` (one per conversation), so showing
/// a key again replaces its notification and close() takes it away.
class NotificationBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Action ids the backend reports through actionInvoked().
    static QString replyAction() { return QStringLiteral("reply"); }
    static QString markReadAction() { return QStringLiteral("mark-read"); }

    struct Request
    {
        quint32 key = 0;
        QString title;
        QString body; ///< plain text; empty when previews are off
    };

    /// Shows the notification, replacing an earlier one with the same key.
    virtual void show(const Request &request) = 0;
    /// Takes the notification away (the conversation was read); no-op if not shown.
    virtual void close(quint32 key) = 0;
    /// Whether the Reply action takes the text in the notification itself.
    virtual bool supportsInlineReply() const { return false; }

Q_SIGNALS:
    /// The notification itself was clicked.
    void activated(quint32 key);
    /// One of its buttons (replyAction(), markReadAction()) was pressed.
    void actionInvoked(quint32 key, const QString &action);
    /// Inline reply: the user typed `text` in the notification.
    void replied(quint32 key, const QString &text);
    /// The backend stopped working (the service went away); the caller falls back.
    void failed();
};

/// Desktop Notifications Specification 1.2 over D-Bus (org.freedesktop.Notifications), with
/// the "inline-reply" extension (NotificationReplied signal) where the server advertises it.
class DBusNotificationBackend : public NotificationBackend
{
    Q_OBJECT
public:
    explicit DBusNotificationBackend(QObject *parent = nullptr);

    /// Whether the session bus has a notification service now.
    static bool isServiceAvailable();

    void show(const Request &request) override;
    void close(quint32 key) override;
    bool supportsInlineReply() const override { return m_inlineReply; }

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);
    void onNotificationClosed(uint id, uint reason);
    void onNotificationReplied(uint id, const QString &text);

private:
    void forget(uint id);

    bool m_inlineReply = false;
    bool m_actions = true;
    QHash<quint32, uint> m_serverIds; ///< key → notification id the server gave
    QHash<uint, quint32> m_keys;      ///< and back
    /// Keys whose Notify call has not answered yet, and the newest request for such a key: it
    /// is sent once the server's id is known, so that it replaces instead of piling up.
    QSet<quint32> m_inFlight;
    QHash<quint32, Request> m_queued;
    QSet<quint32> m_closeWhenShown; ///< closed while the Notify call was in flight
};

/// The fallback where no D-Bus service answers: QSystemTrayIcon balloons. Balloons have no
/// buttons and cannot be taken back; clicking one opens the conversation.
class TrayNotificationBackend : public NotificationBackend
{
    Q_OBJECT
public:
    explicit TrayNotificationBackend(QSystemTrayIcon *tray, QObject *parent = nullptr);

    void show(const Request &request) override;
    void close(quint32 key) override;

private:
    QPointer<QSystemTrayIcon> m_tray;
    quint32 m_lastKey = 0;
};

} // namespace parla::ui
