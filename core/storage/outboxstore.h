// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QList>
#include <QString>

namespace parla::storage {

/// One action waiting to go out: a correction, retraction or reaction the user made.
struct PendingAction
{
    qint64 id = 0;
    QString account;
    QString peer;   ///< the conversation (a bare JID, a room, or room@service/nick)
    QString stanza; ///< the composed <message/> as XML, before any encryption
};

/// The outbox of actions (table pending_action): what the user did to messages (XEP-0308
/// corrections, XEP-0424 retractions, XEP-0444 reactions) is not a message of its own, so it
/// is kept here from the moment it is made until the server acknowledges it (XEP-0198), and
/// sent again after a reconnect or a restart. Content messages need no outbox: they are
/// stored Pending in the message table.
class OutboxStore
{
public:
    explicit OutboxStore(Database &db) : m_db(db) {}

    /// Queues an action; the result is its row id.
    Task<Result<qint64>> enqueue(const QString &account, const QString &peer,
                                 const QString &stanza);
    /// The server has it: forgets the action.
    Task<Result<xmpp::Success>> remove(qint64 id);
    /// The account's queued actions, oldest first (read connection).
    Result<QList<PendingAction>> pending(const QString &account);

private:
    Database &m_db;
};

} // namespace parla::storage
