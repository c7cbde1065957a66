// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/rooms.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QTimer>

#include <optional>
#include <vector>

namespace parla::services {
class People;
}

namespace parla::models {

/// The occupants of one room (roles: models/roles.h OccupantRole), moderators first, then
/// participants, then visitors, each by nick.
///
/// Fed by services::Room. Presence updates are queued and applied in batches (every 50 ms, or
/// at once when 500 are waiting): a 2,000-occupant join becomes a handful of model changes,
/// never 2,000 row insertions that each relayout the view. Avatars are fetched lazily, only
/// when a view asks for OccupantAvatarRole and the room shows the occupant's real JID.
class OccupantModel : public QAbstractListModel
{
    Q_OBJECT
public:
    OccupantModel(services::Room *room, services::People *people, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Applies the queued updates now (tests; the timer does it otherwise).
    void flush();
    int pendingUpdates() const { return int(m_pending.size()); }

    static constexpr int kBatchSize = 500;
    static constexpr int kBatchIntervalMs = 50;

private:
    void enqueue(const QString &nick, std::optional<services::OccupantState> state);
    int rowOf(const QString &nick) const;
    /// Replaces all rows (sorted), keeping m_roleOf in step.
    void setRows(std::vector<services::OccupantState> rows);
    static bool lessThan(const services::OccupantState &a, const services::OccupantState &b);

    QPointer<services::Room> m_room;
    QPointer<services::People> m_people;
    std::vector<services::OccupantState> m_rows;
    /// nick → its row's role: with the nick, the row's sort key, so rowOf is a binary search
    /// and an unknown nick (most of a join's presences) a hash miss, not a scan of every row.
    QHash<QString, RoomRole> m_roleOf;
    /// nick → new state, or nullopt for "gone"; in arrival order of first mention.
    std::vector<std::pair<QString, std::optional<services::OccupantState>>> m_pending;
    QHash<QString, std::size_t> m_pendingIndex;
    QTimer m_timer;
};

} // namespace parla::models
