// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../connectionerror.h"

#include <QString>

#include <optional>

namespace parla::xmpp {
class Element;
}

namespace parla::xmpp::sasl {

/// A SASL <failure/> (RFC 6120 §6.5), with its condition explained in plain words.
struct SaslFailure
{
    enum class Condition
    {
        Aborted,
        AccountDisabled,
        CredentialsExpired,
        EncryptionRequired,
        IncorrectEncoding,
        InvalidAuthzid,
        InvalidMechanism,
        MalformedRequest,
        MechanismTooWeak,
        NotAuthorized,
        TemporaryAuthFailure,
        Unknown, ///< no condition, or one RFC 6120 does not define (see conditionName)
    };

    Condition condition = Condition::Unknown;
    QString conditionName; ///< the element name as received, e.g. "not-authorized"
    QString text;          ///< the server's own words from <text/>, if any

    /// Parses <failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>; std::nullopt for anything else.
    static std::optional<SaslFailure> fromElement(const Element &failure);

    /// The condition in plain words, e.g. "Wrong password or user name.".
    QString describe() const;
    /// Whether trying again later, unchanged, can succeed (temporary-auth-failure only).
    bool isTransient() const { return condition == Condition::TemporaryAuthFailure; }
    /// As a connection error: not-authorized is AuthenticationFailed (the user should check
    /// the password), everything else AuthenticationRefused; the server's text is the detail.
    ConnectionError toConnectionError() const;
};

} // namespace parla::xmpp::sasl
