// SPDX-License-Identifier: GPL-3.0-or-later
// Mechanism choice (Parla's policy over RFC 6120 §6), XEP-0440 features, the SASL XML wrapping
// and <failure/> conditions (RFC 6120 §6.5).
#include "core/xmpp/namespaces.h"
#include "core/xmpp/sasl/channelbinding.h"
#include "core/xmpp/sasl/failure.h"
#include "core/xmpp/sasl/selection.h"
#include "core/xmpp/sasl/wire.h"

#include <QTest>

using namespace parla::xmpp;
using namespace parla::xmpp::sasl;

Q_DECLARE_METATYPE(std::optional<QStringList>)

namespace {

const QString kExporter = QStringLiteral("tls-exporter");
const QString kEndPoint = QStringLiteral("tls-server-end-point");
const QString kUnique = QStringLiteral("tls-unique");

QStringList all()
{
    return {QStringLiteral("SCRAM-SHA-1"),   QStringLiteral("SCRAM-SHA-1-PLUS"),
            QStringLiteral("SCRAM-SHA-256"), QStringLiteral("SCRAM-SHA-256-PLUS"),
            QStringLiteral("SCRAM-SHA-512"), QStringLiteral("SCRAM-SHA-512-PLUS"),
            QStringLiteral("PLAIN")};
}

Element featuresWithBindings(const QStringList &types)
{
    Element features(QStringLiteral("features"), ns::Stream);
    Element cb(QStringLiteral("sasl-channel-binding"), ns::ChannelBinding);
    for (const QString &type : types)
        cb.appendChild(Element(QStringLiteral("channel-binding"), ns::ChannelBinding)
                           .setAttribute(QStringLiteral("type"), type));
    features.appendChild(cb);
    return features;
}

Element failureWith(const QString &condition, const QString &text = {})
{
    Element failure(QStringLiteral("failure"), ns::Sasl);
    if (!condition.isEmpty())
        failure.appendChild(Element(condition, ns::Sasl));
    if (!text.isEmpty())
        failure.appendTextChild(QStringLiteral("text"), text);
    return failure;
}

} // namespace

class TestSaslPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selection_data()
    {
        QTest::addColumn<QStringList>("offered");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<std::optional<QStringList>>("serverTypes");
        QTest::addColumn<QStringList>("clientTypes");
        QTest::addColumn<QString>("mechanism"); // empty: refused
        QTest::addColumn<int>("flag");
        QTest::addColumn<QString>("bindingType");
        QTest::addColumn<QString>("reasonMentions");

        const int n = int(ChannelBindingFlag::ClientCannotBind);
        const int y = int(ChannelBindingFlag::ServerDidNotOffer);
        const int p = int(ChannelBindingFlag::Bound);
        using Types = std::optional<QStringList>;

        QTest::newRow("strongest plus")
            << all() << true << Types(QStringList{kExporter, kEndPoint}) << QStringList{kEndPoint}
            << QStringLiteral("SCRAM-SHA-512-PLUS") << p << kEndPoint << QString();
        QTest::newRow("exporter preferred")
            << QStringList{QStringLiteral("SCRAM-SHA-256-PLUS"), QStringLiteral("SCRAM-SHA-1-PLUS"),
                           QStringLiteral("SCRAM-SHA-256")}
            << true << Types(QStringList{kEndPoint, kExporter}) << QStringList{kEndPoint, kExporter}
            << QStringLiteral("SCRAM-SHA-256-PLUS") << p << kExporter << QString();
        QTest::newRow("sha1 plus beats sha512 without binding")
            << QStringList{QStringLiteral("SCRAM-SHA-1-PLUS"), QStringLiteral("SCRAM-SHA-512")}
            << true << Types(QStringList{kEndPoint}) << QStringList{kEndPoint}
            << QStringLiteral("SCRAM-SHA-1-PLUS") << p << kEndPoint << QString();
        QTest::newRow("no XEP-0440: tls-unique assumed")
            << QStringList{QStringLiteral("SCRAM-SHA-1-PLUS"), QStringLiteral("SCRAM-SHA-1")}
            << true << Types() << QStringList{kUnique, kEndPoint}
            << QStringLiteral("SCRAM-SHA-1-PLUS") << p << kUnique << QString();
        QTest::newRow("no XEP-0440, no tls-unique: n")
            << QStringList{QStringLiteral("SCRAM-SHA-1-PLUS"), QStringLiteral("SCRAM-SHA-1")}
            << true << Types() << QStringList{kEndPoint} << QStringLiteral("SCRAM-SHA-1") << n
            << QString() << QString();
        QTest::newRow("plus offered, no common type: n")
            << all() << true << Types(QStringList{kExporter}) << QStringList{kEndPoint}
            << QStringLiteral("SCRAM-SHA-512") << n << QString() << QString();
        QTest::newRow("no plus offered, client can bind: y")
            << QStringList{QStringLiteral("SCRAM-SHA-256"), QStringLiteral("SCRAM-SHA-1")} << true
            << Types(QStringList{kEndPoint}) << QStringList{kEndPoint}
            << QStringLiteral("SCRAM-SHA-256") << y << QString() << QString();
        QTest::newRow("no plus offered, client cannot bind: n")
            << QStringList{QStringLiteral("SCRAM-SHA-256")} << true << Types() << QStringList()
            << QStringLiteral("SCRAM-SHA-256") << n << QString() << QString();
        QTest::newRow("no TLS: no binding")
            << all() << false << Types(QStringList{kEndPoint}) << QStringList{kEndPoint}
            << QStringLiteral("SCRAM-SHA-512") << n << QString() << QString();
        QTest::newRow("hash order")
            << QStringList{QStringLiteral("SCRAM-SHA-1"), QStringLiteral("SCRAM-SHA-512"),
                           QStringLiteral("SCRAM-SHA-256")}
            << true << Types() << QStringList() << QStringLiteral("SCRAM-SHA-512") << n << QString()
            << QString();
        QTest::newRow("names trimmed")
            << QStringList{QStringLiteral(" SCRAM-SHA-256\n")} << true << Types() << QStringList()
            << QStringLiteral("SCRAM-SHA-256") << n << QString() << QString();
        QTest::newRow("PLAIN inside TLS")
            << QStringList{QStringLiteral("PLAIN")} << true << Types() << QStringList()
            << QStringLiteral("PLAIN") << n << QString() << QString();
        QTest::newRow("PLAIN refused without TLS")
            << QStringList{QStringLiteral("PLAIN")} << false << Types() << QStringList()
            << QString() << n << QString() << QStringLiteral("without encryption");
        QTest::newRow("PLAIN not taken when SCRAM offered")
            << QStringList{QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-1")} << true
            << Types() << QStringList() << QStringLiteral("SCRAM-SHA-1") << n << QString()
            << QString();
        QTest::newRow("PLAIN not taken when only SCRAM-PLUS offered")
            << QStringList{QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-256-PLUS")} << true
            << Types(QStringList{kExporter}) << QStringList{kEndPoint} << QString() << n
            << QString() << QStringLiteral("bound to the encrypted connection");
        QTest::newRow("only weak mechanisms")
            << QStringList{QStringLiteral("DIGEST-MD5"), QStringLiteral("CRAM-MD5")} << true
            << Types() << QStringList() << QString() << n << QString()
            << QStringLiteral("no secure way to log in (it offers: DIGEST-MD5, CRAM-MD5)");
        QTest::newRow("names are case-sensitive")
            << QStringList{QStringLiteral("scram-sha-256")} << true << Types() << QStringList()
            << QString() << n << QString() << QStringLiteral("no secure way");
        QTest::newRow("nothing offered")
            << QStringList() << true << Types() << QStringList() << QString() << n << QString()
            << QStringLiteral("no way to log in");
    }

    void selection()
    {
        QFETCH(QStringList, offered);
        QFETCH(bool, tls);
        QFETCH(std::optional<QStringList>, serverTypes);
        QFETCH(QStringList, clientTypes);
        QFETCH(QString, mechanism);
        QFETCH(int, flag);
        QFETCH(QString, bindingType);
        QFETCH(QString, reasonMentions);

        const MechanismSelection result = selectMechanism(offered, tls, serverTypes, clientTypes);
        if (mechanism.isEmpty()) {
            const auto *refusal = std::get_if<MechanismRefusal>(&result);
            QVERIFY(refusal);
            QVERIFY2(refusal->reason.contains(reasonMentions), qPrintable(refusal->reason));
            return;
        }
        const auto *choice = std::get_if<MechanismChoice>(&result);
        QVERIFY2(choice, choice ? "" : qPrintable(std::get<MechanismRefusal>(result).reason));
        QCOMPARE(choice->mechanism, mechanism);
        QCOMPARE(int(choice->bindingFlag), flag);
        QCOMPARE(choice->channelBindingType, bindingType);
    }

    void createFromChoice()
    {
        const ChannelBinding endPoint{kEndPoint, QByteArray(32, 'x')};
        auto plus = createMechanism(
            {QStringLiteral("SCRAM-SHA-512-PLUS"), ChannelBindingFlag::Bound, kEndPoint},
            QStringLiteral("user"), QStringLiteral("pw"), {endPoint});
        QVERIFY(plus);
        QCOMPARE(plus->name(), QStringLiteral("SCRAM-SHA-512-PLUS"));
        QVERIFY(plus->initialResponse().startsWith("p=tls-server-end-point,,n=user,r="));

        auto y = createMechanism(
            {QStringLiteral("SCRAM-SHA-256"), ChannelBindingFlag::ServerDidNotOffer, {}},
            QStringLiteral("user"), QStringLiteral("pw"));
        QVERIFY(y);
        QVERIFY(y->initialResponse().startsWith("y,,n=user,r="));

        auto plain =
            createMechanism({QStringLiteral("PLAIN"), ChannelBindingFlag::ClientCannotBind, {}},
                            QStringLiteral("user"), QStringLiteral("pw"));
        QVERIFY(plain);
        QCOMPARE(plain->name(), QStringLiteral("PLAIN"));

        // A -PLUS choice without its binding, or inconsistent flags, builds nothing.
        QVERIFY(!createMechanism(
            {QStringLiteral("SCRAM-SHA-256-PLUS"), ChannelBindingFlag::Bound, kExporter},
            QStringLiteral("user"), QStringLiteral("pw"), {endPoint}));
        QVERIFY(!createMechanism(
            {QStringLiteral("SCRAM-SHA-256-PLUS"), ChannelBindingFlag::ClientCannotBind, {}},
            QStringLiteral("user"), QStringLiteral("pw")));
        QVERIFY(!createMechanism(
            {QStringLiteral("SCRAM-SHA-256"), ChannelBindingFlag::Bound, kEndPoint},
            QStringLiteral("user"), QStringLiteral("pw"), {endPoint}));
        QVERIFY(!createMechanism(
            {QStringLiteral("DIGEST-MD5"), ChannelBindingFlag::ClientCannotBind, {}},
            QStringLiteral("user"), QStringLiteral("pw")));
    }

    void xep0440Features()
    {
        QCOMPARE(channelBindingTypesFromFeatures(featuresWithBindings({kExporter, kEndPoint})),
                 std::optional<QStringList>(QStringList{kExporter, kEndPoint}));
        QCOMPARE(channelBindingTypesFromFeatures(
                     featuresWithBindings({kEndPoint, QString(), kEndPoint})),
                 std::optional<QStringList>(QStringList{kEndPoint}));
        QCOMPARE(channelBindingTypesFromFeatures(featuresWithBindings({})),
                 std::optional<QStringList>(QStringList()));
        QCOMPARE(channelBindingTypesFromFeatures(Element(QStringLiteral("features"), ns::Stream)),
                 std::optional<QStringList>());
        QCOMPARE(channelBindingTypesFromFeatures(Element()), std::optional<QStringList>());

        // The wrong namespace is not XEP-0440.
        Element wrong(QStringLiteral("features"), ns::Stream);
        wrong.appendChild(
            Element(QStringLiteral("sasl-channel-binding"), QStringLiteral("urn:other"))
                .appendChild(Element(QStringLiteral("channel-binding"), QStringLiteral("urn:other"))
                                 .setAttribute(QStringLiteral("type"), kExporter)));
        QCOMPARE(channelBindingTypesFromFeatures(wrong), std::optional<QStringList>());
    }

    void bindingTypeList()
    {
        QCOMPARE(
            bindingTypes(QList<ChannelBinding>{{kEndPoint, "x"}, {kExporter, {}}, {kUnique, "y"}}),
            (QStringList{kEndPoint, kUnique}));
    }

    void mechanismsFeature()
    {
        Element features(QStringLiteral("features"), ns::Stream);
        Element mechanisms(QStringLiteral("mechanisms"), ns::Sasl);
        for (const char *name : {"SCRAM-SHA-1", " PLAIN ", "", "SCRAM-SHA-1"})
            mechanisms.appendTextChild(QStringLiteral("mechanism"), QString::fromLatin1(name));
        mechanisms.appendChild(Element(QStringLiteral("mechanism"), QStringLiteral("urn:other"))
                                   .setText(QStringLiteral("EXTERNAL")));
        features.appendChild(mechanisms);
        QCOMPARE(mechanismsFromFeatures(features),
                 (QStringList{QStringLiteral("SCRAM-SHA-1"), QStringLiteral("PLAIN")}));
        QVERIFY(mechanismsFromFeatures(Element()).isEmpty());
    }

    void wireElements()
    {
        const Element auth = authElement(QStringLiteral("PLAIN"), QByteArray("\0u\0p", 4));
        QVERIFY(auth.is(u"auth", ns::Sasl));
        QCOMPARE(auth.attribute(u"mechanism"), QStringLiteral("PLAIN"));
        QCOMPARE(auth.text(), QStringLiteral("AHUAcA=="));
        QCOMPARE(authElement(QStringLiteral("X"), {}).text(), QStringLiteral("="));

        QVERIFY(responseElement({}).text().isEmpty());
        QVERIFY(responseElement({}).is(u"response", ns::Sasl));
        QCOMPARE(responseElement("n,,").text(), QStringLiteral("biws"));

        Element challenge(QStringLiteral("challenge"), ns::Sasl);
        QCOMPARE(payload(challenge), std::optional<QByteArray>(QByteArray()));
        challenge.setText(QStringLiteral("="));
        QCOMPARE(payload(challenge), std::optional<QByteArray>(QByteArray()));
        challenge.setText(QStringLiteral(" cj1meWtv \n"));
        QCOMPARE(payload(challenge), std::optional<QByteArray>("r=fyko"));
        challenge.setText(QStringLiteral("not base64!"));
        QCOMPARE(payload(challenge), std::optional<QByteArray>());
        challenge.setText(QStringLiteral("cj1m\u00e9"));
        QCOMPARE(payload(challenge), std::optional<QByteArray>());
    }

    void failureConditions_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("wordsContain");
        using C = SaslFailure::Condition;
        QTest::newRow("not-authorized") << QStringLiteral("not-authorized") << int(C::NotAuthorized)
                                        << QStringLiteral("Wrong password or user name");
        QTest::newRow("account-disabled") << QStringLiteral("account-disabled")
                                          << int(C::AccountDisabled) << QStringLiteral("disabled");
        QTest::newRow("credentials-expired")
            << QStringLiteral("credentials-expired") << int(C::CredentialsExpired)
            << QStringLiteral("expired");
        QTest::newRow("encryption-required")
            << QStringLiteral("encryption-required") << int(C::EncryptionRequired)
            << QStringLiteral("encrypted");
        QTest::newRow("mechanism-too-weak")
            << QStringLiteral("mechanism-too-weak") << int(C::MechanismTooWeak)
            << QStringLiteral("stronger");
        QTest::newRow("temporary-auth-failure")
            << QStringLiteral("temporary-auth-failure") << int(C::TemporaryAuthFailure)
            << QStringLiteral("try again later");
        QTest::newRow("aborted") << QStringLiteral("aborted") << int(C::Aborted)
                                 << QStringLiteral("aborted");
        QTest::newRow("malformed-request")
            << QStringLiteral("malformed-request") << int(C::MalformedRequest)
            << QStringLiteral("understand");
        QTest::newRow("invalid-mechanism")
            << QStringLiteral("invalid-mechanism") << int(C::InvalidMechanism)
            << QStringLiteral("not support");
        QTest::newRow("incorrect-encoding")
            << QStringLiteral("incorrect-encoding") << int(C::IncorrectEncoding)
            << QStringLiteral("decode");
        QTest::newRow("invalid-authzid") << QStringLiteral("invalid-authzid")
                                         << int(C::InvalidAuthzid) << QStringLiteral("acting as");
        QTest::newRow("unknown") << QStringLiteral("brand-new") << int(C::Unknown)
                                 << QStringLiteral("(brand-new)");
        QTest::newRow("none") << QString() << int(C::Unknown)
                              << QStringLiteral("The login failed.");
    }

    void failureConditions()
    {
        QFETCH(QString, condition);
        QFETCH(int, expected);
        QFETCH(QString, wordsContain);
        const auto failure =
            SaslFailure::fromElement(failureWith(condition, QStringLiteral(" Nope ")));
        QVERIFY(failure);
        QCOMPARE(int(failure->condition), expected);
        QCOMPARE(failure->conditionName, condition);
        QCOMPARE(failure->text, QStringLiteral("Nope"));
        QVERIFY2(failure->describe().contains(wordsContain), qPrintable(failure->describe()));
        QCOMPARE(failure->isTransient(),
                 expected == int(SaslFailure::Condition::TemporaryAuthFailure));

        const ConnectionError error = failure->toConnectionError();
        QCOMPARE(error.kind, expected == int(SaslFailure::Condition::NotAuthorized)
                                 ? ConnectionError::Kind::AuthenticationFailed
                                 : ConnectionError::Kind::AuthenticationRefused);
        QCOMPARE(error.text, failure->describe());
        QCOMPARE(error.detail, QStringLiteral("Nope"));
    }

    void failureNeedsSaslNamespace()
    {
        QVERIFY(!SaslFailure::fromElement(Element()));
        QVERIFY(!SaslFailure::fromElement(Element(QStringLiteral("failure"), ns::Tls)));
        QVERIFY(!SaslFailure::fromElement(Element(QStringLiteral("success"), ns::Sasl)));

        // A condition in a foreign namespace is not a SASL condition.
        Element foreign(QStringLiteral("failure"), ns::Sasl);
        foreign.appendChild(Element(QStringLiteral("not-authorized"), QStringLiteral("urn:x")));
        QCOMPARE(SaslFailure::fromElement(foreign)->condition, SaslFailure::Condition::Unknown);

        // <text/> first, condition second: the order does not matter.
        Element textFirst(QStringLiteral("failure"), ns::Sasl);
        textFirst.appendTextChild(QStringLiteral("text"), QStringLiteral("bad"));
        textFirst.appendChild(Element(QStringLiteral("account-disabled"), ns::Sasl));
        const auto parsed = SaslFailure::fromElement(textFirst);
        QCOMPARE(parsed->condition, SaslFailure::Condition::AccountDisabled);
        QCOMPARE(parsed->text, QStringLiteral("bad"));
    }
};

QTEST_GUILESS_MAIN(TestSaslPolicy)
#include "tst_saslpolicy.moc"
