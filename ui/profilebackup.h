// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace parla {
class Session;
}

namespace parla::ui {

/// "Back up…": asks where (a save dialog, window-modal), copies the whole profile database there
/// off the GUI thread (AccountsApi::backupProfile) and says how it went. A file the user chose
/// to replace is replaced only once the new copy is complete.
class ProfileBackup : public QObject
{
    Q_OBJECT
public:
    ProfileBackup(Session *session, QWidget *parent);

    /// Opens the save dialog; the object deletes itself once the dialog is cancelled or the
    /// backup it asked for has ended.
    void ask();
    /// Backs up to `file` (what the dialog gives; tests call it directly).
    void backUpTo(const QString &file);

Q_SIGNALS:
    /// The backup ended: `ok`, and the words shown to the user.
    void finished(bool ok, const QString &message);

private:
    void tell(bool ok, const QString &message);

    Session *m_session;
    QWidget *m_parent;
    bool m_asked = false;
};

} // namespace parla::ui
