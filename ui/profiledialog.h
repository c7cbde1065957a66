// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QImage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace parla {
class Session;
}

namespace parla::ui {

/// Our own profile: the avatar (XEP-0084, and the vCard photo), name, nickname (XEP-0172),
/// e-mail, phone, web site and a note (vCard, XEP-0054/0292), and what Parla tells others
/// about this computer (XEP-0092 version and OS, XEP-0202 time, XEP-0012 idle time).
class ProfileDialog : public QDialog
{
    Q_OBJECT
public:
    ProfileDialog(Session *session, const QString &account, QWidget *parent = nullptr);

    /// What the "Choose picture…" button sets after the file dialog (tests call it directly).
    void setAvatarImage(const QImage &image);
    QLineEdit *field(const QString &name) const;
    QPlainTextEdit *noteEdit() const { return m_note; }
    QCheckBox *revealVersion() const { return m_version; }
    QCheckBox *revealOs() const { return m_os; }
    QCheckBox *revealTime() const { return m_time; }
    QCheckBox *revealIdle() const { return m_idle; }
    QPushButton *saveButton() const { return m_save; }
    QLabel *statusLabel() const { return m_status; }

private:
    void chooseAvatar();
    void save();
    void refreshAvatar();

    Session *m_session;
    QString m_account;
    QImage m_newAvatar;
    QLabel *m_avatar;
    QHash<QString, QLineEdit *> m_fields;
    QPlainTextEdit *m_note;
    QCheckBox *m_version;
    QCheckBox *m_os;
    QCheckBox *m_time;
    QCheckBox *m_idle;
    QPushButton *m_save;
    QLabel *m_status;
    int m_pending = 0;
};

} // namespace parla::ui
