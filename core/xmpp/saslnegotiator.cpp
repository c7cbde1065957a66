// SPDX-License-Identifier: GPL-3.0-or-later
#include "saslnegotiator.h"

#include "sasl/channelbinding.h"
#include "sasl/failure.h"
#include "sasl/mechanism.h"
#include "sasl/selection.h"
#include "sasl/wire.h"

#include <QCoreApplication>
#include <QSslSocket>

namespace parla::xmpp {

namespace {
ConnectionError refused(const QString &text)
{
    ConnectionError e;
    e.kind = ConnectionError::Kind::AuthenticationRefused;
    e.text = text;
    return e;
}
QString tr(const char *text)
{
    return QCoreApplication::translate("SaslNegotiator", text);
}
} // namespace

SaslNegotiator::SaslNegotiator() = default;
SaslNegotiator::~SaslNegotiator() = default;

std::variant<Element, ConnectionError> SaslNegotiator::start(const Element &features,
                                                             const QString &username,
                                                             const QString &password,
                                                             const QSslSocket *socket)
{
    const QStringList offered = sasl::mechanismsFromFeatures(features);
    const bool tls = socket && socket->isEncrypted();
    const QList<sasl::ChannelBinding> bindings =
        tls ? sasl::channelBindingsForSocket(*socket) : QList<sasl::ChannelBinding>();
    const auto selection =
        sasl::selectMechanism(offered, tls, sasl::channelBindingTypesFromFeatures(features),
                              sasl::bindingTypes(bindings));
    if (const auto *refusal = std::get_if<sasl::MechanismRefusal>(&selection))
        return refused(refusal->reason);
    const auto &choice = std::get<sasl::MechanismChoice>(selection);
    m_mechanism = sasl::createMechanism(choice, username, password, bindings);
    if (!m_mechanism)
        return refused(tr("No usable way to log in was found."));
    const QByteArray initial = m_mechanism->initialResponse();
    if (m_mechanism->failed())
        return refused(m_mechanism->errorString());
    return sasl::authElement(m_mechanism->name(), initial);
}

std::variant<Element, ConnectionError> SaslNegotiator::challenge(const Element &challenge)
{
    const auto data = sasl::payload(challenge);
    std::optional<QByteArray> response;
    if (data && m_mechanism)
        response = m_mechanism->handleChallenge(*data);
    if (!response) {
        ConnectionError e;
        e.kind = ConnectionError::Kind::AuthenticationFailed;
        e.text = m_mechanism && !m_mechanism->errorString().isEmpty()
                     ? m_mechanism->errorString()
                     : tr("The server sent an invalid login challenge.");
        return e;
    }
    return sasl::responseElement(*response);
}

std::optional<ConnectionError> SaslNegotiator::success(const Element &success)
{
    const auto data = sasl::payload(success);
    if (data && m_mechanism && m_mechanism->handleSuccess(*data))
        return std::nullopt;
    ConnectionError e;
    e.kind = ConnectionError::Kind::AuthenticationFailed;
    e.text = m_mechanism && !m_mechanism->errorString().isEmpty()
                 ? m_mechanism->errorString()
                 : tr("The server's login confirmation is invalid.");
    return e;
}

ConnectionError SaslNegotiator::failure(const Element &failure) const
{
    if (const auto f = sasl::SaslFailure::fromElement(failure))
        return f->toConnectionError();
    ConnectionError e;
    e.kind = ConnectionError::Kind::AuthenticationFailed;
    e.text = tr("The server refused the login.");
    return e;
}

QString SaslNegotiator::mechanismName() const
{
    return m_mechanism ? m_mechanism->name() : QString();
}

} // namespace parla::xmpp
