// SPDX-License-Identifier: GPL-3.0-or-later
#include "channelbinding.h"

#include "../element.h"
#include "../namespaces.h"

#include <QSslCertificate>
#include <QSslSocket>

#include <array>
#include <utility>

namespace parla::xmpp::sasl {

namespace {

constexpr quint8 kTagSequence = 0x30;
constexpr quint8 kTagOid = 0x06;
constexpr quint8 kTagContext0 = 0xA0; // [0] EXPLICIT, constructed

struct Tlv
{
    quint8 tag = 0;
    QByteArrayView content;
};

/// Reads consecutive DER TLVs from a buffer, refusing anything DER forbids or that runs past
/// the end: certificates come from the network, so every length is distrusted.
class DerReader
{
public:
    explicit DerReader(QByteArrayView data) : m_data(data) {}

    std::optional<Tlv> next()
    {
        if (m_pos + 2 > m_data.size())
            return std::nullopt;
        const auto tag = static_cast<quint8>(m_data[m_pos]);
        if ((tag & 0x1F) == 0x1F) // high tag numbers never occur on the path we walk
            return std::nullopt;
        const auto first = static_cast<quint8>(m_data[m_pos + 1]);
        qsizetype pos = m_pos + 2;
        qsizetype length = 0;
        if (first < 0x80) {
            length = first;
        } else {
            const int octets = first & 0x7F;
            if (octets == 0 || octets > 4 || pos + octets > m_data.size())
                return std::nullopt; // 0x80 is BER's indefinite length, not DER
            for (int i = 0; i < octets; ++i)
                length = (length << 8) | static_cast<quint8>(m_data[pos + i]);
            pos += octets;
        }
        if (length > m_data.size() - pos)
            return std::nullopt;
        m_pos = pos + length;
        return Tlv{tag, m_data.sliced(pos, length)};
    }

    std::optional<Tlv> next(quint8 expectedTag)
    {
        auto tlv = next();
        if (!tlv || tlv->tag != expectedTag)
            return std::nullopt;
        return tlv;
    }

private:
    QByteArrayView m_data;
    qsizetype m_pos = 0;
};

// X.690 §8.19: sub-identifiers in base 128, the first one packing the first two arcs.
std::optional<QString> decodeOid(QByteArrayView content)
{
    QStringList arcs;
    quint64 value = 0;
    int septets = 0;
    for (char byte : content) {
        const auto b = static_cast<quint8>(byte);
        if (septets == 0 && b == 0x80)
            return std::nullopt; // non-minimal encoding
        if (++septets > 9)
            return std::nullopt; // would overflow 63 bits; no real algorithm OID is that long
        value = (value << 7) | (b & 0x7F);
        if (b & 0x80)
            continue;
        if (arcs.isEmpty()) {
            const quint64 top = value < 40 ? 0 : (value < 80 ? 1 : 2);
            arcs << QString::number(top) << QString::number(value - top * 40);
        } else {
            arcs << QString::number(value);
        }
        value = 0;
        septets = 0;
    }
    if (septets != 0 || arcs.isEmpty())
        return std::nullopt;
    return arcs.join(u'.');
}

// Signature algorithms (RFC 3279, RFC 4055, RFC 5758) and the hash each one signs with.
const std::array<std::pair<const char16_t *, QCryptographicHash::Algorithm>, 15> kSignatureHashes{{
    {u"1.2.840.113549.1.1.4", QCryptographicHash::Md5},      // md5WithRSAEncryption
    {u"1.2.840.113549.1.1.5", QCryptographicHash::Sha1},     // sha1WithRSAEncryption
    {u"1.3.14.3.2.29", QCryptographicHash::Sha1},            // sha1WithRSA (OIW)
    {u"1.2.840.113549.1.1.14", QCryptographicHash::Sha224},  // sha224WithRSAEncryption
    {u"1.2.840.113549.1.1.11", QCryptographicHash::Sha256},  // sha256WithRSAEncryption
    {u"1.2.840.113549.1.1.12", QCryptographicHash::Sha384},  // sha384WithRSAEncryption
    {u"1.2.840.113549.1.1.13", QCryptographicHash::Sha512},  // sha512WithRSAEncryption
    {u"1.2.840.10045.4.1", QCryptographicHash::Sha1},        // ecdsa-with-SHA1
    {u"1.2.840.10045.4.3.1", QCryptographicHash::Sha224},    // ecdsa-with-SHA224
    {u"1.2.840.10045.4.3.2", QCryptographicHash::Sha256},    // ecdsa-with-SHA256
    {u"1.2.840.10045.4.3.3", QCryptographicHash::Sha384},    // ecdsa-with-SHA384
    {u"1.2.840.10045.4.3.4", QCryptographicHash::Sha512},    // ecdsa-with-SHA512
    {u"1.2.840.10040.4.3", QCryptographicHash::Sha1},        // dsa-with-sha1
    {u"2.16.840.1.101.3.4.3.1", QCryptographicHash::Sha224}, // dsa-with-sha224
    {u"2.16.840.1.101.3.4.3.2", QCryptographicHash::Sha256}, // dsa-with-sha256
}};

// RSASSA-PSS names its hash in the parameters instead (RFC 4055 §3.1).
const QString kRsaPss = QStringLiteral("1.2.840.113549.1.1.10");

// Hash algorithm identifiers as used inside RSASSA-PSS-params (RFC 4055 §2.1).
std::optional<QCryptographicHash::Algorithm> hashFromOid(const QString &oid)
{
    if (oid == u"1.3.14.3.2.26")
        return QCryptographicHash::Sha1;
    if (oid == u"2.16.840.1.101.3.4.2.4")
        return QCryptographicHash::Sha224;
    if (oid == u"2.16.840.1.101.3.4.2.1")
        return QCryptographicHash::Sha256;
    if (oid == u"2.16.840.1.101.3.4.2.2")
        return QCryptographicHash::Sha384;
    if (oid == u"2.16.840.1.101.3.4.2.3")
        return QCryptographicHash::Sha512;
    return std::nullopt;
}

// Walks Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } down
// to signatureAlgorithm's contents (RFC 5280 §4.1).
std::optional<QByteArrayView> signatureAlgorithmContent(QByteArrayView der)
{
    DerReader top(der);
    const auto certificate = top.next(kTagSequence);
    if (!certificate)
        return std::nullopt;
    DerReader fields(certificate->content);
    if (!fields.next(kTagSequence)) // tbsCertificate, skipped whole
        return std::nullopt;
    const auto algorithm = fields.next(kTagSequence);
    if (!algorithm)
        return std::nullopt;
    return algorithm->content;
}

// RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0] HashAlgorithm DEFAULT sha1, … }.
std::optional<QCryptographicHash::Algorithm> pssHash(DerReader &afterOid)
{
    const auto params = afterOid.next(kTagSequence);
    if (!params)
        return std::nullopt;
    DerReader fields(params->content);
    const auto first = fields.next();
    if (!first || first->tag != kTagContext0)
        return QCryptographicHash::Sha1; // absent: the DEFAULT
    DerReader wrapped(first->content);
    const auto hashAlgorithm = wrapped.next(kTagSequence);
    if (!hashAlgorithm)
        return std::nullopt;
    DerReader inner(hashAlgorithm->content);
    const auto oid = inner.next(kTagOid);
    const auto dotted = oid ? decodeOid(oid->content) : std::nullopt;
    return dotted ? hashFromOid(*dotted) : std::nullopt;
}

} // namespace

std::optional<QString> certificateSignatureAlgorithmOid(QByteArrayView der)
{
    const auto algorithm = signatureAlgorithmContent(der);
    if (!algorithm)
        return std::nullopt;
    DerReader reader(*algorithm);
    const auto oid = reader.next(kTagOid);
    return oid ? decodeOid(oid->content) : std::nullopt;
}

std::optional<QCryptographicHash::Algorithm> tlsServerEndPointHash(QByteArrayView der)
{
    const auto algorithm = signatureAlgorithmContent(der);
    if (!algorithm)
        return std::nullopt;
    DerReader reader(*algorithm);
    const auto oidTlv = reader.next(kTagOid);
    const auto oid = oidTlv ? decodeOid(oidTlv->content) : std::nullopt;
    if (!oid)
        return std::nullopt;

    std::optional<QCryptographicHash::Algorithm> hash;
    if (*oid == kRsaPss) {
        hash = pssHash(reader);
    } else {
        for (const auto &[name, h] : kSignatureHashes) {
            if (*oid == QStringView(name))
                hash = h;
        }
    }
    if (!hash)
        return std::nullopt;
    // RFC 5929 §4.1: "if the certificate's signatureAlgorithm uses a single hash function
    // and that hash function is either MD5 or SHA-1, then use SHA-256".
    if (*hash == QCryptographicHash::Md5 || *hash == QCryptographicHash::Sha1)
        return QCryptographicHash::Sha256;
    return hash;
}

QByteArray tlsServerEndPointData(const QSslCertificate &certificate)
{
    const QByteArray der = certificate.toDer();
    const auto hash = tlsServerEndPointHash(der);
    return hash ? QCryptographicHash::hash(der, *hash) : QByteArray();
}

ChannelBinding tlsServerEndPointBinding(const QSslCertificate &certificate)
{
    const QByteArray data = tlsServerEndPointData(certificate);
    if (data.isEmpty())
        return {};
    return {bindingtype::TlsServerEndPoint, data};
}

QList<ChannelBinding> channelBindingsForSocket(const QSslSocket &socket)
{
    QList<ChannelBinding> bindings;
    if (!socket.isEncrypted())
        return bindings;
    const ChannelBinding endPoint = tlsServerEndPointBinding(socket.peerCertificate());
    if (endPoint.isValid())
        bindings << endPoint;
    return bindings;
}

QStringList bindingTypes(const QList<ChannelBinding> &bindings)
{
    QStringList types;
    for (const ChannelBinding &binding : bindings) {
        if (binding.isValid())
            types << binding.type;
    }
    return types;
}

std::optional<QStringList> channelBindingTypesFromFeatures(const Element &features)
{
    const Element feature = features.firstChild(u"sasl-channel-binding", ns::ChannelBinding);
    if (feature.isNull())
        return std::nullopt;
    QStringList types;
    for (const Element &binding : feature.childrenNamed(u"channel-binding", ns::ChannelBinding)) {
        const QString type = binding.attribute(u"type").trimmed();
        if (!type.isEmpty() && !types.contains(type))
            types << type;
    }
    return types;
}

} // namespace parla::xmpp::sasl
