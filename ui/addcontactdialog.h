// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace parla {
class Session;
}

namespace parla::ui {

/// Adds a contact (RFC 6121 §2.4 roster set + §3.1 subscription request): account, address with
/// live validation, optional name and groups.
class AddContactDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddContactDialog(Session *session, QWidget *parent = nullptr);

    QComboBox *accountBox() const { return m_account; }
    QLineEdit *jidEdit() const { return m_jid; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *groupsEdit() const { return m_groups; }
    QLabel *feedbackLabel() const { return m_feedback; }
    QDialogButtonBox *buttons() const { return m_buttons; }

    /// A bare JID a person may type: localpart@domain, no spaces, no resource.
    static bool looksLikeBareJid(const QString &text, QString *why = nullptr);
    void accept() override;

private:
    void validate();

    Session *m_session;
    QComboBox *m_account;
    QLineEdit *m_jid;
    QLineEdit *m_name;
    QLineEdit *m_groups;
    QLabel *m_feedback;
    QDialogButtonBox *m_buttons;
};

/// Splits "Family, Friends" into trimmed, de-duplicated group names.
QStringList splitGroups(const QString &text);

} // namespace parla::ui
