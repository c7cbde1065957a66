// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionerror.h"
#include "element.h"

#include <QString>

#include <memory>
#include <variant>

class QSslSocket;

namespace parla::xmpp {

namespace sasl {
class Mechanism;
}

/// Runs SASL (RFC 6120 §6) on top of the mechanisms of core/xmpp/sasl: picks the strongest
/// mechanism the policy allows, turns challenges into responses, verifies the server at the end.
class SaslNegotiator
{
public:
    SaslNegotiator();
    ~SaslNegotiator();

    /// The <auth/> element to send, or why no login is possible.
    std::variant<Element, ConnectionError> start(const Element &features, const QString &username,
                                                 const QString &password, const QSslSocket *socket);
    /// The <response/> to a <challenge/>, or an error that ends the attempt.
    std::variant<Element, ConnectionError> challenge(const Element &challenge);
    /// Checks <success/> (SCRAM: the server signature); an error means a server we cannot trust.
    std::optional<ConnectionError> success(const Element &success);
    /// Plain words for a <failure/>.
    ConnectionError failure(const Element &failure) const;
    QString mechanismName() const;

private:
    std::unique_ptr<sasl::Mechanism> m_mechanism;
};

} // namespace parla::xmpp
