// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "envelope.h"

#include "types/states.h"
#include "xmpp/xep/xep0085_chatstates/chatstate.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace parla::storage {
class MessageStore;
class OutboxStore;
} // namespace parla::storage

namespace parla::services {

/// What the incoming pipeline and its feature handlers may ask of the account they run in.
/// Implemented by Account; the pipeline never reaches into Account otherwise, and every
/// notification goes through here, so Account emits its own signals (no signal is emitted on
/// another object's behalf).
class PipelineHost
{
public:
    virtual ~PipelineHost() = default;

    /// The object the handlers' storage continuations are bound to (dropped with it).
    virtual QObject *context() = 0;
    /// Our account's bare JID, as stored (the `account` column).
    virtual QString accountJid() const = 0;
    /// Our bare JID as the server knows it (bound, else configured).
    virtual xmpp::Jid ownJid() const = 0;
    virtual storage::MessageStore &messageStore() = 0;
    /// The conversation of a 1:1 message exchanged with `other` (full JID as in the stanza):
    /// room@service/nick for a private message with an occupant of a room we know (or, sent by
    /// our other client, marked as one), else the bare JID.
    virtual QString conversationFor(const xmpp::Jid &other, bool outgoing,
                                    const xmpp::ChatMessage &message) const = 0;
    /// XEP-0359 §4: our own server stamps stanza-ids we may trust (it says so in disco).
    virtual bool trustsOwnStanzaIds() const = 0;
    /// When our previous session ended (invalid if never): our server's offline delays can
    /// only be later than that.
    virtual QDateTime offlineSince() const = 0;
    /// RFC 6121 §3: the peer has a presence subscription to us (receipts and markers reveal
    /// presence, so only they get them).
    virtual bool maySeeOurPresence(const QString &peer) const = 0;
    /// XEP-0184 §5.1: tells the sender we received `message` (only after it is stored).
    virtual void sendReceipt(const xmpp::ChatMessage &message) = 0;

    // Notifications: the account emits its signal for each.
    virtual void notifyStored(const QList<storage::MessageRecord> &records, Route route) = 0;
    /// Offline messages the archive's catch-up had stored first (not new rows, but news).
    virtual void notifyArrivedWhileAway(const QList<storage::MessageRecord> &records) = 0;
    virtual void notifyUpdated(qint64 id) = 0;
    virtual void notifyStateChanged(qint64 id, DeliveryState state, const QString &error) = 0;
    virtual void notifyConversationRead(const QString &peer) = 0;
    /// XEP-0085 §5.1: a live message of the peer carried `state` (or none), and was a content
    /// message (`content`: it had a body), which tells whether the peer uses chat states.
    virtual void chatStateObserved(const QString &peer, std::optional<xmpp::ChatState> state,
                                   bool content) = 0;
    /// A message of ours reached the server or the room (its copy came back): Sent.
    virtual void markSent(const storage::MessageRecord &ours) = 0;
    /// Moves a message of ours with id/origin-id `ref` to `peer` forward (receipts, markers).
    virtual void advanceDelivery(const QString &ref, const QString &peer, DeliveryState state) = 0;
    /// Our archive's catch-up is done: a live message's stanza-id becomes the catch-up cursor,
    /// written with the message (before, the cursor stays behind what is not fetched yet).
    virtual bool cursorFollowsLive() const = 0;
    /// Something a message is waiting on failed to be written: the user must hear of it.
    virtual void reportStorageFailure(const QString &what, const QString &error) = 0;
    /// What failed is written now (space came back): the user may stop worrying.
    virtual void reportStorageRecovered(const QString &what) = 0;
    /// Stores an envelope after the fact (a correction whose original is unknown is kept as a
    /// message of its own): it goes through Store, Notify and Apply again, with `store` set.
    virtual void storeLate(IncomingEnvelope envelope) = 0;

    // ---- the outgoing pipeline ----

    virtual storage::OutboxStore &outbox() = 0;
    /// Writes the envelope's stanza to its route if the route is up (the stream for 1:1, the
    /// joined room for group chat) and tracks it until the server acknowledges it; false
    /// leaves it queued (Pending, or in the outbox) for the next connection or join.
    virtual bool transmit(const OutgoingEnvelope &envelope) = 0;
};

} // namespace parla::services
