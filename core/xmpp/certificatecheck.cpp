// SPDX-License-Identifier: GPL-3.0-or-later
#include "certificatecheck.h"

#include <QCoreApplication>

namespace parla::xmpp {

QString certificateFingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    const QByteArray hex = certificate.digest(QCryptographicHash::Sha256).toHex().toUpper();
    QString out;
    out.reserve(hex.size() * 3 / 2);
    for (qsizetype i = 0; i < hex.size(); i += 2) {
        if (i)
            out += u':';
        out += QLatin1StringView(hex.mid(i, 2));
    }
    return out;
}

namespace {
QString explain(const QSslError &error)
{
    auto tr = [](const char *t) { return QCoreApplication::translate("Certificate", t); };
    switch (error.error()) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
        return tr("it is self-signed, so nobody vouches for it");
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::CertificateUntrusted:
        return tr("it is issued by an authority this computer does not trust");
    case QSslError::CertificateExpired:
        return tr("it has expired");
    case QSslError::CertificateNotYetValid:
        return tr("it is not valid yet");
    case QSslError::HostNameMismatch:
        return tr("it was issued for a different server name");
    case QSslError::CertificateRevoked:
        return tr("it has been revoked");
    default:
        return error.errorString();
    }
}
} // namespace

CertificateInfo describeCertificate(const QSslCertificate &certificate,
                                    const QList<QSslError> &errors)
{
    CertificateInfo info;
    info.fingerprintSha256 = certificateFingerprint(certificate);
    info.subject = certificate.subjectDisplayName();
    info.issuer = certificate.issuerDisplayName();
    info.notBefore = certificate.effectiveDate();
    info.notAfter = certificate.expiryDate();
    info.pem = certificate.toPem();
    for (const QSslError &e : errors) {
        const QString text = explain(e);
        if (!info.problems.contains(text))
            info.problems << text;
    }
    return info;
}

} // namespace parla::xmpp
