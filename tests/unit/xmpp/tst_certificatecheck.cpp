// SPDX-License-Identifier: GPL-3.0-or-later
#include "xmpp/certificatecheck.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace parla::xmpp;

class TestCertificateCheck : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_certPath;
    QSslCertificate m_cert;

    /// Runs openssl with the arguments; returns its standard output, or a null array.
    QByteArray openssl(const QStringList &arguments)
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.start(QStringLiteral("openssl"), arguments);
        if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
            process.exitCode() != 0) {
            qWarning("openssl %s failed: %s", qPrintable(arguments.join(u' ')),
                     process.readAllStandardError().constData());
            return {};
        }
        QByteArray out = process.readAllStandardOutput();
        return out.isNull() ? QByteArray("") : out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_certPath = m_dir.filePath(QStringLiteral("cert.pem"));
        // A fresh self-signed certificate each run: nothing secret is committed to the tree.
        QVERIFY(!openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                          QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                          QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                          QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                          QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-keyout"),
                          m_dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
                          m_certPath})
                     .isNull());
        const auto certs = QSslCertificate::fromPath(m_certPath, QSsl::Pem);
        QCOMPARE(certs.size(), 1);
        m_cert = certs.first();
        QVERIFY(!m_cert.isNull());
    }

    void fingerprintMatchesOpenssl()
    {
        const QByteArray out = openssl({QStringLiteral("x509"), QStringLiteral("-noout"),
                                        QStringLiteral("-fingerprint"), QStringLiteral("-sha256"),
                                        QStringLiteral("-in"), m_certPath});
        QVERIFY(!out.isNull());
        // "sha256 Fingerprint=AB:CD:…" (the prefix's case differs between OpenSSL versions).
        const qsizetype eq = out.indexOf('=');
        QVERIFY2(eq > 0, out.constData());
        const QString expected = QString::fromLatin1(out.mid(eq + 1)).trimmed().toUpper();

        const QString fingerprint = certificateFingerprint(m_cert);
        QCOMPARE(fingerprint, expected);
        // 32 bytes as upper-case hex pairs joined by ':'.
        static const QRegularExpression format(QStringLiteral("^[0-9A-F]{2}(:[0-9A-F]{2}){31}$"));
        QVERIFY2(format.match(fingerprint).hasMatch(), qPrintable(fingerprint));
    }

    void nullCertificateHasNoFingerprint()
    {
        QVERIFY(certificateFingerprint(QSslCertificate()).isEmpty());
        const CertificateInfo info = describeCertificate(QSslCertificate(), {});
        QVERIFY(info.fingerprintSha256.isEmpty());
        QVERIFY(info.problems.isEmpty());
    }

    void describeListsPlainProblems()
    {
        const QList<QSslError> errors = {
            QSslError(QSslError::SelfSignedCertificate, m_cert),
            QSslError(QSslError::HostNameMismatch, m_cert),
            // The same problem twice (once per chain element) is listed once.
            QSslError(QSslError::SelfSignedCertificate, m_cert),
        };
        const CertificateInfo info = describeCertificate(m_cert, errors);
        QCOMPARE(info.fingerprintSha256, certificateFingerprint(m_cert));
        QVERIFY2(info.subject.contains(u"localhost"), qPrintable(info.subject));
        QVERIFY2(info.issuer.contains(u"localhost"), qPrintable(info.issuer)); // self-signed
        QVERIFY(info.notBefore.isValid());
        QVERIFY(info.notAfter > info.notBefore);
        QVERIFY(info.pem.startsWith("-----BEGIN CERTIFICATE-----"));
        QCOMPARE(QSslCertificate(info.pem, QSsl::Pem), m_cert);

        QCOMPARE(info.problems.size(), 2);
        QVERIFY2(info.problems.at(0).contains(u"self-signed"), qPrintable(info.problems.at(0)));
        QVERIFY2(info.problems.at(1).contains(u"different server name"),
                 qPrintable(info.problems.at(1)));
        // Plain words, not OpenSSL or Qt jargon.
        for (const QString &problem : info.problems) {
            QVERIFY2(!problem.contains(u"SSL", Qt::CaseInsensitive), qPrintable(problem));
            QVERIFY2(!problem.contains(u"X509", Qt::CaseInsensitive), qPrintable(problem));
        }
    }

    void expiredDescribed()
    {
        const CertificateInfo info =
            describeCertificate(m_cert, {QSslError(QSslError::CertificateExpired, m_cert)});
        QCOMPARE(info.problems.size(), 1);
        QVERIFY2(info.problems.front().contains(u"expired"), qPrintable(info.problems.front()));
    }
};

QTEST_GUILESS_MAIN(TestCertificateCheck)
#include "tst_certificatecheck.moc"
