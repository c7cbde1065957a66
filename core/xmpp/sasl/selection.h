// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mechanism.h"

#include <QList>
#include <QStringList>

#include <memory>
#include <optional>
#include <variant>

namespace parla::xmpp::sasl {

/// The mechanism to run, as chosen by selectMechanism().
struct MechanismChoice
{
    QString mechanism; ///< IANA name, e.g. "SCRAM-SHA-256-PLUS" or "PLAIN"
    /// The GS2 flag for SCRAM: Bound exactly for -PLUS; ServerDidNotOffer when this client
    /// could bind but the server offers no -PLUS at all (RFC 5802 §6 downgrade detection).
    ChannelBindingFlag bindingFlag = ChannelBindingFlag::ClientCannotBind;
    QString channelBindingType; ///< set exactly when bindingFlag is Bound

    bool operator==(const MechanismChoice &) const = default;
};

/// Why no mechanism is acceptable, in plain words for a person.
struct MechanismRefusal
{
    QString reason;
};

using MechanismSelection = std::variant<MechanismChoice, MechanismRefusal>;

/// Parla's SASL policy (RFC 6120 §6.3.3 leaves the choice to the client):
/// SCRAM-SHA-512-PLUS > SCRAM-SHA-256-PLUS > SCRAM-SHA-1-PLUS (only with a channel binding type
/// both sides support, preferring tls-exporter > tls-server-end-point > tls-unique) >
/// SCRAM-SHA-512 > SCRAM-SHA-256 > SCRAM-SHA-1 > PLAIN. PLAIN is accepted only inside TLS and
/// only when the server offers no SCRAM at all, so a stripped mechanism list cannot talk us
/// down from SCRAM to sending the password.
///
/// \param offered             the server's <mechanisms/> (RFC 6120 §6.4.1)
/// \param tlsActive           whether the stream runs over TLS
/// \param serverBindingTypes  the XEP-0440 types (channelBindingTypesFromFeatures()); when the
///                            server does not announce them, tls-unique is assumed, the type
///                            RFC 5802 §6 makes mandatory for servers that offer -PLUS
/// \param clientBindingTypes  the types this client can compute for this connection
MechanismSelection selectMechanism(const QStringList &offered, bool tlsActive,
                                   const std::optional<QStringList> &serverBindingTypes,
                                   const QStringList &clientBindingTypes);

/// Builds the chosen mechanism. For -PLUS, `bindings` must contain a valid binding of the
/// chosen type. nullptr when the choice is unknown or its binding is missing.
std::unique_ptr<Mechanism> createMechanism(const MechanismChoice &choice, const QString &username,
                                           const QString &password,
                                           const QList<ChannelBinding> &bindings = {});

} // namespace parla::xmpp::sasl
