// SPDX-License-Identifier: GPL-3.0-or-later
#include "client.h"
#include "client_p.h"

#include "certificatecheck.h"
#include "iqtracker.h"
#include "iqutil.h"
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
ConnectionError makeError(ConnectionError::Kind kind, const QString &text,
                          const QString &detail = {})
{
    ConnectionError e;
    e.kind = kind;
    e.text = text;
    e.detail = detail;
    return e;
}

/// RFC 6120 §4.9: the stream error, followed by the closing tag, in one write.
QByteArray streamErrorBytes(StreamErrorCondition condition)
{
    return QByteArrayLiteral("<stream:error>") +
           Element(streamErrorConditionName(condition), ns::Streams).toXml() +
           QByteArrayLiteral("</stream:error></stream:stream>");
}

bool isStanza(const Element &e)
{
    return e.xmlns() == ns::Client &&
           (e.name() == u"message" || e.name() == u"presence" || e.name() == u"iq");
}
} // namespace

void Client::Private::start()
{
    if (!settings.jid.isValid()) {
        fail(
            makeError(ConnectionError::Kind::ProtocolError, tr("The account address is invalid.")));
        return;
    }
    setState(State::Connecting);
    parser = std::make_unique<XmlStreamParser>(settings.limits);
    pendingError.reset();
    untrustedCertificate.reset();
    certificateChanged = false;
    negotiationTimer.start(settings.connectTimeout);
    if (!settings.host.isEmpty()) {
        endpoints = {{settings.host,
                      settings.port ? settings.port : quint16(settings.directTls ? 5223 : 5222),
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
        ConnectionError e = pendingError.value_or(
            makeError(ConnectionError::Kind::ConnectionFailed,
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
    if (error == QAbstractSocket::RemoteHostClosedError)
        drainInput(); // what came before the close counts (it may even close the stream)
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
        pendingError =
            makeError(ConnectionError::Kind::HostNotFound,
                      tr("The server %1 could not be found.").arg(settings.jid.domain()), detail);
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        pendingError =
            makeError(ConnectionError::Kind::TlsFailed,
                      tr("A secure connection to the server could not be set up."), detail);
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
    drainInput();
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
    fail(
        pendingError.value_or(makeError(ConnectionError::Kind::ConnectionLost,
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

bool Client::Private::writeElement(const Element &element)
{
    const QByteArray xml = element.toXml(ns::Client);
    if (xml.isEmpty()) {
        // Only a programming error builds an element whose name is not an NCName.
        qCWarning(lcClient) << "Not sent: an element named" << element.name()
                            << "cannot be written as XML";
        return false;
    }
    write(xml);
    return true;
}

void Client::Private::onReadyRead()
{
    // A burst may hold thousands of stanzas (a 2,000-occupant room join, a catch-up after
    // login). Once the session is ready they are taken a slice at a time and the rest is
    // continued from the event loop, so input, timers and painting run between slices instead
    // of waiting for the whole burst (the GUI thread never stalls on one read). During
    // negotiation everything is read at once: STARTTLS must find the buffer empty.
    constexpr qint64 kReadSlice = 16 * 1024;
    // After this much continuous reading the next slice waits for the timer queue: Qt's GLib
    // dispatcher runs timers at idle priority, so socket notifications and posted
    // continuations alone would starve them (measured: 40–80 ms stalls in a room join).
    constexpr qint64 kBurstBudgetMs = 8;
    // A gap this long between reads means the loop was idle: a new burst starts.
    constexpr qint64 kIdleGapMs = 2;
    // QSslSocket may signal readyRead once per TLS record within one event: while a
    // continuation is queued it takes the next slice, not this signal.
    if (!socket || readScheduled)
        return;
    if (!ioClock.isValid())
        ioClock.start();
    const auto next = [this] {
        readScheduled = false;
        onReadyRead(); // the current socket's (a reconnect may have replaced it)
    };
    const qint64 now = ioClock.elapsed();
    if (now - lastReadEndMs > kIdleGapMs)
        burstStartMs = now;
    if (phase == Phase::Ready && now - burstStartMs >= kBurstBudgetMs) {
        readScheduled = true;
        burstStartMs = now + 1; // the timer's turn is the pause this burst needed
        QTimer::singleShot(1, Qt::PreciseTimer, q, next);
        return;
    }
    const QByteArray data = phase == Phase::Ready ? socket->read(kReadSlice) : socket->readAll();
    if (socket->bytesAvailable() > 0) {
        readScheduled = true;
        QMetaObject::invokeMethod(q, next, Qt::QueuedConnection);
    }
    processInput(data);
    lastReadEndMs = ioClock.elapsed();
}

void Client::Private::drainInput()
{
    // The socket closed (or failed) with a slice of the burst still unread: what the server
    // sent before closing is handled before the connection is torn down, never dropped.
    if (socket && socket->bytesAvailable() > 0 && phase != Phase::Idle)
        processInput(socket->readAll());
}

void Client::Private::processInput(const QByteArray &data)
{
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
                // RFC 6120 §4.9.3.10: a content namespace other than jabber:client.
                write(streamErrorBytes(StreamErrorCondition::InvalidNamespace));
                ConnectionError e = makeError(ConnectionError::Kind::ProtocolError,
                                              tr("The server speaks an unexpected protocol."),
                                              event.header.contentNamespace);
                e.streamCondition = StreamErrorCondition::InvalidNamespace;
                fail(e);
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
            write(streamErrorBytes(event.error));
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
                const ConnectionError e = streamErrorToConnectionError(event.stanza);
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
            iqs->handleResponse(stanza, boundJid);
            return;
        }
        if (type != u"get" && type != u"set") {
            q->sendIqError(stanza,
                           {StanzaError::Type::Modify, QStringLiteral("bad-request"), {}, {}});
            return;
        }
        // RFC 6120 §8.2.3: an IQ request needs exactly one child.
        if (stanza.children().size() != 1) {
            q->sendIqError(stanza,
                           {StanzaError::Type::Modify, QStringLiteral("bad-request"), {}, {}});
            return;
        }
    }
    QPointer<Client> guard(q);
    const auto extensions = q->m_extensions;
    const bool wasHandling = handlingStanza;
    handlingStanza = true;
    bool handled = false;
    for (Extension *e : extensions) {
        handled = e->handleStanza(stanza);
        if (!guard)
            return;
        if (handled)
            break;
    }
    handlingStanza = wasHandling;
    if (handled)
        return;
    if (stanza.name() == u"iq") {
        // RFC 6120 §8.4: an unhandled request gets service-unavailable.
        q->sendIqError(stanza,
                       {StanzaError::Type::Cancel, QStringLiteral("service-unavailable"), {}, {}});
    }
}

void Client::Private::handleSmElement(const Element &element)
{
    if (element.name() == u"r") {
        // What is still held (a message not yet stored) is not counted: the rest follows in
        // an unrequested <a/> once it is (XEP-0198 §4 lets either side send <a/> at any time).
        sendAck();
        ackOwed = sm.handledCount() != sm.inboundCount();
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

void Client::Private::sendAck()
{
    Element a(QStringLiteral("a"), ns::StreamManagement);
    a.setAttribute(QStringLiteral("h"), QString::number(sm.handledCount()));
    writeElement(a);
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

void Client::Private::teardown(const ConnectionError &error, bool keepSm)
{
    const bool wasActive = phase != Phase::Idle;
    negotiationTimer.stop();
    ackTimer.stop();
    ackOwed = false;
    resolver->abort();
    phase = Phase::Idle;
    if (socket) {
        socket->disconnect(q);
        // abort() drops unsent bytes: a <stream:error/> or </stream:stream> written just
        // before a failure must still reach the peer (RFC 6120 §4.9.1.2, §4.4).
        socket->flush();
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
    iqs->failAll({Error::Kind::Disconnected, {}, tr("The connection was lost.")});
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
        d->fail(
            makeError(ConnectionError::Kind::Timeout, tr("The server did not answer in time.")));
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
}

void Client::setSettings(const ConnectionSettings &settings)
{
    // The parser of a stream still closing (RFC 6120 §4.4: we wait for the server's
    // </stream:stream>) must stay: a fresh one took the server's last <a/> for a new stream's
    // first element and failed the account with invalid-namespace. start() makes the next one.
    d->settings = settings;
}

const ConnectionSettings &Client::settings() const
{
    return d->settings;
}

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

Client::State Client::state() const
{
    return d->state;
}
Jid Client::boundJid() const
{
    return d->boundJid;
}
Element Client::streamFeatures() const
{
    return d->features;
}
bool Client::streamManagementEnabled() const
{
    return d->sm.isEnabled();
}
bool Client::canResume() const
{
    return d->sm.canResume();
}

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
    if (id.isEmpty() &&
        (stanza.name() == u"message" || stanza.name() == u"presence" || stanza.name() == u"iq")) {
        id = generateId();
        stanza.setAttribute(QStringLiteral("id"), id);
    }
    if (!d->writeElement(stanza))
        return {};
    if (d->sm.isEnabled() && isStanza(stanza)) {
        d->sm.recordOutbound(stanza);
        if (stanza.name() == u"message")
            d->requestAckSoon();
    }
    return id.isEmpty() ? QStringLiteral("-") : id;
}

Task<Result<Element>> Client::sendIq(Element iq, std::chrono::milliseconds timeout)
{
    const bool binding = d->phase == Private::Phase::Binding;
    if (d->phase != Private::Phase::Ready && !binding)
        return makeReadyTask<Result<Element>>(
            Error{Error::Kind::Disconnected, {}, tr("Not connected.")});
    QString id = iq.attribute(u"id");
    if (id.isEmpty() || d->iqs->contains(id)) {
        id = generateId();
        iq.setAttribute(QStringLiteral("id"), id);
    }
    auto task = d->iqs->track(iq, timeout);
    if (binding)
        d->writeElement(iq);
    else
        send(iq);
    return task;
}

void Client::sendIqError(const Element &request, const StanzaError &error)
{
    send(makeIqError(request, error));
}

void Client::sendIqResult(const Element &request, const Element &payload)
{
    send(makeIqResult(request, payload));
}

QString Client::generateId()
{
    // 96 random bits, URL-safe: unique enough for XEP-0359 origin-ids too.
    quint32 words[3];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof words)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

struct InboundHold::State
{
    QPointer<Client> client;
    quint64 epoch = 0;
    quint32 seq = 0;
    bool done = false;
    ~State()
    {
        if (!done && client)
            client->releaseInbound(epoch, seq);
    }
};

InboundHold Client::holdInbound()
{
    if (!d->handlingStanza)
        return {};
    const quint32 seq = d->sm.hold();
    if (seq == 0)
        return {};
    InboundHold hold;
    hold.d = std::make_shared<InboundHold::State>();
    hold.d->client = this;
    hold.d->epoch = d->sm.epoch();
    hold.d->seq = seq;
    return hold;
}

void Client::releaseInbound(quint64 epoch, quint32 seq)
{
    if (!d->sm.release(epoch, seq) || !d->ackOwed || d->ackAnswerScheduled)
        return;
    // One <a/> after a run of releases (a stored batch releases many at once).
    d->ackAnswerScheduled = true;
    QTimer::singleShot(0, this, [this] {
        d->ackAnswerScheduled = false;
        if (!d->ackOwed || !d->sm.isEnabled() || d->phase != Private::Phase::Ready)
            return;
        d->sendAck();
        d->ackOwed = d->sm.handledCount() != d->sm.inboundCount();
    });
}

bool InboundHold::isHeld() const
{
    return d && !d->done;
}

void InboundHold::release()
{
    if (!d || d->done)
        return;
    d->done = true;
    if (d->client)
        d->client->releaseInbound(d->epoch, d->seq);
}

void InboundHold::abandon()
{
    if (d)
        d->done = true;
}

} // namespace parla::xmpp
