// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace parla {
class Session;
}

namespace parla::ui {

/// Starts a conversation with any address (completed from the roster).
class NewChatDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewChatDialog(Session *session, QWidget *parent = nullptr);
    void accept() override;

Q_SIGNALS:
    void conversationChosen(const QString &account, const QString &peer);

private:
    Session *m_session;
    QComboBox *m_account;
    QLineEdit *m_jid;
    QPushButton *m_open;
};

} // namespace parla::ui
