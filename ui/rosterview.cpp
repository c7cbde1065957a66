// SPDX-License-Identifier: GPL-3.0-or-later
#include "rosterview.h"

#include "addcontactdialog.h"
#include "icons.h"
#include "rosterdelegate.h"
#include "rosterproxymodels.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QBoxLayout>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QTreeView>

namespace parla::ui {

using namespace parla::models;

RosterView::RosterView(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_filter(new RosterFilterProxy(this)),
      m_groups(new RosterGroupModel(this)), m_view(new QTreeView(this)),
      m_groupToggle(new QToolButton(this))
{
    m_filter->setSourceModel(session->people().rosterModel());
    m_groups->setSourceModel(m_filter);

    m_view->setObjectName(QStringLiteral("RosterList"));
    m_view->setAccessibleName(tr("Contacts"));
    m_view->setHeaderHidden(true);
    m_view->setRootIsDecorated(false);
    m_view->setIndentation(0);
    m_view->setUniformRowHeights(false);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMouseTracking(true);
    m_view->setItemDelegate(new RosterDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setExpandsOnDoubleClick(false);

    auto *add = new QToolButton(this);
    add->setIcon(Icons::themed(QStringLiteral("add")));
    add->setText(tr("Add contact"));
    add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    add->setToolTip(tr("Add a contact"));
    add->setAccessibleName(tr("Add contact"));
    m_groupToggle->setText(tr("Groups"));
    m_groupToggle->setCheckable(true);
    m_groupToggle->setChecked(true);
    m_groupToggle->setToolTip(tr("Show contacts by group, or as one list sorted by availability"));
    m_groupToggle->setAccessibleName(tr("Group contacts"));
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(10, 2, 10, 4);
    bar->addWidget(add);
    bar->addStretch();
    bar->addWidget(m_groupToggle);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(add, &QToolButton::clicked, this, &RosterView::showAddContactDialog);
    connect(m_groupToggle, &QToolButton::toggled, this, &RosterView::setGrouped);
    connect(m_view, &QTreeView::activated, this, &RosterView::activate);
    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        if (index.data(RosterGroupModel::GroupHeaderRole).toBool())
            activate(index);
    });
    connect(m_view, &QTreeView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = createContextMenu(m_view->indexAt(pos), this);
        if (menu->isEmpty()) {
            delete menu;
            return;
        }
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view, &QTreeView::collapsed, this,
            [this](const QModelIndex &i) { m_collapsed.insert(i.data().toString()); });
    connect(m_view, &QTreeView::expanded, this,
            [this](const QModelIndex &i) { m_collapsed.remove(i.data().toString()); });
    connect(m_groups, &QAbstractItemModel::modelReset, this, &RosterView::restoreExpansion);
    setGrouped(true);
}

void RosterView::setFilterText(const QString &text)
{
    m_filter->setFilterText(text);
}

void RosterView::setGrouped(bool grouped)
{
    m_grouped = grouped;
    m_groupToggle->setChecked(grouped);
    if (grouped) {
        m_view->setModel(m_groups);
        restoreExpansion();
    } else {
        m_view->setModel(m_filter);
    }
}

void RosterView::restoreExpansion()
{
    if (!m_grouped)
        return;
    for (int r = 0; r < m_groups->rowCount(); ++r) {
        const QModelIndex i = m_groups->index(r, 0);
        m_view->setExpanded(i, !m_collapsed.contains(i.data().toString()));
    }
}

QPair<QString, QString> RosterView::contactOf(const QModelIndex &index)
{
    if (!index.isValid() || index.data(RosterGroupModel::GroupHeaderRole).toBool())
        return {};
    return {index.data(ContactAccountRole).toString(), index.data(ContactJidRole).toString()};
}

void RosterView::activate(const QModelIndex &index)
{
    if (index.data(RosterGroupModel::GroupHeaderRole).toBool()) {
        m_view->setExpanded(index, !m_view->isExpanded(index));
        return;
    }
    const auto [account, jid] = contactOf(index);
    if (jid.isEmpty())
        return;
    m_session->chats().openConversation(account, jid);
    Q_EMIT conversationRequested(account, jid);
}

QMenu *RosterView::createContextMenu(const QModelIndex &index, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const auto [account, jid] = contactOf(index);
    if (jid.isEmpty())
        return menu;
    const QString name = index.data(ContactNameRole).toString();
    const QStringList groups = index.data(ContactGroupsRole).toStringList();
    auto add = [menu](const QString &objectName, const QString &text, const QString &icon) {
        QAction *a =
            icon.isEmpty() ? menu->addAction(text) : menu->addAction(Icons::themed(icon), text);
        a->setObjectName(objectName);
        return a;
    };
    if (index.data(ContactRequestRole).toBool()) {
        connect(add(QStringLiteral("acceptAction"), tr("&Accept request"), QStringLiteral("add")),
                &QAction::triggered, this, [this, account, jid] {
                    m_session->people().answerSubscription(account, jid, true);
                });
        connect(
            add(QStringLiteral("declineAction"), tr("&Decline request"), QStringLiteral("close")),
            &QAction::triggered, this,
            [this, account, jid] { m_session->people().answerSubscription(account, jid, false); });
        menu->addSeparator();
    }
    connect(add(QStringLiteral("openChatAction"), tr("&Open chat"), QStringLiteral("chat")),
            &QAction::triggered, this, [this, index] { activate(index); });
    connect(add(QStringLiteral("renameAction"), tr("&Rename…"), QString()), &QAction::triggered,
            this, [this, account, jid, name] { rename(account, jid, name); });
    connect(add(QStringLiteral("groupsAction"), tr("Edit &groups…"), QString()),
            &QAction::triggered, this,
            [this, account, jid, groups] { editGroups(account, jid, groups); });
    menu->addSeparator();
    connect(add(QStringLiteral("removeAction"), tr("Re&move contact…"), QStringLiteral("remove")),
            &QAction::triggered, this, [this, account, jid, name] { remove(account, jid, name); });
    return menu;
}

void RosterView::rename(const QString &account, const QString &jid, const QString &current)
{
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Rename contact"), tr("Name for %1:").arg(jid), QLineEdit::Normal, current, &ok);
    if (ok && name.trimmed() != current)
        m_session->people().renameContact(account, jid, name.trimmed());
}

void RosterView::editGroups(const QString &account, const QString &jid, const QStringList &current)
{
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Edit groups"), tr("Groups of %1, separated by commas:").arg(jid),
        QLineEdit::Normal, current.join(QStringLiteral(", ")), &ok);
    if (ok)
        m_session->people().setContactGroups(account, jid, splitGroups(text));
}

void RosterView::remove(const QString &account, const QString &jid, const QString &name)
{
    QMessageBox box(QMessageBox::Warning, tr("Remove contact"),
                    tr("Remove %1 (%2) from your contacts?").arg(name, jid), QMessageBox::Cancel,
                    this);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(tr("You will no longer see each other's presence."));
    QPushButton *removeButton = box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == removeButton)
        m_session->people().removeContact(account, jid);
}

void RosterView::showAddContactDialog()
{
    auto *dialog = new AddContactDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace parla::ui
