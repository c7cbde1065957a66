// SPDX-License-Identifier: GPL-3.0-or-later
#include "plain.h"

namespace parla::xmpp::sasl {

PlainMechanism::PlainMechanism(const QString &username, const QString &password)
    : m_username(username), m_password(password)
{}

QByteArray PlainMechanism::initialResponse()
{
    if (failed())
        return {};
    if (m_sent) {
        setError(QStringLiteral("The login was started twice."));
        return {};
    }
    const auto username = saslPrep(m_username);
    const auto password = saslPrep(m_password);
    m_password.clear();
    if (!username || username->isEmpty()) {
        setError(QStringLiteral("The user name is empty or contains characters that cannot be "
                                "used to log in."));
        return {};
    }
    if (!password || password->isEmpty()) {
        setError(QStringLiteral("The password is empty or contains characters that cannot be "
                                "used to log in."));
        return {};
    }
    m_sent = true;
    // RFC 4616 §2: message = [authzid] NUL authcid NUL passwd; authzid left empty.
    return '\0' + username->toUtf8() + '\0' + password->toUtf8();
}

std::optional<QByteArray> PlainMechanism::handleChallenge(const QByteArray &challenge)
{
    Q_UNUSED(challenge)
    setError(QStringLiteral("The server sent a challenge, which PLAIN does not have."));
    return std::nullopt;
}

bool PlainMechanism::handleSuccess(const QByteArray &additionalData)
{
    Q_UNUSED(additionalData)
    if (failed())
        return false;
    if (!m_sent) {
        setError(QStringLiteral("The server reported success before Parla sent its credentials."));
        return false;
    }
    return true;
}

} // namespace parla::xmpp::sasl
