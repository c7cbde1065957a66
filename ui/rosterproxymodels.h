// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QPersistentModelIndex>
#include <QSortFilterProxyModel>

namespace parla::ui {

/// Filters the roster by a text matched case-insensitively against name and JID (and optionally
/// one account), and sorts open requests first, then by availability (available, away,
/// extended away, do not disturb, offline), then by name in the user's locale.
class RosterFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RosterFilterProxy(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    /// Only contacts of this account (empty: all).
    void setAccountFilter(const QString &account);
    /// Only contacts asking for our presence.
    void setRequestsOnly(bool on);

    /// Sort rank of an availability: lower comes first.
    static int availabilityRank(int availability);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QString m_account;
    bool m_requestsOnly = false;
};

/// Presents a flat roster as a two-level tree: one top-level row per group (a contact in two
/// groups appears under both), "Requests" first, contacts without a group last. Child rows
/// forward every role to the source row; group rows answer GroupHeaderRole and GroupCountRole.
class RosterGroupModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role
    {
        GroupHeaderRole = Qt::UserRole + 900, ///< bool, true on group rows
        GroupCountRole,                       ///< int, contacts in the group
        GroupOnlineRole,                      ///< int, available contacts in the group
    };

    explicit RosterGroupModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source);
    QAbstractItemModel *sourceModel() const { return m_source; }
    QModelIndex mapToSource(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;

    static QString requestsGroupName();
    static QString noGroupName();

private:
    void rebuild();
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                           const QList<int> &roles);

    struct Group
    {
        QString name;
        QList<int> rows; ///< source rows
        int online = 0;
    };
    QAbstractItemModel *m_source = nullptr;
    QList<Group> m_groups;
    /// source row → (group, position) of each place it appears
    QList<QList<QPair<int, int>>> m_places;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace parla::ui
