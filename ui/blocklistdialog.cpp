// SPDX-License-Identifier: GPL-3.0-or-later
#include "blocklistdialog.h"

#include "core/session/session.h"

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace parla::ui {

BlocklistDialog::BlocklistDialog(Session *session, const QString &account, QWidget *parent)
    : QDialog(parent), m_session(session), m_account(account), m_list(new QListWidget(this)),
      m_address(new QLineEdit(this)), m_block(new QPushButton(tr("Block"), this)),
      m_unblock(new QPushButton(tr("Unblock"), this))
{
    setWindowTitle(tr("Blocked contacts — %1").arg(account));
    auto *hint =
        new QLabel(tr("Blocked people cannot message you or see when you're online."), this);
    hint->setObjectName(QStringLiteral("Muted"));
    hint->setWordWrap(true);
    m_list->setAccessibleName(tr("Blocked addresses"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_address->setPlaceholderText(tr("name@example.org"));
    m_address->setAccessibleName(tr("Address to block"));
    auto *add = new QHBoxLayout;
    add->addWidget(m_address, 1);
    add->addWidget(m_block);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_unblock, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_block, &QPushButton::clicked, this, [this] {
        const QString jid = m_address->text().trimmed();
        if (jid.isEmpty())
            return;
        m_session->people().block(m_account, jid, false);
        m_address->clear();
    });
    connect(m_address, &QLineEdit::returnPressed, m_block, &QPushButton::click);
    connect(m_unblock, &QPushButton::clicked, this, [this] {
        for (QListWidgetItem *item : m_list->selectedItems())
            m_session->people().unblock(m_account, item->text());
    });
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_unblock->setEnabled(!m_list->selectedItems().isEmpty()); });
    connect(&m_session->people(), &PeopleApi::blocklistChanged, this,
            [this](const QString &changed) {
                if (changed == m_account)
                    refresh();
            });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_list, 1);
    layout->addLayout(add);
    layout->addWidget(buttons);
    resize(420, 380);
    refresh();
}

void BlocklistDialog::refresh()
{
    m_list->clear();
    m_list->addItems(m_session->people().blocklist(m_account));
    m_unblock->setEnabled(false);
}

} // namespace parla::ui
