// SPDX-License-Identifier: GPL-3.0-or-later
#include "client.h"

#include "certificatecheck.h"
#include "namespaces.h"
#include "saslnegotiator.h"
#include "serverresolver.h"
#include "streammanagement.h"

#include <QCoreApplication>
#include <QHash>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

Q_LOGGING_CATEGORY(lcClient, "parla.xmpp.client")

namespace parla::xmpp {

namespace {
ConnectionError makeError(ConnectionError::Kind kind, const QString &text, const QString &detail = {})
{
    ConnectionError e;
    e.kind = kind;
    e.text = text;
    e.detail = detail;
    return e;
}

bool isStanza(const Element &e)
{
    return e.xmlns() == ns::Client &&
           (e.name() == u"message" || e.name() == u"presence" || e.name() == u"iq");
}
} // namespace

class Client::Private
{
public:
    enum class Phase {
        Idle,
        Resolving,
        Connecting,
        WaitingForFeatures,
        StartingTls,
        Authenticating,
        Binding,
        EnablingSm,
        Resuming,
        Ready,
        Closing,
    };

    struct PendingIq
    {
        Jid to;
        Promise<Result<Element>> promise;
        QTimer *timer = nullptr;
    };

    explicit Private(Client *client) : q(client), resolver(new ServerResolver(client)) {}

    Client *q;
    ConnectionSettings settings;
    State state = State::Disconnected;
    Phase phase = Phase::Idle;
    QSslSocket *socket = nullptr;
    std::unique_ptr<XmlStreamParser> parser = std::make_unique<XmlStreamParser>();
    ServerResolver *resolver;
    std::vector<ServerEndpoint> endpoints;
    size_t endpointIndex = 0;
    ServerEndpoint current;
    bool authenticated = false;
    Element features;
    Jid boundJid;
    StreamManagementState sm;
    QTimer negotiationTimer;
    QTimer ackTimer;
    std::unique_ptr<SaslNegotiator> sasl;
    QHash<QString, PendingIq> pendingIqs;
    std::optional<ConnectionError> pendingError; ///< error recorded before the socket closes
    std::optional<CertificateInfo> untrustedCertificate;
    bool certificateChanged = false;

    void setState(State s)
    {
        if (state == s)
            return;
        state = s;
        Q_EMIT q->stateChanged(s);
    }

    // ---- connection set-up ----
    void start();
    void tryNextEndpoint();
    void connectSocket(const ServerEndpoint &endpoint);
    void onSslErrors(const QList<QSslError> &errors);
    void onSocketError(QAbstractSocket::SocketError error);
    void onSocketDisconnected();
    void onReadyRead();
    void openStream();
    void write(const QByteArray &data);
    void writeElement(const Element &element);

    // ---- negotiation ----
    void handleFeatures(const Element &features);
    void handleNegotiationElement(const Element &element);
    void bindResource();
    void enableStreamManagement();
    void finishNegotiation(bool resumed);

    // ---- routing ----
    void handleStanza(const Element &stanza);
    bool handleIqResponse(const Element &iq);
    void handleSmElement(const Element &element);
    void requestAckSoon();

    // ---- teardown ----
    void fail(const ConnectionError &error);
    void teardown(const ConnectionError &error, bool keepSm);
    void failPendingIqs(const Error &error);
};

void Client::Private::start()
{
    if (!settings.jid.isValid()) {
        fail(makeError(ConnectionError::Kind::ProtocolError, tr("The account address is invalid.")));
        return;
    }
    setState(State::Connecting);
    pendingError.reset();
    untrustedCertificate.reset();
    certificateChanged = false;
    negotiationTimer.start(settings.connectTimeout);
    if (!settings.host.isEmpty()) {
        endpoints = {{settings.host, settings.port ? settings.port
                                                   : quint16(settings.directTls ? 5223 : 5222),
                      settings.directTls}};
        endpointIndex = 0;
        tryNextEndpoint();
        return;
    }
    phase = Phase::Resolving;
    resolver->resolve(settings.jid.domain());
}

void Client::Private::tryNextEndpoint()
{
    if (endpointIndex >= endpoints.size()) {
        ConnectionError e = pendingError.value_or(makeError(
            ConnectionError::Kind::ConnectionFailed,
            tr("Could not reach the server %1.").arg(settings.jid.domain())));
        fail(e);
        return;
    }
    current = endpoints[endpointIndex++];
    connectSocket(current);
}

void Client::Private::connectSocket(const ServerEndpoint &endpoint)
{
    if (socket) {
        socket->disconnect(q);
        socket->abort();
        socket->deleteLater();
    }
    socket = new QSslSocket(q);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    for (const QByteArray &pem : settings.extraCaCertificates)
        config.addCaCertificates(QSslCertificate::fromData(pem, QSsl::Pem));
    config.setProtocol(QSsl::TlsV1_2OrLater);
    if (endpoint.directTls)
        config.setAllowedNextProtocols({QByteArrayLiteral("xmpp-client")}); // XEP-0368
    socket->setSslConfiguration(config);
    // The certificate must match the account's domain, never the SRV target (RFC 6125, XEP-0368).
    socket->setPeerVerifyName(settings.jid.domain());
    socket->setPeerVerifyMode(QSslSocket::VerifyPeer);

    QObject::connect(socket, &QSslSocket::sslErrors, q,
                     [this](const QList<QSslError> &errors) { onSslErrors(errors); });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, q,
                     [this](QAbstractSocket::SocketError e) { onSocketError(e); });
    QObject::connect(socket, &QAbstractSocket::disconnected, q, [this] { onSocketDisconnected(); });
    QObject::connect(socket, &QIODevice::readyRead, q, [this] { onReadyRead(); });
    QObject::connect(socket, &QSslSocket::encrypted, q, [this] {
        qCDebug(lcClient) << "TLS established with" << current.host << socket->sessionProtocol();
        openStream();
    });

    phase = Phase::Connecting;
    authenticated = false;
    parser->reset();
    if (endpoint.directTls) {
        socket->connectToHostEncrypted(endpoint.host, endpoint.port, settings.jid.domain());
    } else {
        QObject::connect(socket, &QAbstractSocket::connected, q, [this] { openStream(); });
        socket->connectToHost(endpoint.host, endpoint.port);
    }
}

void Client::Private::onSslErrors(const QList<QSslError> &errors)
{
    const QSslCertificate leaf = socket->peerCertificate();
    const QString fingerprint = certificateFingerprint(leaf);
    if (!leaf.isNull() && settings.pinnedCertificates.contains(fingerprint, Qt::CaseInsensitive)) {
        // The user explicitly trusted exactly this certificate for this account.
        socket->ignoreSslErrors(errors);
        return;
    }
    untrustedCertificate = describeCertificate(leaf, errors);
    certificateChanged = !settings.pinnedCertificates.isEmpty();
}

void Client::Private::onSocketError(QAbstractSocket::SocketError error)
{
    if (phase == Phase::Idle || phase == Phase::Closing)
        return;
    const QString detail = socket ? socket->errorString() : QString();
    if (untrustedCertificate) {
        ConnectionError e = makeError(
            certificateChanged ? ConnectionError::Kind::CertificateChanged
                               : ConnectionError::Kind::CertificateUntrusted,
            certificateChanged
                ? tr("The server's certificate changed since you trusted it, and the new one "
                     "is not trusted. This can mean someone is intercepting the connection.")
                : tr("The server's certificate is not trusted: %1")
                      .arg(untrustedCertificate->problems.join(QStringLiteral("; "))),
            detail);
        e.certificate = *untrustedCertificate;
        fail(e);
        return;
    }
    if (phase == Phase::Ready) {
        teardown(makeError(ConnectionError::Kind::ConnectionLost,
                           tr("The connection to the server was lost."), detail),
                 true);
        return;
    }
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        pendingError = makeError(ConnectionError::Kind::HostNotFound,
                                 tr("The server %1 could not be found.").arg(settings.jid.domain()),
                                 detail);
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        pendingError = makeError(ConnectionError::Kind::TlsFailed,
                                 tr("A secure connection to the server could not be set up."),
                                 detail);
        break;
    case QAbstractSocket::RemoteHostClosedError:
        if (pendingError)
            break;
        pendingError = makeError(ConnectionError::Kind::ConnectionLost,
                                 tr("The server closed the connection."), detail);
        break;
    default:
        if (!pendingError)
            pendingError = makeError(
                ConnectionError::Kind::ConnectionFailed,
                tr("Could not connect to the server %1.").arg(settings.jid.domain()), detail);
        break;
    }
    if (phase == Phase::Connecting) {
        // Try the next SRV target before giving up.
        QTimer::singleShot(0, q, [this] { tryNextEndpoint(); });
        phase = Phase::Resolving;
        return;
    }
    fail(*pendingError);
}

void Client::Private::onSocketDisconnected()
{
    if (phase == Phase::Idle || phase == Phase::Resolving || phase == Phase::Connecting)
        return;
    if (phase == Phase::Closing) {
        teardown({}, false);
        return;
    }
    if (phase == Phase::Ready) {
        teardown(makeError(ConnectionError::Kind::ConnectionLost,
                           tr("The connection to the server was lost.")),
                 true);
        return;
    }
    fail(pendingError.value_or(makeError(ConnectionError::Kind::ConnectionLost,
                                         tr("The server closed the connection while logging in."))));
}

void Client::Private::openStream()
{
    if (!socket)
        return;
    if (!current.directTls && !socket->isEncrypted() && phase != Phase::Connecting)
        return;
    parser->reset();
    phase = Phase::WaitingForFeatures;
    // RFC 6120 §4.7.1: 'from' only once the stream is encrypted (it reveals the user).
    QString header = QStringLiteral("<?xml version='1.0'?><stream:stream to='%1' version='1.0' "
                                    "xml:lang='en' xmlns='jabber:client' "
                                    "xmlns:stream='http://etherx.jabber.org/streams'")
                         .arg(settings.jid.domain().toHtmlEscaped());
    if (socket->isEncrypted() && !settings.jid.local().isEmpty())
        header += QStringLiteral(" from='%1'").arg(settings.jid.bareString().toHtmlEscaped());
    header += u'>';
    write(header.toUtf8());
}

void Client::Private::write(const QByteArray &data)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    socket->write(data);
    Q_EMIT q->xmlSent(data);
}

void Client::Private::writeElement(const Element &element)
{
    write(element.toXml(ns::Client));
}

void Client::Private::onReadyRead()
{
    // A burst may hold thousands of stanzas; the parser works on what arrived so far.
    const QByteArray data = socket->readAll();
    if (data.isEmpty())
        return;
    Q_EMIT q->xmlReceived(data);
    const auto events = parser->feed(data);
    QPointer<Client> guard(q);
    for (const ParseEvent &event : events) {
        if (!guard || phase == Phase::Idle)
            return;
        switch (event.kind) {
        case ParseEvent::Kind::StreamOpened:
            if (event.header.contentNamespace != ns::Client) {
                fail(makeError(ConnectionError::Kind::ProtocolError,
                               tr("The server speaks an unexpected protocol.")));
                return;
            }
            break;
        case ParseEvent::Kind::StreamClosed:
            if (phase == Phase::Closing) {
                teardown({}, false);
            } else {
                write(QByteArrayLiteral("</stream:stream>"));
                ConnectionError e = makeError(ConnectionError::Kind::ConnectionLost,
                                              tr("The server closed the session."));
                if (phase == Phase::Ready)
                    teardown(e, true);
                else
                    fail(e);
            }
            return;
        case ParseEvent::Kind::Error: {
            // RFC 6120 §4.9: tell the server why, then close.
            write(QByteArrayLiteral("<stream:error>") +
                  Element(streamErrorConditionName(event.error), ns::Streams).toXml() +
                  QByteArrayLiteral("</stream:error></stream:stream>"));
            ConnectionError e = makeError(ConnectionError::Kind::ProtocolError,
                                          tr("The server sent data Parla cannot accept (%1).")
                                              .arg(streamErrorConditionName(event.error)),
                                          event.errorText);
            e.streamCondition = event.error;
            if (phase == Phase::Ready)
                teardown(e, true);
            else
                fail(e);
            return;
        }
        case ParseEvent::Kind::Stanza:
            if (event.stanza.is(u"error", ns::Stream)) {
                ConnectionError e;
                e.kind = ConnectionError::Kind::StreamError;
                for (const Element &child : event.stanza.children()) {
                    if (child.xmlns() != ns::Streams)
                        continue;
                    if (child.name() == u"text")
                        e.detail = child.text();
                    else
                        e.streamCondition = streamErrorConditionFromName(child.name());
                }
                if (e.streamCondition == StreamErrorCondition::Conflict)
                    e.text = tr("Another client logged in with the same name (resource) and "
                                "replaced this one.");
                else if (e.streamCondition == StreamErrorCondition::SystemShutdown)
                    e.text = tr("The server is shutting down.");
                else if (e.streamCondition == StreamErrorCondition::PolicyViolation)
                    e.text = tr("The server ended the session for a policy reason.");
                else
                    e.text = tr("The server ended the session (%1).")
                                 .arg(streamErrorConditionName(e.streamCondition));
                if (!e.detail.isEmpty())
                    e.text += u' ' + e.detail;
                write(QByteArrayLiteral("</stream:stream>"));
                // A stream error is final for this session: no resumption (XEP-0198 §5).
                teardown(e, false);
                return;
            }
            if (phase == Phase::Ready)
                handleStanza(event.stanza);
            else
                handleNegotiationElement(event.stanza);
            break;
        }
    }
}

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
            fail(makeError(ConnectionError::Kind::TlsFailed,
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
            failPendingIqs({Error::Kind::Disconnected, {}, tr("The connection was lost.")});
            if (!lost.empty())
                Q_EMIT q->unacknowledgedStanzasDropped(lost);
            bindResource();
            return;
        }
        break;
    case Phase::EnablingSm:
        if (element.is(u"enabled", ns::StreamManagement)) {
            sm.enable(element.attribute(u"id"),
                      element.attribute(u"resume") == u"true" || element.attribute(u"resume") == u"1",
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
        if (element.is(u"iq", ns::Client) && handleIqResponse(element))
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
            fail(makeError(ConnectionError::Kind::TlsNotOffered,
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
        resume.setAttribute(QStringLiteral("h"), QString::number(sm.inboundCount()));
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
        const Jid jid = response ? Jid::fromString(response->firstChild(u"bind", ns::Bind)
                                                       .childText(u"jid"))
                                 : Jid();
        if (!jid.isFull() || !jid.sameBare(settings.jid)) {
            QString why = response ? tr("the server returned an invalid address")
                                   : std::get<Error>(result).text;
            fail(makeError(ConnectionError::Kind::ResourceBindFailed,
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

void Client::Private::handleStanza(const Element &stanza)
{
    if (stanza.xmlns() == ns::StreamManagement) {
        handleSmElement(stanza);
        return;
    }
    if (!isStanza(stanza)) {
        qCDebug(lcClient) << "ignoring non-stanza element" << stanza.name() << stanza.xmlns();
        return;
    }
    if (sm.isEnabled())
        sm.countInbound();
    if (stanza.name() == u"iq") {
        const QString type = stanza.attribute(u"type");
        if (type == u"result" || type == u"error") {
            handleIqResponse(stanza);
            return;
        }
        if (type != u"get" && type != u"set") {
            q->sendIqError(stanza, {StanzaError::Type::Modify, QStringLiteral("bad-request"), {}, {}});
            return;
        }
        // RFC 6120 §8.2.3: an IQ request needs exactly one child.
        if (stanza.children().size() != 1) {
            q->sendIqError(stanza, {StanzaError::Type::Modify, QStringLiteral("bad-request"), {}, {}});
            return;
        }
    }
    QPointer<Client> guard(q);
    const auto extensions = q->m_extensions;
    for (Extension *e : extensions) {
        if (e->handleStanza(stanza))
            return;
        if (!guard)
            return;
    }
    if (stanza.name() == u"iq") {
        // RFC 6120 §8.4: an unhandled request gets service-unavailable.
        q->sendIqError(stanza, {StanzaError::Type::Cancel, QStringLiteral("service-unavailable"),
                                {}, {}});
    }
}

bool Client::Private::handleIqResponse(const Element &iq)
{
    const QString id = iq.attribute(u"id");
    auto it = pendingIqs.find(id);
    if (it == pendingIqs.end()) {
        qCDebug(lcClient) << "IQ response with unknown id ignored" << id;
        return false;
    }
    // RFC 6120 §8.1.2.1 and §10.3.3: the answer must come from the entity we asked; a request
    // without 'to' (or to our own bare JID) is answered by the server for our account.
    const QString fromText = iq.attribute(u"from");
    const Jid from = Jid::fromString(fromText);
    const Jid &to = it->to;
    bool fromOk;
    if (!to.isValid() || to == boundJid.bare()) {
        fromOk = fromText.isEmpty() || from == boundJid.bare() || from == boundJid ||
                 from == Jid::fromString(settings.jid.domain());
    } else {
        fromOk = from == to;
    }
    if (!fromOk) {
        qCWarning(lcClient) << "IQ response from" << fromText << "for a request to"
                            << to.toString() << "ignored (spoofed?)";
        return true;
    }
    PendingIq pending = std::move(*it);
    pendingIqs.erase(it);
    delete pending.timer;
    if (iq.attribute(u"type") == u"result")
        pending.promise.finish(iq);
    else
        pending.promise.finish(Error::fromStanza(StanzaError::fromStanza(iq).value_or(StanzaError{})));
    return true;
}

void Client::Private::handleSmElement(const Element &element)
{
    if (element.name() == u"r") {
        Element a(QStringLiteral("a"), ns::StreamManagement);
        a.setAttribute(QStringLiteral("h"), QString::number(sm.inboundCount()));
        writeElement(a);
        return;
    }
    if (element.name() == u"a") {
        bool ok = true;
        const auto acked = sm.acknowledge(element.attribute(u"h").toUInt(), &ok);
        if (!ok) {
            // XEP-0198 §4: an h beyond what we sent is an error that ends the stream.
            write(QByteArrayLiteral("<stream:error><undefined-condition "
                                    "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                                    "<handled-count-too-high xmlns='urn:xmpp:sm:3'/>"
                                    "</stream:error></stream:stream>"));
            teardown(makeError(ConnectionError::Kind::ProtocolError,
                               tr("The server acknowledged more than was sent.")),
                     false);
            return;
        }
        for (const Element &s : acked) {
            if (s.name() == u"message" && s.hasAttribute(u"id"))
                Q_EMIT q->messageAcknowledged(s.attribute(u"id"));
        }
    }
}

void Client::Private::requestAckSoon()
{
    // Coalesce: one <r/> after a burst of sends.
    if (sm.isEnabled() && !ackTimer.isActive())
        ackTimer.start(0);
}

void Client::Private::fail(const ConnectionError &error)
{
    teardown(error, false);
}

void Client::Private::failPendingIqs(const Error &error)
{
    auto pending = std::move(pendingIqs);
    pendingIqs.clear();
    for (auto &p : pending) {
        delete p.timer;
        p.promise.finish(error);
    }
}

void Client::Private::teardown(const ConnectionError &error, bool keepSm)
{
    const bool wasActive = phase != Phase::Idle;
    negotiationTimer.stop();
    ackTimer.stop();
    resolver->abort();
    phase = Phase::Idle;
    if (socket) {
        socket->disconnect(q);
        socket->abort();
        socket->deleteLater();
        socket = nullptr;
    }
    const bool wasReady = state == State::Connected;
    if (keepSm && sm.canResume()) {
        sm.suspend();
    } else {
        auto lost = sm.takeUnacknowledged();
        sm.reset();
        if (!lost.empty())
            Q_EMIT q->unacknowledgedStanzasDropped(lost);
    }
    failPendingIqs({Error::Kind::Disconnected, {}, tr("The connection was lost.")});
    if (wasReady) {
        for (Extension *e : q->m_extensions)
            e->onDisconnected();
    }
    setState(State::Disconnected);
    if (wasActive)
        Q_EMIT q->disconnected(error);
}

// ---------------------------------------------------------------------------------------------

Client::Client(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this))
{
    qRegisterMetaType<ConnectionError>();
    d->negotiationTimer.setSingleShot(true);
    connect(&d->negotiationTimer, &QTimer::timeout, this, [this] {
        d->fail(makeError(ConnectionError::Kind::Timeout,
                          tr("The server did not answer in time.")));
    });
    d->ackTimer.setSingleShot(true);
    connect(&d->ackTimer, &QTimer::timeout, this, [this] {
        if (d->sm.isEnabled())
            d->writeElement(Element(QStringLiteral("r"), ns::StreamManagement));
    });
    connect(d->resolver, &ServerResolver::resolved, this,
            [this](const std::vector<ServerEndpoint> &endpoints) {
                if (d->phase != Private::Phase::Resolving)
                    return;
                d->endpoints = endpoints;
                d->endpointIndex = 0;
                d->tryNextEndpoint();
            });
}

Client::~Client()
{
    d->phase = Private::Phase::Idle;
    if (d->socket)
        d->socket->disconnect(this);
    auto pending = std::move(d->pendingIqs);
    for (auto &p : pending)
        delete p.timer;
}

void Client::setSettings(const ConnectionSettings &settings)
{
    d->settings = settings;
    d->parser = std::make_unique<XmlStreamParser>(settings.limits);
}

const ConnectionSettings &Client::settings() const { return d->settings; }

void Client::connectToServer()
{
    if (d->phase != Private::Phase::Idle)
        return;
    d->start();
}

void Client::disconnectFromServer()
{
    if (d->phase == Private::Phase::Idle) {
        d->sm.reset();
        return;
    }
    if (d->phase != Private::Phase::Ready || !d->socket) {
        d->teardown({}, false);
        return;
    }
    // RFC 6120 §4.4: close our stream and give the server a moment to close its own.
    if (d->sm.isEnabled())
        d->writeElement(Element(QStringLiteral("r"), ns::StreamManagement));
    d->write(QByteArrayLiteral("</stream:stream>"));
    d->phase = Private::Phase::Closing;
    d->socket->flush();
    QTimer::singleShot(1000, this, [this] {
        if (d->phase == Private::Phase::Closing)
            d->teardown({}, false);
    });
}

void Client::abortConnection(const ConnectionError &reason)
{
    if (d->phase == Private::Phase::Idle)
        return;
    d->teardown(reason, d->phase == Private::Phase::Ready);
}

Client::State Client::state() const { return d->state; }
Jid Client::boundJid() const { return d->boundJid; }
Element Client::streamFeatures() const { return d->features; }
bool Client::streamManagementEnabled() const { return d->sm.isEnabled(); }
bool Client::canResume() const { return d->sm.canResume(); }

void Client::addExtension(Extension *extension)
{
    extension->setParent(this);
    extension->m_client = this;
    m_extensions.push_back(extension);
}

QStringList Client::discoFeatures() const
{
    QStringList features;
    for (const Extension *e : m_extensions)
        features += e->discoFeatures();
    features.removeDuplicates();
    features.sort();
    return features;
}

QString Client::send(Element stanza)
{
    if (d->phase != Private::Phase::Ready)
        return {};
    QString id = stanza.attribute(u"id");
    if (id.isEmpty() && (stanza.name() == u"message" || stanza.name() == u"presence" ||
                         stanza.name() == u"iq")) {
        id = generateId();
        stanza.setAttribute(QStringLiteral("id"), id);
    }
    d->writeElement(stanza);
    if (d->sm.isEnabled() && isStanza(stanza)) {
        d->sm.recordOutbound(stanza);
        if (stanza.name() == u"message")
            d->requestAckSoon();
    }
    return id.isEmpty() ? QStringLiteral("-") : id;
}

Task<Result<Element>> Client::sendIq(Element iq, std::chrono::milliseconds timeout)
{
    Promise<Result<Element>> promise;
    const bool binding = d->phase == Private::Phase::Binding;
    if (d->phase != Private::Phase::Ready && !binding) {
        promise.finish(Error{Error::Kind::Disconnected, {}, tr("Not connected.")});
        return promise.task();
    }
    QString id = iq.attribute(u"id");
    if (id.isEmpty() || d->pendingIqs.contains(id)) {
        id = generateId();
        iq.setAttribute(QStringLiteral("id"), id);
    }
    Private::PendingIq pending;
    pending.to = Jid::fromString(iq.attribute(u"to"));
    pending.promise = promise;
    pending.timer = new QTimer(this);
    pending.timer->setSingleShot(true);
    connect(pending.timer, &QTimer::timeout, this, [this, id] {
        auto it = d->pendingIqs.find(id);
        if (it == d->pendingIqs.end())
            return;
        auto p = std::move(*it);
        d->pendingIqs.erase(it);
        p.timer->deleteLater();
        p.promise.finish(Error{Error::Kind::Timeout, {}, tr("No answer in time.")});
    });
    pending.timer->start(timeout);
    d->pendingIqs.insert(id, std::move(pending));
    if (binding)
        d->writeElement(iq);
    else
        send(iq);
    return promise.task();
}

void Client::sendIqError(const Element &request, const StanzaError &error)
{
    Element reply(QStringLiteral("iq"), ns::Client);
    reply.setAttribute(QStringLiteral("type"), QStringLiteral("error"));
    reply.setAttribute(QStringLiteral("id"), request.attribute(u"id"));
    reply.setAttribute(QStringLiteral("to"), request.attribute(u"from"));
    // RFC 6120 §8.3.1: the error may include the original payload.
    for (const Element &child : request.children())
        reply.appendChild(child);
    reply.appendChild(error.toElement());
    send(reply);
}

void Client::sendIqResult(const Element &request, const Element &payload)
{
    Element reply(QStringLiteral("iq"), ns::Client);
    reply.setAttribute(QStringLiteral("type"), QStringLiteral("result"));
    reply.setAttribute(QStringLiteral("id"), request.attribute(u"id"));
    reply.setAttribute(QStringLiteral("to"), request.attribute(u"from"));
    reply.appendChild(payload);
    send(reply);
}

QString Client::generateId()
{
    // 96 random bits, URL-safe: unique enough for XEP-0359 origin-ids too.
    quint32 words[3];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words)
                                   .toBase64(QByteArray::Base64UrlEncoding |
                                             QByteArray::OmitTrailingEquals));
}

} // namespace parla::xmpp
