// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountstrip.h"

#include "accountsdialog.h"
#include "icons.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QAbstractItemModel>
#include <QBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace parla::ui {

using namespace parla::models;

AccountStrip::AccountStrip(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_layout(new QVBoxLayout(this))
{
    setAccessibleName(tr("Account status"));
    m_layout->setContentsMargins(10, 0, 10, 4);
    m_layout->setSpacing(4);
    QAbstractItemModel *m = session->accounts().accountModel();
    connect(m, &QAbstractItemModel::dataChanged, this, &AccountStrip::rebuild);
    connect(m, &QAbstractItemModel::rowsInserted, this, &AccountStrip::rebuild);
    connect(m, &QAbstractItemModel::rowsRemoved, this, &AccountStrip::rebuild);
    connect(m, &QAbstractItemModel::modelReset, this, &AccountStrip::rebuild);
    rebuild();
}

void AccountStrip::rebuild()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        if (QWidget *w = item->widget())
            w->deleteLater();
        delete item;
    }
    QAbstractItemModel *m = m_session->accounts().accountModel();
    int shown = 0;
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex i = m->index(r, 0);
        const auto state = ConnectionState(i.data(AccountStateRole).toInt());
        if (state == ConnectionState::Connected || state == ConnectionState::Disconnected)
            continue;
        const QString jid = i.data(AccountJidRole).toString();
        auto *row = new QWidget(this);
        row->setObjectName(QStringLiteral("Banner"));
        row->setAttribute(Qt::WA_StyledBackground);
        auto *icon = new QLabel(row);
        icon->setPixmap(state == ConnectionState::Failed
                            ? Icons::coloured(QStringLiteral("error")).pixmap(16, 16)
                            : Icons::coloured(QStringLiteral("status-away")).pixmap(14, 14));
        auto *text = new QLabel(row);
        text->setTextFormat(Qt::PlainText);
        text->setWordWrap(true);
        text->setText(jid + QLatin1Char('\n') + AccountsDialog::stateText(i));
        text->setObjectName(QStringLiteral("Muted"));
        text->setAccessibleName(tr("State of %1").arg(jid));
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(10, 6, 6, 6);
        h->setSpacing(8);
        h->addWidget(icon, 0, Qt::AlignTop);
        h->addWidget(text, 1);
        if (state == ConnectionState::Failed) {
            auto *retry = new QToolButton(row);
            retry->setIcon(Icons::themed(QStringLiteral("retry")));
            retry->setToolTip(tr("Reconnect %1 now").arg(jid));
            retry->setAccessibleName(tr("Reconnect %1 now").arg(jid));
            connect(retry, &QToolButton::clicked, this,
                    [this, jid] { m_session->accounts().retryAccount(jid); });
            h->addWidget(retry);
        }
        m_layout->addWidget(row);
        ++shown;
    }
    setVisible(shown > 0);
}

} // namespace parla::ui
