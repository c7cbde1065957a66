// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QVBoxLayout;

namespace parla {
class Session;
}

namespace parla::ui {

/// Lists the accounts with their connection state in plain words (connecting, online, or the
/// error with a Retry button), and lets the user enable, disable, remove and add accounts.
class AccountsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AccountsDialog(Session *session, QWidget *parent = nullptr);

    /// Plain words for an account row's state, e.g. "Online" or "Could not connect: …".
    static QString stateText(const QModelIndex &accountRow);

public Q_SLOTS:
    void showAddAccountDialog();

Q_SIGNALS:
    void xmlConsoleRequested(const QString &account);

private:
    void rebuild();

    Session *m_session;
    QVBoxLayout *m_rows;
};

} // namespace parla::ui
