// SPDX-License-Identifier: GPL-3.0-or-later
#include "peopleactions.h"

#include "chatpanel.h"
#include "contactdetailsdialog.h"

#include "core/session/session.h"

#include <QMenu>
#include <QToolButton>

namespace parla::ui {

QWidget *showContactDetails(QWidget *parent, Session *session, const QString &account,
                            const QString &jid)
{
    auto *dialog = new ContactDetailsDialog(session, account, jid, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void setupPeopleMenu(ChatPanel *panel, Session *session, QToolButton *button)
{
    button->setText(QStringLiteral("⋯"));
    button->setAccessibleName(ChatPanel::tr("Conversation menu"));
    button->setToolTip(ChatPanel::tr("Contact details, block, report spam"));
    button->setPopupMode(QToolButton::InstantPopup);
    button->setAutoRaise(true);
    auto *menu = new QMenu(button);
    QAction *details = menu->addAction(ChatPanel::tr("Contact details…"));
    details->setObjectName(QStringLiteral("contactDetails"));
    menu->addSeparator();
    QAction *block = menu->addAction(ChatPanel::tr("Block"));
    block->setObjectName(QStringLiteral("block"));
    QAction *report = menu->addAction(ChatPanel::tr("Report spam and block"));
    report->setObjectName(QStringLiteral("reportSpam"));
    button->setMenu(menu);

    QObject::connect(menu, &QMenu::aboutToShow, panel, [panel, session, block] {
        const bool blocked = session->people().blocklist(panel->account()).contains(panel->peer());
        block->setText(blocked ? ChatPanel::tr("Unblock") : ChatPanel::tr("Block"));
    });
    QObject::connect(details, &QAction::triggered, panel, [panel, session] {
        if (!panel->peer().isEmpty())
            showContactDetails(panel->window(), session, panel->account(), panel->peer());
    });
    QObject::connect(block, &QAction::triggered, panel, [panel, session] {
        if (panel->peer().isEmpty())
            return;
        if (session->people().blocklist(panel->account()).contains(panel->peer()))
            session->people().unblock(panel->account(), panel->peer());
        else
            session->people().block(panel->account(), panel->peer(), false);
    });
    QObject::connect(report, &QAction::triggered, panel, [panel, session] {
        if (!panel->peer().isEmpty())
            session->people().block(panel->account(), panel->peer(), true);
    });
}

} // namespace parla::ui
