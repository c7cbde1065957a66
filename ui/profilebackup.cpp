// SPDX-License-Identifier: GPL-3.0-or-later
#include "profilebackup.h"

#include "core/session/session.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QStandardPaths>

namespace parla::ui {

ProfileBackup::ProfileBackup(Session *session, QWidget *parent)
    : QObject(parent), m_session(session), m_parent(parent)
{}

void ProfileBackup::ask()
{
    auto *dialog = new QFileDialog(m_parent, tr("Back up all messages, contacts and settings"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(tr("Parla backups (*.db)"));
    dialog->setDefaultSuffix(QStringLiteral("db"));
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    dialog->setDirectory(folder);
    dialog->selectFile(
        QStringLiteral("parla-backup-%1.db").arg(QDate::currentDate().toString(Qt::ISODate)));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_asked = true;
    connect(dialog, &QFileDialog::fileSelected, this, &ProfileBackup::backUpTo);
    connect(dialog, &QFileDialog::rejected, this, &QObject::deleteLater);
    dialog->open();
}

void ProfileBackup::backUpTo(const QString &file)
{
    if (file.isEmpty())
        return;
    // Written beside the chosen name first: a file the user chose to replace stays intact
    // until the new copy is complete.
    const QString partial = file + QStringLiteral(".partial");
    QFile::remove(partial); // left by an earlier attempt that died
    m_session->accounts().backupProfile(partial).then(
        this, [this, file, partial](const xmpp::Result<xmpp::Success> &r) {
            if (const auto *error = std::get_if<xmpp::Error>(&r)) {
                QFile::remove(partial);
                tell(false, tr("Parla could not back up your profile: %1").arg(error->text));
                return;
            }
            if (QFile::exists(file) && !QFile::remove(file)) {
                tell(false,
                     tr("Parla could not replace %1. The backup is in %2.").arg(file, partial));
                return;
            }
            if (!QFile::rename(partial, file)) {
                tell(false,
                     tr("Parla could not name the backup %1. It is in %2.").arg(file, partial));
                return;
            }
            tell(true, tr("All your accounts' messages, contacts and settings are backed up in "
                          "%1. Passwords stay in your system's keychain. To restore, quit Parla "
                          "and put this file in place of parla.db in your profile folder.")
                           .arg(file));
        });
}

void ProfileBackup::tell(bool ok, const QString &message)
{
    Q_EMIT finished(ok, message);
    auto *box = new QMessageBox(ok ? QMessageBox::Information : QMessageBox::Warning, tr("Backup"),
                                message, QMessageBox::Ok, m_parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    if (m_asked)
        deleteLater();
}

} // namespace parla::ui
