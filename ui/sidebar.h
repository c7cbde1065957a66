// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLineEdit;
class QListView;
class QStackedWidget;
class QToolButton;

namespace parla {
class Session;
}

namespace parla::ui {

class AccountStrip;
class ConversationFilterProxy;
class RosterView;
class SubscriptionBanner;

/// The left column: availability, new chat and accounts buttons, the account state strip, a
/// filter box, the Chats / Contacts switch, the request banner and the two lists.
class Sidebar : public QWidget
{
    Q_OBJECT
public:
    enum class Page
    {
        Chats,
        Contacts
    };

    explicit Sidebar(Session *session, QWidget *parent = nullptr);

    void setPage(Page page);
    Page page() const;
    QLineEdit *filterBox() const { return m_filter; }
    QListView *conversationList() const { return m_conversations; }
    ConversationFilterProxy *conversationProxy() const { return m_conversationProxy; }
    RosterView *rosterView() const { return m_roster; }
    AccountStrip *accountStrip() const { return m_strip; }
    /// Moves the conversation selection by delta rows (Alt+Up/Down) and opens it.
    void stepConversation(int delta);
    /// Selects the row of a conversation if it is listed.
    void selectConversation(const QString &account, const QString &peer);

Q_SIGNALS:
    void conversationActivated(const QString &account, const QString &peer);
    void newChatRequested();
    void accountsRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Session *m_session;
    QLineEdit *m_filter;
    QToolButton *m_chatsButton;
    QToolButton *m_contactsButton;
    QStackedWidget *m_stack;
    QListView *m_conversations;
    ConversationFilterProxy *m_conversationProxy;
    RosterView *m_roster;
    AccountStrip *m_strip;
    SubscriptionBanner *m_banner;
};

} // namespace parla::ui
