// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace parla {
class Session;
}

namespace parla::ui {

/// "Invite…" from a room's menu: whom (a JID, checked as typed) and an optional message;
/// RoomsApi::inviteToRoom picks XEP-0249 or a mediated invitation (XEP-0045 §7.8).
class InviteDialog : public QDialog
{
    Q_OBJECT
public:
    InviteDialog(Session *session, QString account, QString room, QWidget *parent = nullptr);

    QLineEdit *jidEdit() const { return m_jid; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QPushButton *inviteButton() const { return m_invite; }

public Q_SLOTS:
    void accept() override;

private:
    Session *m_session;
    QString m_account;
    QString m_room;
    QLineEdit *m_jid;
    QLineEdit *m_reason;
    QPushButton *m_invite;
};

} // namespace parla::ui
