// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPersistentModelIndex>
#include <QWidget>

class QLabel;

namespace parla {
class Session;
}

namespace parla::ui {

class ChatView;
class Composer;

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

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void refreshHeader();
    void refreshAccountState();
    void markReadIfVisible();

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
};

} // namespace parla::ui
