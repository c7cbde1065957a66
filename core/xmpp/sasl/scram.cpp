// SPDX-License-Identifier: GPL-3.0-or-later
#include "scram.h"

#include <QList>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QRandomGenerator>

#include <array>
#include <vector>

namespace parla::xmpp::sasl {

namespace {

constexpr qsizetype kClientNonceBytes = 24;

struct Attribute
{
    char key;
    QByteArray value;
};

// RFC 5802 §5.1: a message is "k=value" pairs separated by ','; values never contain ','
// (saslname escapes it), so splitting is exact.
std::optional<std::vector<Attribute>> parseAttributes(const QByteArray &message)
{
    if (message.isEmpty())
        return std::nullopt;
    std::vector<Attribute> out;
    for (const QByteArray &part : message.split(',')) {
        if (part.size() < 2 || part.at(1) != '=')
            return std::nullopt;
        const char key = part.at(0);
        if (!((key >= 'a' && key <= 'z') || (key >= 'A' && key <= 'Z')))
            return std::nullopt;
        out.push_back({key, part.mid(2)});
    }
    return out;
}

// RFC 5802 §7: printable = %x21-2B / %x2D-7E (visible ASCII except ',').
bool isPrintableNonce(const QByteArray &nonce)
{
    for (char c : nonce) {
        if (c < 0x21 || c > 0x7E || c == ',')
            return false;
    }
    return !nonce.isEmpty();
}

std::optional<QByteArray> strictBase64(const QByteArray &text)
{
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

// Compares without an early exit, so timing reveals nothing about where a forged signature
// starts to differ.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

QByteArray xorBytes(const QByteArray &a, const QByteArray &b)
{
    QByteArray out(a.size(), '\0');
    for (qsizetype i = 0; i < a.size() && i < b.size(); ++i)
        out[i] = static_cast<char>(a.at(i) ^ b.at(i));
    return out;
}

// RFC 5802 §5.1: in saslname, '=' and ',' are escaped as "=3D" and "=2C".
QByteArray escapeSaslName(const QString &name)
{
    QByteArray out;
    for (char c : name.toUtf8()) {
        if (c == '=')
            out += "=3D";
        else if (c == ',')
            out += "=2C";
        else
            out += c;
    }
    return out;
}

// RFC 5802 §7 server-error-value, explained for a person.
QString explainServerError(const QByteArray &value)
{
    const QString words = QString::fromUtf8(value);
    if (value == "invalid-proof" || value == "unknown-user")
        return QStringLiteral("The server refused the login: wrong password or user name (%1).")
            .arg(words);
    if (value == "channel-bindings-dont-match")
        return QStringLiteral("The server sees a different TLS connection than Parla does; someone "
                              "may be intercepting the connection (%1).")
            .arg(words);
    if (value == "server-does-support-channel-binding")
        return QStringLiteral("The server supports channel binding but it was not offered to "
                              "Parla; someone may have tampered with the connection (%1).")
            .arg(words);
    return QStringLiteral("The server refused the login: %1").arg(words);
}

} // namespace

QCryptographicHash::Algorithm scramAlgorithm(ScramHash hash)
{
    switch (hash) {
    case ScramHash::Sha1:
        return QCryptographicHash::Sha1;
    case ScramHash::Sha256:
        return QCryptographicHash::Sha256;
    case ScramHash::Sha512:
        return QCryptographicHash::Sha512;
    }
    return QCryptographicHash::Sha256;
}

QString scramBaseName(ScramHash hash)
{
    switch (hash) {
    case ScramHash::Sha1:
        return QStringLiteral("SCRAM-SHA-1");
    case ScramHash::Sha256:
        return QStringLiteral("SCRAM-SHA-256");
    case ScramHash::Sha512:
        return QStringLiteral("SCRAM-SHA-512");
    }
    return {};
}

ScramMechanism::ScramMechanism(ScramHash hash, const QString &username, const QString &password,
                               ChannelBindingFlag flag, const ChannelBinding &binding)
    : m_hash(hash), m_flag(flag), m_username(username), m_password(password)
{
    if (flag == ChannelBindingFlag::Bound) {
        m_binding = binding;
        if (!binding.isValid())
            setError(QStringLiteral("Channel binding was chosen but no binding data is available "
                                    "for this connection."));
        // The type goes into the GS2 header verbatim; RFC 5056 names are [A-Za-z0-9.-].
        for (QChar c : binding.type) {
            if (!(c.isLetterOrNumber() && c.unicode() < 0x80) && c != u'.' && c != u'-') {
                setError(QStringLiteral("Invalid channel binding type \"%1\".").arg(binding.type));
                break;
            }
        }
    }
}

QString ScramMechanism::name() const
{
    const QString base = scramBaseName(m_hash);
    return m_flag == ChannelBindingFlag::Bound ? base + QStringLiteral("-PLUS") : base;
}

QByteArray ScramMechanism::gs2Header() const
{
    switch (m_flag) {
    case ChannelBindingFlag::ClientCannotBind:
        return QByteArrayLiteral("n,,");
    case ChannelBindingFlag::ServerDidNotOffer:
        return QByteArrayLiteral("y,,");
    case ChannelBindingFlag::Bound:
        return "p=" + m_binding.type.toLatin1() + ",,";
    }
    return QByteArrayLiteral("n,,");
}

QByteArray ScramMechanism::hmac(const QByteArray &key, const QByteArray &message) const
{
    return QMessageAuthenticationCode::hash(message, key, scramAlgorithm(m_hash));
}

QByteArray ScramMechanism::initialResponse()
{
    if (failed())
        return {};
    if (m_state != State::Initial) {
        setError(QStringLiteral("The login was started twice."));
        return {};
    }
    const auto username = saslPrep(m_username);
    if (!username || username->isEmpty()) {
        setError(QStringLiteral("The user name is empty or contains characters that cannot be "
                                "used to log in."));
        return {};
    }
    if (m_clientNonce.isEmpty()) {
        std::array<quint32, kClientNonceBytes / sizeof(quint32)> random{};
        QRandomGenerator::system()->fillRange(random.data(), random.size());
        m_clientNonce =
            QByteArray(reinterpret_cast<const char *>(random.data()), kClientNonceBytes).toBase64();
    }
    if (!isPrintableNonce(m_clientNonce)) {
        setError(QStringLiteral("Internal error: unusable client nonce."));
        return {};
    }
    m_clientFirstBare = "n=" + escapeSaslName(*username) + ",r=" + m_clientNonce;
    m_state = State::SentClientFirst;
    return gs2Header() + m_clientFirstBare;
}

std::optional<QByteArray> ScramMechanism::handleChallenge(const QByteArray &challenge)
{
    if (failed())
        return std::nullopt;
    switch (m_state) {
    case State::SentClientFirst:
        return handleServerFirst(challenge);
    case State::SentClientFinal:
        // Some servers send server-final as a challenge and an empty <success/> afterwards
        // (RFC 6120 §6.3.10 allows both); the answer to it is an empty response.
        if (!verifyServerFinal(challenge))
            return std::nullopt;
        m_state = State::Verified;
        return QByteArray();
    default:
        setError(QStringLiteral("The server sent an unexpected challenge."));
        return std::nullopt;
    }
}

std::optional<QByteArray> ScramMechanism::handleServerFirst(const QByteArray &message)
{
    const auto attributes = parseAttributes(message);
    if (!attributes) {
        setError(QStringLiteral("The server's login challenge is malformed."));
        return std::nullopt;
    }
    const auto &attrs = *attributes;
    // RFC 5802 §5.1: "m" is reserved for a mandatory extension; a client that does not
    // understand it MUST fail the authentication.
    if (attrs.front().key == 'm') {
        setError(QStringLiteral("The server requires a SCRAM extension Parla does not support."));
        return std::nullopt;
    }
    if (attrs.front().key == 'e') {
        setError(explainServerError(attrs.front().value));
        return std::nullopt;
    }
    if (attrs.size() < 3 || attrs[0].key != 'r' || attrs[1].key != 's' || attrs[2].key != 'i') {
        setError(QStringLiteral("The server's login challenge is malformed."));
        return std::nullopt;
    }

    const QByteArray &nonce = attrs[0].value;
    // RFC 5802 §5.1: the server's nonce MUST start with ours; a server that ignores it (or
    // adds nothing of its own) could replay an old exchange.
    if (!nonce.startsWith(m_clientNonce) || nonce.size() <= m_clientNonce.size() ||
        !isPrintableNonce(nonce)) {
        setError(QStringLiteral("The server answered with a nonce that does not match ours; the "
                                "login was stopped."));
        return std::nullopt;
    }
    const auto salt = strictBase64(attrs[1].value);
    if (!salt || salt->isEmpty()) {
        setError(QStringLiteral("The server sent an invalid salt."));
        return std::nullopt;
    }
    const QByteArray &iterText = attrs[2].value;
    bool digitsOnly = !iterText.isEmpty() && iterText.size() <= 10;
    for (char c : iterText)
        digitsOnly = digitsOnly && c >= '0' && c <= '9';
    const qint64 iterations = digitsOnly ? iterText.toLongLong() : -1;
    if (iterations < 0) {
        setError(QStringLiteral("The server sent an invalid iteration count."));
        return std::nullopt;
    }
    if (iterations < kMinIterations) {
        setError(QStringLiteral("The server protects the password with only %1 iterations (at "
                                "least %2 are required); Parla refuses to log in this weakly.")
                     .arg(iterations)
                     .arg(kMinIterations));
        return std::nullopt;
    }
    if (iterations > kMaxIterations) {
        setError(QStringLiteral("The server asks for %1 iterations (at most %2 are accepted); "
                                "this looks like an attempt to overload the device.")
                     .arg(iterations)
                     .arg(kMaxIterations));
        return std::nullopt;
    }
    const int iterationCount = static_cast<int>(iterations);

    if (m_cachedKeys && m_cachedKeys->matches(m_hash, *salt, iterationCount)) {
        m_keys = m_cachedKeys;
    } else {
        const auto password = saslPrep(m_password);
        if (!password || password->isEmpty()) {
            setError(m_password.isEmpty()
                         ? QStringLiteral("A password is needed to log in.")
                         : QStringLiteral("The password contains characters that cannot be used "
                                          "to log in."));
            return std::nullopt;
        }
        const auto algorithm = scramAlgorithm(m_hash);
        const QByteArray saltedPassword = QPasswordDigestor::deriveKeyPbkdf2(
            algorithm, password->toUtf8(), *salt, iterationCount,
            static_cast<quint64>(QCryptographicHash::hashLength(algorithm)));
        m_keys = ScramKeys{m_hash, *salt, iterationCount,
                           hmac(saltedPassword, QByteArrayLiteral("Client Key")),
                           hmac(saltedPassword, QByteArrayLiteral("Server Key"))};
    }
    // Our copy of the password is not needed any more (the keys are what may be cached).
    m_password.clear();

    QByteArray cbindInput = gs2Header();
    if (m_flag == ChannelBindingFlag::Bound)
        cbindInput += m_binding.data;
    const QByteArray clientFinalWithoutProof = "c=" + cbindInput.toBase64() + ",r=" + nonce;
    const QByteArray authMessage =
        m_clientFirstBare + ',' + message + ',' + clientFinalWithoutProof;

    const QByteArray storedKey =
        QCryptographicHash::hash(m_keys->clientKey, scramAlgorithm(m_hash));
    const QByteArray clientProof = xorBytes(m_keys->clientKey, hmac(storedKey, authMessage));
    m_expectedServerSignature = hmac(m_keys->serverKey, authMessage);
    m_state = State::SentClientFinal;
    return clientFinalWithoutProof + ",p=" + clientProof.toBase64();
}

bool ScramMechanism::verifyServerFinal(const QByteArray &message)
{
    const auto attributes = parseAttributes(message);
    if (!attributes) {
        setError(QStringLiteral("The server's final login message is malformed."));
        return false;
    }
    const Attribute &first = attributes->front();
    if (first.key == 'e') {
        setError(explainServerError(first.value));
        return false;
    }
    const auto signature = first.key == 'v' ? strictBase64(first.value) : std::nullopt;
    if (!signature) {
        setError(QStringLiteral("The server's final login message is malformed."));
        return false;
    }
    if (!constantTimeEquals(*signature, m_expectedServerSignature)) {
        setError(QStringLiteral("The server could not prove that it knows your password; it may "
                                "be an impostor. The login was stopped."));
        return false;
    }
    return true;
}

bool ScramMechanism::handleSuccess(const QByteArray &additionalData)
{
    if (failed())
        return false;
    switch (m_state) {
    case State::SentClientFinal:
        if (additionalData.isEmpty()) {
            setError(QStringLiteral("The server reported success without proving that it knows "
                                    "your password; it may be an impostor."));
            return false;
        }
        if (!verifyServerFinal(additionalData))
            return false;
        m_state = State::Done;
        return true;
    case State::Verified:
        // Already verified in a challenge; a repeated server-final must still be the right one.
        if (!additionalData.isEmpty() && !verifyServerFinal(additionalData))
            return false;
        m_state = State::Done;
        return true;
    default:
        setError(QStringLiteral("The server reported success before the login exchange was "
                                "complete; it may be an impostor."));
        return false;
    }
}

std::optional<ScramKeys> ScramMechanism::keys() const
{
    return m_keys;
}

} // namespace parla::xmpp::sasl
