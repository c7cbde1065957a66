// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include "types/states.h"
#include <functional>

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace parla::storage {

/// What kind of conversation a message belongs to; stored, so values are fixed.
enum class ConversationKind
{
    Chat = 0,
    GroupChat = 1
};

/// One stored message. Identifiers that the stanza did not carry are empty strings.
struct MessageRecord
{
    qint64 id = 0;   ///< the database's id; 0 before insertion
    QString account; ///< bare JID of our account
    QString peer;    ///< bare JID of the conversation (the other party, or the room)
    ConversationKind kind = ConversationKind::Chat;
    bool outgoing = false;
    QString senderJid; ///< full JID as received ('from'), or our full JID when sending
    QString body;
    QDateTime timestamp; ///< UTC, millisecond precision (XEP-0203 delay or arrival time)
    QString messageId;   ///< the stanza's id attribute (RFC 6120 §8.1.3)
    QString originId;    ///< XEP-0359 <origin-id id=…/>
    QString stanzaId;    ///< XEP-0359 <stanza-id id=…/> …
    QString stanzaIdBy;  ///< … and its 'by' (the archive that assigned it)
    DeliveryState state = DeliveryState::Pending;
    QString errorText; ///< why it failed, in plain words (state Failed)
    // Message features (schema v4)
    bool markable = false;  ///< XEP-0333: the sender asked for a displayed marker
    bool edited = false;    ///< XEP-0308: body is a correction of…
    QString originalBody;   ///< … this first text (empty unless edited)
    QString replaceId;      ///< XEP-0308 correction whose original was never found
    bool retracted = false; ///< XEP-0424: body (and original) wiped
    QString replyToId;      ///< XEP-0461: id of the message this one answers …
    QString replyToJid;     ///< … and its author, as the <reply to=''/> said
    QString replyQuote;     ///< the XEP-0428 fallback quote, shown if the original is unknown
    QString occupantId;     ///< group chat: XEP-0421 id of the author (schema v6), if any

    // XEP-0425 (schema v7): retracted by a room moderator, with the reason the room gave.
    bool moderated = false;
    QString moderationReason;

    bool operator==(const MessageRecord &) const = default;
};

/// One person's reaction to a message (XEP-0444); `sender` is a bare JID.
struct ReactionRecord
{
    QString sender;
    QString emoji;
    bool operator==(const ReactionRecord &) const = default;
};

/// Who may act on a message (XEP-0308 §5, XEP-0424 §5: only its author): in a 1:1 chat the
/// direction (our messages, or the peer's); in a room the occupant, by XEP-0421 occupant-id
/// where the room assigns them, else by nick (room@service/nick), and then only for messages
/// after that nick's holder entered (XEP-0308 §6: a nick's new holder is not its old author).
/// The check runs on the writer thread in the same job as the change, after every insert
/// queued before it, so it can never race the original's insert.
struct Author
{
    int outgoing = -1;   ///< 1: ours, 0: the peer's, -1: either (rooms decide by occupant)
    QString occupantId;  ///< room: the author's occupant-id (the message must carry the same)
    QString senderJid;   ///< room without occupant-ids: the author's room@service/nick
    QDateTime notBefore; ///< room without occupant-ids: the author entered the room then

    static Author direction(bool outgoing) { return {outgoing ? 1 : 0, {}, {}, {}}; }
};

/// The outcome of an insert: the row's id, and whether it is new or an earlier copy.
struct InsertResult
{
    qint64 id = 0;
    bool inserted = false;
    /// insertMany: read on another device (XEP-0490) by a mark that was waiting for this batch;
    /// the row is Read now, and so may be earlier ones of its conversation.
    bool readElsewhere = false;
    bool operator==(const InsertResult &) const = default;
};

/// One line of the conversation list.
struct ConversationSummary
{
    QString account;
    QString peer;
    ConversationKind kind = ConversationKind::Chat;
    qint64 lastMessageId = 0;
    QString lastBody;
    QDateTime lastTimestamp;
    bool lastOutgoing = false;
    int unread = 0;
};

/// Message history (1:1 now; the kind column is there for MUC).
///
/// Display order is (timestamp, id): MAM catch-up stores older messages after newer ones, so
/// insertion order is not history order. Reads are synchronous on the read connection; writes
/// go through the Database's writer thread and return a Task.
///
/// De-duplication (ARCHITECTURE.md "Messages are never lost"): an insert that matches an
/// existing message by any of these rules is not stored again, and the existing id is returned
/// with inserted=false:
///  1. same account and (stanzaIdBy, stanzaId), XEP-0359 §4, when stanzaId is set;
///  2. same account, peer, direction and originId, XEP-0359 §5, when originId is set;
///  3. same account, senderJid and messageId, when messageId is set and originId is not.
/// A message id alone never matches: two senders may well pick the same id.
/// A duplicate that brings a stanza-id the stored copy lacks (live message first, MAM copy
/// later) adds it to the stored copy, so MAM can resume from it.
class MessageStore
{
public:
    explicit MessageStore(Database &db) : m_db(db) {}
    /// The database it writes to (tests that make the disk "full", the CLI's flush).
    Database &database() { return m_db; }

    Task<Result<InsertResult>> insert(const MessageRecord &message);
    /// A page of messages (a MAM page, an import) in one job: one commit, ids in input order.
    Task<Result<QList<InsertResult>>> insertMany(const QList<MessageRecord> &messages);
    /// What else a page's transaction must carry (a catch-up cursor that covers exactly these
    /// messages: both commit, or neither), and who must hear on the writer thread how the
    /// transaction ended (Database::write's `settled`).
    struct AlsoInTransaction
    {
        std::function<Result<xmpp::Success>(Connection &)> write;
        std::function<void(bool committed)> settled;
    };
    Task<Result<QList<InsertResult>>> insertMany(const QList<MessageRecord> &messages,
                                                 AlsoInTransaction also);

    /// Moves an outgoing message's state forward: Pending → Sent → Delivered → Read, or
    /// Pending/Sent → Failed (with errorText), or Failed → Pending (retry). Anything else
    /// (a late "sent" after "delivered", a receipt for a failed message) changes nothing.
    /// `id` is the stanza id or the origin id the receipt/marker names (XEP-0184, XEP-0333).
    /// Result: the id of the message changed, or nullopt if none was.
    Task<Result<std::optional<qint64>>> updateState(const QString &account, const QString &id,
                                                    const QString &peer, DeliveryState newState,
                                                    const QString &errorText = {});

    /// Marks incoming messages up to and including `upToId` (in display order) as read.
    /// Result: how many changed.
    Task<Result<int>> markRead(const QString &account, const QString &peer, qint64 upToId);

    /// Outgoing messages still Pending, oldest first: to send again after a reconnect
    /// without stream resumption (same ids, so receivers de-duplicate).
    Result<QList<MessageRecord>> pendingOutgoing(const QString &account);
    /// Up to `limit` messages before `beforeId` in display order, oldest first.
    Result<QList<MessageRecord>> page(const QString &account, const QString &peer, qint64 beforeId,
                                      int limit);
    /// The newest `limit` messages, oldest first (opening a conversation).
    Result<QList<MessageRecord>> latest(const QString &account, const QString &peer, int limit);
    /// One message by its database id.
    Result<std::optional<MessageRecord>> message(qint64 id);
    /// One line per conversation, newest first; all accounts when `account` is empty.
    Result<QList<ConversationSummary>> conversations(const QString &account = {});
    /// Incoming messages not yet read; all peers of the account when `peer` is empty.
    Result<int> unreadCount(const QString &account, const QString &peer = {});
    /// Up to `limit` messages after `afterId` in display order, oldest first (paging towards
    /// the present after jumping to an older message).
    Result<QList<MessageRecord>> pageAfter(const QString &account, const QString &peer,
                                           qint64 afterId, int limit);

    // ---- message features (XEP-0308, 0424, 0444, 0333/0490) ----
    // A `ref` names a message the way stanzas do: its 'id' attribute or its origin-id.
    // Every lookup is confined to one conversation (account, peer) and, where the XEP says
    // only the author may act, to one direction: that confinement is the sender rule.
    // They run on the writer thread, after any insert queued before them.

    /// XEP-0308: replaces the body of the newest message `ref` of (account, peer, outgoing);
    /// the first text is kept in originalBody. Retracted messages stay retracted.
    /// Result: the message changed, or nullopt.
    Task<Result<std::optional<qint64>>> correct(const QString &account, const QString &peer,
                                                bool outgoing, const QString &ref,
                                                const QString &body);
    /// The same, for the message `ref` of (account, peer) whose author is `author`.
    Task<Result<std::optional<qint64>>> correct(const QString &account, const QString &peer,
                                                const Author &author, const QString &ref,
                                                const QString &body);
    /// XEP-0424: wipes body, original and reactions of the message `ref` (same confinement)
    /// and marks it retracted. Result: the message changed, or nullopt.
    Task<Result<std::optional<qint64>>> retract(const QString &account, const QString &peer,
                                                bool outgoing, const QString &ref);
    /// The same, for the message `ref` of (account, peer) whose author is `author`.
    Task<Result<std::optional<qint64>>> retract(const QString &account, const QString &peer,
                                                const Author &author, const QString &ref);
    /// XEP-0425 §4.1: the room `room` announced that a moderator retracted its message with
    /// the room-assigned stanza-id `stanzaId`. Only a message of that room's conversation that
    /// the room itself numbered (stanza_id_by = room) matches: the room's word is its own.
    /// Wipes it like retract() and marks it moderated. Result: the message, or nullopt.
    Task<Result<std::optional<qint64>>> moderate(const QString &account, const QString &room,
                                                 const QString &stanzaId, const QString &reason);
    /// XEP-0444 §3.2: `sender`'s reactions to the message `ref` in (account, peer), either
    /// direction, become exactly `emojis`. Result: the message, or nullopt if unknown.
    Task<Result<std::optional<qint64>>> setReactions(const QString &account, const QString &peer,
                                                     const QString &ref, const QString &sender,
                                                     const QStringList &emojis);
    /// Adds `emoji` to `sender`'s reactions to message `messageId`, or removes it if present,
    /// in one job (quick toggles never read a stale set). Result: the sender's new set.
    Task<Result<QStringList>> toggleReaction(qint64 messageId, const QString &sender,
                                             const QString &emoji);
    /// XEP-0333 §4 (our other device's marker): incoming messages up to the incoming message
    /// `ref` become Read. Result: how many changed.
    Task<Result<int>> markReadUpTo(const QString &account, const QString &peer, const QString &ref);
    /// XEP-0490: incoming messages up to the one our archive `by` numbered `stanzaId` become
    /// Read. Result: how many changed. A mark for a message not stored yet waits for it, and
    /// insertMany applies it in the transaction that stores it (InsertResult::readElsewhere).
    Task<Result<int>> markReadUpToStanzaId(const QString &account, const QString &peer,
                                           const QString &by, const QString &stanzaId);
    /// XEP-0333 §4 (peer's displayed marker, "everything before was displayed too"): outgoing
    /// messages up to the outgoing message `ref` that are not yet Read (nor Failed) become
    /// Read. Result: the messages changed.
    Task<Result<QList<qint64>>> markOutgoingReadUpTo(const QString &account, const QString &peer,
                                                     const QString &ref);
    /// The newest message `ref` in (account, peer), either direction (reply quotes).
    Result<std::optional<MessageRecord>> findByRef(const QString &account, const QString &peer,
                                                   const QString &ref);
    /// Reactions to one message, oldest first.
    Result<QList<ReactionRecord>> reactions(qint64 messageId);
    /// The newest incoming message of the conversation (what a displayed marker names).
    Result<std::optional<MessageRecord>> latestIncoming(const QString &account,
                                                        const QString &peer);
    /// Files messages under new times (id, time): a live copy that the archive's catch-up
    /// placed in archive order. Finishes with the ids whose time changed.
    Task<Result<QList<qint64>>> retime(const QList<std::pair<qint64, QDateTime>> &times);
    /// The newest row id (0 when there is none): a mark of what is stored up to now.
    Result<qint64> newestId();
    /// The newest time in (account, peer) among the rows up to `upToId` (invalid if none):
    /// where a conversation stood at that mark, whatever was stored after it.
    Result<QDateTime> newestTimeUpTo(const QString &account, const QString &peer, qint64 upToId);

private:
    Database &m_db;
};

} // namespace parla::storage
