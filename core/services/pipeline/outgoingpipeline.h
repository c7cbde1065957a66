// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "envelope.h"
#include "services/messagepipeline.h"

#include <QObject>

#include <QHash>
#include <functional>
#include <memory>

namespace parla::services {

class PipelineHost;

/// The one way out for messages of an account (ARCHITECTURE.md "every route, one pipeline"):
/// 1:1 messages, room messages, private messages to occupants, actions (corrections,
/// retractions, reactions, displayed markers) and standalone chat states all pass
///
///   Compose → Encrypt (a slot for omemo/) → Persist → Send
///
/// Compose builds the <message/> from the stored record (or takes the action's); Encrypt may
/// replace `stanza`; Persist stores a new content message as Pending (and announces it) or a
/// new action in the outbox, before anything is sent (STYLE.md §8: a crash after this loses
/// nothing); Send writes it if the route is up, else it stays queued. Queued messages and
/// actions run again from Compose (already persisted) after the next login or join, so they
/// are encrypted afresh. Standalone chat states are never queued.
///
/// Envelopes keep their order through Persist (the store's one writer thread answers in
/// order); an asynchronous plug-in step must keep the order it was given.
class OutgoingPipeline : public QObject
{
    Q_OBJECT
public:
    using Pipeline = MessagePipeline<std::shared_ptr<OutgoingEnvelope>>;

    explicit OutgoingPipeline(PipelineHost &host, QObject *parent = nullptr);
    ~OutgoingPipeline() override;

    /// Takes an envelope through every stage (persisted ones skip Persist).
    void send(OutgoingEnvelope envelope);

    /// A plug-in's step in one of the stages (Encrypt for omemo/; any stage for tests). It must
    /// call `next` exactly once to let the envelope continue (now or later), or not at all to
    /// drop it (it stays persisted, and goes out again with the next connection). Must be
    /// called before the first send().
    using Step = std::function<void(OutgoingEnvelope &envelope, std::function<void()> next)>;
    bool addStep(PipelineStage stage, Step step);

    /// The <message/> of a content message, as every route sends it (XEP-0359 ids, XEP-0461
    /// reply with its XEP-0428 quote; 1:1: XEP-0184 receipt request, XEP-0333 markable,
    /// XEP-0085 active).
    static xmpp::ChatMessage compose(const storage::MessageRecord &record, OutgoingKind kind);

    /// The server acknowledged (XEP-0198), or there is no acknowledgement and the stanza was
    /// written: a queued action with this stanza id leaves the outbox. Content messages are
    /// the host's (their delivery state).
    void acknowledged(const QString &stanzaId);
    /// A new session (not resumed): what was written but not acknowledged is sent again.
    void sessionLost();
    /// Sends what the outbox holds for the account (after a login): not yet written this
    /// session, in the order it was queued.
    void flushOutbox();

private:
    void persist(const std::shared_ptr<OutgoingEnvelope> &e, Pipeline::Next next);
    void transmit(const std::shared_ptr<OutgoingEnvelope> &e);
    /// Whether the outbox row `row` was written this session and awaits its acknowledgement.
    bool actionWritten(qint64 row) const;

    PipelineHost &m_host;
    Pipeline m_pipeline;
    /// Actions written this session and not yet acknowledged: stanza id → outbox row.
    QHash<QString, qint64> m_actionsInFlight;
};

} // namespace parla::services
