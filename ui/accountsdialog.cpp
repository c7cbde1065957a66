// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountsdialog.h"

#include "addaccountdialog.h"
#include "icons.h"
#include "profilebackup.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QAbstractItemModel>
#include <QBoxLayout>
#include <QCheckBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>

namespace parla::ui {

using namespace parla::models;

AccountsDialog::AccountsDialog(Session *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_rows(new QVBoxLayout)
{
    setWindowTitle(tr("Accounts"));
    setMinimumSize(560, 320);
    auto *title = new QLabel(tr("Accounts"), this);
    title->setObjectName(QStringLiteral("EmptyTitle"));
    auto *add = new QPushButton(Icons::themed(QStringLiteral("add")), tr("&Add account…"), this);
    add->setObjectName(QStringLiteral("addAccountButton"));
    add->setAccessibleName(tr("Add account"));
    auto *backup = new QPushButton(tr("&Back up…"), this);
    backup->setObjectName(QStringLiteral("backupButton"));
    backup->setAccessibleName(tr("Back up all messages, contacts and settings"));
    backup->setToolTip(
        tr("Save a copy of all accounts' messages, contacts and settings (%1)")
            .arg(
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S).toString(QKeySequence::NativeText)));
    auto *close = new QPushButton(tr("Close"), this);
    connect(add, &QPushButton::clicked, this, &AccountsDialog::showAddAccountDialog);
    connect(backup, &QPushButton::clicked, this,
            [this] { (new ProfileBackup(m_session, this))->ask(); });
    connect(close, &QPushButton::clicked, this, &QDialog::accept);

    auto *rowsHost = new QWidget(this);
    auto *rowsOuter = new QVBoxLayout(rowsHost);
    rowsOuter->setContentsMargins(0, 0, 0, 0);
    rowsOuter->addLayout(m_rows);
    rowsOuter->addStretch();
    m_rows->setSpacing(8);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(rowsHost);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(backup);
    buttons->addStretch();
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);

    QAbstractItemModel *model = session->accounts().accountModel();
    connect(model, &QAbstractItemModel::rowsInserted, this, &AccountsDialog::rebuild);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &AccountsDialog::rebuild);
    connect(model, &QAbstractItemModel::dataChanged, this, &AccountsDialog::rebuild);
    connect(model, &QAbstractItemModel::modelReset, this, &AccountsDialog::rebuild);
    rebuild();
}

QString AccountsDialog::stateText(const QModelIndex &row)
{
    switch (ConnectionState(row.data(AccountStateRole).toInt())) {
    case ConnectionState::Connected:
        return availabilityText(Availability(row.data(AccountAvailabilityRole).toInt()));
    case ConnectionState::Connecting:
        return tr("Connecting…");
    case ConnectionState::Disconnected:
        return tr("Disabled");
    case ConnectionState::Failed: {
        QString text = row.data(AccountErrorRole).toString();
        if (text.isEmpty())
            text = tr("Could not connect.");
        const int retryIn = row.data(AccountRetryInRole).toInt();
        if (retryIn > 0)
            text += QLatin1Char(' ') + tr("Retrying in %n s.", nullptr, retryIn);
        return text;
    }
    }
    return {};
}

void AccountsDialog::rebuild()
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        if (QWidget *w = item->widget())
            w->deleteLater();
        delete item;
    }
    QAbstractItemModel *model = m_session->accounts().accountModel();
    if (model->rowCount() == 0) {
        auto *empty = new QLabel(tr("No accounts yet. Add one to start chatting."), this);
        empty->setObjectName(QStringLiteral("Muted"));
        m_rows->addWidget(empty);
        return;
    }
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex i = model->index(r, 0);
        const QString jid = i.data(AccountJidRole).toString();
        const auto state = ConnectionState(i.data(AccountStateRole).toInt());

        auto *row = new QWidget(this);
        row->setObjectName(QStringLiteral("Banner"));
        row->setAttribute(Qt::WA_StyledBackground);
        row->setAccessibleName(tr("Account %1").arg(jid));
        auto *dot = new QLabel(row);
        const Availability shown = state == ConnectionState::Connected
                                       ? Availability(i.data(AccountAvailabilityRole).toInt())
                                       : Availability::Offline;
        dot->setPixmap(state == ConnectionState::Failed
                           ? Icons::coloured(QStringLiteral("error")).pixmap(16, 16)
                           : Icons::availability(shown).pixmap(14, 14));
        auto *name = new QLabel(jid, row);
        name->setTextFormat(Qt::PlainText);
        QFont bold = name->font();
        bold.setWeight(QFont::DemiBold);
        name->setFont(bold);
        auto *stateLabel = new QLabel(stateText(i), row);
        stateLabel->setObjectName(state == ConnectionState::Failed ? QStringLiteral("ErrorText")
                                                                   : QStringLiteral("Muted"));
        stateLabel->setTextFormat(Qt::PlainText);
        stateLabel->setWordWrap(true);
        stateLabel->setAccessibleName(tr("State of %1").arg(jid));
        auto *texts = new QVBoxLayout;
        texts->setSpacing(2);
        texts->addWidget(name);
        texts->addWidget(stateLabel);

        auto *enabled = new QCheckBox(tr("Enabled"), row);
        enabled->setChecked(state != ConnectionState::Disconnected);
        enabled->setAccessibleName(tr("Enable %1").arg(jid));
        connect(enabled, &QCheckBox::toggled, this,
                [this, jid](bool on) { m_session->accounts().setAccountEnabled(jid, on); });

        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(12, 10, 8, 10);
        h->setSpacing(10);
        h->addWidget(dot, 0, Qt::AlignTop);
        h->addLayout(texts, 1);
        if (state == ConnectionState::Failed) {
            auto *retry = new QPushButton(Icons::themed(QStringLiteral("retry")), tr("Retry"), row);
            retry->setObjectName(QStringLiteral("retryButton"));
            retry->setAccessibleName(tr("Reconnect %1 now").arg(jid));
            connect(retry, &QPushButton::clicked, this,
                    [this, jid] { m_session->accounts().retryAccount(jid); });
            h->addWidget(retry);
        }
        h->addWidget(enabled);
        auto *console = new QToolButton(row);
        console->setIcon(Icons::themed(QStringLiteral("console")));
        console->setToolTip(tr("XML console of %1").arg(jid));
        console->setAccessibleName(tr("XML console of %1").arg(jid));
        connect(console, &QToolButton::clicked, this,
                [this, jid] { Q_EMIT xmlConsoleRequested(jid); });
        h->addWidget(console);
        auto *remove = new QToolButton(row);
        remove->setIcon(Icons::themed(QStringLiteral("remove")));
        remove->setToolTip(tr("Remove %1 from Parla").arg(jid));
        remove->setAccessibleName(tr("Remove %1").arg(jid));
        connect(remove, &QToolButton::clicked, this, [this, jid] {
            QMessageBox box(QMessageBox::Warning, tr("Remove account"),
                            tr("Remove %1 from Parla?").arg(jid), QMessageBox::Cancel, this);
            box.setTextFormat(Qt::PlainText);
            box.setInformativeText(
                tr("Its local message history is deleted. The account itself stays on the "
                   "server."));
            QPushButton *yes = box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
            box.exec();
            if (box.clickedButton() == yes)
                m_session->accounts().removeAccount(jid);
        });
        h->addWidget(remove);
        m_rows->addWidget(row);
    }
}

void AccountsDialog::showAddAccountDialog()
{
    auto *dialog = new AddAccountDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace parla::ui
