// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace parla::storage {

/// One stored roster item (RFC 6121 §2.1.2). Strings as on the wire: storage does not
/// interpret them.
struct RosterRecord
{
    QString jid;          ///< bare JID
    QString name;         ///< the user's handle for the contact; may be empty
    QString subscription; ///< "none", "to", "from" or "both"
    QString ask;          ///< "subscribe" while a request is pending, else empty
    QStringList groups;

    bool operator==(const RosterRecord &) const = default;
};

/// What load() returns: the version to send with the next roster get, and the items.
struct RosterSnapshot
{
    QString version; ///< RFC 6121 §2.6; empty when none was stored
    QList<RosterRecord> items;
};

/// The cached roster per account, for roster versioning (RFC 6121 §2.6): the client sends the
/// stored version; the server answers with pushes for what changed, or the whole roster.
/// Every write stores the version together with the items it belongs to, in one transaction,
/// so a crash never leaves a version that promises items the cache does not have.
class RosterStore
{
public:
    explicit RosterStore(Database &db) : m_db(db) {}

    /// The full roster from a roster result: replaces everything stored for the account.
    Task<Result<xmpp::Success>> replaceAll(const QString &account, const QString &version,
                                           const QList<RosterRecord> &items);
    /// A roster push that adds or changes one item.
    Task<Result<xmpp::Success>> upsert(const QString &account, const QString &version,
                                       const RosterRecord &item);
    /// A roster push with subscription='remove'.
    Task<Result<xmpp::Success>> remove(const QString &account, const QString &version,
                                       const QString &jid);
    /// The stored roster, items sorted by JID (read connection).
    Result<RosterSnapshot> load(const QString &account);

private:
    Database &m_db;
};

} // namespace parla::storage
