// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionerror.h"
#include "element.h"
#include "extension.h"
#include "inboundhold.h"
#include "jid.h"
#include "result.h"
#include "task.h"
#include "xmlstreamparser.h"

#include <QObject>
#include <QStringList>

#include <chrono>
#include <memory>
#include <vector>

namespace parla::xmpp {

/// How to reach and log in to one account.
struct ConnectionSettings
{
    Jid jid; ///< the account's bare JID
    QString password;
    QString resource; ///< requested resource; the server may assign another
    QString host;     ///< empty: DNS SRV (_xmpps-client, _xmpp-client), then the domain on 5222
    quint16 port = 0;
    bool directTls = false; ///< with an explicit host: TLS from the first byte (XEP-0368)
    /// SHA-256 fingerprints ("AB:CD:…") of certificates the user accepted for this account.
    QStringList pinnedCertificates;
    /// Extra CA certificates trusted for this account (PEM); tests and private CAs.
    QList<QByteArray> extraCaCertificates;
    bool streamManagement = true;
    /// In-band registration (XEP-0077 §3): stop after TLS, unauthenticated, so that the
    /// registration IQs can be exchanged with the server. connected() is emitted then.
    bool registrationOnly = false;
    ParserLimits limits;
    std::chrono::milliseconds connectTimeout{20000};
};

/// One XML stream to one server, from TCP connect to a bound resource, plus the router.
///
/// Negotiation (RFC 6120): DNS SRV → TCP → STARTTLS or direct TLS (required, certificate
/// checked against the account's domain) → SASL (SCRAM-SHA-512/256/1 and -PLUS, PLAIN only
/// inside TLS and only without SCRAM) → bind → stream management (XEP-0198) enable/resume.
///
/// Routing: IQ responses go to the request that waits for them, matched by id and by the
/// entity asked (RFC 6120 §8.2.3); everything else is offered to the extensions in the order
/// they were added. An IQ get/set nobody handles is answered with service-unavailable.
class Client : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Disconnected,
        Connecting,
        Connected
    };
    Q_ENUM(State)

    explicit Client(QObject *parent = nullptr);
    ~Client() override;

    void setSettings(const ConnectionSettings &settings);
    const ConnectionSettings &settings() const;

    void connectToServer();
    /// Closes the stream gracefully; stream management state is dropped.
    void disconnectFromServer();
    /// Drops the socket without closing the stream (network lost, dead ping): a later
    /// connectToServer() tries to resume.
    void abortConnection(const ConnectionError &reason);

    State state() const;
    bool isConnected() const { return state() == State::Connected; }
    /// Our full JID once bound.
    Jid boundJid() const;
    /// Server stream features of the current stream (for disco of the server's abilities).
    Element streamFeatures() const;
    bool streamManagementEnabled() const;
    bool canResume() const;

    /// Takes ownership. Extensions see stanzas in the order they were added.
    void addExtension(Extension *extension);
    template <typename T>
    T *findExtension() const
    {
        for (Extension *e : m_extensions) {
            if (auto *t = qobject_cast<T *>(e))
                return t;
        }
        return nullptr;
    }
    QStringList discoFeatures() const;

    /// Sends a stanza (message, presence, or an iq that needs no answer). A message or
    /// presence without an id gets one. Returns the id, empty if not connected (or if the element
    /// cannot be written: its name is not an NCName).
    QString send(Element stanza);
    /// Sends an IQ get/set and waits for its result. An id is assigned if missing.
    Task<Result<Element>> sendIq(Element iq,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(30));
    /// Replies to a received IQ with a stanza error.
    void sendIqError(const Element &request, const StanzaError &error);
    /// Replies to a received IQ with an empty (or the given) result.
    void sendIqResult(const Element &request, const Element &payload = {});

    static QString generateId();

    /// Called while an extension handles an inbound stanza (directly, from handleStanza()):
    /// the stanza counts as handled for XEP-0198 only once the hold is released. Outside
    /// that, or without stream management, the hold is empty (nothing to wait for).
    InboundHold holdInbound();

Q_SIGNALS:
    void stateChanged(parla::xmpp::Client::State state);
    /// Bound and ready (resumed = a stream-management resumption; nothing was lost).
    void connected(bool resumed);
    /// The stream ended; error.kind is None when it was closed on request.
    void disconnected(const parla::xmpp::ConnectionError &error);
    /// The server acknowledged (XEP-0198) an outgoing <message/> with this id.
    void messageAcknowledged(const QString &id);
    /// A new session could not resume the old one: these stanzas may never have arrived.
    void unacknowledgedStanzasDropped(const std::vector<parla::xmpp::Element> &stanzas);
    /// Raw traffic, for the XML console (after TLS, before parsing / as written).
    void xmlReceived(const QByteArray &data);
    void xmlSent(const QByteArray &data);

private:
    friend class InboundHold;
    void releaseInbound(quint64 epoch, quint32 seq);

    class Private;
    friend class Private;
    std::unique_ptr<Private> d;
    std::vector<Extension *> m_extensions;
};

} // namespace parla::xmpp
