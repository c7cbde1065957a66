// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace parla {
class Session;
}

namespace parla::ui {

/// The account's blocklist (XEP-0191): who is blocked, unblock them, or block an address.
/// The list shown is the server's, updated by its pushes (PeopleApi::blocklistChanged).
class BlocklistDialog : public QDialog
{
    Q_OBJECT
public:
    BlocklistDialog(Session *session, const QString &account, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QLineEdit *addressEdit() const { return m_address; }
    QPushButton *blockButton() const { return m_block; }
    QPushButton *unblockButton() const { return m_unblock; }

private:
    void refresh();

    Session *m_session;
    QString m_account;
    QListWidget *m_list;
    QLineEdit *m_address;
    QPushButton *m_block;
    QPushButton *m_unblock;
};

} // namespace parla::ui
