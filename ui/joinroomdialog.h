// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace parla {
class Session;
}

namespace parla::ui {

/// "Join room…": account, room address (a bare JID, checked as typed), nick (the account's
/// localpart, or the bookmark's nick), an optional password and "Bookmark and join
/// automatically" (XEP-0402 autojoin). Join calls RoomsApi::joinRoom (and setBookmark when
/// ticked) and emits joined() so the room's conversation opens. Never joins without the user
/// pressing Join (links, invitations only prefill it).
class JoinRoomDialog : public QDialog
{
    Q_OBJECT
public:
    explicit JoinRoomDialog(Session *session, QWidget *parent = nullptr);

    /// Fills the fields (empty values keep the defaults); a known bookmark's nick and
    /// password fill in what is not given.
    void prefill(const QString &account, const QString &room, const QString &nick = {},
                 const QString &password = {});
    QComboBox *accountBox() const { return m_account; }
    QLineEdit *roomEdit() const { return m_room; }
    QLineEdit *nickEdit() const { return m_nick; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *bookmarkBox() const { return m_bookmark; }
    QPushButton *joinButton() const { return m_join; }
    /// Why Join is disabled, in plain words (empty when it is enabled).
    QString problem() const;

Q_SIGNALS:
    void joined(const QString &account, const QString &room);
    /// "Browse rooms…": the room directory (a dialog the lead wires in).
    void directoryRequested(const QString &account);

public Q_SLOTS:
    void accept() override;

private:
    void validate();
    void accountChanged();

    Session *m_session;
    QComboBox *m_account;
    QLineEdit *m_room;
    QLineEdit *m_nick;
    QLineEdit *m_password;
    QCheckBox *m_bookmark;
    QLabel *m_problem;
    QPushButton *m_join;
    bool m_nickTouched = false;
};

} // namespace parla::ui
