// SPDX-License-Identifier: GPL-3.0-or-later
// The real Client against a scripted, hostile fake server on loopback: every way a peer can
// misbehave during negotiation must end in exactly one disconnected() with the right kind,
// a <stream:error/> to the peer for what the parser rejects (RFC 6120 §4.9), and no crash.
#include "xmpp/client.h"
#include "xmpp/connectionerror.h"
#include "xmpp/jid.h"
#include "xmpp/streamerror.h"

#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace parla::xmpp;
using Kind = ConnectionError::Kind;
using Cond = StreamErrorCondition;

namespace {

const QByteArray kServerHeader =
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
    "xmlns:stream='http://etherx.jabber.org/streams' from='localhost' id='s1' version='1.0' "
    "xml:lang='en'>";
const QByteArray kStartTlsFeatures =
    "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
    "</stream:features>";
const QByteArray kProceed = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

/// What the fake server does; each step waits for the client's previous move.
enum class Script
{
    Hostile,             ///< full STARTTLS, then the payload instead of SASL features
    NoStartTls,          ///< first features offer SASL only
    CloseBeforeFeatures, ///< drop TCP right after the client's first stream header
    CloseDuringTls,      ///< drop TCP after <proceed/>, before the TLS handshake
    CloseAfterTls,       ///< drop TCP after the restarted stream header
    SilentFromStart,     ///< accept and never send a byte
    SilentAfterTls,      ///< STARTTLS, then never answer the restarted stream
};

/// A scripted peer: one connection, plain then TLS on the same socket.
class FakeServer : public QTcpServer
{
public:
    FakeServer(Script script, QByteArray payload, QSslCertificate cert, QSslKey key)
        : m_script(script), m_payload(std::move(payload)), m_cert(std::move(cert)),
          m_key(std::move(key))
    {}

    QByteArray plainReceived;     ///< everything the client sent before TLS
    QByteArray encryptedReceived; ///< everything the client sent inside TLS (decrypted)
    bool peerClosed = false;
    bool tlsEstablished = false;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (m_socket) // one client per test; a reconnect would be a bug of its own
        {
            ++extraConnections;
            return;
        }
        m_socket = new QSslSocket(this);
        if (!m_socket->setSocketDescriptor(descriptor)) {
            qWarning() << "setSocketDescriptor failed" << m_socket->errorString();
            return;
        }
        QSslConfiguration config = m_socket->sslConfiguration();
        config.setLocalCertificate(m_cert);
        config.setPrivateKey(m_key);
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_socket->setSslConfiguration(config);
        connect(m_socket, &QIODevice::readyRead, this, [this] { onReadyRead(); });
        connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
            drain();
            peerClosed = true;
        });
        connect(m_socket, &QSslSocket::encrypted, this, [this] { tlsEstablished = true; });
        // Closing with an error (reset, ...) also counts as the peer going away.
        connect(m_socket, &QAbstractSocket::errorOccurred, this,
                [this](QAbstractSocket::SocketError e) {
                    if (e == QAbstractSocket::RemoteHostClosedError ||
                        e == QAbstractSocket::NetworkError)
                        peerClosed = true;
                });
    }

public:
    int extraConnections = 0;

private:
    enum class Step
    {
        Header1,
        StartTls,
        Header2,
        Done
    };

    /// Whether buf holds a complete <stream:stream ...> start tag at or after from.
    static bool hasHeader(const QByteArray &buf)
    {
        const qsizetype at = buf.indexOf("<stream:stream");
        return at >= 0 && buf.indexOf('>', at) >= 0;
    }

    void drain()
    {
        if (!m_socket || !m_socket->isOpen())
            return;
        const QByteArray data = m_socket->readAll();
        (m_socket->isEncrypted() ? encryptedReceived : plainReceived) += data;
    }

    void abortSocket()
    {
        m_step = Step::Done;
        // Queued: QSslSocket still reads its plain socket after this readyRead handler.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_socket) {
                    m_socket->disconnect(this); // nothing left to read from a socket we kill
                    m_socket->abort();
                }
                peerClosed = true;
            },
            Qt::QueuedConnection);
    }

    void onReadyRead()
    {
        drain();
        switch (m_step) {
        case Step::Header1:
            if (!hasHeader(plainReceived))
                return;
            switch (m_script) {
            case Script::SilentFromStart:
                m_step = Step::Done;
                return;
            case Script::CloseBeforeFeatures:
                abortSocket();
                return;
            case Script::NoStartTls:
                m_socket->write(kServerHeader +
                                "<stream:features><mechanisms "
                                "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN"
                                "</mechanism></mechanisms></stream:features>");
                m_step = Step::Done;
                return;
            default:
                m_socket->write(kServerHeader + kStartTlsFeatures);
                m_step = Step::StartTls;
                return;
            }
        case Step::StartTls:
            if (!plainReceived.contains("<starttls"))
                return;
            m_socket->write(kProceed);
            if (m_script == Script::CloseDuringTls) {
                m_socket->flush();
                abortSocket();
                return;
            }
            m_step = Step::Header2;
            m_socket->startServerEncryption();
            return;
        case Step::Header2:
            if (!hasHeader(encryptedReceived))
                return;
            m_step = Step::Done;
            if (m_script == Script::CloseAfterTls)
                abortSocket();
            else if (m_script == Script::Hostile)
                m_socket->write(m_payload);
            return; // SilentAfterTls: nothing
        case Step::Done:
            return;
        }
    }

    Script m_script;
    QByteArray m_payload;
    QSslCertificate m_cert;
    QSslKey m_key;
    QPointer<QSslSocket> m_socket;
    Step m_step = Step::Header1;
};

} // namespace

class TestHostileServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QByteArray m_certPem;
    QSslCertificate m_cert;
    QSslKey m_key;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QSslSocket::supportsSsl());
        QVERIFY(m_dir.isValid());
        // A fresh self-signed certificate per run: nothing secret or expiring in the tree.
        QProcess openssl;
        openssl.setWorkingDirectory(m_dir.path());
        openssl.start(QStringLiteral("openssl"),
                      {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                       "-nodes", "-subj", "/CN=localhost", "-addext",
                       "subjectAltName=DNS:localhost", "-days", "1", "-keyout", "key.pem", "-out",
                       "cert.pem"});
        QVERIFY2(openssl.waitForFinished(30000), "openssl did not finish");
        QVERIFY2(openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0,
                 openssl.readAllStandardError().constData());
        QFile certFile(m_dir.filePath(QStringLiteral("cert.pem")));
        QFile keyFile(m_dir.filePath(QStringLiteral("key.pem")));
        QVERIFY(certFile.open(QIODevice::ReadOnly));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        m_certPem = certFile.readAll();
        m_cert = QSslCertificate(m_certPem, QSsl::Pem);
        m_key = QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
        QVERIFY(!m_cert.isNull());
        QVERIFY(!m_key.isNull());
    }

    void hostile_data()
    {
        QTest::addColumn<int>("script");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<Cond>("condition");
        QTest::addColumn<QByteArray>("errorToPeer"); // expected in what the peer received

        const auto hostile = int(Script::Hostile);
        const QByteArray h = kServerHeader;

        QTest::addRow("billion laughs")
            << hostile
            << QByteArray("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                          "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
                          "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>") +
                   h.mid(21) + "<stream:features><x>&lol3;</x></stream:features>"
            << Kind::ProtocolError << Cond::RestrictedXml
            << QByteArray("<stream:error><restricted-xml");
        QTest::addRow("entity declaration in stream")
            << hostile << h + "<!ENTITY x 'y'><stream:features/>" << Kind::ProtocolError
            << Cond::RestrictedXml << QByteArray("<stream:error><restricted-xml");
        QTest::addRow("processing instruction")
            << hostile << h + "<?php system('rm -rf /'); ?><stream:features/>"
            << Kind::ProtocolError << Cond::RestrictedXml
            << QByteArray("<stream:error><restricted-xml");
        QTest::addRow("invalid utf8")
            << hostile << h + "<stream:features><x>\xC0\xAF\xFF\xFE</x></stream:features>"
            << Kind::ProtocolError << Cond::UnsupportedEncoding
            << QByteArray("<stream:error><unsupported-encoding");
        QTest::addRow("2 MB stanza")
            << hostile
            << h + "<stream:features><x>" + QByteArray(2 * 1024 * 1024, 'x') +
                   "</x></stream:features>"
            << Kind::ProtocolError << Cond::PolicyViolation
            << QByteArray("<stream:error><policy-violation");
        QByteArray deep = h;
        for (int i = 0; i < 10000; ++i)
            deep += "<a>";
        QTest::addRow("10000 nested elements")
            << hostile << deep << Kind::ProtocolError << Cond::PolicyViolation
            << QByteArray("<stream:error><policy-violation");
        QTest::addRow("garbage before header")
            << hostile << QByteArray("HTTP/1.1 400 Bad Request\r\n\r\nGo away.")
            << Kind::ProtocolError << Cond::NotWellFormed
            << QByteArray("<stream:error><not-well-formed");
        QTest::addRow("garbage in stream")
            << hostile << h + "<<<>>> \x01 garbage" << Kind::ProtocolError << Cond::NotWellFormed
            << QByteArray("<stream:error><not-well-formed");
        QTest::addRow("wrong stream namespace")
            << hostile
            << QByteArray("<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                          "xmlns:stream='urn:not-streams' version='1.0'>")
            << Kind::ProtocolError << Cond::InvalidNamespace
            << QByteArray("<stream:error><invalid-namespace");
        // RFC 6120 §4.9.3.10: a content namespace other than jabber:client is invalid-namespace.
        QTest::addRow("wrong content namespace")
            << hostile
            << QByteArray("<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
                          "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")
            << Kind::ProtocolError << Cond::InvalidNamespace
            << QByteArray("<stream:error><invalid-namespace");
        QTest::addRow("stream error conflict")
            << hostile
            << h + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                   "</stream:error></stream:stream>"
            << Kind::StreamError << Cond::Conflict << QByteArray();
        QTest::addRow("close before features")
            << int(Script::CloseBeforeFeatures) << QByteArray() << Kind::ConnectionLost
            << Cond::UndefinedCondition << QByteArray();
        QTest::addRow("close during tls")
            << int(Script::CloseDuringTls) << QByteArray() << Kind::ConnectionLost
            << Cond::UndefinedCondition << QByteArray();
        QTest::addRow("close after tls")
            << int(Script::CloseAfterTls) << QByteArray() << Kind::ConnectionLost
            << Cond::UndefinedCondition << QByteArray();
        QTest::addRow("silent from start")
            << int(Script::SilentFromStart) << QByteArray() << Kind::Timeout
            << Cond::UndefinedCondition << QByteArray();
        QTest::addRow("silent after tls")
            << int(Script::SilentAfterTls) << QByteArray() << Kind::Timeout
            << Cond::UndefinedCondition << QByteArray();
        QTest::addRow("no starttls offered")
            << int(Script::NoStartTls) << QByteArray() << Kind::TlsNotOffered
            << Cond::UndefinedCondition << QByteArray();
    }

    void hostile()
    {
        QFETCH(int, script);
        QFETCH(QByteArray, payload);
        QFETCH(Kind, kind);
        QFETCH(Cond, condition);
        QFETCH(QByteArray, errorToPeer);
        const auto s = Script(script);
        const bool silent = s == Script::SilentFromStart || s == Script::SilentAfterTls;

        FakeServer server(s, payload, m_cert, m_key);
        QVERIFY(server.listen(QHostAddress::LocalHost));

        Client client;
        ConnectionSettings settings;
        settings.jid = Jid::fromString(u"user@localhost");
        settings.password = QStringLiteral("secret");
        settings.host = QStringLiteral("127.0.0.1");
        settings.port = server.serverPort();
        settings.extraCaCertificates = {m_certPem};
        // Short for the silent peers; generous elsewhere so a slow (sanitizer) build never
        // turns a parser error into a timeout.
        settings.connectTimeout = std::chrono::milliseconds(silent ? 1500 : 30000);
        client.setSettings(settings);

        QSignalSpy disconnected(&client, &Client::disconnected);
        QSignalSpy connectedSpy(&client, &Client::connected);
        client.connectToServer();
        QCOMPARE(client.state(), Client::State::Connecting);

        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 40000);
        const auto error = disconnected.at(0).at(0).value<ConnectionError>();
        QCOMPARE(error.kind, kind);
        if (kind == Kind::ProtocolError || kind == Kind::StreamError)
            QCOMPARE(error.streamCondition, condition);
        QVERIFY(!error.text.trimmed().isEmpty());
        QVERIFY2(!error.text.contains(u'<'), qPrintable(error.text)); // words, not markup
        QVERIFY2(error.text.contains(u' '), qPrintable(error.text));
        QCOMPARE(client.state(), Client::State::Disconnected);

        // The peer sees the connection go away (the client never lingers).
        QTRY_VERIFY_WITH_TIMEOUT(server.peerClosed, 10000);
        if (!errorToPeer.isEmpty()) {
            // RFC 6120 §4.9: the stream error reaches the peer before the close.
            QVERIFY2(server.encryptedReceived.contains(errorToPeer),
                     server.encryptedReceived.right(300).constData());
            QVERIFY(server.encryptedReceived.contains("</stream:stream>"));
        }
        if (s == Script::NoStartTls) {
            // No downgrade: nothing after the header, least of all credentials in the clear.
            QVERIFY(!server.plainReceived.contains("<auth"));
            QVERIFY(!server.plainReceived.contains("<starttls"));
            QVERIFY(!server.tlsEstablished);
            QVERIFY(server.encryptedReceived.isEmpty());
        }
        QVERIFY(!server.plainReceived.contains("<auth"));
        QVERIFY(!server.encryptedReceived.contains("<auth"));

        // Exactly once: let late socket events (reset, disconnected) arrive, then recount.
        QTest::qWait(200);
        QCOMPARE(disconnected.size(), 1);
        QCOMPARE(connectedSpy.size(), 0);
        QCOMPARE(server.extraConnections, 0);
        QCOMPARE(client.state(), Client::State::Disconnected);
    }
};

QTEST_GUILESS_MAIN(TestHostileServer)
#include "tst_hostileserver.moc"
