// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mechanism.h"

#include <QCryptographicHash>

namespace parla::xmpp::sasl {

/// The hash a SCRAM mechanism is built on: SCRAM-SHA-1 (RFC 5802), SCRAM-SHA-256 (RFC 7677),
/// SCRAM-SHA-512 (draft-melnikov-scram-sha-512, same construction).
enum class ScramHash
{
    Sha1,
    Sha256,
    Sha512
};

QCryptographicHash::Algorithm scramAlgorithm(ScramHash hash);
/// "SCRAM-SHA-1", "SCRAM-SHA-256" or "SCRAM-SHA-512" (without "-PLUS").
QString scramBaseName(ScramHash hash);

/// What SCRAM derives from the password (RFC 5802 §3), enough to log in again without it:
/// ClientKey signs the proof, ServerKey checks the server's signature. They are only valid for
/// the same hash, salt and iteration count; a server that changes them needs the password again.
struct ScramKeys
{
    ScramHash hash = ScramHash::Sha256;
    QByteArray salt;
    int iterations = 0;
    QByteArray clientKey;
    QByteArray serverKey;

    bool isValid() const { return !salt.isEmpty() && iterations > 0 && !clientKey.isEmpty(); }
    bool matches(ScramHash h, const QByteArray &s, int i) const
    {
        return isValid() && hash == h && salt == s && iterations == i;
    }
};

/// SCRAM-SHA-* and SCRAM-SHA-*-PLUS, client side (RFC 5802, RFC 7677; binding RFC 5929/9266).
///
/// Flow: initialResponse() = client-first; handleChallenge(server-first) = client-final;
/// the server-final ("v=…") then arrives either in <success/> (handleSuccess) or in one more
/// <challenge/> answered with an empty response, followed by an empty <success/>. A success
/// without a valid server signature is a failure: only a server that knows the password (or
/// the ServerKey) can sign, so this detects an impostor.
class ScramMechanism final : public Mechanism
{
public:
    /// Iteration counts outside [kMinIterations, kMaxIterations] are refused: fewer make a
    /// stolen exchange cheap to brute-force (RFC 7677 §4 asks for at least 4096), more let a
    /// hostile server make us burn CPU for minutes.
    static constexpr int kMinIterations = 4096;
    static constexpr int kMaxIterations = 1'000'000;

    /// `flag` Bound requires a valid `binding` (else the mechanism starts failed); the other
    /// flags ignore it. The password may be empty when setCachedKeys() provides the keys.
    ScramMechanism(ScramHash hash, const QString &username, const QString &password,
                   ChannelBindingFlag flag = ChannelBindingFlag::ClientCannotBind,
                   const ChannelBinding &binding = {});

    QString name() const override;
    QByteArray initialResponse() override;
    std::optional<QByteArray> handleChallenge(const QByteArray &challenge) override;
    bool handleSuccess(const QByteArray &additionalData) override;

    /// Keys from an earlier login; used instead of the password when the server's salt,
    /// iteration count and our hash match them.
    void setCachedKeys(const ScramKeys &keys) { m_cachedKeys = keys; }
    /// The keys derived (or reused) during this exchange, once the server-first message was
    /// accepted; worth storing only after handleSuccess() returned true.
    std::optional<ScramKeys> keys() const;

    /// Test hook: a fixed client nonce (printable ASCII without ','), instead of the 24 random
    /// bytes from QRandomGenerator::system(). Must be called before initialResponse().
    void setClientNonceForTest(const QByteArray &nonce) { m_clientNonce = nonce; }

    /// The GS2 header this mechanism sends, e.g. "p=tls-exporter,," (RFC 5802 §7).
    QByteArray gs2Header() const;

private:
    enum class State
    {
        Initial,
        SentClientFirst,
        SentClientFinal,
        Verified,
        Done
    };

    std::optional<QByteArray> handleServerFirst(const QByteArray &message);
    bool verifyServerFinal(const QByteArray &message);
    QByteArray hmac(const QByteArray &key, const QByteArray &message) const;

    ScramHash m_hash;
    ChannelBindingFlag m_flag;
    ChannelBinding m_binding;
    QString m_username;
    QString m_password;
    QByteArray m_clientNonce;
    QByteArray m_clientFirstBare;
    QByteArray m_expectedServerSignature;
    std::optional<ScramKeys> m_cachedKeys;
    std::optional<ScramKeys> m_keys;
    State m_state = State::Initial;
};

} // namespace parla::xmpp::sasl
