// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/messagestore.h"
#include "xmpp/element.h"
#include "xmpp/im/message.h"
#include "xmpp/inboundhold.h"
#include "xmpp/jid.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <vector>

namespace parla::services {

/// How a message reached us. Every route feeds the same incoming pipeline (Account::receive);
/// the route decides only what the stages may believe (whose stamp, whose stanza-id) and what
/// else happens (receipts for live messages, the read state of scroll-back).
enum class Route : quint8
{
    Live,        ///< 1:1, addressed to this resource (RFC 6121 §5)
    Carbon,      ///< XEP-0280: a copy of what another of our devices sent or received
    Archive,     ///< XEP-0313 catch-up of our own archive: missed while offline
    ScrollBack,  ///< older history from our archive while scrolling back: already read
    Room,        ///< a groupchat message of a room we are in (XEP-0045 §7.4)
    RoomHistory, ///< discussion history the room sends while we join (§7.2.15), delayed by it
    RoomArchive, ///< XEP-0313 on the room's JID: what the room said while we were away
    RoomPrivate, ///< a private message from an occupant (§7.5), conversation room@service/nick
    Outgoing,    ///< not a way in: a message the user wrote here, as Account::messagesStored
                 ///< announces it once it is stored Pending
};

QString routeName(Route route);
/// Group chat routes: the conversation is the room, the author an occupant.
constexpr bool isRoomRoute(Route r)
{
    return r == Route::Room || r == Route::RoomHistory || r == Route::RoomArchive;
}
/// Routes whose messages come from an archive (XEP-0313), in the archive's order.
constexpr bool isArchiveRoute(Route r)
{
    return r == Route::Archive || r == Route::ScrollBack || r == Route::RoomArchive;
}

/// Who sent the message, as the manager of its route verified it (ARCHITECTURE.md "sender
/// checks live where the meaning lives"). Stages believe these fields, never the stanza's.
struct VerifiedSender
{
    xmpp::Jid jid;      ///< the sender: a contact, our own full JID, or room@service/nick
    bool self = false;  ///< sent by us (our bare JID; in a room, our occupant)
    QString occupantId; ///< XEP-0421 id the room assigned (rooms only; empty if none)
    xmpp::Jid realJid;  ///< the occupant's real JID where the room reveals it (rooms only)
    /// When this occupant entered while we were in the room (rooms without occupant-ids): a
    /// nick's new holder is not the author of what was said before (XEP-0308 §6).
    QDateTime arrivedAt;
};

/// What an archive (ours or a room's) says about the message. Trusted: the route checked that
/// the result answers our query, from the archive we asked (XEP-0313 §4.2, §5).
struct ArchiveInfo
{
    QString id;      ///< the archive's id of the message, its stanza-id 'by' the archive
    xmpp::Jid by;    ///< the archive (our bare JID, or the room's)
    QDateTime stamp; ///< when the archive received it (UTC)
};

/// The slot an end-to-end encryption stage (omemo/) fills. Core has no decrypt stage of its
/// own: a message whose <encrypted/> nobody decrypts stays Encrypted and is stored with a
/// fallback text saying so, never silently lost or shown as its fallback body.
struct EncryptionSlot
{
    enum class State : quint8
    {
        Plaintext, ///< nothing encrypted in the stanza
        Encrypted, ///< an encrypted payload no stage has handled (yet)
        Decrypted, ///< a stage decrypted it: `stanza` now carries the plaintext
        Failed,    ///< a stage tried and could not: `error` says why in plain words
    };
    State state = State::Plaintext;
    QString scheme; ///< the namespace of the encrypted payload (e.g. XEP-0384's)
    QString error;
};

/// One message on its way in: the unit of the incoming pipeline.
///
/// A route fills `stanza` (the raw <message/>: the inner one of a carbon or an archive
/// result), `route`, `sender` and `archive`, and the message as its manager parsed it. The
/// stages then: Decrypt (a plug-in may replace `stanza`; Parse re-reads it), Classify (builds
/// `record`: conversation, direction, trusted time), Features (one handler per XEP: receipts,
/// markers, corrections, retractions, moderation, reactions, replies, chat states), Store (one
/// transaction per batch), Notify, Apply (what acts on stored messages, after the commit).
struct IncomingEnvelope
{
    xmpp::Element stanza;
    Route route = Route::Live;
    VerifiedSender sender;
    ArchiveInfo archive;
    EncryptionSlot encryption;
    /// Set by a stage that replaced `stanza` (decryption): Parse reads it again.
    bool stanzaChanged = false;

    xmpp::ChatMessage message;     ///< the parsed stanza
    storage::MessageRecord record; ///< what is stored, built by Classify
    /// False once a stage decided there is nothing to store as a message (a retraction, a
    /// reaction, a marker, a notice): later content stages skip it, Apply still runs for it.
    bool store = true;
    /// Set by Store: the stored copy is new (not a duplicate of a live, carbon or archive copy).
    bool inserted = false;
    /// A live stanza the server must not count as handled (XEP-0198) before it is stored:
    /// released once the envelope is done (stored, or found to hold nothing to store).
    xmpp::InboundHold hold;
};

/// Archive pages travel as one batch (one transaction); live messages as batches of one.
using IncomingBatch = std::vector<IncomingEnvelope>;

/// The kinds of message that leave.
enum class OutgoingKind : quint8
{
    Chat,        ///< 1:1 content message, stored Pending before it is sent
    GroupChat,   ///< to a room; Sent when the room reflects it (XEP-0045 §7.4)
    RoomPrivate, ///< to room@service/nick (§7.5)
    Action,      ///< a correction, retraction, reaction or displayed marker: not a message of
                 ///< its own, persisted in the outbox until the server has it (survives a
                 ///< restart)
    Ephemeral,   ///< a standalone chat state: only meaningful now, so never queued
};

/// Whether an outgoing kind is a content message stored in the conversation.
constexpr bool isContent(OutgoingKind k)
{
    return k == OutgoingKind::Chat || k == OutgoingKind::GroupChat ||
           k == OutgoingKind::RoomPrivate;
}

/// One message on its way out: the unit of the outgoing pipeline (compose → encrypt → persist
/// → send). Content messages carry their `record`; actions only the composed message.
struct OutgoingEnvelope
{
    OutgoingKind kind = OutgoingKind::Chat;
    storage::MessageRecord record; ///< content messages: the stored row (id set once persisted)
    xmpp::ChatMessage message;     ///< composed from `record` (or given, for actions)
    xmpp::Element stanza;          ///< what goes on the wire; the Encrypt stage may replace it
    EncryptionSlot encryption;
    /// Already persisted (a resend after a reconnect, a retry, a queued action): Persist is
    /// skipped.
    bool persisted = false;
    qint64 actionId = 0; ///< actions: the row of the pending-action queue
};

} // namespace parla::services

Q_DECLARE_METATYPE(parla::services::Route)
