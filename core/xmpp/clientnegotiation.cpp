// SPDX-License-Identifier: GPL-3.0-or-later
// Stream negotiation (RFC 6120 §4.3, §5, §6, §7; XEP-0198 §3, §5): what happens between the
// first <stream:features/> and a bound, ready session.
#include "client_p.h"

#include "namespaces.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcClient)

namespace parla::xmpp {

namespace {
ConnectionError makeNegotiationError(ConnectionError::Kind kind, const QString &text)
{
    ConnectionError e;
    e.kind = kind;
    e.text = text;
    return e;
}
} // namespace

void Client::Private::handleNegotiationElement(const Element &element)
{
    if (element.is(u"features", ns::Stream)) {
        handleFeatures(element);
        return;
    }
    switch (phase) {
    case Phase::StartingTls:
        if (element.is(u"proceed", ns::Tls)) {
            phase = Phase::Connecting; // the stream restarts once encrypted
            socket->startClientEncryption();
        } else {
            fail(makeNegotiationError(ConnectionError::Kind::TlsFailed,
                                      tr("The server refused to start a secure connection.")));
        }
        return;
    case Phase::Authenticating:
        if (element.xmlns() != ns::Sasl)
            break;
        if (element.name() == u"challenge") {
            auto r = sasl->challenge(element);
            if (auto *e = std::get_if<ConnectionError>(&r)) {
                writeElement(Element(QStringLiteral("abort"), ns::Sasl));
                fail(*e);
                return;
            }
            writeElement(std::get<Element>(r));
        } else if (element.name() == u"success") {
            if (auto e = sasl->success(element)) {
                fail(*e);
                return;
            }
            authenticated = true;
            openStream(); // RFC 6120 §6.4.6: restart the stream
        } else if (element.name() == u"failure") {
            fail(sasl->failure(element));
        }
        return;
    case Phase::Resuming:
        if (element.is(u"resumed", ns::StreamManagement)) {
            bool ok = true;
            const auto acked = sm.acknowledge(element.attribute(u"h").toUInt(), &ok);
            for (const Element &s : acked) {
                if (s.name() == u"message" && s.hasAttribute(u"id"))
                    Q_EMIT q->messageAcknowledged(s.attribute(u"id"));
            }
            sm.resume();
            // XEP-0198 §5: resend what the server did not get, in order.
            const auto resend = sm.takeUnacknowledged();
            for (const Element &s : resend) {
                sm.recordOutbound(s);
                writeElement(s);
            }
            if (!resend.empty())
                requestAckSoon();
            finishNegotiation(true);
            return;
        }
        if (element.is(u"failed", ns::StreamManagement)) {
            // The old session is gone: what it did not acknowledge may be lost; the owner
            // (the message pipeline) resends messages with their original ids.
            auto lost = sm.takeUnacknowledged();
            sm.reset();
            iqs->failAll({Error::Kind::Disconnected, {}, tr("The connection was lost.")});
            if (!lost.empty())
                Q_EMIT q->unacknowledgedStanzasDropped(lost);
            bindResource();
            return;
        }
        break;
    case Phase::EnablingSm:
        if (element.is(u"enabled", ns::StreamManagement)) {
            sm.enable(element.attribute(u"id"),
                      element.attribute(u"resume") == u"true" ||
                          element.attribute(u"resume") == u"1",
                      element.attribute(u"max").toInt());
            finishNegotiation(false);
            return;
        }
        if (element.is(u"failed", ns::StreamManagement)) {
            sm.reset();
            finishNegotiation(false);
            return;
        }
        break;
    case Phase::Binding:
        if (element.is(u"iq", ns::Client) && iqs->handleResponse(element, boundJid))
            return;
        break;
    default:
        break;
    }
    qCDebug(lcClient) << "ignoring unexpected element during negotiation" << element.name();
}

void Client::Private::handleFeatures(const Element &featuresElement)
{
    features = featuresElement;
    if (!socket->isEncrypted()) {
        if (!features.hasChild(u"starttls", ns::Tls)) {
            // TLS is required: never continue in the clear (no downgrade).
            fail(makeNegotiationError(
                ConnectionError::Kind::TlsNotOffered,
                tr("The server does not offer a secure connection, so Parla will not "
                   "log in.")));
            return;
        }
        phase = Phase::StartingTls;
        writeElement(Element(QStringLiteral("starttls"), ns::Tls));
        return;
    }
    if (!authenticated && settings.registrationOnly) {
        finishNegotiation(false);
        return;
    }
    if (!authenticated) {
        sasl = std::make_unique<SaslNegotiator>();
        auto r = sasl->start(features, settings.jid.local(), settings.password, socket);
        if (auto *e = std::get_if<ConnectionError>(&r)) {
            fail(*e);
            return;
        }
        phase = Phase::Authenticating;
        writeElement(std::get<Element>(r));
        return;
    }
    // Authenticated stream: resume the old session if we can, else bind a resource.
    if (settings.streamManagement && sm.canResume() &&
        features.hasChild(u"sm", ns::StreamManagement)) {
        phase = Phase::Resuming;
        Element resume(QStringLiteral("resume"), ns::StreamManagement);
        resume.setAttribute(QStringLiteral("previd"), sm.resumeId());
        resume.setAttribute(QStringLiteral("h"), QString::number(sm.handledCount()));
        writeElement(resume);
        return;
    }
    if (!sm.unacknowledged().empty()) {
        auto lost = sm.takeUnacknowledged();
        sm.reset();
        Q_EMIT q->unacknowledgedStanzasDropped(lost);
    }
    sm.reset();
    bindResource();
}

void Client::Private::bindResource()
{
    phase = Phase::Binding;
    Element iq(QStringLiteral("iq"), ns::Client);
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("set"));
    Element bind(QStringLiteral("bind"), ns::Bind);
    if (!settings.resource.isEmpty())
        bind.appendTextChild(QStringLiteral("resource"), settings.resource);
    iq.appendChild(bind);
    q->sendIq(iq, std::chrono::seconds(30)).then(q, [this](const Result<Element> &result) {
        if (phase != Phase::Binding)
            return;
        const Element *response = std::get_if<Element>(&result);
        const Jid jid =
            response ? Jid::fromString(response->firstChild(u"bind", ns::Bind).childText(u"jid"))
                     : Jid();
        if (!jid.isFull() || !jid.sameBare(settings.jid)) {
            QString why = response ? tr("the server returned an invalid address")
                                   : std::get<Error>(result).text;
            fail(makeNegotiationError(
                ConnectionError::Kind::ResourceBindFailed,
                tr("The server did not let this client sign in (%1).").arg(why)));
            return;
        }
        boundJid = jid;
        enableStreamManagement();
    });
}

void Client::Private::enableStreamManagement()
{
    if (settings.streamManagement && features.hasChild(u"sm", ns::StreamManagement)) {
        phase = Phase::EnablingSm;
        Element enable(QStringLiteral("enable"), ns::StreamManagement);
        enable.setAttribute(QStringLiteral("resume"), QStringLiteral("true"));
        writeElement(enable);
        return;
    }
    finishNegotiation(false);
}

void Client::Private::finishNegotiation(bool resumed)
{
    negotiationTimer.stop();
    phase = Phase::Ready;
    setState(State::Connected);
    for (Extension *e : q->m_extensions)
        e->onConnected(resumed);
    Q_EMIT q->connected(resumed);
}

} // namespace parla::xmpp
