// SPDX-License-Identifier: GPL-3.0-or-later
// SCRAM (RFC 5802, RFC 7677) and PLAIN (RFC 4616) as client-side state machines.
//
// The SHA-1 and SHA-256 vectors are the RFCs' own examples. The SHA-512 and -PLUS vectors
// were computed once with Python's hashlib.pbkdf2_hmac/hmac (an implementation independent of
// Qt's) and pasted here.
#include "core/xmpp/sasl/plain.h"
#include "core/xmpp/sasl/scram.h"

#include <QTest>

using namespace parla::xmpp::sasl;

namespace {

struct Vector
{
    ScramHash hash;
    const char *user;
    const char *password;
    const char *clientNonce;
    const char *clientFirst;
    const char *serverFirst;
    const char *clientFinal;
    const char *serverFinal;
    const char *clientKeyHex;
    const char *serverKeyHex;
};

// RFC 5802 §5.
const Vector kSha1{
    ScramHash::Sha1,
    "user",
    "pencil",
    "fyko+d2lbbFgONRv9qkxdawL",
    "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
    "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
    "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
    "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=",
    "e234c47bf6c36696dd6d852b99aaa2ba26555728",
    "0fe09258b3ac852ba502cc62ba903eaacdbf7d31"};

// RFC 7677 §3.
const Vector kSha256{
    ScramHash::Sha256,
    "user",
    "pencil",
    "rOprNGfwEbeRWgbNEkqO",
    "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+"
    "Ute9ytag9zjfMHgsqmmiz7AndVQ=",
    "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
    "a60fc923d67e8644a92d16b96eda5ef4656b0c725c484374be25535576996e8b",
    "c1f3cbc1c13a9d35a14c0990eed97629ea225863e566a4314ab99f3f00e5d9d5"};

// Python hashlib/hmac, salt "parla-salt-512!!".
const Vector kSha512{
    ScramHash::Sha512,
    "juliet",
    "r0m30myr0m30",
    "t3stN0nce512abcdefgh",
    "n,,n=juliet,r=t3stN0nce512abcdefgh",
    "r=t3stN0nce512abcdefghSrv+n0nce/xyz=,s=cGFybGEtc2FsdC01MTIhIQ==,i=4096",
    "c=biws,r=t3stN0nce512abcdefghSrv+n0nce/"
    "xyz=,p=Kh+xT2cp2t83ZAxaibJUV92vV+/Xrmx8NesOkMIZm2dZ5f5hVltnc2tFSJ8TWi3jSNvjK6o3/"
    "nGSxpve+Egfqw==",
    "v=HPXoMZgVwk85KXK7IzRQsOfDH8yKVA6sQrV6R3WXGXwGHFOVmQeQBZMpxjMrlDxlxn+DbNtzVFwKXh5uN7d0Og==",
    "00bcb0dfc3adf710e39bdd0cd233f02b4f098f0079ade5fa8f5cd70b98a478d95757aab548d4b938772bc32eec1742"
    "9bd952f344a0bf56b19e73471dd986147c",
    "fd7623033d8bf7e3eae9619d0e76a7c77e02e66f3e82bd5674a135021132fcb6052c205c202d356dbf7479fa2091b2"
    "4765cf01fb639beb55dd14e4bf518c595b"};

// Python hashlib/hmac: SCRAM-SHA-256-PLUS, tls-exporter data = bytes 0..31.
const Vector kSha256Plus{
    ScramHash::Sha256,
    "juliet",
    "r0m30myr0m30",
    "plusN0nceClient",
    "p=tls-exporter,,n=juliet,r=plusN0nceClient",
    "r=plusN0nceClientplusServerPart,s=MDEyMzQ1Njc4OWFiY2RlZg==,i=4096",
    "c=cD10bHMtZXhwb3J0ZXIsLAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f,r="
    "plusN0nceClientplusServerPart,p=J8bo3u786bH83x5yAHNiwpGTaTMCokgWyuxYilrYfHM=",
    "v=yyzoc9SMtf1AFqqdmq2N2I5WtLUV0Bp/tRKjn/56/dY=",
    "655185181853d6a26eabc273071717140ba726d4d4be4461af9d0dacc6365fab",
    "ff180d80c667d4d2873f43fe41a992fecc4ae1cf64f9a9bec04db9976932618f"};

ChannelBinding exporterBinding()
{
    QByteArray data;
    for (int i = 0; i < 32; ++i)
        data.append(char(i));
    return {QStringLiteral("tls-exporter"), data};
}

std::unique_ptr<ScramMechanism> make(const Vector &v,
                                     ChannelBindingFlag flag = ChannelBindingFlag::ClientCannotBind,
                                     const ChannelBinding &binding = {})
{
    auto m = std::make_unique<ScramMechanism>(v.hash, QString::fromUtf8(v.user),
                                              QString::fromUtf8(v.password), flag, binding);
    m->setClientNonceForTest(v.clientNonce);
    return m;
}

// Runs client-first and server-first of `v`; returns the mechanism awaiting server-final.
std::unique_ptr<ScramMechanism> upToClientFinal(const Vector &v)
{
    auto m = make(v);
    m->initialResponse();
    m->handleChallenge(v.serverFirst);
    return m;
}

QByteArray serverFirstWith(const QByteArray &nonce, const QByteArray &salt, const QByteArray &i)
{
    return "r=" + nonce + ",s=" + salt + ",i=" + i;
}

} // namespace

class TestScram : public QObject
{
    Q_OBJECT

private:
    void runVector(const Vector &v, ChannelBindingFlag flag = ChannelBindingFlag::ClientCannotBind,
                   const ChannelBinding &binding = {})
    {
        auto m = make(v, flag, binding);
        QCOMPARE(m->initialResponse(), QByteArray(v.clientFirst));
        const auto clientFinal = m->handleChallenge(v.serverFirst);
        QVERIFY2(clientFinal.has_value(), qPrintable(m->errorString()));
        QCOMPARE(*clientFinal, QByteArray(v.clientFinal));
        QVERIFY2(m->handleSuccess(v.serverFinal), qPrintable(m->errorString()));
        QVERIFY(m->errorString().isEmpty());

        const auto keys = m->keys();
        QVERIFY(keys.has_value());
        QCOMPARE(keys->clientKey.toHex(), QByteArray(v.clientKeyHex));
        QCOMPARE(keys->serverKey.toHex(), QByteArray(v.serverKeyHex));
        QCOMPARE(keys->iterations, 4096);
        QCOMPARE(keys->hash, v.hash);
    }

private Q_SLOTS:
    void rfc5802Sha1()
    {
        runVector(kSha1);
        QCOMPARE(make(kSha1)->name(), QStringLiteral("SCRAM-SHA-1"));
    }

    void rfc7677Sha256()
    {
        runVector(kSha256);
        QCOMPARE(make(kSha256)->name(), QStringLiteral("SCRAM-SHA-256"));
    }

    void sha512()
    {
        runVector(kSha512);
        QCOMPARE(make(kSha512)->name(), QStringLiteral("SCRAM-SHA-512"));
    }

    void plusWithTlsExporter()
    {
        runVector(kSha256Plus, ChannelBindingFlag::Bound, exporterBinding());
        auto m = make(kSha256Plus, ChannelBindingFlag::Bound, exporterBinding());
        QCOMPARE(m->name(), QStringLiteral("SCRAM-SHA-256-PLUS"));
        QCOMPARE(m->gs2Header(), QByteArray("p=tls-exporter,,"));
        // c= carries the GS2 header followed by the binding data (RFC 5802 §7 cbind-input).
        const QByteArray c = QByteArray(kSha256Plus.clientFinal).split(',').first().mid(2);
        QCOMPARE(QByteArray::fromBase64(c), "p=tls-exporter,," + exporterBinding().data);
    }

    void gs2HeaderFlags_data()
    {
        QTest::addColumn<int>("flag");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("cAttribute");
        QTest::newRow("n") << int(ChannelBindingFlag::ClientCannotBind) << QByteArray("n,,")
                           << QByteArray("c=biws"); // base64("n,,")
        QTest::newRow("y") << int(ChannelBindingFlag::ServerDidNotOffer) << QByteArray("y,,")
                           << QByteArray("c=eSws"); // base64("y,,")
        QTest::newRow("p") << int(ChannelBindingFlag::Bound) << QByteArray("p=tls-exporter,,")
                           << "c=" + ("p=tls-exporter,," + exporterBinding().data).toBase64();
    }

    void gs2HeaderFlags()
    {
        QFETCH(int, flag);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, cAttribute);
        auto m = make(kSha256, ChannelBindingFlag(flag), exporterBinding());
        QCOMPARE(m->initialResponse(), header + "n=user,r=" + kSha256.clientNonce);
        const auto clientFinal = m->handleChallenge(kSha256.serverFirst);
        QVERIFY(clientFinal);
        QCOMPARE(clientFinal->split(',').first(), cAttribute);
        // Only "n" reproduces the RFC's proof: the GS2 header is part of what is signed.
        QCOMPARE(*clientFinal == QByteArray(kSha256.clientFinal),
                 ChannelBindingFlag(flag) == ChannelBindingFlag::ClientCannotBind);
        QCOMPARE(m->name().endsWith(QStringLiteral("-PLUS")),
                 ChannelBindingFlag(flag) == ChannelBindingFlag::Bound);
    }

    void boundWithoutBindingDataFails()
    {
        ScramMechanism m(ScramHash::Sha256, QStringLiteral("user"), QStringLiteral("pencil"),
                         ChannelBindingFlag::Bound, {QStringLiteral("tls-exporter"), {}});
        QVERIFY(m.failed());
        QVERIFY(m.initialResponse().isEmpty());
        QVERIFY(!m.handleChallenge(kSha256.serverFirst));
        QVERIFY(!m.handleSuccess(kSha256.serverFinal));

        ScramMechanism badType(ScramHash::Sha256, QStringLiteral("user"), QStringLiteral("p"),
                               ChannelBindingFlag::Bound,
                               {QStringLiteral("tls,exporter"), QByteArray("x")});
        QVERIFY(badType.failed());
    }

    void badServerSignatureIsFailure()
    {
        auto m = upToClientFinal(kSha256);
        QVERIFY(!m->handleSuccess("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")); // SHA-1 example's signature
        QVERIFY(m->errorString().contains(QStringLiteral("impostor")));

        auto flipped = upToClientFinal(kSha1);
        QByteArray forged = kSha1.serverFinal;
        forged[5] = forged[5] == 'A' ? 'B' : 'A';
        QVERIFY(!flipped->handleSuccess(forged));
    }

    void successWithoutSignatureIsFailure()
    {
        auto m = upToClientFinal(kSha1);
        QVERIFY(!m->handleSuccess({}));
        QVERIFY(m->errorString().contains(QStringLiteral("impostor")));

        auto early = make(kSha1);
        early->initialResponse();
        QVERIFY(!early->handleSuccess(kSha1.serverFinal)); // before server-first
    }

    void serverFinalAsChallenge()
    {
        auto m = upToClientFinal(kSha1);
        const auto response = m->handleChallenge(kSha1.serverFinal);
        QVERIFY(response.has_value());
        QVERIFY(response->isEmpty());
        QVERIFY(m->handleSuccess({}));

        auto forged = upToClientFinal(kSha1);
        QVERIFY(!forged->handleChallenge("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        QVERIFY(!forged->handleSuccess({}));
    }

    void nonceMismatch_data()
    {
        QTest::addColumn<QByteArray>("nonce");
        QTest::newRow("other client nonce") << QByteArray("AAAA+d2lbbFgONRv9qkxdawL3rfc");
        QTest::newRow("no server part") << QByteArray(kSha1.clientNonce);
        QTest::newRow("prefix only") << QByteArray("fyko+d2lbb");
        QTest::newRow("non-printable") << QByteArray("fyko+d2lbbFgONRv9qkxdawL\x01xyz");
        QTest::newRow("empty") << QByteArray();
    }

    void nonceMismatch()
    {
        QFETCH(QByteArray, nonce);
        auto m = make(kSha1);
        m->initialResponse();
        QVERIFY(!m->handleChallenge(serverFirstWith(nonce, "QSXCR+Q6sek8bf92", "4096")));
        QVERIFY(!m->errorString().isEmpty());
        QVERIFY(!m->keys().has_value());
    }

    void iterationLimits_data()
    {
        QTest::addColumn<QByteArray>("iterations");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("errorMentions");
        QTest::newRow("4096") << QByteArray("4096") << true << QString();
        QTest::newRow("4095") << QByteArray("4095") << false << QStringLiteral("4095");
        QTest::newRow("1") << QByteArray("1") << false << QStringLiteral("only 1 iterations");
        QTest::newRow("0") << QByteArray("0") << false << QStringLiteral("4096");
        QTest::newRow("too many") << QByteArray("1000001") << false << QStringLiteral("1000001");
        QTest::newRow("huge") << QByteArray("9999999999") << false << QStringLiteral("overload");
        QTest::newRow("negative") << QByteArray("-4096") << false << QStringLiteral("invalid");
        QTest::newRow("text") << QByteArray("lots") << false << QStringLiteral("invalid");
        QTest::newRow("overflow") << QByteArray("99999999999999999999") << false
                                  << QStringLiteral("invalid");
        QTest::newRow("empty") << QByteArray() << false << QStringLiteral("invalid");
    }

    void iterationLimits()
    {
        QFETCH(QByteArray, iterations);
        QFETCH(bool, accepted);
        QFETCH(QString, errorMentions);
        auto m = make(kSha1);
        m->initialResponse();
        const auto r = m->handleChallenge(serverFirstWith(
            QByteArray(kSha1.clientNonce) + "3rfcNHYJY1ZVvWVs7j", "QSXCR+Q6sek8bf92", iterations));
        QCOMPARE(r.has_value(), accepted);
        QVERIFY2(m->errorString().contains(errorMentions), qPrintable(m->errorString()));
    }

    void mandatoryExtensionAborts()
    {
        auto m = make(kSha1);
        m->initialResponse();
        QVERIFY(!m->handleChallenge(QByteArray("m=something,") + kSha1.serverFirst));
        QVERIFY(m->errorString().contains(QStringLiteral("extension")));
    }

    void optionalExtensionIsIgnored()
    {
        auto m = make(kSha1);
        m->initialResponse();
        const auto r = m->handleChallenge(QByteArray(kSha1.serverFirst) + ",x=future");
        QVERIFY(r.has_value());
        // The extension is part of AuthMessage, so the proof differs from the RFC's.
        QVERIFY(*r != QByteArray(kSha1.clientFinal));
    }

    void malformedServerFirst_data()
    {
        QTest::addColumn<QByteArray>("message");
        const QByteArray r = QByteArray("r=") + kSha1.clientNonce + "srv";
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("garbage") << QByteArray("garbage");
        QTest::newRow("no value") << QByteArray("r");
        QTest::newRow("wrong order") << "s=QSXCR+Q6sek8bf92," + r + ",i=4096";
        QTest::newRow("missing i") << r + ",s=QSXCR+Q6sek8bf92";
        QTest::newRow("bad salt") << r + ",s=!!notbase64!!,i=4096";
        QTest::newRow("empty salt") << r + ",s=,i=4096";
        QTest::newRow("trailing comma") << r + ",s=QSXCR+Q6sek8bf92,i=4096,";
        QTest::newRow("binary key") << "\x01=x," + r;
    }

    void malformedServerFirst()
    {
        QFETCH(QByteArray, message);
        auto m = make(kSha1);
        m->initialResponse();
        QVERIFY(!m->handleChallenge(message));
        QVERIFY(!m->errorString().isEmpty());
        QVERIFY(!m->handleSuccess(kSha1.serverFinal)); // stays failed
    }

    void serverErrorInFinal()
    {
        auto m = upToClientFinal(kSha1);
        QVERIFY(!m->handleSuccess("e=invalid-proof"));
        QVERIFY(m->errorString().contains(QStringLiteral("wrong password")));
        QVERIFY(m->errorString().contains(QStringLiteral("invalid-proof")));

        auto c = upToClientFinal(kSha1);
        QVERIFY(!c->handleChallenge("e=channel-bindings-dont-match"));
        QVERIFY(c->errorString().contains(QStringLiteral("intercepting")));

        auto other = upToClientFinal(kSha1);
        QVERIFY(!other->handleSuccess("e=some-new-reason"));
        QVERIFY(other->errorString().contains(QStringLiteral("some-new-reason")));
    }

    void serverErrorInFirst()
    {
        auto m = make(kSha1);
        m->initialResponse();
        QVERIFY(!m->handleChallenge("e=unknown-user"));
        QVERIFY(m->errorString().contains(QStringLiteral("unknown-user")));
    }

    void unexpectedSteps()
    {
        auto m = make(kSha1);
        QVERIFY(!m->handleChallenge(kSha1.serverFirst)); // before initialResponse
        QVERIFY(m->failed());

        auto twice = make(kSha1);
        twice->initialResponse();
        QVERIFY(twice->initialResponse().isEmpty());
        QVERIFY(twice->failed());

        auto done = upToClientFinal(kSha1);
        QVERIFY(done->handleSuccess(kSha1.serverFinal));
        QVERIFY(!done->handleChallenge(kSha1.serverFinal));
    }

    void usernameIsEscaped()
    {
        ScramMechanism m(ScramHash::Sha256, QStringLiteral("a=b,c"), QStringLiteral("x"));
        m.setClientNonceForTest("abc");
        QCOMPARE(m.initialResponse(), QByteArray("n,,n=a=3Db=2Cc,r=abc"));

        ScramMechanism empty(ScramHash::Sha256, QString(), QStringLiteral("x"));
        QVERIFY(empty.initialResponse().isEmpty());
        QVERIFY(empty.failed());
    }

    void randomNonce()
    {
        ScramMechanism a(ScramHash::Sha256, QStringLiteral("user"), QStringLiteral("x"));
        ScramMechanism b(ScramHash::Sha256, QStringLiteral("user"), QStringLiteral("x"));
        const QByteArray na = a.initialResponse().split(',').last();
        const QByteArray nb = b.initialResponse().split(',').last();
        QVERIFY(na.startsWith("r="));
        QCOMPARE(na.size(), 2 + 32); // 24 random bytes in base64
        QVERIFY(na != nb);
    }

    void cachedKeysReplacePassword()
    {
        auto first = make(kSha256);
        first->initialResponse();
        first->handleChallenge(kSha256.serverFirst);
        QVERIFY(first->handleSuccess(kSha256.serverFinal));
        const ScramKeys keys = *first->keys();

        ScramMechanism again(ScramHash::Sha256, QStringLiteral("user"), QString());
        again.setClientNonceForTest(kSha256.clientNonce);
        again.setCachedKeys(keys);
        again.initialResponse();
        QCOMPARE(again.handleChallenge(kSha256.serverFirst),
                 std::optional<QByteArray>(kSha256.clientFinal));
        QVERIFY(again.handleSuccess(kSha256.serverFinal));

        // A server with a new salt needs the password again.
        ScramKeys stale = keys;
        stale.salt = "other salt";
        ScramMechanism mismatch(ScramHash::Sha256, QStringLiteral("user"), QString());
        mismatch.setClientNonceForTest(kSha256.clientNonce);
        mismatch.setCachedKeys(stale);
        mismatch.initialResponse();
        QVERIFY(!mismatch.handleChallenge(kSha256.serverFirst));
        QVERIFY(mismatch.errorString().contains(QStringLiteral("password is needed")));
    }

    void saslPrepMapping_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        // RFC 4013 §3 examples, plus a non-ASCII space.
        QTest::newRow("soft hyphen") << QStringLiteral("I\u00ADX") << QStringLiteral("IX");
        QTest::newRow("plain") << QStringLiteral("user") << QStringLiteral("user");
        QTest::newRow("case kept") << QStringLiteral("USER") << QStringLiteral("USER");
        QTest::newRow("ordinal") << QStringLiteral("\u00AA") << QStringLiteral("a");
        QTest::newRow("roman nine") << QStringLiteral("\u2168") << QStringLiteral("IX");
        QTest::newRow("nbsp") << QStringLiteral("a\u00A0b") << QStringLiteral("a b");
        QTest::newRow("zero width") << QStringLiteral("a\u200Bb") << QStringLiteral("ab");
    }

    void saslPrepMapping()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(saslPrep(input), std::optional<QString>(expected));
    }

    void saslPrepRefusesNul()
    {
        QVERIFY(!saslPrep(QStringLiteral("a") + QChar(0) + QStringLiteral("b")).has_value());
    }

    void plain()
    {
        PlainMechanism m(QStringLiteral("juliet"), QStringLiteral("r0m\u00A0e0"));
        QCOMPARE(m.name(), QStringLiteral("PLAIN"));
        QCOMPARE(m.initialResponse(), QByteArray("\0juliet\0r0m e0", 14));
        QVERIFY(m.handleSuccess({}));

        PlainMechanism challenged(QStringLiteral("juliet"), QStringLiteral("x"));
        challenged.initialResponse();
        QVERIFY(!challenged.handleChallenge("anything"));
        QVERIFY(!challenged.handleSuccess({}));

        PlainMechanism nul(QStringLiteral("juliet"), QStringLiteral("a") + QChar(0));
        QVERIFY(nul.initialResponse().isEmpty());
        QVERIFY(nul.failed());

        PlainMechanism early(QStringLiteral("juliet"), QStringLiteral("x"));
        QVERIFY(!early.handleSuccess({}));
    }
};

QTEST_GUILESS_MAIN(TestScram)
#include "tst_scram.moc"
