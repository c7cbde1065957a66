// SPDX-License-Identifier: GPL-3.0-or-later
#include "roomconfigdialog.h"

#include "dataformwidget.h"
#include "statuslabel.h"
#include "theme.h"

#include "core/session/session.h"

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace parla::ui {

RoomConfigDialog::RoomConfigDialog(Session *session, const QString &account, const QString &room,
                                   QWidget *parent)
    : QDialog(parent), m_session(session), m_account(account), m_room(room),
      m_form(new DataFormWidget(this)), m_status(new StatusLabel(this)),
      m_save(new QPushButton(tr("Save"), this)),
      m_destroy(new QPushButton(tr("Destroy room…"), this))
{
    setWindowTitle(tr("Room settings — %1").arg(room));
    m_form->setAccessibleName(tr("Room settings"));
    m_form->hide();
    m_save->setDefault(true);
    m_save->setEnabled(false);
    m_destroy->setObjectName(QStringLiteral("destroyButton"));
    // Never the button Enter presses, and coloured as what it is.
    m_destroy->setAutoDefault(false);
    m_destroy->setStyleSheet(QStringLiteral("QPushButton { color: %1; }")
                                 .arg(Theme::fromPalette(palette()).error.name()));
    m_destroy->setToolTip(tr("Removes the room for everyone, with its settings"));

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    // On the left, away from Save: a destructive action should not be next to the usual one.
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_destroy);
    bottom->addStretch(1);
    bottom->addWidget(buttons);
    connect(m_save, &QPushButton::clicked, this, &RoomConfigDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_destroy, &QPushButton::clicked, this, &RoomConfigDialog::askDestroy);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(m_status);
    layout->addWidget(m_form, 1);
    layout->addLayout(bottom);
    resize(560, 640);
    load();
}

void RoomConfigDialog::setInitialValues(const QHash<QString, QStringList> &values)
{
    m_initial = values;
    if (m_form->isHidden())
        return; // applied when the form arrives
    // The form is already there (a session may answer at once): put the values in now.
    m_form->setForm(withInitialValues(m_form->filled()));
}

xmpp::DataForm RoomConfigDialog::withInitialValues(xmpp::DataForm form) const
{
    for (auto it = m_initial.cbegin(); it != m_initial.cend(); ++it) {
        if (xmpp::DataFormField *f = form.field(it.key()))
            f->values = it.value();
    }
    return form;
}

void RoomConfigDialog::load()
{
    m_status->showInfo(tr("Loading the room's settings…"));
    m_session->rooms()
        .roomConfiguration(m_account, m_room)
        .then(this, [this](const xmpp::Result<xmpp::DataForm> &r) {
            if (const auto *e = std::get_if<xmpp::Error>(&r)) {
                m_status->showError(tr("The room's settings could not be loaded: %1").arg(e->text));
                return;
            }
            m_form->setForm(withInitialValues(std::get<xmpp::DataForm>(r)));
            m_form->show();
            m_save->setEnabled(true);
            m_status->clearStatus();
        });
}

void RoomConfigDialog::save()
{
    QString problem;
    if (!m_form->validate(&problem)) {
        m_status->showError(tr("Please check the settings marked below. %1").arg(problem));
        return;
    }
    m_save->setEnabled(false);
    m_status->showInfo(tr("Saving…"));
    m_session->rooms()
        .submitRoomConfiguration(m_account, m_room, m_form->filled().toSubmit())
        .then(this, [this](const xmpp::Result<xmpp::Success> &r) {
            m_save->setEnabled(true);
            if (const auto *e = std::get_if<xmpp::Error>(&r)) {
                m_status->showError(tr("The room did not accept these settings: %1").arg(e->text));
                return;
            }
            m_status->clearStatus();
            Q_EMIT configurationSaved(m_account, m_room);
            accept();
        });
}

void RoomConfigDialog::reject()
{
    if (m_initialConfiguration) {
        m_initialConfiguration = false;
        // The dialog may be gone when the answer comes; the session reports nothing to it.
        (void)m_session->rooms().cancelRoomConfiguration(m_account, m_room);
    }
    QDialog::reject();
}

void RoomConfigDialog::askDestroy()
{
    if (m_confirm)
        return;
    m_confirm = new QDialog(this);
    m_confirm->setObjectName(QStringLiteral("destroyConfirmation"));
    m_confirm->setWindowTitle(tr("Destroy %1?").arg(m_room));
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    auto *text = new QLabel(tr("Everyone will be removed from the room, and its settings and "
                               "member list will be gone. This cannot be undone."),
                            m_confirm);
    text->setWordWrap(true);
    auto *reason = new QLineEdit(m_confirm);
    reason->setObjectName(QStringLiteral("reasonEdit"));
    reason->setPlaceholderText(tr("Reason (optional, shown to the occupants)"));
    reason->setAccessibleName(tr("Reason"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, m_confirm);
    auto *destroy = buttons->addButton(tr("Destroy room"), QDialogButtonBox::DestructiveRole);
    destroy->setObjectName(QStringLiteral("confirmDestroy"));
    // Enter in the reason field must not destroy the room by accident: Cancel is the default.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, m_confirm, &QDialog::reject);
    connect(destroy, &QPushButton::clicked, m_confirm, [this, reason] {
        const QString why = reason->text().trimmed();
        m_confirm->accept();
        destroyRoom(why);
    });
    connect(m_confirm, &QObject::destroyed, this, [this] { m_confirm = nullptr; });
    auto *layout = new QVBoxLayout(m_confirm);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(text);
    layout->addWidget(reason);
    layout->addWidget(buttons);
    m_confirm->resize(420, m_confirm->sizeHint().height());
    m_confirm->open();
    reason->setFocus();
}

void RoomConfigDialog::destroyRoom(const QString &reason)
{
    m_destroy->setEnabled(false);
    m_save->setEnabled(false);
    m_status->showInfo(tr("Destroying the room…"));
    m_session->rooms()
        .destroyRoom(m_account, m_room, reason)
        .then(this, [this](const xmpp::Result<xmpp::Success> &r) {
            m_destroy->setEnabled(true);
            if (const auto *e = std::get_if<xmpp::Error>(&r)) {
                m_save->setEnabled(!m_form->isHidden());
                m_status->showError(tr("The room could not be destroyed: %1").arg(e->text));
                return;
            }
            Q_EMIT roomDestroyed(m_account, m_room);
            accept();
        });
}

} // namespace parla::ui
