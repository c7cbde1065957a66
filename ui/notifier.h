// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QPair>
#include <QPointer>

#include <functional>

class QSystemTrayIcon;

namespace parla {
class Session;
}

namespace parla::ui {

class NotificationBackend;

/// Decides what an incoming message (ChatsApi::messageNotified) makes happen on the desktop:
///  - nothing for a muted conversation or the one in front of the user (window active and that
///    conversation open);
///  - a desktop notification while the window is not active, through a NotificationBackend
///    (freedesktop D-Bus, falling back to the tray balloon), one per conversation, replaced by
///    the next message and closed when the conversation is read or muted; its actions are
///    Reply (inline where the server can, else opening the conversation with the composer
///    focused) and Mark as read; without previews it carries no message text;
///  - a sound (when sounds are on), also while the window is active on another conversation.
class Notifier : public QObject
{
    Q_OBJECT
public:
    /// What is in front of the user.
    struct Focus
    {
        bool windowActive = false;
        QString account;
        QString peer;
    };

    /// `backend` may be null (no notifications, sounds only); the Notifier does not own it.
    Notifier(Session *session, NotificationBackend *backend, QObject *parent = nullptr);

    /// The platform's backend: D-Bus where a service answers, else the tray (may be null).
    static NotificationBackend *createPlatformBackend(QSystemTrayIcon *tray, QObject *parent);

    void setFocusProvider(std::function<Focus()> provider) { m_focus = std::move(provider); }
    /// Used when the backend reports failed() (e.g. the D-Bus service went away).
    void setFallbackBackend(NotificationBackend *fallback) { m_fallback = fallback; }
    /// Plays the message sound; default: a SoundPlayer with qrc:/sounds/message.wav.
    void setSoundPlayer(std::function<void()> play) { m_playSound = std::move(play); }

    bool showPreviews() const { return m_previews; }
    void setShowPreviews(bool on) { m_previews = on; }
    bool soundsEnabled() const { return m_sounds; }
    void setSoundsEnabled(bool on) { m_sounds = on; }

    /// Handles one incoming message (connected to ChatsApi::messageNotified).
    void handleMessage(const QString &account, const QString &peer, const QString &title,
                       const QString &text);
    /// Whether a notification of the conversation is shown now.
    bool isShown(const QString &account, const QString &peer) const;

Q_SIGNALS:
    /// Open the conversation (the notification was clicked).
    void conversationActivated(const QString &account, const QString &peer);
    /// Open the conversation with the composer focused (Reply without inline reply).
    void replyRequested(const QString &account, const QString &peer);

private:
    using Conversation = QPair<QString, QString>;
    quint32 keyFor(const Conversation &c);
    void attach(NotificationBackend *backend);
    void closeFor(const Conversation &c);
    void onAction(quint32 key, const QString &action);
    void onReplied(quint32 key, const QString &text);
    void onConversationsChanged(int first, int last);

    Session *m_session;
    QPointer<NotificationBackend> m_backend;
    QPointer<NotificationBackend> m_fallback;
    std::function<Focus()> m_focus;
    std::function<void()> m_playSound;
    bool m_previews = true;
    bool m_sounds = true;
    QHash<Conversation, quint32> m_keys;
    QHash<quint32, Conversation> m_conversations;
    QHash<quint32, bool> m_shown;
    quint32 m_nextKey = 1;
};

} // namespace parla::ui
