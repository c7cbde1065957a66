// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mechanism.h"

namespace parla::xmpp::sasl {

/// PLAIN (RFC 4616): sends the password itself, so it is only ever chosen inside TLS and
/// when the server offers no SCRAM (see selectMechanism()). The authorization identity is
/// always empty: Parla logs in as the user it authenticates as.
class PlainMechanism final : public Mechanism
{
public:
    PlainMechanism(const QString &username, const QString &password);

    QString name() const override { return QStringLiteral("PLAIN"); }
    /// "\0username\0password" (UTF-8, SASLprep'd).
    QByteArray initialResponse() override;
    /// PLAIN has no challenges; any challenge aborts.
    std::optional<QByteArray> handleChallenge(const QByteArray &challenge) override;
    /// PLAIN cannot authenticate the server; success is accepted as is once the credentials
    /// were sent.
    bool handleSuccess(const QByteArray &additionalData) override;

private:
    QString m_username;
    QString m_password;
    bool m_sent = false;
};

} // namespace parla::xmpp::sasl
