// SPDX-License-Identifier: GPL-3.0-or-later
#include "statusselector.h"

#include "icons.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QAbstractItemModel>
#include <QMenu>

namespace parla::ui {

using namespace parla::models;

QList<Availability> StatusSelector::choices()
{
    return {Availability::Online, Availability::Away, Availability::DoNotDisturb,
            Availability::ExtendedAway, Availability::Offline};
}

QMenu *StatusSelector::createMenu(Session *session, const QString &account, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setTitle(tr("Set availability"));
    for (Availability a : choices()) {
        QAction *action = menu->addAction(Icons::availability(a), availabilityText(a));
        action->setData(int(a));
        QObject::connect(action, &QAction::triggered, session, [session, account, a] {
            if (account.isEmpty()) {
                QAbstractItemModel *m = session->accounts().accountModel();
                for (int r = 0; r < m->rowCount(); ++r)
                    session->accounts().setAvailability(
                        m->index(r, 0).data(AccountJidRole).toString(), a, {});
            } else {
                session->accounts().setAvailability(account, a, {});
            }
        });
    }
    return menu;
}

StatusSelector::StatusSelector(Session *session, const QString &account, QWidget *parent)
    : QToolButton(parent), m_session(session), m_account(account)
{
    setPopupMode(QToolButton::InstantPopup);
    setMenu(createMenu(session, account, this));
    setAccessibleName(tr("Availability"));
    setIconSize(QSize(14, 14));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QAbstractItemModel *m = session->accounts().accountModel();
    connect(m, &QAbstractItemModel::dataChanged, this, &StatusSelector::refresh);
    connect(m, &QAbstractItemModel::rowsInserted, this, &StatusSelector::refresh);
    connect(m, &QAbstractItemModel::rowsRemoved, this, &StatusSelector::refresh);
    connect(m, &QAbstractItemModel::modelReset, this, &StatusSelector::refresh);
    refresh();
}

void StatusSelector::refresh()
{
    // Global: the "best" own availability over connected accounts.
    QAbstractItemModel *m = m_session->accounts().accountModel();
    Availability shown = Availability::Offline;
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex i = m->index(r, 0);
        if (!m_account.isEmpty() && i.data(AccountJidRole).toString() != m_account)
            continue;
        if (ConnectionState(i.data(AccountStateRole).toInt()) != ConnectionState::Connected)
            continue;
        const auto a = Availability(i.data(AccountAvailabilityRole).toInt());
        if (shown == Availability::Offline || a == Availability::Online)
            shown = a;
    }
    setIcon(Icons::availability(shown));
    setText(availabilityText(shown));
    setToolTip(tr("Your availability: %1. Click to change.").arg(availabilityText(shown)));
}

} // namespace parla::ui
