// SPDX-License-Identifier: GPL-3.0-or-later
#include "failure.h"

#include "../element.h"
#include "../namespaces.h"

#include <array>
#include <utility>

namespace parla::xmpp::sasl {

namespace {
using C = SaslFailure::Condition;

constexpr std::array<std::pair<C, const char16_t *>, 11> kNames{{
    {C::Aborted, u"aborted"},
    {C::AccountDisabled, u"account-disabled"},
    {C::CredentialsExpired, u"credentials-expired"},
    {C::EncryptionRequired, u"encryption-required"},
    {C::IncorrectEncoding, u"incorrect-encoding"},
    {C::InvalidAuthzid, u"invalid-authzid"},
    {C::InvalidMechanism, u"invalid-mechanism"},
    {C::MalformedRequest, u"malformed-request"},
    {C::MechanismTooWeak, u"mechanism-too-weak"},
    {C::NotAuthorized, u"not-authorized"},
    {C::TemporaryAuthFailure, u"temporary-auth-failure"},
}};
} // namespace

std::optional<SaslFailure> SaslFailure::fromElement(const Element &failure)
{
    if (!failure.is(u"failure", ns::Sasl))
        return std::nullopt;
    SaslFailure result;
    result.text = failure.childText(u"text", ns::Sasl).trimmed();
    for (const Element &child : failure.children()) {
        if (child.xmlns() != ns::Sasl || child.name() == u"text")
            continue;
        result.conditionName = child.name();
        for (const auto &[condition, name] : kNames) {
            if (child.name() == QStringView(name))
                result.condition = condition;
        }
        break;
    }
    return result;
}

QString SaslFailure::describe() const
{
    switch (condition) {
    case C::Aborted:
        return QStringLiteral("The login was aborted.");
    case C::AccountDisabled:
        return QStringLiteral("The account is disabled.");
    case C::CredentialsExpired:
        return QStringLiteral("The password has expired and must be changed.");
    case C::EncryptionRequired:
        return QStringLiteral("The server requires an encrypted connection for this way of "
                              "logging in.");
    case C::IncorrectEncoding:
        return QStringLiteral("The server could not decode the login data.");
    case C::InvalidAuthzid:
        return QStringLiteral("The server does not allow acting as that user.");
    case C::InvalidMechanism:
        return QStringLiteral("The server does not support the chosen way of logging in.");
    case C::MalformedRequest:
        return QStringLiteral("The server did not understand the login request.");
    case C::MechanismTooWeak:
        return QStringLiteral("The server requires a stronger way of logging in for this "
                              "account.");
    case C::NotAuthorized:
        return QStringLiteral("Wrong password or user name.");
    case C::TemporaryAuthFailure:
        return QStringLiteral("The server could not check the login right now; try again later.");
    case C::Unknown:
        break;
    }
    return conditionName.isEmpty() ? QStringLiteral("The login failed.")
                                   : QStringLiteral("The login failed (%1).").arg(conditionName);
}

ConnectionError SaslFailure::toConnectionError() const
{
    ConnectionError error;
    error.kind = condition == C::NotAuthorized ? ConnectionError::Kind::AuthenticationFailed
                                               : ConnectionError::Kind::AuthenticationRefused;
    error.text = describe();
    error.detail = text;
    return error;
}

} // namespace parla::xmpp::sasl
