// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

/// Client-side SASL for XMPP (RFC 6120 §6): mechanisms as pure state machines without sockets.
///
/// The stream code base64-encodes what a mechanism returns into <auth/> and <response/>, and
/// decodes <challenge/> and <success/> before handing them in. Every mechanism is single use.
namespace parla::xmpp::sasl {

/// Channel binding input for SCRAM-*-PLUS (RFC 5056), provided by whoever owns the TLS socket.
///
/// `type` is one of "tls-exporter" (RFC 9266), "tls-server-end-point" (RFC 5929 §4, see
/// tlsServerEndPointData()) or "tls-unique" (RFC 5929 §3); `data` is the raw binding data.
struct ChannelBinding
{
    QString type;
    QByteArray data;

    bool isValid() const { return !type.isEmpty() && !data.isEmpty(); }
};

/// The GS2 channel binding flag of SCRAM (RFC 5802 §6/§7: gs2-cbind-flag).
enum class ChannelBindingFlag
{
    ClientCannotBind,  ///< "n,,": this client has no channel binding to offer
    ServerDidNotOffer, ///< "y,,": we could bind, the server offered no -PLUS (downgrade detection)
    Bound,             ///< "p=<type>,,": SCRAM-*-PLUS with the given channel binding
};

/// One SASL mechanism run from the client side (RFC 4422 §3, profiled by RFC 6120 §6.4).
///
/// Each step returns what to send next; a failed step leaves errorString() set, in plain words
/// for a person, after which the mechanism refuses every further step. The caller answers a
/// failed step with <abort/> (RFC 6120 §6.4.4).
class Mechanism
{
public:
    virtual ~Mechanism() = default;
    Mechanism(const Mechanism &) = delete;
    Mechanism &operator=(const Mechanism &) = delete;

    /// The IANA name, e.g. "SCRAM-SHA-256-PLUS".
    virtual QString name() const = 0;
    /// Data for <auth/>: RFC 6120 §6.4.2 sends it base64-encoded, an empty one as "=".
    /// Empty with failed() set when the mechanism was configured unusably.
    virtual QByteArray initialResponse() = 0;
    /// Answers a <challenge/>; std::nullopt means abort (a malformed or hostile challenge).
    virtual std::optional<QByteArray> handleChallenge(const QByteArray &challenge) = 0;
    /// Judges a <success/> with its additional data (RFC 6120 §6.3.10). False means the success
    /// must be treated as a failure: for SCRAM, the server did not prove it knows the password.
    virtual bool handleSuccess(const QByteArray &additionalData) = 0;

    /// Why the last step failed, in plain words; empty while nothing went wrong.
    const QString &errorString() const { return m_error; }
    bool failed() const { return !m_error.isEmpty(); }

protected:
    Mechanism() = default;
    /// Records the first failure (later ones are consequences and would only blur the cause).
    void setError(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }

private:
    QString m_error;
};

/// SASLprep (RFC 4013), as far as a client needs it: maps non-ASCII spaces to U+0020, drops
/// the characters RFC 3454 table B.1 maps to nothing, and normalises to NFKC. ASCII input is
/// returned unchanged. Prohibited-character checks are left to the server, which has the final
/// word on what it stored. std::nullopt if the result contains NUL (which would corrupt PLAIN).
std::optional<QString> saslPrep(const QString &text);

} // namespace parla::xmpp::sasl
