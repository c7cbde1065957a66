// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the real-server fixture itself: LocalProsody must give every later integration test a
// prosody that speaks STARTTLS and direct TLS with a certificate we can trust, accepts the users
// we register, keeps them across a restart, and serves the modules the client relies on.
// Deliberately driven with raw XML over QSslSocket so it does not depend on parla_core.

#include "tests/support/localprosody.h"
#include "tests/support/tcprelay.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSslCipher>
#include <QSslSocket>
#include <QTest>

#include <memory>

using parla::testing::LocalProsody;
using parla::testing::LocalProsodyOptions;
using parla::testing::TcpRelay;

namespace {

constexpr int kWaitMs = 5000;

const QByteArray kStreamHeader = "<?xml version='1.0'?><stream:stream to='localhost' "
                                 "xmlns='jabber:client' "
                                 "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

/// Just enough of an XMPP client to probe the server: buffers everything and matches text.
class RawStream
{
public:
    explicit RawStream(const LocalProsody &server) : m_server(server)
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.addCaCertificates(QSslCertificate::fromData(server.caCertificatePem()));
        config.setAllowedNextProtocols({QByteArrayLiteral("xmpp-client")});
        m_socket.setSslConfiguration(config);
        // RFC 6125: the reference identity is the XMPP domain, not the address we dialled.
        m_socket.setPeerVerifyName(server.host());
    }

    QSslSocket &socket() { return m_socket; }
    const QByteArray &buffer() const { return m_buffer; }

    void setProtocol(QSsl::SslProtocol protocol)
    {
        QSslConfiguration config = m_socket.sslConfiguration();
        config.setProtocol(protocol);
        m_socket.setSslConfiguration(config);
    }

    bool connectPlain(quint16 port)
    {
        m_socket.connectToHost(LocalProsody::address(), port);
        return QTest::qWaitFor(
            [this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, kWaitMs);
    }

    bool connectDirectTls(quint16 port)
    {
        m_socket.connectToHostEncrypted(LocalProsody::address(), port, m_server.host());
        return QTest::qWaitFor([this] { return m_socket.isEncrypted(); }, kWaitMs);
    }

    void send(const QByteArray &data) { m_socket.write(data); }

    /// Wait until the received text matches; the buffer is consumed up to the end of the match.
    QRegularExpressionMatch waitFor(const QString &pattern)
    {
        const QRegularExpression re(pattern, QRegularExpression::DotMatchesEverythingOption);
        QRegularExpressionMatch match;
        (void)QTest::qWaitFor(
            [&] {
                m_buffer += m_socket.readAll();
                match = re.match(QString::fromUtf8(m_buffer));
                return match.hasMatch();
            },
            kWaitMs);
        if (match.hasMatch()) {
            m_buffer = QString::fromUtf8(m_buffer).mid(match.capturedEnd()).toUtf8();
        }
        return match;
    }

    /// Open a stream and return the text of <stream:features>.
    QString openStream()
    {
        send(kStreamHeader);
        m_features = waitFor(QStringLiteral("<stream:features.*</stream:features>")).captured(0);
        return m_features;
    }

    /// The <stream:features> of the latest stream (after login: the post-authentication ones).
    QString features() const { return m_features; }

    bool startTls()
    {
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        if (!waitFor(QStringLiteral("<proceed[^>]*/>")).hasMatch()) {
            return false;
        }
        m_socket.startClientEncryption();
        return QTest::qWaitFor([this] { return m_socket.isEncrypted(); }, kWaitMs);
    }

    /// SASL PLAIN (RFC 4616), then resource binding; returns the bound full JID or "".
    QString login(const QString &user, const QString &password)
    {
        const QByteArray credentials =
            QByteArray(1, '\0') + user.toUtf8() + '\0' + password.toUtf8();
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" +
             credentials.toBase64() + "</auth>");
        if (!waitFor(QStringLiteral("<success[^>]*(/>|</success>)|<failure.*</failure>"))
                 .captured(0)
                 .startsWith(QLatin1String("<success"))) {
            return {};
        }
        openStream();
        const QString bound = iq("<iq type='set' id='bind1'><bind "
                                 "xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>probe</"
                                 "resource></bind></iq>",
                                 QStringLiteral("bind1"));
        return QRegularExpression(QStringLiteral("<jid>([^<]+)</jid>")).match(bound).captured(1);
    }

    /// Send an IQ and return the whole response with that id.
    QString iq(const QByteArray &request, const QString &id)
    {
        send(request);
        return waitFor(QStringLiteral("<iq[^>]*id=['\"]%1['\"][^>]*(/>|>.*?</iq>)").arg(id))
            .captured(0);
    }

private:
    const LocalProsody &m_server;
    QSslSocket m_socket;
    QByteArray m_buffer;
    QString m_features;
};

/// The five predefined entities are all prosody's serializer produces in attributes and text.
QString xmlUnescape(QString text)
{
    text.replace(QLatin1String("&lt;"), QLatin1String("<"))
        .replace(QLatin1String("&gt;"), QLatin1String(">"))
        .replace(QLatin1String("&quot;"), QLatin1String("\""))
        .replace(QLatin1String("&apos;"), QLatin1String("'"))
        .replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

QStringList mechanismsOf(const QString &features)
{
    QStringList out;
    const QRegularExpression re(QStringLiteral("<mechanism>([^<]+)</mechanism>"));
    for (auto it = re.globalMatch(features); it.hasNext();) {
        out << it.next().captured(1);
    }
    return out;
}

} // namespace

class TestLocalProsody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void certificateAccessors();
    void starttlsOffersSaslAfterTls();
    void tls12OffersScramPlus();
    void directTls();
    void loginAndSeededRoster();
    void inBandRegistration();
    void modulesAreAdvertised();
    void httpFileShare();
    void offerOnlyPlain();
    void startFailureIsReported();
    void relayForwardsAndCutAllDisconnects();
    void relayBlackholeHoldsBytes();
    void relayRefusesNewConnections();
    void restartKeepsUsersAndPorts();
    void stopLeavesNoProcess();

private:
    LocalProsody m_server;
};

void TestLocalProsody::initTestCase()
{
    QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.registerUser(QStringLiteral("alice"), QStringLiteral("alice-secret")),
             qPrintable(m_server.errorString()));
    QVERIFY2(m_server.registerUser(QStringLiteral("bob"), QStringLiteral("bob-secret")),
             qPrintable(m_server.errorString()));
    QVERIFY2(m_server.seedMutualContacts(QStringLiteral("alice"), QStringLiteral("bob"),
                                         QStringLiteral("Friends")),
             qPrintable(m_server.errorString()));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    qInfo("prosody in %s: c2s %u, direct TLS %u, http %u, https %u",
          qPrintable(m_server.directory()), m_server.c2sPort(), m_server.directTlsPort(),
          m_server.httpPort(), m_server.httpsPort());
}

void TestLocalProsody::certificateAccessors()
{
    const QSslCertificate cert = m_server.certificate();
    QVERIFY(!cert.isNull());
    QCOMPARE(m_server.caCertificatePem(), m_server.certificatePem());
    const QString fingerprint = m_server.certificateSha256Fingerprint();
    QVERIFY(QRegularExpression(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"))
                .match(fingerprint)
                .hasMatch());
    QVERIFY(cert.subjectAlternativeNames()
                .values(QSsl::DnsEntry)
                .contains(QStringLiteral("localhost")));
    QVERIFY(cert.subjectAlternativeNames()
                .values(QSsl::IpAddressEntry)
                .contains(QStringLiteral("127.0.0.1")));

    // What a client sees on the wire is that certificate.
    RawStream stream(m_server);
    QVERIFY(stream.connectDirectTls(m_server.directTlsPort()));
    const QByteArray digest = stream.socket().peerCertificate().digest(QCryptographicHash::Sha256);
    QCOMPARE(QString::fromLatin1(digest.toHex(':').toUpper()), fingerprint);
}

void TestLocalProsody::starttlsOffersSaslAfterTls()
{
    RawStream stream(m_server);
    QVERIFY(stream.connectPlain(m_server.c2sPort()));
    const QString plainFeatures = stream.openStream();
    QVERIFY2(plainFeatures.contains(QLatin1String("<starttls")), qPrintable(plainFeatures));
    QVERIFY2(plainFeatures.contains(QLatin1String("<required")), qPrintable(plainFeatures));
    // c2s_require_encryption: no authentication before TLS at all.
    QVERIFY2(mechanismsOf(plainFeatures).isEmpty(), qPrintable(plainFeatures));

    QVERIFY(stream.startTls());
    QVERIFY2(stream.socket().sslHandshakeErrors().isEmpty(),
             qPrintable(stream.socket().errorString()));
    const QString features = stream.openStream();
    const QStringList mechanisms = mechanismsOf(features);
    qInfo("STARTTLS with %s: SASL mechanisms %s",
          qPrintable(stream.socket().sessionCipher().protocolString()),
          qPrintable(mechanisms.join(QLatin1Char(' '))));
    qInfo("XEP-0440 <sasl-channel-binding>: %s",
          features.contains(QLatin1String("sasl-channel-binding")) ? "offered" : "not offered");
    QVERIFY(mechanisms.contains(QStringLiteral("SCRAM-SHA-1")));
    QVERIFY(mechanisms.contains(QStringLiteral("PLAIN")));
    if (stream.socket().sessionProtocol() == QSsl::TlsV1_3) {
        // Prosody 0.12 knows only 'tls-unique', undefined for TLS 1.3 (RFC 8446 C.5).
        QVERIFY(!mechanisms.contains(QStringLiteral("SCRAM-SHA-1-PLUS")));
    }
    QVERIFY2(features.contains(QLatin1String("jabber.org/features/iq-register")),
             qPrintable(features));
}

void TestLocalProsody::tls12OffersScramPlus()
{
    RawStream stream(m_server);
    stream.setProtocol(QSsl::TlsV1_2);
    QVERIFY(stream.connectDirectTls(m_server.directTlsPort()));
    QCOMPARE(stream.socket().sessionProtocol(), QSsl::TlsV1_2);
    const QString features = stream.openStream();
    const QStringList mechanisms = mechanismsOf(features);
    qInfo("direct TLS 1.2: SASL mechanisms %s", qPrintable(mechanisms.join(QLatin1Char(' '))));
    QVERIFY2(mechanisms.contains(QStringLiteral("SCRAM-SHA-1-PLUS")), qPrintable(features));

    // The tls12Only option makes a default (TLS 1.3 capable) client get -PLUS as well.
    LocalProsodyOptions options;
    options.tls12Only = true;
    LocalProsody server;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    RawStream defaultClient(server);
    QVERIFY(defaultClient.connectDirectTls(server.directTlsPort()));
    QCOMPARE(defaultClient.socket().sessionProtocol(), QSsl::TlsV1_2);
    QVERIFY(mechanismsOf(defaultClient.openStream()).contains(QStringLiteral("SCRAM-SHA-1-PLUS")));
}

void TestLocalProsody::directTls()
{
    RawStream stream(m_server);
    QVERIFY(stream.connectDirectTls(m_server.directTlsPort()));
    QVERIFY(stream.socket().sslHandshakeErrors().isEmpty());
    const QString features = stream.openStream();
    QVERIFY2(!features.contains(QLatin1String("<starttls")), qPrintable(features));
    QVERIFY2(!mechanismsOf(features).isEmpty(), qPrintable(features));
    QCOMPARE(stream.login(QStringLiteral("bob"), QStringLiteral("bob-secret")),
             QStringLiteral("bob@localhost/probe"));
}

void TestLocalProsody::loginAndSeededRoster()
{
    RawStream wrong(m_server);
    QVERIFY(wrong.connectDirectTls(m_server.directTlsPort()));
    wrong.openStream();
    QVERIFY(wrong.login(QStringLiteral("alice"), QStringLiteral("not-her-password")).isEmpty());

    RawStream stream(m_server);
    QVERIFY(stream.connectPlain(m_server.c2sPort()));
    stream.openStream();
    QVERIFY(stream.startTls());
    stream.openStream();
    QCOMPARE(stream.login(QStringLiteral("alice"), QStringLiteral("alice-secret")),
             QStringLiteral("alice@localhost/probe"));
    const QString roster =
        stream.iq("<iq type='get' id='roster1'><query xmlns='jabber:iq:roster'/></iq>",
                  QStringLiteral("roster1"));
    const QRegularExpressionMatch item =
        QRegularExpression(QStringLiteral("<item[^>]*jid='bob@localhost'[^>]*>.*?</item>"))
            .match(roster);
    QVERIFY2(item.hasMatch(), qPrintable(roster));
    QVERIFY2(item.captured(0).contains(QLatin1String("subscription='both'")), qPrintable(roster));
    QVERIFY2(item.captured(0).contains(QLatin1String("<group>Friends</group>")),
             qPrintable(roster));
}

void TestLocalProsody::inBandRegistration()
{
    RawStream stream(m_server);
    QVERIFY(stream.connectDirectTls(m_server.directTlsPort()));
    stream.openStream();
    const QString result = stream.iq(
        "<iq type='set' id='reg1'><query xmlns='jabber:iq:register'><username>carol</username>"
        "<password>carol-secret</password></query></iq>",
        QStringLiteral("reg1"));
    QVERIFY2(result.contains(QLatin1String("type='result'")), qPrintable(result));

    RawStream login(m_server);
    QVERIFY(login.connectDirectTls(m_server.directTlsPort()));
    login.openStream();
    QCOMPARE(login.login(QStringLiteral("carol"), QStringLiteral("carol-secret")),
             QStringLiteral("carol@localhost/probe"));
}

void TestLocalProsody::modulesAreAdvertised()
{
    RawStream stream(m_server);
    QVERIFY(stream.connectDirectTls(m_server.directTlsPort()));
    stream.openStream();
    QVERIFY(!stream.login(QStringLiteral("bob"), QStringLiteral("bob-secret")).isEmpty());
    // Stream features after authentication: XEP-0198 and XEP-0352.
    QVERIFY2(stream.features().contains(QLatin1String("urn:xmpp:sm:3")),
             qPrintable(stream.features()));
    QVERIFY2(stream.features().contains(QLatin1String("urn:xmpp:csi:0")),
             qPrintable(stream.features()));

    const QString server = stream.iq("<iq type='get' id='d1' to='localhost'><query "
                                     "xmlns='http://jabber.org/protocol/disco#info'/></iq>",
                                     QStringLiteral("d1"));
    for (const char *feature :
         {"urn:xmpp:carbons:2", "urn:xmpp:blocking", "urn:xmpp:ping", "urn:xmpp:time",
          "jabber:iq:version", "vcard-temp", "urn:xmpp:extdisco:2", "jabber:iq:private"}) {
        QVERIFY2(server.contains(QStringLiteral("var='%1'").arg(QLatin1String(feature))), feature);
    }
    const QString account = stream.iq("<iq type='get' id='d2' to='bob@localhost'><query "
                                      "xmlns='http://jabber.org/protocol/disco#info'/></iq>",
                                      QStringLiteral("d2"));
    for (const char *feature : {"urn:xmpp:mam:2", "http://jabber.org/protocol/pubsub#publish",
                                "urn:xmpp:bookmarks:1#compat"}) {
        QVERIFY2(account.contains(QStringLiteral("var='%1'").arg(QLatin1String(feature))),
                 qPrintable(account));
    }
    const QString muc = stream.iq("<iq type='get' id='d3' to='conference.localhost'><query "
                                  "xmlns='http://jabber.org/protocol/disco#info'/></iq>",
                                  QStringLiteral("d3"));
    QVERIFY2(muc.contains(QLatin1String("var='http://jabber.org/protocol/muc'")), qPrintable(muc));
    const QString upload = stream.iq("<iq type='get' id='d4' to='upload.localhost'><query "
                                     "xmlns='http://jabber.org/protocol/disco#info'/></iq>",
                                     QStringLiteral("d4"));
    QVERIFY2(upload.contains(QLatin1String("var='urn:xmpp:http:upload:0'")), qPrintable(upload));

    // XEP-0215: TURN credentials derived from the configured secret.
    const QString services = stream.iq(
        "<iq type='get' id='x1' to='localhost'><services xmlns='urn:xmpp:extdisco:2'/></iq>",
        QStringLiteral("x1"));
    QVERIFY2(services.contains(QLatin1String("type='turn'")), qPrintable(services));
    QVERIFY2(services.contains(QLatin1String("password=")), qPrintable(services));
}

void TestLocalProsody::httpFileShare()
{
    RawStream stream(m_server);
    QVERIFY(stream.connectDirectTls(m_server.directTlsPort()));
    stream.openStream();
    QVERIFY(!stream.login(QStringLiteral("alice"), QStringLiteral("alice-secret")).isEmpty());
    const QByteArray body = "hello parla";
    const QString slot =
        stream.iq("<iq type='get' id='slot1' to='upload.localhost'><request "
                  "xmlns='urn:xmpp:http:upload:0' filename='hello.txt' size='" +
                      QByteArray::number(body.size()) + "' content-type='text/plain'/></iq>",
                  QStringLiteral("slot1"));
    const QString putUrl =
        QRegularExpression(QStringLiteral("<put url='([^']+)'")).match(slot).captured(1);
    const QString getUrl =
        QRegularExpression(QStringLiteral("<get url='([^']+)'")).match(slot).captured(1);
    QVERIFY2(!putUrl.isEmpty() && !getUrl.isEmpty(), qPrintable(slot));
    QVERIFY2(putUrl.startsWith(QStringLiteral("http://127.0.0.1:%1/").arg(m_server.httpPort())),
             qPrintable(putUrl));

    QNetworkAccessManager http;
    QNetworkRequest put{QUrl(xmlUnescape(putUrl))};
    put.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
    const QRegularExpression headerRe(QStringLiteral("<header name='([^']+)'>([^<]*)</header>"));
    for (auto it = headerRe.globalMatch(slot); it.hasNext();) {
        const QRegularExpressionMatch header = it.next();
        put.setRawHeader(header.captured(1).toUtf8(), xmlUnescape(header.captured(2)).toUtf8());
    }
    std::unique_ptr<QNetworkReply> putReply(http.put(put, body));
    QVERIFY(QTest::qWaitFor([&] { return putReply->isFinished(); }, kWaitMs));
    QCOMPARE(putReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);

    std::unique_ptr<QNetworkReply> getReply(http.get(QNetworkRequest(QUrl(xmlUnescape(getUrl)))));
    QVERIFY(QTest::qWaitFor([&] { return getReply->isFinished(); }, kWaitMs));
    QCOMPARE(getReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(getReply->readAll(), body);
}

void TestLocalProsody::offerOnlyPlain()
{
    LocalProsodyOptions options;
    options.offerOnlyPlain = true;
    options.allowRegistration = false;
    LocalProsody server;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    RawStream stream(server);
    QVERIFY(stream.connectDirectTls(server.directTlsPort()));
    const QString features = stream.openStream();
    QCOMPARE(mechanismsOf(features), QStringList{QStringLiteral("PLAIN")});
    QVERIFY2(!features.contains(QLatin1String("iq-register")), qPrintable(features));
}

void TestLocalProsody::startFailureIsReported()
{
    LocalProsodyOptions options;
    options.extraGlobalConfig << QStringLiteral("this is not lua");
    LocalProsody server;
    QVERIFY(!server.start(options));
    QVERIFY(!server.isRunning());
    qInfo("expected failure: %s", qPrintable(server.errorString()));
    QVERIFY(server.errorString().contains(QLatin1String("exited during start-up")));
    // The reason is in the message, so a failing CI log explains itself.
    QVERIFY(server.errorString().contains(QLatin1String("prosody.cfg.lua")));
}

void TestLocalProsody::relayForwardsAndCutAllDisconnects()
{
    TcpRelay relay(LocalProsody::address(), m_server.c2sPort());
    QVERIFY2(relay.listen(), qPrintable(relay.errorString()));
    RawStream stream(m_server);
    QVERIFY(stream.connectPlain(relay.port()));
    QVERIFY(stream.openStream().contains(QLatin1String("<starttls")));
    // TLS runs end to end through the relay.
    QVERIFY(stream.startTls());
    QVERIFY(stream.openStream().contains(QLatin1String("<mechanisms")));
    QCOMPARE(relay.activeConnections(), 1);
    QVERIFY(relay.bytesToServer() > kStreamHeader.size());
    QVERIFY(relay.bytesToClient() > 0);

    relay.cutAll();
    QCOMPARE(relay.activeConnections(), 0);
    QVERIFY(QTest::qWaitFor(
        [&] { return stream.socket().state() == QAbstractSocket::UnconnectedState; }, kWaitMs));
    qInfo("client saw: %s", qPrintable(stream.socket().errorString()));
    QCOMPARE(stream.socket().error(), QAbstractSocket::RemoteHostClosedError);

    // A new connection after the cut works again.
    RawStream again(m_server);
    QVERIFY(again.connectPlain(relay.port()));
    QVERIFY(again.openStream().contains(QLatin1String("<starttls")));
    QCOMPARE(relay.totalConnections(), 2);
}

void TestLocalProsody::relayBlackholeHoldsBytes()
{
    TcpRelay relay(LocalProsody::address(), m_server.c2sPort());
    QVERIFY(relay.listen());
    RawStream stream(m_server);
    QVERIFY(stream.connectPlain(relay.port()));
    QVERIFY(QTest::qWaitFor([&] { return relay.activeConnections() == 1; }, kWaitMs));
    relay.setBlackhole(true);
    stream.send(kStreamHeader);
    QTest::qWait(300);
    // Nothing crosses a dead network, and the connection still looks open to the client.
    QCOMPARE(relay.bytesToServer(), 0);
    QCOMPARE(relay.bytesToClient(), 0);
    QCOMPARE(stream.socket().state(), QAbstractSocket::ConnectedState);

    relay.setBlackhole(false);
    QVERIFY(stream.waitFor(QStringLiteral("</stream:features>")).hasMatch());
    QCOMPARE(relay.bytesToServer(), kStreamHeader.size());
}

void TestLocalProsody::relayRefusesNewConnections()
{
    TcpRelay relay(LocalProsody::address(), m_server.c2sPort());
    QVERIFY(relay.listen());
    const quint16 port = relay.port();
    QVERIFY(relay.setRefuseNewConnections(true));
    QTcpSocket refused;
    refused.connectToHost(TcpRelay::address(), port);
    QVERIFY(QTest::qWaitFor([&] { return refused.state() == QAbstractSocket::UnconnectedState; },
                            kWaitMs));
    QCOMPARE(refused.error(), QAbstractSocket::ConnectionRefusedError);

    QVERIFY(relay.setRefuseNewConnections(false));
    QCOMPARE(relay.port(), port);
    RawStream stream(m_server);
    QVERIFY(stream.connectPlain(port));
    QVERIFY(stream.openStream().contains(QLatin1String("<starttls")));
}

void TestLocalProsody::restartKeepsUsersAndPorts()
{
    const quint16 c2s = m_server.c2sPort();
    const quint16 direct = m_server.directTlsPort();
    RawStream before(m_server);
    QVERIFY(before.connectDirectTls(direct));
    before.openStream();

    // prosodyctl writes the storage directly, so registering while prosody runs works too.
    QVERIFY2(m_server.registerUser(QStringLiteral("dave"), QStringLiteral("dave-secret")),
             qPrintable(m_server.errorString()));
    QVERIFY2(m_server.restart(), qPrintable(m_server.errorString()));
    QCOMPARE(m_server.c2sPort(), c2s);
    QCOMPARE(m_server.directTlsPort(), direct);
    // The server went away under the old connection.
    QVERIFY(QTest::qWaitFor(
        [&] { return before.socket().state() == QAbstractSocket::UnconnectedState; }, kWaitMs));

    for (const auto &[user, password] :
         {std::pair{QStringLiteral("alice"), QStringLiteral("alice-secret")},
          std::pair{QStringLiteral("dave"), QStringLiteral("dave-secret")}}) {
        RawStream stream(m_server);
        QVERIFY(stream.connectDirectTls(direct));
        stream.openStream();
        QCOMPARE(stream.login(user, password), user + QStringLiteral("@localhost/probe"));
    }
}

void TestLocalProsody::stopLeavesNoProcess()
{
    LocalProsody server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const quint16 port = server.c2sPort();
    QVERIFY(server.isRunning());
    QVERIFY(server.stop());
    QVERIFY(!server.isRunning());
    QTcpSocket probe;
    probe.connectToHost(LocalProsody::address(), port);
    QVERIFY(!probe.waitForConnected(kWaitMs));
}

QTEST_GUILESS_MAIN(TestLocalProsody)
#include "tst_localprosody.moc"
