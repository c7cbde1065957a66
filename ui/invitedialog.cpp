// SPDX-License-Identifier: GPL-3.0-or-later
#include "invitedialog.h"

#include "core/session/session.h"
#include "core/xmpp/jid.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace parla::ui {

namespace {
/// The bare JID typed, or empty while it is not one (a full JID is reduced to its bare one:
/// invitations go to the person, not one of their devices).
QString typedJid(const QLineEdit *edit)
{
    const auto jid = xmpp::Jid::parse(edit->text().trimmed());
    return jid && !jid->local().isEmpty() ? jid->bareString() : QString();
}
} // namespace

InviteDialog::InviteDialog(Session *session, QString account, QString room, QWidget *parent)
    : QDialog(parent), m_session(session), m_account(std::move(account)), m_room(std::move(room)),
      m_jid(new QLineEdit(this)), m_reason(new QLineEdit(this)),
      m_invite(new QPushButton(tr("Invite"), this))
{
    setWindowTitle(tr("Invite to %1").arg(m_room));
    setMinimumWidth(380);
    m_jid->setPlaceholderText(tr("name@example.org"));
    m_jid->setAccessibleName(tr("Address of who to invite"));
    m_reason->setPlaceholderText(tr("Optional"));
    m_reason->setAccessibleName(tr("Invitation message"));
    auto *form = new QFormLayout;
    form->addRow(tr("Invite"), m_jid);
    form->addRow(tr("Message"), m_reason);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(QDialogButtonBox::Cancel);
    buttons->addButton(m_invite, QDialogButtonBox::AcceptRole);
    m_invite->setDefault(true);
    m_invite->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &InviteDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_jid, &QLineEdit::textChanged, this,
            [this] { m_invite->setEnabled(!typedJid(m_jid).isEmpty()); });
}

void InviteDialog::accept()
{
    const QString jid = typedJid(m_jid);
    if (jid.isEmpty())
        return;
    m_session->rooms().inviteToRoom(m_account, m_room, jid, m_reason->text().trimmed());
    QDialog::accept();
}

} // namespace parla::ui
