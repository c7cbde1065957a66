// SPDX-License-Identifier: GPL-3.0-or-later
// SCRAM (RFC 5802, RFC 7677) against any server-first and server-final message: parsing is
// total, a client-final goes out only for a server nonce that extends ours, and a server
// signature is accepted only when it is the one the password proves (the RFC 7677 §3 example),
// never for anything else a hostile server sends.
#include "fuzzsupport.h"

#include "xmpp/sasl/scram.h"

using namespace parla::xmpp::sasl;

namespace {

// RFC 7677 §3: user "user", password "pencil".
const QByteArray kClientNonce = QByteArrayLiteral("rOprNGfwEbeRWgbNEkqO");
const QByteArray kServerFirst = QByteArrayLiteral(
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
const QByteArray kServerFinal = QByteArrayLiteral("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");

std::unique_ptr<ScramMechanism> startExchange()
{
    auto scram = std::make_unique<ScramMechanism>(ScramHash::Sha256, QStringLiteral("user"),
                                                  QStringLiteral("pencil"));
    scram->setClientNonceForTest(kClientNonce);
    scram->initialResponse();
    return scram;
}

/// The keys of the example, derived once, so that each run skips the 4096 PBKDF2 rounds.
const ScramKeys &exampleKeys()
{
    static const ScramKeys keys = [] {
        auto scram = startExchange();
        FUZZ_CHECK(scram->handleChallenge(kServerFirst).has_value());
        FUZZ_CHECK(scram->handleSuccess(kServerFinal));
        return *scram->keys();
    }();
    return keys;
}

/// Whether a server-final message carries the example's server signature (extensions after it
/// are allowed, RFC 5802 §7).
bool carriesTheSignature(const QByteArray &message)
{
    if (!message.startsWith("v="))
        return false;
    const QByteArray value = message.mid(2).split(',').front();
    return QByteArray::fromBase64(value) == QByteArray::fromBase64(kServerFinal.mid(2));
}

/// Accepted only with the right signature; the exact example always accepted.
void checkVerdict(const QByteArray &message, bool accepted)
{
    FUZZ_CHECK(!accepted || carriesTheSignature(message));
    FUZZ_CHECK(accepted || message != kServerFinal);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray message = parla::fuzz::bytes(data + 1, size - 1).toByteArray();
    auto scram = startExchange();
    scram->setCachedKeys(exampleKeys());
    switch (data[0] % 3) {
    case 0: { // a server-first message
        const auto clientFinal = scram->handleChallenge(message);
        if (clientFinal) {
            FUZZ_CHECK(clientFinal->startsWith("c="));
            FUZZ_CHECK(clientFinal->contains(",r=" + kClientNonce));
            FUZZ_CHECK(clientFinal->contains(",p="));
        }
        break;
    }
    case 1: // a server-final message in <success/>
        FUZZ_CHECK(scram->handleChallenge(kServerFirst).has_value());
        checkVerdict(message, scram->handleSuccess(message));
        break;
    case 2: { // a server-final message in one more <challenge/>, then an empty <success/>
        FUZZ_CHECK(scram->handleChallenge(kServerFirst).has_value());
        const auto answer = scram->handleChallenge(message);
        checkVerdict(message, answer.has_value());
        if (answer)
            FUZZ_CHECK(answer->isEmpty() && scram->handleSuccess({}));
        break;
    }
    }
    return 0;
}
