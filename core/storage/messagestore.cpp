// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagestore.h"
#include "readmarks.h"

#include <algorithm>

namespace parla::storage {

using detail::applyWaitingReadMarks;
using detail::markIncomingReadUpTo;

// message.state stores DeliveryState's values, and the partial indexes in schema.cpp name
// Pending (0) and Received (5) literally: renumbering the enum would corrupt stored history.
static_assert(int(DeliveryState::Pending) == 0 && int(DeliveryState::Sent) == 1 &&
              int(DeliveryState::Delivered) == 2 && int(DeliveryState::Read) == 3 &&
              int(DeliveryState::Failed) == 4 && int(DeliveryState::Received) == 5);
static_assert(int(ConversationKind::Chat) == 0 && int(ConversationKind::GroupChat) == 1);

namespace {

// Column list shared by every SELECT below, read by readRecord().
#define PARLA_MESSAGE_COLUMNS                                                                      \
    "id, account, peer, conversation_kind, outgoing, sender_jid, body, timestamp, message_id, "    \
    "origin_id, stanza_id, stanza_id_by, state, error_text, markable, edited, original_body, "     \
    "replace_id, retracted, reply_to_id, reply_to_jid, reply_quote, occupant_id, moderated, "      \
    "moderation_reason"

MessageRecord readRecord(const Query &q)
{
    MessageRecord r;
    r.id = q.integer(0);
    r.account = q.text(1);
    r.peer = q.text(2);
    r.kind = q.integer(3) == 1 ? ConversationKind::GroupChat : ConversationKind::Chat;
    r.outgoing = q.integer(4) != 0;
    r.senderJid = q.text(5);
    r.body = q.text(6);
    r.timestamp = QDateTime::fromMSecsSinceEpoch(q.integer(7), Qt::UTC);
    r.messageId = q.text(8);
    r.originId = q.text(9);
    r.stanzaId = q.text(10);
    r.stanzaIdBy = q.text(11);
    const qint64 state = q.integer(12);
    r.state = state >= 0 && state <= int(DeliveryState::Received) ? DeliveryState(state)
                                                                  : DeliveryState::Failed;
    r.errorText = q.text(13);
    r.markable = q.integer(14) != 0;
    r.edited = q.integer(15) != 0;
    r.originalBody = q.text(16);
    r.replaceId = q.text(17);
    r.retracted = q.integer(18) != 0;
    r.replyToId = q.text(19);
    r.replyToJid = q.text(20);
    r.replyQuote = q.text(21);
    r.occupantId = q.text(22);
    r.moderated = q.integer(23) != 0;
    r.moderationReason = q.text(24);
    return r;
}

/// Runs a SELECT of PARLA_MESSAGE_COLUMNS; `reverse` turns newest-first into oldest-first.
Result<QList<MessageRecord>> readRecords(Query &q, bool reverse)
{
    QList<MessageRecord> records;
    while (q.next())
        records.append(readRecord(q));
    if (q.failed())
        return q.error();
    if (reverse)
        std::reverse(records.begin(), records.end());
    return records;
}

Result<qint64> firstId(Query &q)
{
    if (q.next())
        return q.integer(0);
    if (q.failed())
        return q.error();
    return qint64(0);
}

/// RFC 6120 ids are only unique per sender, and only somewhat: the last resort of
/// de-duplication, for messages without an origin-id (0: none).
Result<qint64> sameMessageId(Connection &c, const MessageRecord &m)
{
    Query q(c, "SELECT id FROM message WHERE account = ?1 AND peer = ?4 AND message_id = ?3 "
               "AND sender_jid = ?2 AND origin_id IS NULL");
    q.bindText(1, m.account).bindText(2, m.senderJid).bindText(3, m.messageId).bindText(4, m.peer);
    return firstId(q);
}

/// The existing message an insert collided with, by the rules in order (see the header).
Result<qint64> findDuplicate(Connection &c, const MessageRecord &m)
{
    const auto lookup = [](Query &q) { return firstId(q); };
    if (!m.stanzaId.isEmpty()) {
        Query q(c, "SELECT id FROM message WHERE account = ?1 AND stanza_id_by = ?2 "
                   "AND stanza_id = ?3");
        q.bindText(1, m.account).bindText(2, m.stanzaIdBy).bindText(3, m.stanzaId);
        auto id = lookup(q);
        if (!isOk(id) || std::get<qint64>(id) != 0)
            return id;
    }
    if (!m.originId.isEmpty()) {
        Query q(c, "SELECT id FROM message WHERE account = ?1 AND peer = ?2 AND outgoing = ?3 "
                   "AND origin_id = ?4");
        q.bindText(1, m.account).bindText(2, m.peer).bindInt(3, m.outgoing).bindText(4, m.originId);
        auto id = lookup(q);
        if (!isOk(id) || std::get<qint64>(id) != 0)
            return id;
    } else if (!m.messageId.isEmpty()) {
        return sameMessageId(c, m);
    }
    return qint64(0);
}

/// The row `m` collided with (it is a copy of it): its id, and the archive's id remembered.
Result<InsertResult> duplicateOf(Connection &c, const MessageRecord &m);

Result<InsertResult> insertOne(Connection &c, const MessageRecord &m)
{
    const QDateTime when = m.timestamp.isValid() ? m.timestamp : QDateTime::currentDateTimeUtc();
    if (m.originId.isEmpty() && !m.messageId.isEmpty()) {
        // Looked up in message_by_message_id rather than kept unique by an index of its own
        // (one random-order index less to write per message; the single writer cannot race).
        const auto same = sameMessageId(c, m);
        if (!isOk(same))
            return std::get<Error>(same);
        if (std::get<qint64>(same) != 0)
            return duplicateOf(c, m);
    }
    {
        // ON CONFLICT DO NOTHING covers all three unique indexes at once; RETURNING yields a
        // row only when the message is new.
        Query q(
            c, "INSERT INTO message (account, peer, conversation_kind, outgoing, sender_jid, "
               "body, timestamp, message_id, origin_id, stanza_id, stanza_id_by, state, "
               "error_text, markable, edited, original_body, replace_id, retracted, "
               "reply_to_id, reply_to_jid, reply_quote, occupant_id, moderated, moderation_reason) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
               "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24) "
               "ON CONFLICT DO NOTHING RETURNING id");
        q.bindText(1, m.account)
            .bindText(2, m.peer)
            .bindInt(3, int(m.kind))
            .bindInt(4, m.outgoing)
            .bindText(5, m.senderJid)
            .bindText(6, m.body)
            .bindInt(7, when.toMSecsSinceEpoch())
            .bindOptionalText(8, m.messageId)
            .bindOptionalText(9, m.originId)
            .bindOptionalText(10, m.stanzaId)
            .bindText(11, m.stanzaIdBy)
            .bindInt(12, int(m.state))
            .bindText(13, m.errorText)
            .bindInt(14, m.markable)
            .bindInt(15, m.edited)
            .bindOptionalText(16, m.originalBody)
            .bindOptionalText(17, m.replaceId)
            .bindInt(18, m.retracted)
            .bindOptionalText(19, m.replyToId)
            .bindText(20, m.replyToJid)
            .bindText(21, m.replyQuote)
            .bindText(22, m.occupantId)
            .bindInt(23, m.moderated)
            .bindText(24, m.moderationReason);
        if (q.next()) {
            InsertResult r{q.integer(0), true};
            if (!q.exec()) // step to DONE so the statement completes
                return q.error();
            return r;
        }
        if (q.failed())
            return q.error();
    }
    return duplicateOf(c, m);
}

Result<InsertResult> duplicateOf(Connection &c, const MessageRecord &m)
{
    const auto existing = findDuplicate(c, m);
    if (!isOk(existing))
        return std::get<Error>(existing);
    const qint64 id = std::get<qint64>(existing);
    if (id == 0)
        return Error::local(QStringLiteral("Parla could not store a message and could not find "
                                           "the copy it collided with."));
    if (!m.stanzaId.isEmpty()) {
        // The live copy came first without a stanza-id (or from before MAM): remember the
        // archive's id now, so MAM catch-up can start after it.
        Query q(c, "UPDATE OR IGNORE message SET stanza_id = ?2, stanza_id_by = ?3 "
                   "WHERE id = ?1 AND stanza_id IS NULL");
        if (!q.bindInt(1, id).bindText(2, m.stanzaId).bindText(3, m.stanzaIdBy).exec())
            return q.error();
    }
    return InsertResult{id, false};
}

/// The states a message may be in for `next` to apply (forward only; Failed → Pending retries).
int allowedPrevious(DeliveryState next)
{
    auto bit = [](DeliveryState s) { return 1 << int(s); };
    switch (next) {
    case DeliveryState::Pending:
        return bit(DeliveryState::Failed);
    case DeliveryState::Sent:
        return bit(DeliveryState::Pending);
    case DeliveryState::Delivered:
        return bit(DeliveryState::Pending) | bit(DeliveryState::Sent);
    case DeliveryState::Read:
        return bit(DeliveryState::Pending) | bit(DeliveryState::Sent) |
               bit(DeliveryState::Delivered);
    case DeliveryState::Failed:
        return bit(DeliveryState::Pending) | bit(DeliveryState::Sent);
    case DeliveryState::Received: // incoming only; never set through updateState
        return 0;
    }
    return 0;
}

} // namespace

Task<Result<InsertResult>> MessageStore::insert(const MessageRecord &message)
{
    return m_db.write<InsertResult>([message](Connection &c) { return insertOne(c, message); });
}

Task<Result<QList<InsertResult>>> MessageStore::insertMany(const QList<MessageRecord> &messages)
{
    return insertMany(messages, {});
}

Task<Result<QList<InsertResult>>> MessageStore::insertMany(const QList<MessageRecord> &messages,
                                                           AlsoInTransaction also)
{
    return m_db.write<QList<InsertResult>>(
        [messages, write = std::move(also.write)](Connection &c) -> Result<QList<InsertResult>> {
            QList<InsertResult> results;
            results.reserve(messages.size());
            for (const MessageRecord &m : messages) {
                auto r = insertOne(c, m);
                if (!isOk(r))
                    return std::get<Error>(r);
                results.append(std::get<InsertResult>(r));
            }
            if (auto r = applyWaitingReadMarks(c, messages, results); !xmpp::isOk(r))
                return std::get<Error>(r);
            if (write) {
                if (auto r = write(c); !isOk(r))
                    return std::get<Error>(r);
            }
            return results;
        },
        std::move(also.settled));
}

Task<Result<std::optional<qint64>>>
MessageStore::updateState(const QString &account, const QString &id, const QString &peer,
                          DeliveryState newState, const QString &errorText)
{
    const int allowed = allowedPrevious(newState);
    return m_db.write<std::optional<qint64>>([=](Connection &c) -> Result<std::optional<qint64>> {
        if (allowed == 0 || id.isEmpty())
            return std::optional<qint64>();
        // The newest outgoing message with that id: ids may repeat over the years.
        // Two index lookups (by id, by origin id) rather than one OR that would walk the
        // whole conversation.
        Query q(c, "UPDATE message SET state = ?4, error_text = ?5 WHERE id = (SELECT max(id) "
                   "FROM (SELECT id FROM message WHERE account = ?1 AND peer = ?2 "
                   "AND message_id = ?3 AND outgoing = 1 UNION ALL SELECT id FROM message "
                   "WHERE account = ?1 AND peer = ?2 AND outgoing = 1 AND origin_id = ?3)) "
                   "AND ((1 << state) & ?6) != 0 RETURNING id");
        q.bindText(1, account)
            .bindText(2, peer)
            .bindText(3, id)
            .bindInt(4, int(newState))
            .bindText(5, newState == DeliveryState::Failed ? errorText : QString())
            .bindInt(6, allowed);
        std::optional<qint64> changed;
        if (q.next())
            changed = q.integer(0);
        if (!q.exec())
            return q.error();
        return changed;
    });
}

Task<Result<int>> MessageStore::markRead(const QString &account, const QString &peer, qint64 upToId)
{
    return m_db.write<int>([=](Connection &c) -> Result<int> {
        return markIncomingReadUpTo(c, account, peer, upToId);
    });
}

Result<QList<MessageRecord>> MessageStore::pendingOutgoing(const QString &account)
{
    Query q(m_db.reader(), "SELECT " PARLA_MESSAGE_COLUMNS " FROM message WHERE account = ?1 "
                           "AND outgoing = 1 AND state = 0 ORDER BY timestamp, id");
    q.bindText(1, account);
    return readRecords(q, false);
}

Result<QList<MessageRecord>> MessageStore::page(const QString &account, const QString &peer,
                                                qint64 beforeId, int limit)
{
    Query q(m_db.reader(),
            "SELECT " PARLA_MESSAGE_COLUMNS " FROM message WHERE account = ?1 AND peer = ?2 "
            "AND (timestamp, id) < (SELECT timestamp, id FROM message WHERE id = ?3) "
            "ORDER BY timestamp DESC, id DESC LIMIT ?4");
    q.bindText(1, account).bindText(2, peer).bindInt(3, beforeId).bindInt(4, std::max(limit, 0));
    return readRecords(q, true);
}

Result<QList<MessageRecord>> MessageStore::latest(const QString &account, const QString &peer,
                                                  int limit)
{
    Query q(m_db.reader(), "SELECT " PARLA_MESSAGE_COLUMNS " FROM message WHERE account = ?1 "
                           "AND peer = ?2 ORDER BY timestamp DESC, id DESC LIMIT ?3");
    q.bindText(1, account).bindText(2, peer).bindInt(3, std::max(limit, 0));
    return readRecords(q, true);
}

Result<std::optional<MessageRecord>> MessageStore::message(qint64 id)
{
    Query q(m_db.reader(), "SELECT " PARLA_MESSAGE_COLUMNS " FROM message WHERE id = ?1");
    q.bindInt(1, id);
    if (q.next())
        return std::optional<MessageRecord>(readRecord(q));
    if (q.failed())
        return q.error();
    return std::optional<MessageRecord>();
}

Result<QList<ConversationSummary>> MessageStore::conversations(const QString &account)
{
    // The conversation table is small (one row per peer); the unread count uses the partial
    // index message_unread, so this never walks the history.
    Query q(m_db.reader(),
            "SELECT c.account, c.peer, c.kind, m.id, m.body, m.timestamp, m.outgoing, "
            "(SELECT count(*) FROM message u WHERE u.account = c.account AND u.peer = c.peer "
            " AND u.outgoing = 0 AND u.state = 5) "
            "FROM conversation c LEFT JOIN message m ON m.id = c.last_message_id "
            "WHERE ?1 = '' OR c.account = ?1 "
            "ORDER BY m.timestamp DESC, m.id DESC");
    q.bindText(1, account);
    QList<ConversationSummary> list;
    while (q.next()) {
        ConversationSummary s;
        s.account = q.text(0);
        s.peer = q.text(1);
        s.kind = q.integer(2) == 1 ? ConversationKind::GroupChat : ConversationKind::Chat;
        s.lastMessageId = q.integer(3);
        s.lastBody = q.text(4);
        if (!q.isNull(5))
            s.lastTimestamp = QDateTime::fromMSecsSinceEpoch(q.integer(5), Qt::UTC);
        s.lastOutgoing = q.integer(6) != 0;
        s.unread = int(q.integer(7));
        list.append(s);
    }
    if (q.failed())
        return q.error();
    return list;
}

Result<int> MessageStore::unreadCount(const QString &account, const QString &peer)
{
    if (peer.isEmpty()) {
        Query q(m_db.reader(), "SELECT count(*) FROM message WHERE account = ?1 "
                               "AND outgoing = 0 AND state = 5");
        q.bindText(1, account);
        if (q.next())
            return int(q.integer(0));
        return q.error();
    }
    Query q(m_db.reader(), "SELECT count(*) FROM message WHERE account = ?1 AND peer = ?2 "
                           "AND outgoing = 0 AND state = 5");
    q.bindText(1, account).bindText(2, peer);
    if (q.next())
        return int(q.integer(0));
    return q.error();
}

Result<QList<MessageRecord>> MessageStore::pageAfter(const QString &account, const QString &peer,
                                                     qint64 afterId, int limit)
{
    Query q(m_db.reader(),
            "SELECT " PARLA_MESSAGE_COLUMNS " FROM message WHERE account = ?1 AND peer = ?2 "
            "AND (timestamp, id) > (SELECT timestamp, id FROM message WHERE id = ?3) "
            "ORDER BY timestamp, id LIMIT ?4");
    q.bindText(1, account).bindText(2, peer).bindInt(3, afterId).bindInt(4, std::max(limit, 0));
    return readRecords(q, false);
}

} // namespace parla::storage

// ---- message features (schema v4) ----

namespace parla::storage {

namespace {

/// The newest message named `ref` (its 'id' attribute or origin-id) in one conversation;
/// `direction` -1 for either, else 0 incoming / 1 outgoing. 0 when there is none.
Result<qint64> findRef(Connection &c, const QString &account, const QString &peer, int direction,
                       const QString &ref)
{
    if (ref.isEmpty())
        return qint64(0);
    // Three index lookups (by id, by origin id, as in updateState; by stanza-id). XEP-0424
    // §business-id: in a room the reference is the stanza-id the room itself assigned
    // (stanza_id_by = the room = peer); in a 1:1 chat stanza_id_by is our own archive, never
    // the peer, so that branch matches nothing there.
    Query q(c, "SELECT max(id) FROM (SELECT id FROM message WHERE account = ?1 AND peer = ?2 "
               "AND message_id = ?3 AND (?4 < 0 OR outgoing = ?4) UNION ALL SELECT id FROM "
               "message WHERE account = ?1 AND peer = ?2 AND origin_id = ?3 "
               "AND (?4 < 0 OR outgoing = ?4) UNION ALL SELECT id FROM message WHERE "
               "account = ?1 AND stanza_id_by = ?2 AND stanza_id = ?3 AND peer = ?2 "
               "AND (?4 < 0 OR outgoing = ?4))");
    q.bindText(1, account).bindText(2, peer).bindText(3, ref).bindInt(4, direction);
    if (q.next())
        return q.isNull(0) ? qint64(0) : q.integer(0);
    if (q.failed())
        return q.error();
    return qint64(0);
}

/// The message `ref` of (account, peer) written by `author`, or 0 (see Author).
Result<qint64> findByAuthor(Connection &c, const QString &account, const QString &peer,
                            const Author &author, const QString &ref)
{
    const auto target = findRef(c, account, peer, author.outgoing, ref);
    if (!isOk(target) || std::get<qint64>(target) == 0 ||
        (author.occupantId.isEmpty() && author.senderJid.isEmpty()))
        return target;
    // RoomManager::sameAuthor, in SQL: the same occupant-id where either message has one,
    // else the same nick, and then not a message older than the nick holder's arrival.
    Query q(c, "SELECT 1 FROM message WHERE id = ?1 AND CASE WHEN ?2 <> '' OR occupant_id <> '' "
               "THEN occupant_id = ?2 ELSE sender_jid = ?3 AND (?4 IS NULL OR timestamp >= ?4) "
               "END");
    q.bindInt(1, std::get<qint64>(target))
        .bindText(2, author.occupantId)
        .bindText(3, author.senderJid);
    if (author.notBefore.isValid())
        q.bindInt(4, author.notBefore.toMSecsSinceEpoch());
    if (q.next())
        return target;
    if (q.failed())
        return q.error();
    return qint64(0);
}

/// Runs an UPDATE … RETURNING id for one row; nullopt when it changed nothing.
Result<std::optional<qint64>> updateOne(Query &q)
{
    std::optional<qint64> changed;
    if (q.next())
        changed = q.integer(0);
    if (!q.exec())
        return q.error();
    return changed;
}

} // namespace

Task<Result<std::optional<qint64>>> MessageStore::correct(const QString &account,
                                                          const QString &peer, bool outgoing,
                                                          const QString &ref, const QString &body)
{
    return correct(account, peer, Author::direction(outgoing), ref, body);
}

Task<Result<std::optional<qint64>>> MessageStore::correct(const QString &account,
                                                          const QString &peer, const Author &author,
                                                          const QString &ref, const QString &body)
{
    return m_db.write<std::optional<qint64>>([=](Connection &c) -> Result<std::optional<qint64>> {
        const auto target = findByAuthor(c, account, peer, author, ref);
        if (!isOk(target))
            return std::get<Error>(target);
        if (std::get<qint64>(target) == 0)
            return std::optional<qint64>();
        // The body column always holds the current text (FTS follows UPDATE OF body); the
        // first text stays in original_body however often it is corrected.
        Query q(c, "UPDATE message SET original_body = coalesce(original_body, body), "
                   "body = ?2, edited = 1 WHERE id = ?1 AND retracted = 0 RETURNING id");
        q.bindInt(1, std::get<qint64>(target)).bindText(2, body);
        return updateOne(q);
    });
}

Task<Result<std::optional<qint64>>> MessageStore::retract(const QString &account,
                                                          const QString &peer, bool outgoing,
                                                          const QString &ref)
{
    return retract(account, peer, Author::direction(outgoing), ref);
}

Task<Result<std::optional<qint64>>> MessageStore::retract(const QString &account,
                                                          const QString &peer, const Author &author,
                                                          const QString &ref)
{
    return m_db.write<std::optional<qint64>>([=](Connection &c) -> Result<std::optional<qint64>> {
        const auto target = findByAuthor(c, account, peer, author, ref);
        if (!isOk(target))
            return std::get<Error>(target);
        const qint64 id = std::get<qint64>(target);
        if (id == 0)
            return std::optional<qint64>();
        Query q(c, "UPDATE message SET body = '', original_body = NULL, reply_quote = '', "
                   "retracted = 1 WHERE id = ?1 RETURNING id");
        q.bindInt(1, id);
        auto changed = updateOne(q);
        if (!isOk(changed))
            return changed;
        Query d(c, "DELETE FROM reaction WHERE message = ?1");
        if (!d.bindInt(1, id).exec())
            return d.error();
        return changed;
    });
}

Task<Result<std::optional<qint64>>> MessageStore::moderate(const QString &account,
                                                           const QString &room,
                                                           const QString &stanzaId,
                                                           const QString &reason)
{
    return m_db.write<std::optional<qint64>>([=](Connection &c) -> Result<std::optional<qint64>> {
        if (stanzaId.isEmpty())
            return std::optional<qint64>();
        // message_dedupe_stanza_id (account, stanza_id_by, stanza_id) finds it; peer = room
        // keeps the announcement of one room away from every other conversation.
        Query q(c, "UPDATE message SET body = '', original_body = NULL, reply_quote = '', "
                   "retracted = 1, moderated = 1, moderation_reason = ?4 WHERE account = ?1 AND "
                   "stanza_id_by = ?2 AND stanza_id = ?3 AND peer = ?2 RETURNING id");
        q.bindText(1, account).bindText(2, room).bindText(3, stanzaId).bindText(4, reason);
        auto changed = updateOne(q);
        if (!isOk(changed) || !std::get<std::optional<qint64>>(changed))
            return changed;
        Query d(c, "DELETE FROM reaction WHERE message = ?1");
        if (!d.bindInt(1, *std::get<std::optional<qint64>>(changed)).exec())
            return d.error();
        return changed;
    });
}

Task<Result<std::optional<qint64>>>
MessageStore::setReactions(const QString &account, const QString &peer, const QString &ref,
                           const QString &sender, const QStringList &emojis)
{
    return m_db.write<std::optional<qint64>>([=](Connection &c) -> Result<std::optional<qint64>> {
        const auto target = findRef(c, account, peer, -1, ref);
        if (!isOk(target))
            return std::get<Error>(target);
        const qint64 id = std::get<qint64>(target);
        if (id == 0)
            return std::optional<qint64>();
        // Keep the reactions that stay (their order on screen stays), drop the rest, add new.
        Query existing(c, "SELECT emoji FROM reaction WHERE message = ?1 AND sender = ?2");
        existing.bindInt(1, id).bindText(2, sender);
        QStringList old;
        while (existing.next())
            old << existing.text(0);
        if (existing.failed())
            return existing.error();
        for (const QString &emoji : old) {
            if (emojis.contains(emoji))
                continue;
            Query d(c, "DELETE FROM reaction WHERE message = ?1 AND sender = ?2 AND emoji = ?3");
            if (!d.bindInt(1, id).bindText(2, sender).bindText(3, emoji).exec())
                return d.error();
        }
        for (const QString &emoji : emojis) {
            Query i(c,
                    "INSERT OR IGNORE INTO reaction (message, sender, emoji) VALUES (?1, ?2, ?3)");
            if (!i.bindInt(1, id).bindText(2, sender).bindText(3, emoji).exec())
                return i.error();
        }
        return std::optional<qint64>(id);
    });
}

Task<Result<QStringList>> MessageStore::toggleReaction(qint64 messageId, const QString &sender,
                                                       const QString &emoji)
{
    return m_db.write<QStringList>([=](Connection &c) -> Result<QStringList> {
        Query d(c, "DELETE FROM reaction WHERE message = ?1 AND sender = ?2 AND emoji = ?3");
        if (!d.bindInt(1, messageId).bindText(2, sender).bindText(3, emoji).exec())
            return d.error();
        if (c.changes() == 0) {
            Query i(c, "INSERT INTO reaction (message, sender, emoji) VALUES (?1, ?2, ?3)");
            if (!i.bindInt(1, messageId).bindText(2, sender).bindText(3, emoji).exec())
                return i.error();
        }
        Query q(c, "SELECT emoji FROM reaction WHERE message = ?1 AND sender = ?2 ORDER BY rowid");
        q.bindInt(1, messageId).bindText(2, sender);
        QStringList set;
        while (q.next())
            set << q.text(0);
        if (q.failed())
            return q.error();
        return set;
    });
}

Task<Result<int>> MessageStore::markReadUpTo(const QString &account, const QString &peer,
                                             const QString &ref)
{
    return m_db.write<int>([=](Connection &c) -> Result<int> {
        const auto target = findRef(c, account, peer, 0, ref);
        if (!isOk(target))
            return std::get<Error>(target);
        if (std::get<qint64>(target) == 0)
            return 0;
        return markIncomingReadUpTo(c, account, peer, std::get<qint64>(target));
    });
}

Task<Result<int>> MessageStore::markReadUpToStanzaId(const QString &account, const QString &peer,
                                                     const QString &by, const QString &stanzaId)
{
    return m_db.write<int>([=](Connection &c) -> Result<int> {
        Query q(c, "SELECT id FROM message WHERE account = ?1 AND stanza_id_by = ?2 "
                   "AND stanza_id = ?3 AND peer = ?4");
        q.bindText(1, account).bindText(2, by).bindText(3, stanzaId).bindText(4, peer);
        qint64 id = 0;
        if (q.next())
            id = q.integer(0);
        else if (q.failed())
            return q.error();
        // The newest mark of the conversation is the one that counts: it replaces a waiting one.
        Query pending(c, id == 0
                             ? "INSERT INTO read_mark_pending (account, peer, by, stanza_id) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (account, peer) DO "
                               "UPDATE SET by = excluded.by, stanza_id = excluded.stanza_id"
                             : "DELETE FROM read_mark_pending WHERE account = ?1 AND peer = ?2");
        pending.bindText(1, account).bindText(2, peer);
        if (id == 0)
            pending.bindText(3, by).bindText(4, stanzaId);
        if (!pending.exec())
            return pending.error();
        if (id == 0)
            return 0;
        return markIncomingReadUpTo(c, account, peer, id);
    });
}

Task<Result<QList<qint64>>>
MessageStore::markOutgoingReadUpTo(const QString &account, const QString &peer, const QString &ref)
{
    return m_db.write<QList<qint64>>([=](Connection &c) -> Result<QList<qint64>> {
        const auto target = findRef(c, account, peer, 1, ref);
        if (!isOk(target))
            return std::get<Error>(target);
        QList<qint64> changed;
        if (std::get<qint64>(target) == 0)
            return changed;
        Query q(c, "UPDATE message SET state = 3 WHERE account = ?1 AND peer = ?2 "
                   "AND outgoing = 1 AND state IN (0, 1, 2) "
                   "AND (timestamp, id) <= (SELECT timestamp, id FROM message WHERE id = ?3) "
                   "RETURNING id");
        q.bindText(1, account).bindText(2, peer).bindInt(3, std::get<qint64>(target));
        while (q.next())
            changed << q.integer(0);
        if (q.failed())
            return q.error();
        return changed;
    });
}

Result<std::optional<MessageRecord>>
MessageStore::findByRef(const QString &account, const QString &peer, const QString &ref)
{
    const auto id = findRef(m_db.reader(), account, peer, -1, ref);
    if (!isOk(id))
        return std::get<Error>(id);
    if (std::get<qint64>(id) == 0)
        return std::optional<MessageRecord>();
    return message(std::get<qint64>(id));
}

Result<QList<ReactionRecord>> MessageStore::reactions(qint64 messageId)
{
    Query q(m_db.reader(), "SELECT sender, emoji FROM reaction WHERE message = ?1 ORDER BY rowid");
    q.bindInt(1, messageId);
    QList<ReactionRecord> out;
    while (q.next())
        out.append({q.text(0), q.text(1)});
    if (q.failed())
        return q.error();
    return out;
}

Result<std::optional<MessageRecord>> MessageStore::latestIncoming(const QString &account,
                                                                  const QString &peer)
{
    Query q(m_db.reader(), "SELECT " PARLA_MESSAGE_COLUMNS " FROM message WHERE account = ?1 "
                           "AND peer = ?2 AND outgoing = 0 ORDER BY timestamp DESC, id DESC "
                           "LIMIT 1");
    q.bindText(1, account).bindText(2, peer);
    if (q.next())
        return std::optional<MessageRecord>(readRecord(q));
    if (q.failed())
        return q.error();
    return std::optional<MessageRecord>();
}

Task<Result<QList<qint64>>> MessageStore::retime(const QList<std::pair<qint64, QDateTime>> &times)
{
    return m_db.write<QList<qint64>>([times](Connection &c) -> Result<QList<qint64>> {
        QList<qint64> changed;
        for (const auto &[id, time] : times) {
            Query q(c, "UPDATE message SET timestamp = ?2 WHERE id = ?1 AND timestamp != ?2");
            if (!q.bindInt(1, id).bindInt(2, time.toMSecsSinceEpoch()).exec())
                return q.error();
            if (c.changes() > 0)
                changed << id;
        }
        return changed;
    });
}

Result<qint64> MessageStore::newestId()
{
    return m_db.reader().queryInt("SELECT coalesce(max(id), 0) FROM message");
}

Result<QDateTime> MessageStore::newestTimeUpTo(const QString &account, const QString &peer,
                                               qint64 upToId)
{
    // Backwards along the history index from the newest: only rows stored after the mark are
    // stepped over.
    Query q(m_db.reader(), "SELECT timestamp FROM message WHERE account = ?1 AND peer = ?2 "
                           "AND id <= ?3 ORDER BY timestamp DESC, id DESC LIMIT 1");
    q.bindText(1, account).bindText(2, peer).bindInt(3, upToId);
    if (q.next())
        return QDateTime::fromMSecsSinceEpoch(q.integer(0), Qt::UTC);
    if (q.failed())
        return q.error();
    return QDateTime();
}

} // namespace parla::storage
