// SPDX-License-Identifier: GPL-3.0-or-later
// tls-server-end-point (RFC 5929 §4.1) and the DER walk behind it. The certificates were made
// with `openssl req -x509` (OpenSSL 3.0) and the expected values computed by
// `openssl x509 -outform DER | openssl dgst -<hash>`, independently of the code under test.
#include "core/xmpp/sasl/channelbinding.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QTest>

#include <optional>

using namespace parla::xmpp::sasl;

namespace {

// sha256WithRSAEncryption
const char k_rsa256Pem[] = R"(-----BEGIN CERTIFICATE-----
MIICFjCCAX+gAwIBAgIUOi9Y5mXM5q0obsaxGELTRjupqmAwDQYJKoZIhvcNAQEL
BQAwHDEaMBgGA1UEAwwRcnNhMjU2LnBhcmxhLnRlc3QwIBcNMjYxMTI1MTMyOTUz
WhgPMjEyNjExMDExMzI5NTNaMBwxGjAYBgNVBAMMEXJzYTI1Ni5wYXJsYS50ZXN0
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDArSsM/ll71EPoIZbTwuff0+cQ
R5DHZRw1H90BqknrHMWgWZnAfdHEj4nOytjIHaBAd3XiLV7t+VptD0nzY5/FevJI
VqIheE7snIm+KOtaxS5UnGlDfMj1/LePne8YQ9+6cUdsube5r5hLROTR80Rv1sJ4
635rty9pM9ej554FEwIDAQABo1MwUTAdBgNVHQ4EFgQUxNH2jO0bkXMgZecArelx
QoFrZNowHwYDVR0jBBgwFoAUxNH2jO0bkXMgZecArelxQoFrZNowDwYDVR0TAQH/
BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOBgQBB7nbVnA/hz0viG4IY+q/gy+KCTEy1
IDiCg09Ntx1gl0Z69UzfyzCO5blVHjybH6JuQlDtx9l4wbChmWTjh1TnYh5OZles
aOhw4Vq28Iya/CNhpxFBJdfMpL9i1iRfmL/zPmrfcEaDdUjW5guDGZ7ZdLbnd71Q
dyqKvqyAOs/odw==
-----END CERTIFICATE-----)";

// ecdsa-with-SHA384 (P-256 key)
const char k_ec384Pem[] = R"(-----BEGIN CERTIFICATE-----
MIIBjDCCATOgAwIBAgIUEnJQzvVXV42/H4tIJuziyDqHd3AwCgYIKoZIzj0EAwMw
GzEZMBcGA1UEAwwQZWMzODQucGFybGEudGVzdDAgFw0yNjExMjUxMzI5NTNaGA8y
MTI2MTEwMTEzMjk1M1owGzEZMBcGA1UEAwwQZWMzODQucGFybGEudGVzdDBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABEMhJv7wWCJ5izuN1psVpq28St+24x6ygLif
v0ldYs1sxMWJevVRQA/Y+txKxDFNanyiPV0icw5AL3/f4tGWkDCjUzBRMB0GA1Ud
DgQWBBQbc/Fzi2giGvCrqJCOVrWGrIpcmTAfBgNVHSMEGDAWgBQbc/Fzi2giGvCr
qJCOVrWGrIpcmTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMDA0cAMEQCICRj
6JurO+HU9XLv0yfBpPLFJpHTYT9V/R9DxS269F8LAiAZgp4wRbtP3m3n+uCipTbf
SORezb7oLyM/WivwX+pCEQ==
-----END CERTIFICATE-----)";

// sha512WithRSAEncryption
const char k_rsa512Pem[] = R"(-----BEGIN CERTIFICATE-----
MIICFjCCAX+gAwIBAgIUc4fr+sGhs27y/mnIccJdb9JLfIcwDQYJKoZIhvcNAQEN
BQAwHDEaMBgGA1UEAwwRcnNhNTEyLnBhcmxhLnRlc3QwIBcNMjYxMTI1MTMyOTUz
WhgPMjEyNjExMDExMzI5NTNaMBwxGjAYBgNVBAMMEXJzYTUxMi5wYXJsYS50ZXN0
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDArSsM/ll71EPoIZbTwuff0+cQ
R5DHZRw1H90BqknrHMWgWZnAfdHEj4nOytjIHaBAd3XiLV7t+VptD0nzY5/FevJI
VqIheE7snIm+KOtaxS5UnGlDfMj1/LePne8YQ9+6cUdsube5r5hLROTR80Rv1sJ4
635rty9pM9ej554FEwIDAQABo1MwUTAdBgNVHQ4EFgQUxNH2jO0bkXMgZecArelx
QoFrZNowHwYDVR0jBBgwFoAUxNH2jO0bkXMgZecArelxQoFrZNowDwYDVR0TAQH/
BAUwAwEB/zANBgkqhkiG9w0BAQ0FAAOBgQAHfdKkjBlZqZjyB8n2drwEA3iDUPDs
/1djEUX8MGEALZpJH5qmT19vGBgUIA7WCCdSrRaorzEKFWYeC7W3KitOY53x/esE
UHX0MuJ5WhGiIfokOBQEqQI7D9IkN3WxOpGT0JtiphoazcdwVPIE1FyI4ckR0P/t
gl1os80PgGXEsQ==
-----END CERTIFICATE-----)";

// sha1WithRSAEncryption: SHA-1 is replaced by SHA-256
const char k_rsa1Pem[] = R"(-----BEGIN CERTIFICATE-----
MIICEjCCAXugAwIBAgIULUaYQdDjNUdLFmL9EA+0fgKuPU0wDQYJKoZIhvcNAQEF
BQAwGjEYMBYGA1UEAwwPcnNhMS5wYXJsYS50ZXN0MCAXDTI2MTEyNTEzMjk1M1oY
DzIxMjYxMTAxMTMyOTUzWjAaMRgwFgYDVQQDDA9yc2ExLnBhcmxhLnRlc3QwgZ8w
DQYJKoZIhvcNAQEBBQADgY0AMIGJAoGBAMCtKwz+WXvUQ+ghltPC59/T5xBHkMdl
HDUf3QGqSescxaBZmcB90cSPic7K2MgdoEB3deItXu35Wm0PSfNjn8V68khWoiF4
Tuycib4o61rFLlScaUN8yPX8t4+d7xhD37pxR2y5t7mvmEtE5NHzRG/Wwnjrfmu3
L2kz16PnngUTAgMBAAGjUzBRMB0GA1UdDgQWBBTE0faM7RuRcyBl5wCt6XFCgWtk
2jAfBgNVHSMEGDAWgBTE0faM7RuRcyBl5wCt6XFCgWtk2jAPBgNVHRMBAf8EBTAD
AQH/MA0GCSqGSIb3DQEBBQUAA4GBADFHFm8iKMvh7CKalnpkly81qbunUAqDLn/9
0C7xZ2vxnVQK/mREhJsZTJUu4WxWatsY7toURtB6ShoMW9PhnoOHhdEgaDDBCd3B
wAlLFKEq7/SVoJRqEMZITzRX7vHUVIjC+UvL0Pf5/usWMTPaN7nMgBcWWaSmJOXJ
rnlDWFU+
-----END CERTIFICATE-----)";

// md5WithRSAEncryption: MD5 is replaced by SHA-256
const char k_rsamd5Pem[] = R"(-----BEGIN CERTIFICATE-----
MIICFjCCAX+gAwIBAgIUVJFBUHphPO62Kb3imGG4rl5dKA0wDQYJKoZIhvcNAQEE
BQAwHDEaMBgGA1UEAwwRcnNhbWQ1LnBhcmxhLnRlc3QwIBcNMjYxMTI1MTMyOTU4
WhgPMjEyNjExMDExMzI5NThaMBwxGjAYBgNVBAMMEXJzYW1kNS5wYXJsYS50ZXN0
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDArSsM/ll71EPoIZbTwuff0+cQ
R5DHZRw1H90BqknrHMWgWZnAfdHEj4nOytjIHaBAd3XiLV7t+VptD0nzY5/FevJI
VqIheE7snIm+KOtaxS5UnGlDfMj1/LePne8YQ9+6cUdsube5r5hLROTR80Rv1sJ4
635rty9pM9ej554FEwIDAQABo1MwUTAdBgNVHQ4EFgQUxNH2jO0bkXMgZecArelx
QoFrZNowHwYDVR0jBBgwFoAUxNH2jO0bkXMgZecArelxQoFrZNowDwYDVR0TAQH/
BAUwAwEB/zANBgkqhkiG9w0BAQQFAAOBgQCOOJADd5hpnQYASCQCEzW223y062h6
PWTNUywxldFkNC3XfG7ViLra7TH+YxReYTB3qVd2dkIF3fB6v0B/JB4SUkilJWwn
ROxB2sfSirVPmcI8bA3jxPP4dGjusbk24s+Imn9WvfB5mq07JB7Xnp5SJx/7/bBL
sAVuup86n/jXdw==
-----END CERTIFICATE-----)";

// RSASSA-PSS with SHA-384 in its parameters
const char k_pss384Pem[] = R"(-----BEGIN CERTIFICATE-----
MIICfjCCAbOgAwIBAgIUd2qH9BTHqmASM+K3cjzQBxXqpsAwQQYJKoZIhvcNAQEK
MDSgDzANBglghkgBZQMEAgIFAKEcMBoGCSqGSIb3DQEBCDANBglghkgBZQMEAgIF
AKIDAgEgMBwxGjAYBgNVBAMMEXBzczM4NC5wYXJsYS50ZXN0MCAXDTI2MTEyNTEz
MzQxN1oYDzIxMjYxMTAxMTMzNDE3WjAcMRowGAYDVQQDDBFwc3MzODQucGFybGEu
dGVzdDCBnzANBgkqhkiG9w0BAQEFAAOBjQAwgYkCgYEAr+Q0Zw2TWBfBtai48vj8
KsnR0vf/C+VClIOpib7tQkWKXMO7NQZN4z262UtuCejysmqfgRh6X0FUOgyymn2z
giFxhhTUMLvjPb6rJLpoA/PaOybPms7t2fztwEXslQFPjf0POp+pSp7wAZGwOwBc
vd0LhJYC0XOygDYPCgr/UB8CAwEAAaNTMFEwHQYDVR0OBBYEFDVOugylKzVPuKAr
dpUlxyeo+GoGMB8GA1UdIwQYMBaAFDVOugylKzVPuKArdpUlxyeo+GoGMA8GA1Ud
EwEB/wQFMAMBAf8wQQYJKoZIhvcNAQEKMDSgDzANBglghkgBZQMEAgIFAKEcMBoG
CSqGSIb3DQEBCDANBglghkgBZQMEAgIFAKIDAgEgA4GBADmPRe1YhsbuamRxSMRJ
yfp9GNk1BqaJaT1+PDYctzWrK5hEsknN1TiKA3RJHsN8aOEynbNrJySvaOvECl0f
cH6B35KKJn/a+mGJaDHy7vgSfHUEFXL4lMdMfF5TOS/H8fns0Z9mnvf6oslB/2W2
H3gKox7RiR841A5gdtujFWwU
-----END CERTIFICATE-----)";

// Ed25519: no single hash, RFC 5929 defines nothing
const char k_edPem[] = R"(-----BEGIN CERTIFICATE-----
MIIBRjCB+aADAgECAhRzRQWpuNaagocDmuzFrU+wocX3LzAFBgMrZXAwGDEWMBQG
A1UEAwwNZWQucGFybGEudGVzdDAgFw0yNjExMjUxMzI5NTNaGA8yMTI2MTEwMTEz
Mjk1M1owGDEWMBQGA1UEAwwNZWQucGFybGEudGVzdDAqMAUGAytlcAMhAGTD+fyv
rQG/Ko84LdSuVELkdP6fZ7nPXUuHCiFpM6WHo1MwUTAdBgNVHQ4EFgQUbNB3N7VS
CpWU579vYlKxG2OII2UwHwYDVR0jBBgwFoAUbNB3N7VSCpWU579vYlKxG2OII2Uw
DwYDVR0TAQH/BAUwAwEB/zAFBgMrZXADQQDFVsiFt5T7HDGStMj0YmPp4c9STsGu
xIWpN99O36XDNiNYhgUlQmTj+WwnuntWaDLIfi9LpHtzZOcLxVEntzoI
-----END CERTIFICATE-----)";

struct CertCase
{
    const char *name;
    const char *pem;
    const char *oid;
    std::optional<QCryptographicHash::Algorithm> hash;
    const char *expectedHex;
};

const CertCase kCertCases[] = {
    {"rsa256", k_rsa256Pem, "1.2.840.113549.1.1.11", QCryptographicHash::Sha256,
     "668ad26fae80ebf27e21b876064c193889da990a208643a273294c6e9eda899f"},
    {"ec384", k_ec384Pem, "1.2.840.10045.4.3.3", QCryptographicHash::Sha384,
     "38cb9e93cf406414a052dd8900be3defbf2671fe2047cde4ffc022985e20649d85a0c41050162f323f066ec293ac9"
     "ec5"},
    {"rsa512", k_rsa512Pem, "1.2.840.113549.1.1.13", QCryptographicHash::Sha512,
     "11a32551e1a829ecf125cf75617155ea8e94e743e78ed34cd4a581cd3d3254a26b386f2d30fc4f48f2dd3792577ad"
     "141e80ba125f617450a4ad43187e0613d15"},
    {"rsa1", k_rsa1Pem, "1.2.840.113549.1.1.5", QCryptographicHash::Sha256,
     "3cd06b26bbe411248c6d3521f2d0e1b59c1f46b2cc8f379892fd7c9aedc88bf9"},
    {"rsamd5", k_rsamd5Pem, "1.2.840.113549.1.1.4", QCryptographicHash::Sha256,
     "de106b3bfa160ce43530c4b6c479be910f598ae80e2af29b628b9888023433d4"},
    {"pss384", k_pss384Pem, "1.2.840.113549.1.1.10", QCryptographicHash::Sha384,
     "367a11a662d77343eae951e854cf6ac19acc5953b171f108cc40f65beb944f9e26ea305e90faf70ef64fc354a386e"
     "de7"},
    {"ed", k_edPem, "1.3.101.112", std::nullopt, ""},
};

QSslCertificate load(const char *pem)
{
    return QSslCertificate(QByteArray(pem), QSsl::Pem);
}

} // namespace

class TestChannelBinding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signatureHash_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(kCertCases)); ++i)
            QTest::newRow(kCertCases[i].name) << i;
    }

    void signatureHash()
    {
        QFETCH(int, index);
        const CertCase &c = kCertCases[index];
        const QSslCertificate certificate = load(c.pem);
        QVERIFY(!certificate.isNull());
        const QByteArray der = certificate.toDer();

        QCOMPARE(certificateSignatureAlgorithmOid(der),
                 std::optional<QString>(QString::fromLatin1(c.oid)));
        QCOMPARE(tlsServerEndPointHash(der), c.hash);
        QCOMPARE(tlsServerEndPointData(certificate).toHex(), QByteArray(c.expectedHex));

        const ChannelBinding binding = tlsServerEndPointBinding(certificate);
        QCOMPARE(binding.isValid(), c.hash.has_value());
        if (c.hash) {
            QCOMPARE(binding.type, QStringLiteral("tls-server-end-point"));
            QCOMPARE(binding.data.toHex(), QByteArray(c.expectedHex));
        }
    }

    void nullCertificateHasNoBinding()
    {
        QVERIFY(tlsServerEndPointData(QSslCertificate()).isEmpty());
        QVERIFY(!tlsServerEndPointBinding(QSslCertificate()).isValid());
    }

    void everyTruncationIsRefused()
    {
        const QByteArray der = load(k_rsa256Pem).toDer();
        for (qsizetype n = 0; n < der.size(); ++n) {
            // The OID sits right after tbsCertificate; shorter prefixes must never yield it.
            QVERIFY2(!certificateSignatureAlgorithmOid(der.first(n)).has_value(),
                     qPrintable(QString::number(n)));
        }
    }

    void hostileDer()
    {
        const QList<QByteArray> inputs{
            {},
            QByteArray::fromHex("30"),
            QByteArray::fromHex("3080"),                     // BER indefinite length
            QByteArray::fromHex("3085ffffffffff"),           // length of 5 octets
            QByteArray::fromHex("3084ffffffff00"),           // length beyond the data
            QByteArray::fromHex("30033002ff"),               // inner length beyond its parent
            QByteArray::fromHex("30083000300406028048"),     // non-minimal OID sub-identifier
            QByteArray::fromHex("300730003003060186"),       // OID cut mid-identifier
            QByteArray::fromHex("300a30003006050006022a03"), // NULL where the OID belongs
            QByteArray::fromHex("1f81300030023000"),         // high tag number form
        };
        for (const QByteArray &input : inputs) {
            QVERIFY2(!certificateSignatureAlgorithmOid(input).has_value(),
                     input.toHex().constData());
            QVERIFY2(!tlsServerEndPointHash(input).has_value(), input.toHex().constData());
        }
        // A well-formed skeleton still parses: SEQUENCE { SEQUENCE {}, SEQUENCE { OID 1.2.3 } }.
        QCOMPARE(certificateSignatureAlgorithmOid(QByteArray::fromHex("30073000300306012a"))
                     .value_or(QString()),
                 QStringLiteral("1.2"));
    }

    void mutatedCertificatesStayTotal()
    {
        const QByteArray der = load(k_ec384Pem).toDer();
        const QRegularExpression dotted(QStringLiteral("^\\d+(\\.\\d+)+$"));
        QRandomGenerator random(20261125); // fixed seed: the same mutations on every run
        int parsed = 0;
        for (int round = 0; round < 2000; ++round) {
            QByteArray mutated = der;
            for (int flips = 0; flips < 3; ++flips) {
                const auto at = random.bounded(mutated.size());
                mutated[at] = static_cast<char>(random.bounded(256));
            }
            const auto oid = certificateSignatureAlgorithmOid(mutated);
            if (oid) {
                ++parsed;
                QVERIFY2(dotted.match(*oid).hasMatch(), qPrintable(*oid));
            }
            tlsServerEndPointHash(mutated); // must not crash or read out of bounds (ASan)
        }
        QVERIFY(parsed > 0); // most flips land in the tbsCertificate, which is skipped whole
    }
};

QTEST_GUILESS_MAIN(TestChannelBinding)
#include "tst_channelbinding.moc"
