// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/peopletypes.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;
class QFormLayout;

namespace parla {
class Session;
}

namespace parla::ui {

/// A contact's details: avatar, profile (vCard), each online resource with its client and
/// version (XEP-0092), local time (XEP-0202) and idle time (XEP-0012), or when they were last
/// seen; and Block / Unblock.
class ContactDetailsDialog : public QDialog
{
    Q_OBJECT
public:
    ContactDetailsDialog(Session *session, const QString &account, const QString &jid,
                         QWidget *parent = nullptr);

    QTreeWidget *resourceList() const { return m_resources; }
    QPushButton *blockButton() const { return m_block; }
    /// The shown value of a profile field ("fullName", "email", …), for tests.
    QString fieldText(const QString &field) const;
    QLabel *lastSeenLabel() const { return m_lastSeen; }

    /// Plain words for a duration in seconds ("3 minutes").
    static QString durationText(qint64 seconds);

private:
    void showDetails(const ContactDetails &details);
    void refreshBlock();
    void refreshAvatar();

    Session *m_session;
    QString m_account;
    QString m_jid;
    QLabel *m_avatar;
    QLabel *m_status;
    QFormLayout *m_form;
    QHash<QString, QLabel *> m_fields;
    QTreeWidget *m_resources;
    QLabel *m_lastSeen;
    QPushButton *m_block;
};

} // namespace parla::ui
