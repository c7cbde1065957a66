// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace parla::storage {

/// XEP-0115 entity capabilities cache: (hash algorithm, verification string) → the disco#info
/// result it was verified against, as bytes the caller serializes (storage knows no XML).
/// A verification string is a hash of the info, so an entry never goes stale; only entries
/// whose hash the caller has verified should be put.
class CapsCache
{
public:
    explicit CapsCache(Database &db) : m_db(db) {}

    /// The stored info, or nullopt (read connection).
    Result<std::optional<QByteArray>> get(const QString &hash, const QString &ver);
    Task<Result<xmpp::Success>> put(const QString &hash, const QString &ver,
                                    const QByteArray &info);

private:
    Database &m_db;
};

} // namespace parla::storage
