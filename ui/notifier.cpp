// SPDX-License-Identifier: GPL-3.0-or-later
#include "notifier.h"

#include "notificationbackend.h"
#include "soundplayer.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QAbstractItemModel>
#include <QSystemTrayIcon>

namespace parla::ui {

using namespace parla::models;

Notifier::Notifier(Session *session, NotificationBackend *backend, QObject *parent)
    : QObject(parent), m_session(session)
{
    attach(backend);
    connect(&session->chats(), &ChatsApi::messageNotified, this, &Notifier::handleMessage);
    QAbstractItemModel *conversations = session->chats().conversationModel();
    connect(conversations, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &tl, const QModelIndex &br) {
                onConversationsChanged(tl.row(), br.row());
            });
}

NotificationBackend *Notifier::createPlatformBackend(QSystemTrayIcon *tray, QObject *parent)
{
    if (DBusNotificationBackend::isServiceAvailable())
        return new DBusNotificationBackend(parent);
    return tray ? new TrayNotificationBackend(tray, parent) : nullptr;
}

void Notifier::attach(NotificationBackend *backend)
{
    if (m_backend)
        m_backend->disconnect(this);
    m_backend = backend;
    if (!backend)
        return;
    connect(backend, &NotificationBackend::activated, this, [this](quint32 key) {
        const auto it = m_conversations.constFind(key);
        if (it != m_conversations.constEnd())
            Q_EMIT conversationActivated(it->first, it->second);
    });
    connect(backend, &NotificationBackend::actionInvoked, this, &Notifier::onAction);
    connect(backend, &NotificationBackend::replied, this, &Notifier::onReplied);
    connect(backend, &NotificationBackend::failed, this, [this] {
        if (m_fallback && m_fallback != m_backend) {
            attach(m_fallback);
            m_shown.clear();
        }
    });
}

quint32 Notifier::keyFor(const Conversation &c)
{
    auto it = m_keys.find(c);
    if (it == m_keys.end()) {
        it = m_keys.insert(c, m_nextKey++);
        m_conversations.insert(*it, c);
    }
    return *it;
}

bool Notifier::isShown(const QString &account, const QString &peer) const
{
    const auto it = m_keys.constFind({account, peer});
    return it != m_keys.constEnd() && m_shown.value(*it);
}

void Notifier::handleMessage(const QString &account, const QString &peer, const QString &title,
                             const QString &text)
{
    // A muted conversation stays silent in every way (its unread count still shows).
    if (m_session->chats().isConversationMuted(account, peer))
        return;
    const Focus focus = m_focus ? m_focus() : Focus{};
    if (focus.windowActive && focus.account == account && focus.peer == peer)
        return; // the user is looking at it

    if (!focus.windowActive && m_backend) {
        const quint32 key = keyFor({account, peer});
        // Previews off: the sender shows, the words do not (someone may be looking on).
        m_backend->show({key, title, m_previews ? text : QString()});
        m_shown.insert(key, true);
    }
    if (m_sounds) {
        if (!m_playSound) {
            auto *player = new SoundPlayer(QUrl(QStringLiteral("qrc:/sounds/message.wav")), this);
            m_playSound = [player] { player->play(); };
        }
        m_playSound();
    }
}

void Notifier::closeFor(const Conversation &c)
{
    const auto it = m_keys.constFind(c);
    if (it == m_keys.constEnd() || !m_shown.value(*it))
        return;
    m_shown.remove(*it);
    if (m_backend)
        m_backend->close(*it);
}

void Notifier::onAction(quint32 key, const QString &action)
{
    const auto it = m_conversations.constFind(key);
    if (it == m_conversations.constEnd())
        return;
    const Conversation c = *it;
    if (action == NotificationBackend::markReadAction()) {
        m_session->chats().markRead(c.first, c.second);
        closeFor(c);
    } else if (action == NotificationBackend::replyAction()) {
        Q_EMIT replyRequested(c.first, c.second);
    }
}

void Notifier::onReplied(quint32 key, const QString &text)
{
    const auto it = m_conversations.constFind(key);
    if (it == m_conversations.constEnd())
        return;
    const Conversation c = *it;
    if (!text.trimmed().isEmpty())
        m_session->chats().sendMessage(c.first, c.second, text.trimmed());
    // Answering means it was read.
    m_session->chats().markRead(c.first, c.second);
    closeFor(c);
}

void Notifier::onConversationsChanged(int first, int last)
{
    if (m_shown.isEmpty())
        return;
    QAbstractItemModel *m = m_session->chats().conversationModel();
    for (int r = first; r <= last && r < m->rowCount(); ++r) {
        const QModelIndex i = m->index(r, 0);
        const Conversation c{i.data(ConversationAccountRole).toString(),
                             i.data(ConversationPeerRole).toString()};
        // Read elsewhere (here, or on another device) or muted: the notification is stale.
        if (i.data(ConversationUnreadRole).toInt() == 0 || i.data(ConversationMutedRole).toBool())
            closeFor(c);
    }
}

} // namespace parla::ui
