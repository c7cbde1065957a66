// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPersistentModelIndex>
#include <QWidget>

#include <functional>

class QLabel;
class QToolButton;

namespace parla {
class Session;
}

namespace parla::ui {

class ChatView;
class Composer;
class RoomController;

/// The right side of the main window: header (avatar, name, presence, JID), the messages and the
/// composer of one conversation.
class ChatPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChatPanel(Session *session, QWidget *parent = nullptr);

    void openConversation(const QString &account, const QString &peer);
    /// Jumps to a message of the open conversation (a search hit, a quote) and highlights it.
    bool showMessage(qint64 messageId);
    QString account() const { return m_account; }
    QString peer() const { return m_peer; }
    ChatView *chatView() const { return m_view; }
    Composer *composer() const { return m_composer; }
    /// The header's bell: mute choices for this conversation.
    QToolButton *muteButton() const { return m_muteButton; }
    /// Puts `text` in the composer (an xmpp:?message link); never sends it.
    void prefillComposer(const QString &text);
    /// The header's "⋯" button: contact details, block, report spam.
    QToolButton *peopleMenuButton() const { return m_peopleMenu; }
    /// "… is typing" under the name (XEP-0085), empty when not.
    QString typingText() const;
    /// Asks before a retraction (XEP-0424); replaceable for tests. Default: a question box.
    /// The group chat parts (state banner, occupants, room menu, nick completion).
    RoomController *room() const { return m_room; }
    void setRetractConfirmation(std::function<bool(QWidget *)> confirm)
    {
        m_confirmRetract = std::move(confirm);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void refreshHeader();
    void refreshAccountState();
    void markReadIfVisible();
    void setupMessageFeatures();
    QModelIndex rowOfMessage(qint64 id) const;

    Session *m_session;
    QString m_account;
    QString m_peer;
    QPersistentModelIndex m_conversation;
    QPersistentModelIndex m_contact;
    QPersistentModelIndex m_accountRow;
    QWidget *m_avatar;
    QLabel *m_title;
    QLabel *m_subtitle;
    ChatView *m_view;
    Composer *m_composer;
    QToolButton *m_muteButton;
    QToolButton *m_peopleMenu;
    QLabel *m_typing;
    std::function<bool(QWidget *)> m_confirmRetract;
    RoomController *m_room = nullptr;
};

} // namespace parla::ui
