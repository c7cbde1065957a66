// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace parla::storage {

/// What history sync (XEP-0313 MAM catch-up and scroll-back) remembers between sessions:
/// the per-account cursor (the newest stanza-id seen from our own archive), per-conversation
/// scroll-back completeness, and gaps where the archive could not give us everything.
/// It also answers the few questions sync asks about stored messages (newest/oldest
/// archive id, newest timestamp), so the message store stays about messages.
class SyncStore
{
public:
    explicit SyncStore(Database &db) : m_db(db) {}

    /// The account archive's cursor; empty when catch-up never ran.
    Result<QString> cursor(const QString &account);
    Task<Result<xmpp::Success>> setCursor(const QString &account, const QString &stanzaId);
    /// The same, inside a write job already running (in the transaction of the messages the
    /// cursor covers).
    static Result<xmpp::Success> writeCursor(Connection &c, const QString &account,
                                             const QString &stanzaId);

    /// Whether scroll-back of (account, peer) reached the start of the archive.
    Result<bool> historyComplete(const QString &account, const QString &peer);
    Task<Result<xmpp::Success>> setHistoryComplete(const QString &account, const QString &peer);

    /// Records that messages just after `after` may be missing; peer empty = every
    /// conversation of the account (an account-wide catch-up lost its place).
    Task<Result<xmpp::Success>> addGap(const QString &account, const QString &peer,
                                       const QDateTime &after);
    /// Gap positions shown in the conversation with `peer` (its own and the account-wide ones),
    /// oldest first, each position once.
    Result<QList<QDateTime>> gaps(const QString &account, const QString &peer);

    /// The newest stored message's time; of one conversation, or of the account when `peer`
    /// is empty. Null when there is none.
    Result<QDateTime> newestTimestamp(const QString &account, const QString &peer = {}) const;
    /// When the message the archive `by` numbered `stanzaId` was filed (a catch-up cursor's
    /// own time, which the archive gave it), or an invalid time when there is none.
    Result<QDateTime> timeOfStanzaId(const QString &account, const QString &by,
                                     const QString &stanzaId);
    /// The newest / oldest (display order) stanza-id assigned by `by` in a conversation.
    Result<QString> newestStanzaId(const QString &account, const QString &peer, const QString &by);
    Result<QString> oldestStanzaId(const QString &account, const QString &peer, const QString &by);
    /// The oldest stored message's time in a conversation (null when empty).
    Result<QDateTime> oldestTimestamp(const QString &account, const QString &peer);

private:
    Database &m_db;
};

} // namespace parla::storage
