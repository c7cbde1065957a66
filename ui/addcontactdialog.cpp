// SPDX-License-Identifier: GPL-3.0-or-later
#include "addcontactdialog.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace parla::ui {

using namespace parla::models;

QStringList splitGroups(const QString &text)
{
    QStringList out;
    for (const QString &g : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString t = g.trimmed();
        if (!t.isEmpty() && !out.contains(t))
            out << t;
    }
    return out;
}

AddContactDialog::AddContactDialog(Session *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_account(new QComboBox(this)),
      m_jid(new QLineEdit(this)), m_name(new QLineEdit(this)), m_groups(new QLineEdit(this)),
      m_feedback(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add contact"));
    setMinimumWidth(420);
    QAbstractItemModel *accounts = session->accounts().accountModel();
    for (int r = 0; r < accounts->rowCount(); ++r)
        m_account->addItem(accounts->index(r, 0).data(AccountJidRole).toString());
    m_account->setAccessibleName(tr("Account"));
    m_jid->setPlaceholderText(tr("name@example.org"));
    m_jid->setAccessibleName(tr("Contact address"));
    m_name->setPlaceholderText(tr("Optional"));
    m_name->setAccessibleName(tr("Name"));
    m_groups->setPlaceholderText(tr("Optional, separated by commas"));
    m_groups->setAccessibleName(tr("Groups"));
    m_feedback->setObjectName(QStringLiteral("Muted"));
    m_feedback->setTextFormat(Qt::PlainText);
    m_feedback->setAccessibleName(tr("Address check"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add contact"));

    auto *form = new QFormLayout;
    form->setSpacing(10);
    if (m_account->count() > 1)
        form->addRow(tr("&Account"), m_account);
    else
        m_account->hide();
    form->addRow(tr("&Address"), m_jid);
    form->addRow(QString(), m_feedback);
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Groups"), m_groups);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_jid, &QLineEdit::textChanged, this, &AddContactDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddContactDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddContactDialog::reject);
    validate();
}

bool AddContactDialog::looksLikeBareJid(const QString &text, QString *why)
{
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    const QString t = text.trimmed();
    if (t.isEmpty())
        return fail(tr("Enter an address like name@example.org."));
    if (t.contains(QLatin1Char(' ')))
        return fail(tr("An address has no spaces."));
    if (t.contains(QLatin1Char('/')))
        return fail(tr("Leave out the part after “/”: contacts are added by their bare address."));
    const qsizetype at = t.indexOf(QLatin1Char('@'));
    if (at <= 0)
        return fail(tr("The address needs a name before “@”."));
    if (t.indexOf(QLatin1Char('@'), at + 1) >= 0)
        return fail(tr("An address has only one “@”."));
    const QString domain = t.mid(at + 1);
    if (domain.isEmpty() || domain.startsWith(QLatin1Char('.')) ||
        domain.endsWith(QLatin1Char('.')))
        return fail(tr("The server part after “@” is missing or incomplete."));
    if (why)
        why->clear();
    return true;
}

void AddContactDialog::validate()
{
    QString why;
    const bool ok = looksLikeBareJid(m_jid->text(), &why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    m_feedback->setText(ok ? tr("They will be asked to share their presence with you.") : why);
}

void AddContactDialog::accept()
{
    if (!looksLikeBareJid(m_jid->text()))
        return;
    m_session->people().addContact(m_account->currentText(), m_jid->text().trimmed().toLower(),
                                   m_name->text().trimmed(), splitGroups(m_groups->text()));
    QDialog::accept();
}

} // namespace parla::ui
