// SPDX-License-Identifier: GPL-3.0-or-later
#include "newchatdialog.h"

#include "addcontactdialog.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>

namespace parla::ui {

using namespace parla::models;

NewChatDialog::NewChatDialog(Session *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_account(new QComboBox(this)),
      m_jid(new QLineEdit(this)), m_open(nullptr)
{
    setWindowTitle(tr("New chat"));
    setMinimumWidth(400);
    QAbstractItemModel *accounts = session->accounts().accountModel();
    for (int r = 0; r < accounts->rowCount(); ++r)
        m_account->addItem(accounts->index(r, 0).data(AccountJidRole).toString());
    m_account->setAccessibleName(tr("Account"));
    QStringList jids;
    QAbstractItemModel *roster = session->people().rosterModel();
    for (int r = 0; r < roster->rowCount(); ++r)
        jids << roster->index(r, 0).data(ContactJidRole).toString();
    auto *completer = new QCompleter(jids, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_jid->setCompleter(completer);
    m_jid->setPlaceholderText(tr("name@example.org"));
    m_jid->setAccessibleName(tr("Address"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_open = buttons->button(QDialogButtonBox::Ok);
    m_open->setText(tr("Open chat"));
    m_open->setEnabled(false);
    connect(m_jid, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_open->setEnabled(AddContactDialog::looksLikeBareJid(t));
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &NewChatDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewChatDialog::reject);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(20, 20, 20, 16);
    if (m_account->count() > 1)
        form->addRow(tr("&Account"), m_account);
    else
        m_account->hide();
    form->addRow(tr("&Address"), m_jid);
    form->addRow(buttons);
}

void NewChatDialog::accept()
{
    const QString jid = m_jid->text().trimmed().toLower();
    if (!AddContactDialog::looksLikeBareJid(jid))
        return;
    m_session->chats().openConversation(m_account->currentText(), jid);
    Q_EMIT conversationChosen(m_account->currentText(), jid);
    QDialog::accept();
}

} // namespace parla::ui
