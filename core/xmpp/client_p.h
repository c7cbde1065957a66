// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Client's private state, shared by client.cpp (connection, routing) and
// clientnegotiation.cpp (stream features, TLS, SASL, bind, stream management).

#include "client.h"
#include "iqtracker.h"
#include "saslnegotiator.h"
#include "serverresolver.h"
#include "streammanagement.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSslSocket>
#include <QTimer>

namespace parla::xmpp {

class Client::Private
{
public:
    enum class Phase
    {
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

    explicit Private(Client *client)
        : q(client), resolver(new ServerResolver(client)), iqs(new IqTracker(client))
    {}

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
    IqTracker *iqs;
    std::optional<ConnectionError> pendingError; ///< error recorded before the socket closes
    std::optional<CertificateInfo> untrustedCertificate;
    bool certificateChanged = false;
    bool readScheduled = false; ///< a continuation of onReadyRead is queued
    /// Extensions are handling an inbound stanza now: holdInbound() may hold it.
    bool handlingStanza = false;
    /// The server asked (<r/>) while stanzas were held: an <a/> is owed once they are handled.
    bool ackOwed = false;
    bool ackAnswerScheduled = false;
    QElapsedTimer ioClock;    ///< the time base of the two below
    qint64 burstStartMs = 0;  ///< when the current run of continuous reading began
    qint64 lastReadEndMs = 0; ///< when the last slice was handled

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
    void drainInput();
    void processInput(const QByteArray &data);
    void openStream();
    void write(const QByteArray &data);
    /// False (and nothing written) when the element cannot be serialised.
    bool writeElement(const Element &element);

    // ---- negotiation ----
    void handleFeatures(const Element &features);
    void handleNegotiationElement(const Element &element);
    void bindResource();
    void enableStreamManagement();
    void finishNegotiation(bool resumed);

    // ---- routing ----
    void handleStanza(const Element &stanza);
    void handleSmElement(const Element &element);
    void requestAckSoon();
    /// <a h/> with what is handled (XEP-0198 §4).
    void sendAck();

    // ---- teardown ----
    void fail(const ConnectionError &error);
    void teardown(const ConnectionError &error, bool keepSm);
};

} // namespace parla::xmpp
