// SPDX-License-Identifier: GPL-3.0-or-later
#include "selection.h"

#include "channelbinding.h"
#include "plain.h"
#include "scram.h"

#include <array>

namespace parla::xmpp::sasl {

namespace {

constexpr std::array kScramByStrength{ScramHash::Sha512, ScramHash::Sha256, ScramHash::Sha1};

const QString kPlus = QStringLiteral("-PLUS");
const QString kPlain = QStringLiteral("PLAIN");

QStringList preferredBindingTypes()
{
    return {bindingtype::TlsExporter, bindingtype::TlsServerEndPoint, bindingtype::TlsUnique};
}

} // namespace

MechanismSelection selectMechanism(const QStringList &offered, bool tlsActive,
                                   const std::optional<QStringList> &serverBindingTypes,
                                   const QStringList &clientBindingTypes)
{
    QStringList mechanisms;
    for (const QString &m : offered)
        mechanisms << m.trimmed();

    const bool clientCanBind = tlsActive && !clientBindingTypes.isEmpty();
    const QStringList serverTypes =
        serverBindingTypes.value_or(QStringList{bindingtype::TlsUnique});
    QString commonType;
    for (const QString &type : preferredBindingTypes()) {
        if (clientBindingTypes.contains(type) && serverTypes.contains(type)) {
            commonType = type;
            break;
        }
    }

    bool anyPlusOffered = false;
    bool anyScramOffered = false;
    for (ScramHash hash : kScramByStrength) {
        anyPlusOffered = anyPlusOffered || mechanisms.contains(scramBaseName(hash) + kPlus);
        anyScramOffered = anyScramOffered || mechanisms.contains(scramBaseName(hash)) ||
                          mechanisms.contains(scramBaseName(hash) + kPlus);
    }

    if (clientCanBind && !commonType.isEmpty()) {
        for (ScramHash hash : kScramByStrength) {
            const QString name = scramBaseName(hash) + kPlus;
            if (mechanisms.contains(name))
                return MechanismChoice{name, ChannelBindingFlag::Bound, commonType};
        }
    }

    for (ScramHash hash : kScramByStrength) {
        const QString name = scramBaseName(hash);
        if (!mechanisms.contains(name))
            continue;
        // "y" tells a server that does support binding that someone removed its -PLUS offer
        // (RFC 5802 §6). When it does offer -PLUS but we share no binding type with it, "y"
        // would make it fail the login, so "n" is the only honest answer left.
        const ChannelBindingFlag flag = clientCanBind && !anyPlusOffered
                                            ? ChannelBindingFlag::ServerDidNotOffer
                                            : ChannelBindingFlag::ClientCannotBind;
        return MechanismChoice{name, flag, {}};
    }

    if (anyScramOffered) {
        return MechanismRefusal{
            QStringLiteral("The server only accepts logins bound to the encrypted connection, of "
                           "a kind Parla cannot provide here (server: %1; Parla: %2).")
                .arg(serverTypes.isEmpty() ? QStringLiteral("none") : serverTypes.join(u", "),
                     clientBindingTypes.isEmpty() ? QStringLiteral("none")
                                                  : clientBindingTypes.join(u", "))};
    }
    if (mechanisms.contains(kPlain)) {
        // RFC 6120 §13.9.4: PLAIN exposes the password; it is safe only inside TLS.
        if (tlsActive)
            return MechanismChoice{kPlain, ChannelBindingFlag::ClientCannotBind, {}};
        return MechanismRefusal{QStringLiteral(
            "The server wants the password sent without encryption; Parla refuses to do that.")};
    }
    if (mechanisms.isEmpty())
        return MechanismRefusal{QStringLiteral("The server offers no way to log in.")};
    return MechanismRefusal{
        QStringLiteral("The server offers no secure way to log in (it offers: %1).")
            .arg(mechanisms.join(u", "))};
}

std::unique_ptr<Mechanism> createMechanism(const MechanismChoice &choice, const QString &username,
                                           const QString &password,
                                           const QList<ChannelBinding> &bindings)
{
    if (choice.mechanism == kPlain)
        return std::make_unique<PlainMechanism>(username, password);

    for (ScramHash hash : kScramByStrength) {
        const QString base = scramBaseName(hash);
        if (choice.mechanism == base) {
            if (choice.bindingFlag == ChannelBindingFlag::Bound)
                return nullptr;
            return std::make_unique<ScramMechanism>(hash, username, password, choice.bindingFlag);
        }
        if (choice.mechanism == base + kPlus) {
            if (choice.bindingFlag != ChannelBindingFlag::Bound)
                return nullptr;
            for (const ChannelBinding &binding : bindings) {
                if (binding.type == choice.channelBindingType && binding.isValid())
                    return std::make_unique<ScramMechanism>(hash, username, password,
                                                            ChannelBindingFlag::Bound, binding);
            }
            return nullptr;
        }
    }
    return nullptr;
}

} // namespace parla::xmpp::sasl
