// SPDX-License-Identifier: GPL-3.0-or-later
// Parla's database schema, as an append-only list of migrations. Never edit a released step:
// add a new one. Stored enum values (message.state, conversation kind) are pinned by
// static_asserts in messagestore.cpp.
#include "database.h"

#include <array>

namespace parla::storage {

namespace {

constexpr const char *SchemaV1 = R"sql(
CREATE TABLE account (
    jid                 TEXT PRIMARY KEY NOT NULL,
    resource            TEXT NOT NULL DEFAULT '',
    host                TEXT NOT NULL DEFAULT '',
    port                INTEGER NOT NULL DEFAULT 0,
    direct_tls          INTEGER NOT NULL DEFAULT 0,
    pinned_certificates TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    enabled             INTEGER NOT NULL DEFAULT 1,
    display_name        TEXT NOT NULL DEFAULT '',
    sort_order          INTEGER NOT NULL DEFAULT 0
);

-- RFC 6121 §2.6 roster versioning: the version that goes with the stored items.
CREATE TABLE roster (
    account TEXT PRIMARY KEY NOT NULL,
    version TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE roster_item (
    account      TEXT NOT NULL,
    jid          TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    subscription TEXT NOT NULL DEFAULT 'none',
    ask          TEXT NOT NULL DEFAULT '',
    groups       TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    PRIMARY KEY (account, jid)
) WITHOUT ROWID;

-- Identifiers that may be absent are NULL (never ''), so that the partial unique indexes
-- below only compare messages that really carry the identifier.
CREATE TABLE message (
    id                INTEGER PRIMARY KEY,
    account           TEXT NOT NULL,             -- bare JID of our account
    peer              TEXT NOT NULL,             -- bare JID of the conversation
    conversation_kind INTEGER NOT NULL DEFAULT 0, -- 0 chat, 1 groupchat (MUC, later)
    outgoing          INTEGER NOT NULL,
    sender_jid        TEXT NOT NULL DEFAULT '',  -- full JID as received
    body              TEXT NOT NULL DEFAULT '',
    timestamp         INTEGER NOT NULL,          -- ms since the epoch, UTC
    message_id        TEXT,                      -- the stanza's id attribute
    origin_id         TEXT,                      -- XEP-0359 <origin-id/>
    stanza_id         TEXT,                      -- XEP-0359 <stanza-id/> …
    stanza_id_by      TEXT NOT NULL DEFAULT '',  -- … and its 'by'
    state             INTEGER NOT NULL,          -- parla::DeliveryState
    error_text        TEXT NOT NULL DEFAULT ''
);

-- History in display order. Time first, not id: MAM catch-up stores old messages late.
CREATE INDEX message_history ON message (account, peer, timestamp, id);

-- De-duplication (ARCHITECTURE.md "Messages are never lost"), never by id alone:
-- XEP-0359 §4: a stanza-id is unique per archive ('by').
CREATE UNIQUE INDEX message_dedupe_stanza_id
    ON message (account, stanza_id_by, stanza_id) WHERE stanza_id IS NOT NULL;
-- XEP-0359 §5: the sender's origin-id, per conversation and direction.
CREATE UNIQUE INDEX message_dedupe_origin_id
    ON message (account, peer, outgoing, origin_id) WHERE origin_id IS NOT NULL;
-- RFC 6120 ids are only unique per sender, and only somewhat: the last resort.
CREATE UNIQUE INDEX message_dedupe_message_id
    ON message (account, sender_jid, message_id)
    WHERE message_id IS NOT NULL AND origin_id IS NULL;

-- Receipts (XEP-0184) and markers (XEP-0333) name a message by its id.
CREATE INDEX message_by_message_id
    ON message (account, peer, message_id) WHERE message_id IS NOT NULL;
-- Unread incoming: state 5 is DeliveryState::Received (markRead moves it to Read).
CREATE INDEX message_unread ON message (account, peer) WHERE outgoing = 0 AND state = 5;
-- The offline queue: outgoing, state 0 is DeliveryState::Pending.
CREATE INDEX message_pending ON message (account, timestamp, id) WHERE outgoing = 1 AND state = 0;

-- One row per conversation, so the conversation list never scans the history.
CREATE TABLE conversation (
    account         TEXT NOT NULL,
    peer            TEXT NOT NULL,
    kind            INTEGER NOT NULL DEFAULT 0,
    last_message_id INTEGER REFERENCES message (id) ON DELETE SET NULL,
    PRIMARY KEY (account, peer)
) WITHOUT ROWID;

CREATE TRIGGER message_into_conversation AFTER INSERT ON message BEGIN
    INSERT INTO conversation (account, peer, kind, last_message_id)
    VALUES (new.account, new.peer, new.conversation_kind, new.id)
    ON CONFLICT (account, peer) DO UPDATE SET last_message_id = new.id
    WHERE NOT EXISTS (SELECT 1 FROM message m WHERE m.id = conversation.last_message_id
                      AND (m.timestamp, m.id) > (new.timestamp, new.id));
END;

-- XEP-0115 entity capabilities: verification string → disco#info, opaque bytes.
CREATE TABLE caps (
    hash TEXT NOT NULL,
    ver  TEXT NOT NULL,
    info BLOB NOT NULL,
    PRIMARY KEY (hash, ver)
) WITHOUT ROWID;
)sql";

// Full-text index over message bodies, kept in sync by triggers. External content: the text
// lives once, in message.body. unicode61 with remove_diacritics 2 so "creme" finds "crème".
constexpr const char *SchemaV2 = R"sql(
CREATE VIRTUAL TABLE message_fts USING fts5 (
    body, content = 'message', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER message_fts_insert AFTER INSERT ON message BEGIN
    INSERT INTO message_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER message_fts_delete AFTER DELETE ON message BEGIN
    INSERT INTO message_fts (message_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER message_fts_update AFTER UPDATE OF body ON message BEGIN
    INSERT INTO message_fts (message_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO message_fts (rowid, body) VALUES (new.id, new.body);
END;
INSERT INTO message_fts (message_fts) VALUES ('rebuild');
)sql";

// Per-conversation mute: until when (ms since the epoch, UTC) a conversation stays silent.
// "Until I unmute" is the largest time Qt represents, so one comparison with now suffices.
constexpr const char *SchemaMute = R"sql(
CREATE TABLE conversation_mute (
    account     TEXT NOT NULL,
    peer        TEXT NOT NULL,
    muted_until INTEGER NOT NULL,
    PRIMARY KEY (account, peer)
) WITHOUT ROWID;
)sql";

// History sync (XEP-0313 MAM): where catch-up resumes, which conversations have been scrolled
// back to the archive's start, and where history may be missing (the archive had forgotten
// our last id). peer '' is the account-wide archive / every conversation of the account.
constexpr const char *SchemaSync = R"sql(
CREATE TABLE mam_cursor (
    account  TEXT NOT NULL,
    peer     TEXT NOT NULL DEFAULT '',
    last_id  TEXT NOT NULL DEFAULT '',    -- newest stanza-id seen from our own archive
    complete INTEGER NOT NULL DEFAULT 0,  -- scroll-back reached the start of the archive
    PRIMARY KEY (account, peer)
) WITHOUT ROWID;
CREATE TABLE history_gap (
    id        INTEGER PRIMARY KEY,
    account   TEXT NOT NULL,
    peer      TEXT NOT NULL DEFAULT '',
    timestamp INTEGER NOT NULL            -- ms UTC: messages just after this may be missing
);
CREATE INDEX history_gap_by_peer ON history_gap (account, peer, timestamp);
)sql";

// Message features: markers, corrections (XEP-0308), retraction (XEP-0424), replies
// (XEP-0461) and reactions (XEP-0444). body always holds what is shown now: a correction
// rewrites it (the first text moves to original_body), a retraction empties it — and the FTS
// triggers of v2 follow UPDATE OF body, so search forgets retracted text too.
constexpr const char *SchemaFeatures = R"sql(
ALTER TABLE message ADD COLUMN markable INTEGER NOT NULL DEFAULT 0;  -- XEP-0333 <markable/>
ALTER TABLE message ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;    -- XEP-0308
ALTER TABLE message ADD COLUMN original_body TEXT;                   -- text before the 1st correction
ALTER TABLE message ADD COLUMN replace_id TEXT;                      -- correction of an unknown message
ALTER TABLE message ADD COLUMN retracted INTEGER NOT NULL DEFAULT 0; -- XEP-0424
ALTER TABLE message ADD COLUMN reply_to_id TEXT;                     -- XEP-0461 <reply id/>
ALTER TABLE message ADD COLUMN reply_to_jid TEXT NOT NULL DEFAULT '';
ALTER TABLE message ADD COLUMN reply_quote TEXT NOT NULL DEFAULT ''; -- XEP-0428 fallback quote

-- XEP-0444: each sender's current set of reactions to a message (rowid = arrival order).
CREATE TABLE reaction (
    message INTEGER NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    sender  TEXT NOT NULL, -- bare JID
    emoji   TEXT NOT NULL,
    UNIQUE (message, sender, emoji)
);
)sql";

// Group chat (XEP-0045): the XEP-0421 occupant-id of a room message's author, so that a
// correction, retraction or reaction is applied only when it comes from the same occupant.
// A room's MAM cursor (XEP-0313 on the room's JID) is mam_cursor's row (account, room).
constexpr const char *SchemaMuc = R"sql(
ALTER TABLE message ADD COLUMN occupant_id TEXT NOT NULL DEFAULT '';
)sql";

// XEP-0425: a moderator retracted the message (it is also `retracted`, body wiped) and why.
constexpr const char *SchemaModeration = R"sql(
ALTER TABLE message ADD COLUMN moderated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN moderation_reason TEXT NOT NULL DEFAULT '';
)sql";

// The outbox of actions (corrections, retractions, reactions): kept until the server has
// them, across reconnects and restarts (OutboxStore).
constexpr const char *SchemaOutbox = R"sql(
CREATE TABLE pending_action (
    id      INTEGER PRIMARY KEY,
    account TEXT NOT NULL,
    peer    TEXT NOT NULL,
    stanza  TEXT NOT NULL,
    created INTEGER NOT NULL
);
CREATE INDEX pending_action_account ON pending_action (account, id);
)sql";

// XEP-0490: another device displayed up to a message we have not stored yet (its mark came
// before the catch-up that brings it). Applied in the transaction that stores that message;
// one per conversation, the newest mark wins.
constexpr const char *SchemaReadMarks = R"sql(
CREATE TABLE read_mark_pending (
    account   TEXT NOT NULL,
    peer      TEXT NOT NULL,
    by        TEXT NOT NULL,
    stanza_id TEXT NOT NULL,
    PRIMARY KEY (account, peer)
);
)sql";

// When whole-file work last ran (the background integrity check), so it runs now and then,
// not at every start.
constexpr const char *SchemaMaintenance = R"sql(
CREATE TABLE maintenance (
    task    TEXT PRIMARY KEY,
    done_at INTEGER NOT NULL -- ms since the epoch, UTC
);
)sql";

// The message-id de-duplication (RFC 6120 ids, per sender) is a lookup in message_by_message_id
// (MessageStore::insertOne) instead of an index of its own: a catch-up writes one random-order
// index less per message (a fifth of the store's CPU in bench_history's catch-up shape).
constexpr const char *SchemaOneMessageIdIndex = R"sql(
DROP INDEX message_dedupe_message_id;
)sql";

constexpr std::array<Migration, 11> AllMigrations{{
    {1, "accounts, roster, messages, conversations, caps", SchemaV1},
    {2, "full-text index of message bodies", SchemaV2},
    {3, "per-conversation mute", SchemaMute},
    {4, "history sync: MAM cursors, scroll-back completeness, gaps", SchemaSync},
    {5, "message features: markers, corrections, retractions, replies, reactions", SchemaFeatures},
    {6, "group chat: occupant ids", SchemaMuc},
    {7, "group chat: moderated messages", SchemaModeration},
    {8, "outbox of actions", SchemaOutbox},
    {9, "displayed marks waiting for their message", SchemaReadMarks},
    {10, "maintenance log", SchemaMaintenance},
    {11, "message-id de-duplication by lookup", SchemaOneMessageIdIndex},
}};

} // namespace

std::span<const Migration> Database::migrations()
{
    return AllMigrations;
}

} // namespace parla::storage
