// SPDX-License-Identifier: GPL-3.0-or-later
#include "outgoingpipeline.h"

#include "pipelinehost.h"

#include "storage/messagestore.h"
#include "storage/outboxstore.h"
#include "xmpp/element.h"
#include "xmpp/namespaces.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcOutgoing, "parla.services.outgoing")

namespace parla::services {

using namespace parla::xmpp;

OutgoingPipeline::OutgoingPipeline(PipelineHost &host, QObject *parent)
    : QObject(parent), m_host(host)
{
    using S = PipelineStage;
    using Envelope = std::shared_ptr<OutgoingEnvelope>;
    m_pipeline.addStage(S::Compose, {}, [](Envelope e, Pipeline::Next next) {
        if (isContent(e->kind))
            e->message = compose(e->record, e->kind);
        e->stanza = e->message.toElement();
        next(std::move(e));
    });
    m_pipeline.addStage(S::Encrypt, {S::Compose}); // a slot: omemo/ fills it (addStep)
    m_pipeline.addStage(S::Persist, {S::Encrypt},
                        [this](Envelope e, Pipeline::Next next) { persist(e, std::move(next)); });
    m_pipeline.addStage(S::Send, {S::Persist}, [this](Envelope e, Pipeline::Next) { transmit(e); });
    if (const auto error = m_pipeline.finalize())
        qFatal("%s", qPrintable(*error));
}

OutgoingPipeline::~OutgoingPipeline() = default;

bool OutgoingPipeline::addStep(PipelineStage stage, Step step)
{
    return m_pipeline.addStep(
        stage, [step = std::move(step)](std::shared_ptr<OutgoingEnvelope> e, Pipeline::Next next) {
            OutgoingEnvelope &envelope = *e;
            step(envelope,
                 [e = std::move(e), next = std::move(next)]() mutable { next(std::move(e)); });
        });
}

void OutgoingPipeline::send(OutgoingEnvelope envelope)
{
    m_pipeline.run(std::make_shared<OutgoingEnvelope>(std::move(envelope)));
}

ChatMessage OutgoingPipeline::compose(const storage::MessageRecord &record, OutgoingKind kind)
{
    ChatMessage message;
    message.to = Jid::fromString(record.peer);
    message.id = record.messageId;
    message.originId = record.originId;
    message.body = record.body;
    if (kind == OutgoingKind::GroupChat) {
        message.type = ChatMessage::Type::Groupchat;
        message.to = message.to.bare();
    } else {
        message.type = ChatMessage::Type::Chat;
        message.receiptRequested = true;
        message.markable = true;               // XEP-0333 §4
        message.chatState = ChatState::Active; // XEP-0085 §5.1: every content message
        // XEP-0045 §7.5 asks for <x xmlns='…muc#user'/> on private messages to occupants, but
        // Prosody 0.12's mod_carbons never copies a message carrying it (its should_copy()
        // treats every such message as an incoming MUC PM): our other clients would not see
        // the message at all. They know the room (or take the marker where a server adds it).
    }
    if (!record.replyToId.isEmpty()) {
        // XEP-0461 with the XEP-0428 quote for clients without replies (§2.1).
        message.reply = Reply{Jid::fromString(record.replyToJid), record.replyToId};
        const QString quote = Reply::quoteFallback(record.replyQuote);
        message.body = quote + record.body;
        message.fallbacks = {Fallback{ns::Reply, std::pair{0, Fallback::codePointLength(quote)}}};
    }
    return message;
}

void OutgoingPipeline::persist(const std::shared_ptr<OutgoingEnvelope> &e, Pipeline::Next next)
{
    if (e->persisted || e->kind == OutgoingKind::Ephemeral) {
        next(e);
        return;
    }
    if (isContent(e->kind)) {
        m_host.messageStore().insert(e->record).then(
            this, [this, e, next](const Result<storage::InsertResult> &r) {
                if (const auto *error = std::get_if<Error>(&r)) {
                    // Not stored: not sent either (nothing the user cannot see).
                    m_host.reportStorageFailure(tr("save the message you wrote"), error->text);
                    return;
                }
                e->record.id = std::get<storage::InsertResult>(r).id;
                e->persisted = true;
                m_host.notifyStored({e->record}, Route::Outgoing);
                next(e);
            });
        return;
    }
    // An action is kept as composed, before any encryption: a resend encrypts it afresh for
    // the devices known then.
    const QString xml = QString::fromUtf8(e->message.toElement().toXml()); // self-contained
    m_host.outbox()
        .enqueue(m_host.accountJid(), e->message.to.toString(), xml)
        .then(this, [this, e, next](const Result<qint64> &r) {
            if (const auto *error = std::get_if<Error>(&r)) {
                // Not kept across a restart, but still sent now if we can.
                m_host.reportStorageFailure(tr("queue your change to a message"), error->text);
            } else {
                e->actionId = std::get<qint64>(r);
                e->persisted = true;
            }
            next(e);
        });
}

void OutgoingPipeline::transmit(const std::shared_ptr<OutgoingEnvelope> &e)
{
    if (e->kind == OutgoingKind::Action && actionWritten(e->actionId))
        return; // already written this session (flushed while it was being persisted)
    if (!m_host.transmit(*e)) {
        qCDebug(lcOutgoing) << "queued" << e->message.id << "until the route is up";
        return;
    }
    if (e->kind == OutgoingKind::Action && e->actionId != 0)
        m_actionsInFlight.insert(e->message.id, e->actionId);
}

bool OutgoingPipeline::actionWritten(qint64 row) const
{
    return row != 0 && std::find(m_actionsInFlight.cbegin(), m_actionsInFlight.cend(), row) !=
                           m_actionsInFlight.cend();
}

void OutgoingPipeline::acknowledged(const QString &stanzaId)
{
    const auto it = m_actionsInFlight.constFind(stanzaId);
    if (it == m_actionsInFlight.cend())
        return;
    const qint64 row = *it;
    m_actionsInFlight.erase(it);
    m_host.outbox().remove(row).then(this, [this](const Result<Success> &r) {
        if (const auto *error = std::get_if<Error>(&r))
            m_host.reportStorageFailure(tr("clear a sent change from the queue"), error->text);
    });
}

void OutgoingPipeline::sessionLost()
{
    m_actionsInFlight.clear();
}

void OutgoingPipeline::flushOutbox()
{
    auto pending = m_host.outbox().pending(m_host.accountJid());
    if (const auto *error = std::get_if<Error>(&pending)) {
        m_host.reportStorageFailure(tr("read the queue of changes to send"), error->text);
        return;
    }
    for (const storage::PendingAction &a : std::get<QList<storage::PendingAction>>(pending)) {
        if (actionWritten(a.id))
            continue;
        const auto message = ChatMessage::fromElement(Element::fromXml(a.stanza.toUtf8()));
        if (!message) {
            qCWarning(lcOutgoing) << "dropping an unreadable queued action" << a.id;
            m_host.outbox().remove(a.id);
            continue;
        }
        OutgoingEnvelope e;
        e.kind = OutgoingKind::Action;
        e.message = *message;
        e.persisted = true;
        e.actionId = a.id;
        send(std::move(e));
    }
}

} // namespace parla::services
