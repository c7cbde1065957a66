// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mechanism.h"

#include <QByteArrayView>
#include <QCryptographicHash>
#include <QList>
#include <QStringList>

#include <optional>

class QSslCertificate;
class QSslSocket;

namespace parla::xmpp {
class Element;
}

namespace parla::xmpp::sasl {

/// Channel binding type names (RFC 5056 registry) in Parla's order of preference: tls-exporter
/// (RFC 9266, binds the TLS 1.3 session), tls-server-end-point (RFC 5929 §4, binds only the
/// server certificate), tls-unique (RFC 5929 §3, TLS ≤ 1.2 only, and weak there).
namespace bindingtype {
inline const QString TlsExporter = QStringLiteral("tls-exporter");
inline const QString TlsServerEndPoint = QStringLiteral("tls-server-end-point");
inline const QString TlsUnique = QStringLiteral("tls-unique");
} // namespace bindingtype

/// The signatureAlgorithm OID of a DER X.509 certificate (RFC 5280 §4.1.1.2) in dotted form,
/// found by a minimal DER walk; std::nullopt for anything that is not a well-formed
/// Certificate SEQUENCE.
std::optional<QString> certificateSignatureAlgorithmOid(QByteArrayView der);

/// The hash tls-server-end-point uses for this DER certificate (RFC 5929 §4.1): the hash of
/// its signature algorithm, except that MD5 and SHA-1 become SHA-256. RSASSA-PSS takes the
/// hash from its parameters. std::nullopt when the algorithm has no single hash (Ed25519,
/// Ed448, for which RFC 5929 defines nothing) or is unknown: then this binding is unavailable.
std::optional<QCryptographicHash::Algorithm> tlsServerEndPointHash(QByteArrayView der);

/// tls-server-end-point channel binding data for the server's leaf certificate (RFC 5929 §4);
/// empty when tlsServerEndPointHash() has no answer.
QByteArray tlsServerEndPointData(const QSslCertificate &certificate);

/// The same, ready to hand to selectMechanism()/createMechanism(); invalid when unavailable.
ChannelBinding tlsServerEndPointBinding(const QSslCertificate &certificate);

/// The channel bindings Parla can compute for an encrypted socket. Qt 6.4 exposes neither TLS
/// exporter keying material (tls-exporter) nor the Finished message (tls-unique), so this is
/// tls-server-end-point from the peer's leaf certificate, when its algorithm allows. Empty for
/// an unencrypted socket.
QList<ChannelBinding> channelBindingsForSocket(const QSslSocket &socket);

/// The types of `bindings`, as selectMechanism() takes them.
QStringList bindingTypes(const QList<ChannelBinding> &bindings);

/// The channel binding types a server announces in its stream features (XEP-0440):
/// <sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='…'/>…
/// std::nullopt when the feature is absent (the server says nothing), an empty list when it
/// is present but lists no type. Duplicates and empty types are dropped.
std::optional<QStringList> channelBindingTypesFromFeatures(const Element &features);

} // namespace parla::xmpp::sasl
