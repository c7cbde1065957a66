// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QDateTime>
#include <QHash>

namespace parla::storage {

/// Per-conversation mute (table conversation_mute): until when a conversation makes no
/// notification and no sound. Kept apart from the conversation table, which its trigger
/// rewrites on every message, so that a mute survives whatever history does.
class MuteStore
{
public:
    explicit MuteStore(Database &db) : m_db(db) {}

    /// Mutes until `until`; an invalid `until` unmutes (deletes the row).
    Task<Result<xmpp::Success>> setMutedUntil(const QString &account, const QString &peer,
                                              const QDateTime &until);
    /// Peer → muted-until of one account, expired ones included (read connection).
    Result<QHash<QString, QDateTime>> load(const QString &account);

private:
    Database &m_db;
};

} // namespace parla::storage
