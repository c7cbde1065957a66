// SPDX-License-Identifier: GPL-3.0-or-later
#include "occupantmodel.h"

#include "contactcolor.h"
#include "roles.h"

#include "services/people.h"
#include "xmpp/jid.h"

#include <QImage>

#include <algorithm>

namespace parla::models {

using services::OccupantState;

OccupantModel::OccupantModel(services::Room *room, services::People *people, QObject *parent)
    : QAbstractListModel(parent), m_room(room), m_people(people)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kBatchIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &OccupantModel::flush);
    if (!room)
        return;
    std::vector<OccupantState> rows;
    for (const OccupantState &s : room->occupants())
        rows.push_back(s);
    std::sort(rows.begin(), rows.end(), lessThan);
    setRows(std::move(rows));
    connect(room, &services::Room::occupantUpdated, this,
            [this](const OccupantState &s) { enqueue(s.occupant.nick, s); });
    connect(room, &services::Room::occupantRemoved, this,
            [this](const QString &nick) { enqueue(nick, std::nullopt); });
    connect(room, &services::Room::occupantsCleared, this, [this] {
        m_pending.clear();
        m_pendingIndex.clear();
        if (m_rows.empty())
            return;
        beginResetModel();
        setRows({});
        endResetModel();
    });
    if (people) {
        connect(people, &services::People::avatarChanged, this, [this](const QString &jid) {
            for (std::size_t i = 0; i < m_rows.size(); ++i) {
                // Bare JID or bare JID + "/resource", without parsing every row's JID.
                const QString &real = m_rows[i].occupant.realJid;
                if (real.startsWith(jid) &&
                    (real.size() == jid.size() || real.at(jid.size()) == u'/')) {
                    const QModelIndex idx = index(int(i));
                    Q_EMIT dataChanged(idx, idx, {OccupantAvatarRole});
                }
            }
        });
    }
}

bool OccupantModel::lessThan(const OccupantState &a, const OccupantState &b)
{
    if (a.occupant.role != b.occupant.role)
        return a.occupant.role > b.occupant.role; // moderators first
    const int c = QString::compare(a.occupant.nick, b.occupant.nick, Qt::CaseInsensitive);
    return c != 0 ? c < 0 : a.occupant.nick < b.occupant.nick;
}

int OccupantModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OccupantModel::rowOf(const QString &nick) const
{
    const auto role = m_roleOf.constFind(nick);
    if (role == m_roleOf.cend())
        return -1;
    OccupantState key;
    key.occupant.nick = nick;
    key.occupant.role = *role;
    const auto pos = std::lower_bound(m_rows.begin(), m_rows.end(), key, lessThan);
    return pos != m_rows.end() && pos->occupant.nick == nick ? int(pos - m_rows.begin()) : -1;
}

void OccupantModel::setRows(std::vector<OccupantState> rows)
{
    m_rows = std::move(rows);
    m_roleOf.clear();
    m_roleOf.reserve(qsizetype(m_rows.size()));
    for (const OccupantState &s : m_rows)
        m_roleOf.insert(s.occupant.nick, s.occupant.role);
}

void OccupantModel::enqueue(const QString &nick, std::optional<OccupantState> state)
{
    const auto it = m_pendingIndex.constFind(nick);
    if (it != m_pendingIndex.cend()) {
        m_pending[*it].second = std::move(state); // only the latest state of a nick matters
    } else {
        m_pendingIndex.insert(nick, m_pending.size());
        m_pending.emplace_back(nick, std::move(state));
    }
    if (int(m_pending.size()) >= kBatchSize)
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void OccupantModel::flush()
{
    m_timer.stop();
    if (m_pending.empty())
        return;
    auto pending = std::exchange(m_pending, {});
    m_pendingIndex.clear();
    std::vector<OccupantState> added;
    // Removals and changes of known rows first (a change that keeps the sort position is a
    // dataChanged; one that moves the row is a removal plus an addition).
    for (auto &[nick, state] : pending) {
        const int row = rowOf(nick);
        if (row >= 0 && state && !lessThan(*state, m_rows[row]) && !lessThan(m_rows[row], *state)) {
            m_rows[row] = *state; // same nick and role: m_roleOf stays right
            Q_EMIT dataChanged(index(row), index(row));
            continue;
        }
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_rows.erase(m_rows.begin() + row);
            m_roleOf.remove(nick);
            endRemoveRows();
        }
        if (state)
            added.push_back(*state);
    }
    if (added.empty())
        return;
    std::sort(added.begin(), added.end(), lessThan);
    if (m_rows.empty()) {
        // The join: everybody in one insertion.
        beginInsertRows({}, 0, int(added.size()) - 1);
        setRows(std::move(added));
        endInsertRows();
        return;
    }
    if (added.size() > 64) {
        // Many arrivals into a populated list: one reset is cheaper than scattered inserts.
        beginResetModel();
        std::vector<OccupantState> merged;
        merged.reserve(m_rows.size() + added.size());
        std::merge(m_rows.begin(), m_rows.end(), added.begin(), added.end(),
                   std::back_inserter(merged), lessThan);
        setRows(std::move(merged));
        endResetModel();
        return;
    }
    for (OccupantState &s : added) {
        const auto pos = std::lower_bound(m_rows.begin(), m_rows.end(), s, lessThan);
        const int row = int(pos - m_rows.begin());
        beginInsertRows({}, row, row);
        m_roleOf.insert(s.occupant.nick, s.occupant.role);
        m_rows.insert(pos, std::move(s));
        endInsertRows();
    }
}

QVariant OccupantModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= int(m_rows.size()))
        return {};
    const OccupantState &s = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case OccupantNickRole:
        return s.occupant.nick;
    case OccupantRealJidRole:
        return s.occupant.realJid;
    case OccupantRoleRole:
        return int(s.occupant.role);
    case OccupantAffiliationRole:
        return int(s.occupant.affiliation);
    case OccupantIdRole:
        return s.occupant.occupantId;
    case OccupantAvailabilityRole:
        return int(s.availability);
    case OccupantColorRole:
        return consistentColor(s.occupant.nick);
    case OccupantIsSelfRole:
        return s.self;
    case OccupantAvatarRole: {
        // Lazy: only rows a view shows ask, and only occupants whose real JID we know.
        if (!m_people || s.occupant.realJid.isEmpty())
            return QImage();
        return m_people->avatar(xmpp::Jid::fromString(s.occupant.realJid).bareString(),
                                kAvatarRoleSize);
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> OccupantModel::roleNames() const
{
    return {{OccupantNickRole, "nick"},     {OccupantRealJidRole, "realJid"},
            {OccupantRoleRole, "role"},     {OccupantAffiliationRole, "affiliation"},
            {OccupantIdRole, "occupantId"}, {OccupantAvailabilityRole, "availability"},
            {OccupantColorRole, "color"},   {OccupantIsSelfRole, "isSelf"},
            {OccupantAvatarRole, "avatar"}};
}

} // namespace parla::models
