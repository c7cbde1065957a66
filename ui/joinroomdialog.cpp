// SPDX-License-Identifier: GPL-3.0-or-later
#include "joinroomdialog.h"

#include "core/models/roles.h"
#include "core/session/session.h"
#include "core/xmpp/jid.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace parla::ui {

using namespace parla::models;

JoinRoomDialog::JoinRoomDialog(Session *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_account(new QComboBox(this)),
      m_room(new QLineEdit(this)), m_nick(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_bookmark(new QCheckBox(tr("Bookmark and join automatically"), this)),
      m_problem(new QLabel(this)), m_join(new QPushButton(tr("Join"), this))
{
    setWindowTitle(tr("Join room"));
    setMinimumWidth(420);
    QAbstractItemModel *accounts = session->accounts().accountModel();
    for (int r = 0; r < accounts->rowCount(); ++r)
        m_account->addItem(accounts->index(r, 0).data(AccountJidRole).toString());
    m_account->setAccessibleName(tr("Account"));
    m_room->setPlaceholderText(tr("room@conference.example.org"));
    m_room->setAccessibleName(tr("Room address"));
    m_nick->setAccessibleName(tr("Nickname"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Only if the room has one"));
    m_password->setAccessibleName(tr("Room password"));
    m_problem->setObjectName(QStringLiteral("Muted"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Account"), m_account);
    form->addRow(tr("Room"), m_room);
    form->addRow(tr("Nickname"), m_nick);
    form->addRow(tr("Password"), m_password);
    form->addRow(QString(), m_bookmark);
    auto *buttons = new QDialogButtonBox(this);
    auto *browse = buttons->addButton(tr("Browse rooms…"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    buttons->addButton(m_join, QDialogButtonBox::AcceptRole);
    m_join->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &JoinRoomDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this,
            [this] { Q_EMIT directoryRequested(m_account->currentText()); });
    connect(m_room, &QLineEdit::textChanged, this, &JoinRoomDialog::validate);
    connect(m_nick, &QLineEdit::textChanged, this, &JoinRoomDialog::validate);
    connect(m_nick, &QLineEdit::textEdited, this, [this] { m_nickTouched = true; });
    connect(m_account, &QComboBox::currentTextChanged, this, &JoinRoomDialog::accountChanged);
    accountChanged();
    m_room->setFocus();
}

void JoinRoomDialog::accountChanged()
{
    if (!m_nickTouched)
        m_nick->setText(m_account->currentText().section(QLatin1Char('@'), 0, 0));
    validate();
}

void JoinRoomDialog::prefill(const QString &account, const QString &room, const QString &nick,
                             const QString &password)
{
    if (const int i = m_account->findText(account); i >= 0)
        m_account->setCurrentIndex(i);
    m_room->setText(room);
    QString useNick = nick;
    QString usePassword = password;
    for (const RoomBookmark &b : m_session->rooms().bookmarks(m_account->currentText())) {
        if (b.room.compare(room, Qt::CaseInsensitive) == 0) {
            if (useNick.isEmpty())
                useNick = b.nick;
            if (usePassword.isEmpty())
                usePassword = b.password;
            m_bookmark->setChecked(b.autojoin);
        }
    }
    if (!useNick.isEmpty()) {
        m_nick->setText(useNick);
        m_nickTouched = true;
    }
    m_password->setText(usePassword);
    validate();
}

QString JoinRoomDialog::problem() const
{
    return m_join->isEnabled() ? QString() : m_problem->text();
}

void JoinRoomDialog::validate()
{
    QString why;
    const QString text = m_room->text().trimmed();
    const std::optional<xmpp::Jid> jid = xmpp::Jid::parse(text);
    if (m_account->count() == 0)
        why = tr("Add an account first.");
    else if (text.isEmpty())
        why = tr("Enter the room's address, like room@conference.example.org.");
    else if (!jid || !jid->isBare() || jid->local().isEmpty())
        why =
            tr("“%1” is not a room address: it looks like room@conference.example.org.").arg(text);
    else if (m_nick->text().trimmed().isEmpty())
        why = tr("Choose the nickname others will see.");
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty() && !text.isEmpty());
    m_join->setEnabled(why.isEmpty());
}

void JoinRoomDialog::accept()
{
    validate();
    if (!m_join->isEnabled())
        return;
    const QString account = m_account->currentText();
    const QString room = xmpp::Jid::parse(m_room->text().trimmed())->bareString();
    const QString nick = m_nick->text().trimmed();
    const QString password = m_password->text();
    if (m_bookmark->isChecked()) {
        RoomBookmark b;
        b.room = room;
        b.nick = nick;
        b.password = password;
        b.autojoin = true;
        for (const RoomBookmark &old : m_session->rooms().bookmarks(account)) {
            if (old.room == room)
                b.name = old.name; // keep the name the user gave it elsewhere
        }
        m_session->rooms().setBookmark(account, b);
    }
    m_session->rooms().joinRoom(account, room, nick, password);
    Q_EMIT joined(account, room);
    QDialog::accept();
}

} // namespace parla::ui
