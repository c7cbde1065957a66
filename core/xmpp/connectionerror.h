// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "streamerror.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace parla::xmpp {

/// A server certificate the system does not trust, as shown to a person deciding about it.
struct CertificateInfo
{
    QString fingerprintSha256; ///< "AB:CD:…", of the DER certificate
    QString subject;
    QString issuer;
    QDateTime notBefore;
    QDateTime notAfter;
    QStringList problems; ///< plain words, one per validation error
    QByteArray pem;
};

/// Why a connection ended or could not be made. Each kind has its own plain-words message.
struct ConnectionError
{
    enum class Kind
    {
        None,                  ///< closed on request
        HostNotFound,          ///< DNS found no server for the domain
        ConnectionFailed,      ///< TCP connect refused or unreachable
        Timeout,               ///< no answer while connecting / negotiating
        TlsFailed,             ///< the TLS handshake failed (not a trust problem)
        TlsNotOffered,         ///< the server offers no STARTTLS: refused (TLS is required)
        CertificateUntrusted,  ///< the certificate fails validation and is not pinned
        CertificateChanged,    ///< a pinned certificate was replaced by another untrusted one
        AuthenticationFailed,  ///< wrong user name or password (SASL not-authorized)
        AuthenticationRefused, ///< policy: account disabled, no acceptable mechanism, …
        ResourceBindFailed,
        StreamError,    ///< the server ended the stream (see streamCondition)
        ProtocolError,  ///< the server sent something we cannot accept
        ConnectionLost, ///< the network dropped or pings went unanswered
    };
    Kind kind = Kind::None;
    QString text;   ///< plain words for a person
    QString detail; ///< technical detail (server text, socket error), for logs and tooltips
    StreamErrorCondition streamCondition = StreamErrorCondition::UndefinedCondition;
    CertificateInfo certificate; ///< for Certificate* kinds

    /// Whether reconnecting later can help without the user doing anything.
    bool isTransient() const
    {
        switch (kind) {
        case Kind::HostNotFound:
        case Kind::ConnectionFailed:
        case Kind::Timeout:
        case Kind::ConnectionLost:
        case Kind::TlsFailed:
            return true;
        case Kind::StreamError:
            return streamCondition != StreamErrorCondition::Conflict &&
                   streamCondition != StreamErrorCondition::NotAuthorized &&
                   streamCondition != StreamErrorCondition::PolicyViolation &&
                   streamCondition != StreamErrorCondition::HostUnknown;
        default:
            return false;
        }
    }
};

class Element;
/// Plain words for a received <stream:error/> (RFC 6120 §4.9).
ConnectionError streamErrorToConnectionError(const Element &streamError);

} // namespace parla::xmpp

Q_DECLARE_METATYPE(parla::xmpp::ConnectionError)
