// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSet>
#include <QWidget>

class QLineEdit;
class QMenu;
class QToolButton;
class QTreeView;

namespace parla {
class Session;
}

namespace parla::ui {

class RosterFilterProxy;
class RosterGroupModel;

/// The "Contacts" page: filterable roster, grouped by roster group or flat (sorted by
/// availability then name), with the contact actions of RFC 6121 in a context menu.
class RosterView : public QWidget
{
    Q_OBJECT
public:
    explicit RosterView(Session *session, QWidget *parent = nullptr);

    void setFilterText(const QString &text);
    void setGrouped(bool grouped);
    bool isGrouped() const { return m_grouped; }
    QTreeView *view() const { return m_view; }
    RosterFilterProxy *filterProxy() const { return m_filter; }
    RosterGroupModel *groupModel() const { return m_groups; }
    /// The context menu's actions for a contact row of view(); built per request.
    QMenu *createContextMenu(const QModelIndex &index, QWidget *parent);
    /// The source-independent identity of a row: {account, jid} (empty on group rows).
    static QPair<QString, QString> contactOf(const QModelIndex &index);

public Q_SLOTS:
    void showAddContactDialog();

Q_SIGNALS:
    /// The user wants to chat with this contact.
    void conversationRequested(const QString &account, const QString &jid);

private:
    void activate(const QModelIndex &index);
    void rename(const QString &account, const QString &jid, const QString &current);
    void editGroups(const QString &account, const QString &jid, const QStringList &current);
    void remove(const QString &account, const QString &jid, const QString &name);
    void restoreExpansion();

    Session *m_session;
    RosterFilterProxy *m_filter;
    RosterGroupModel *m_groups;
    QTreeView *m_view;
    QToolButton *m_groupToggle;
    bool m_grouped = true;
    QSet<QString> m_collapsed;
};

} // namespace parla::ui
