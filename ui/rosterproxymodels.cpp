// SPDX-License-Identifier: GPL-3.0-or-later
#include "rosterproxymodels.h"

#include "core/models/roles.h"
#include "core/services/types.h"

#include <QCollator>

namespace parla::ui {

using namespace parla::models;

RosterFilterProxy::RosterFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    sort(0);
}

void RosterFilterProxy::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void RosterFilterProxy::setAccountFilter(const QString &account)
{
    m_account = account;
    invalidateFilter();
}

void RosterFilterProxy::setRequestsOnly(bool on)
{
    m_requestsOnly = on;
    invalidateFilter();
}

int RosterFilterProxy::availabilityRank(int availability)
{
    switch (Availability(availability)) {
    case Availability::Chat:
    case Availability::Online:
        return 0;
    case Availability::Away:
        return 1;
    case Availability::ExtendedAway:
        return 2;
    case Availability::DoNotDisturb:
        return 3;
    case Availability::Offline:
        break;
    }
    return 4;
}

bool RosterFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_account.isEmpty() && i.data(ContactAccountRole).toString() != m_account)
        return false;
    if (m_requestsOnly && !i.data(ContactRequestRole).toBool())
        return false;
    const QString needle = m_text.trimmed();
    if (needle.isEmpty())
        return true;
    return i.data(ContactNameRole).toString().contains(needle, Qt::CaseInsensitive) ||
           i.data(ContactJidRole).toString().contains(needle, Qt::CaseInsensitive);
}

bool RosterFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool lr = left.data(ContactRequestRole).toBool();
    const bool rr = right.data(ContactRequestRole).toBool();
    if (lr != rr)
        return lr;
    const int la = availabilityRank(left.data(ContactAvailabilityRole).toInt());
    const int ra = availabilityRank(right.data(ContactAvailabilityRole).toInt());
    if (la != ra)
        return la < ra;
    static const QCollator collator = [] {
        QCollator c;
        c.setCaseSensitivity(Qt::CaseInsensitive);
        c.setNumericMode(true);
        return c;
    }();
    const int byName = collator.compare(left.data(ContactNameRole).toString(),
                                        right.data(ContactNameRole).toString());
    if (byName != 0)
        return byName < 0;
    return left.data(ContactJidRole).toString() < right.data(ContactJidRole).toString();
}

// --- RosterGroupModel -------------------------------------------------------------------------

namespace {
// internalId of a group row; children carry their group's index + 1.
constexpr quintptr kGroupId = 0;
} // namespace

RosterGroupModel::RosterGroupModel(QObject *parent) : QAbstractItemModel(parent) {}

QString RosterGroupModel::requestsGroupName()
{
    return tr("Requests");
}

QString RosterGroupModel::noGroupName()
{
    return tr("Contacts");
}

void RosterGroupModel::setSourceModel(QAbstractItemModel *source)
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_source = source;
    if (m_source) {
        // Structural changes are rare (roster pushes); rebuilding keeps the mapping simple.
        // Presence updates arrive as dataChanged and are forwarded without a rebuild.
        auto rebuildSlot = [this] { rebuild(); };
        m_connections << connect(m_source, &QAbstractItemModel::modelReset, this, rebuildSlot)
                      << connect(m_source, &QAbstractItemModel::rowsInserted, this, rebuildSlot)
                      << connect(m_source, &QAbstractItemModel::rowsRemoved, this, rebuildSlot)
                      << connect(m_source, &QAbstractItemModel::rowsMoved, this, rebuildSlot)
                      << connect(m_source, &QAbstractItemModel::layoutChanged, this, rebuildSlot)
                      << connect(m_source, &QAbstractItemModel::dataChanged, this,
                                 &RosterGroupModel::sourceDataChanged);
    }
    rebuild();
}

void RosterGroupModel::rebuild()
{
    beginResetModel();
    m_groups.clear();
    m_places.clear();
    if (m_source) {
        const int n = m_source->rowCount();
        m_places.resize(n);
        QMap<QString, Group> named; // sorted by name
        Group requests{requestsGroupName(), {}, 0};
        Group ungrouped{noGroupName(), {}, 0};
        for (int r = 0; r < n; ++r) {
            const QModelIndex i = m_source->index(r, 0);
            const bool online =
                Availability(i.data(ContactAvailabilityRole).toInt()) != Availability::Offline;
            if (i.data(ContactRequestRole).toBool()) {
                requests.rows << r;
                continue;
            }
            const QStringList groups = i.data(ContactGroupsRole).toStringList();
            if (groups.isEmpty()) {
                ungrouped.rows << r;
                ungrouped.online += online;
            }
            for (const QString &g : groups) {
                Group &group = named[g];
                group.name = g;
                group.rows << r;
                group.online += online;
            }
        }
        if (!requests.rows.isEmpty())
            m_groups << requests;
        for (const Group &g : std::as_const(named))
            m_groups << g;
        if (!ungrouped.rows.isEmpty())
            m_groups << ungrouped;
        for (int g = 0; g < m_groups.size(); ++g) {
            for (int p = 0; p < m_groups[g].rows.size(); ++p)
                m_places[m_groups[g].rows[p]].append({g, p});
        }
    }
    endResetModel();
}

void RosterGroupModel::sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                         const QList<int> &roles)
{
    if (roles.isEmpty() || roles.contains(ContactGroupsRole) ||
        roles.contains(ContactRequestRole) || roles.contains(ContactAvailabilityRole)) {
        rebuild(); // membership or group counts change
        return;
    }
    for (int r = topLeft.row(); r <= bottomRight.row() && r < m_places.size(); ++r) {
        for (const auto &[g, p] : std::as_const(m_places[r])) {
            const QModelIndex i = createIndex(p, 0, quintptr(g + 1));
            Q_EMIT dataChanged(i, i, roles);
        }
    }
}

QModelIndex RosterGroupModel::mapToSource(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == kGroupId || !m_source)
        return {};
    const int g = int(index.internalId() - 1);
    return m_source->index(m_groups[g].rows[index.row()], 0);
}

QModelIndex RosterGroupModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, 0, kGroupId) : QModelIndex();
    if (parent.internalId() != kGroupId || parent.row() >= m_groups.size())
        return {};
    return row < m_groups[parent.row()].rows.size()
               ? createIndex(row, 0, quintptr(parent.row() + 1))
               : QModelIndex();
}

QModelIndex RosterGroupModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kGroupId);
}

int RosterGroupModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || parent.internalId() != kGroupId)
        return 0;
    return int(m_groups[parent.row()].rows.size());
}

int RosterGroupModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool RosterGroupModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant RosterGroupModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kGroupId) {
        const Group &g = m_groups[index.row()];
        switch (role) {
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            return g.name;
        case GroupHeaderRole:
            return true;
        case GroupCountRole:
            return int(g.rows.size());
        case GroupOnlineRole:
            return g.online;
        default:
            return {};
        }
    }
    if (role == GroupHeaderRole)
        return false;
    return mapToSource(index).data(role);
}

Qt::ItemFlags RosterGroupModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == kGroupId)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace parla::ui
