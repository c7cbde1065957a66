// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace parla::testing {

/// What a LocalProsody instance offers. Every field has a default suited to the integration tests.
struct LocalProsodyOptions
{
    /// The XMPP domain served (RFC 7622 domainpart). "localhost" needs no DNS.
    QString host = QStringLiteral("localhost");
    /// In-band registration (XEP-0077) for clients; prosodyctl registration always works.
    bool allowRegistration = true;
    /// Offer only SASL PLAIN (RFC 4616) inside TLS: disables SCRAM-SHA-1 and SCRAM-SHA-1-PLUS, so
    /// a client's PLAIN path can be exercised against a real server.
    bool offerOnlyPlain = false;
    /// Limit the server to TLS 1.2. Prosody 0.12 offers SCRAM-SHA-1-PLUS only with the
    /// 'tls-unique' channel binding (RFC 5929), which TLS 1.3 does not define; this switch lets the
    /// SASL tests reach the -PLUS mechanism even when the client would negotiate TLS 1.3.
    bool tls12Only = false;
    /// Further mechanism names for prosody's disable_sasl_mechanisms.
    QStringList disabledSaslMechanisms;
    /// Raw Lua lines appended to the global section of the config (before any VirtualHost).
    QStringList extraGlobalConfig;
    /// Raw Lua lines appended to the VirtualHost section.
    QStringList extraHostConfig;
    /// Shared secret of mod_turn_external (XEP-0215 credentials); no TURN server runs.
    QString turnSecret = QStringLiteral("parla-turn-secret");
    /// How long start() waits for prosody to listen.
    int startTimeoutMs = 10000;
    /// Keep the temporary directory after destruction (to read the log of a failed run).
    bool keepDirectory = false;
    /// Load the TEST FIXTURE module mod_muc_moderation_fixture (tests/support/prosody-modules)
    /// on the MUC component: a minimal XEP-0425 moderation IQ and broadcast, which Prosody 0.12
    /// does not ship.
    bool mucModeration = false;
    /// When not empty: an external component (XEP-0114) "crowd.<host>" with this secret,
    /// listening on componentPort(); MucCrowd fills rooms through it.
    QString crowdComponentSecret;
    /// When not empty, the certificate names this host instead of `host` (with its conference
    /// and upload subdomains): a server presenting a certificate for another name, which a
    /// client must refuse however much it trusts the issuer (RFC 6125).
    QString certificateHost;
    /// Load the TEST FIXTURE module mod_muc_silent_drop_fixture on the MUC component: an IQ
    /// (see the module's header) that removes an occupant from a room without any presence,
    /// so XEP-0410 self-ping rejoin can be tested against the real server.
    bool mucSilentDrop = false;
};

/**
 * Debian's prosody 0.12 on loopback, configured from scratch in a temporary directory.
 *
 * Used by the integration tests and by `parla --demo`. It has no QtTest dependency and never
 * aborts: every failure is a `false` return with errorString() set (including the tail of
 * prosody's log and console output).
 *
 * The server offers RFC 6120 STARTTLS on c2sPort() and XEP-0368 direct TLS on directTlsPort(),
 * both with a freshly generated self-signed certificate for host() (SAN DNS:host,
 * DNS:conference.host, DNS:upload.host, IP:127.0.0.1). Modules: roster, SASL, disco, carbons
 * (XEP-0280), PEP (XEP-0163), private XML, blocking (XEP-0191), vCard4 (XEP-0292) and legacy
 * vCard (XEP-0054/0153), version, uptime, time, ping (XEP-0199), in-band registration (XEP-0077),
 * MAM (XEP-0313, archive everything, keep forever), stream management (XEP-0198), CSI (XEP-0352),
 * bookmarks (XEP-0402/0048), external services (XEP-0215), BOSH and WebSocket; MUC (XEP-0045)
 * with MAM on conference.host; HTTP File Upload (XEP-0363) on upload.host, served over plain
 * HTTP on httpPort(). s2s is disabled.
 *
 * Typical use (tests and `parla --demo`):
 * @code
 *   LocalProsody server;                       // keep alive as long as the server is needed
 *   if (!server.prepare() || !server.registerUser("alice", "pw-a") ||
 *       !server.registerUser("bob", "pw-b") || !server.seedMutualContacts("alice", "bob") ||
 *       !server.start())
 *       qWarning() << server.errorString();
 *   // connect to LocalProsody::address():c2sPort() (or directTlsPort()) as alice@host(),
 *   // trusting caCertificatePem() or pinning certificateSha256Fingerprint().
 * @endcode
 * start() blocks (about 0.2 s) without needing a running event loop. The process gets SIGTERM if
 * the owning process dies (Linux PR_SET_PDEATHSIG); the destructor stops it.
 */
class LocalProsody : public QObject
{
    Q_OBJECT
public:
    explicit LocalProsody(QObject *parent = nullptr);
    ~LocalProsody() override;

    /// Create the directory, certificate, free ports and config; does not start prosody.
    bool prepare(const LocalProsodyOptions &options = {});
    /// prepare(options) unless already prepared (then options are ignored), then start prosody
    /// and wait until every listener is up.
    bool start(const LocalProsodyOptions &options = {});
    /// SIGTERM, wait, then SIGKILL. Returns false only if the process would not die.
    bool stop();
    /// stop() and start() again with the same data, certificate and ports (reconnect tests).
    bool restart();
    bool isRunning() const;

    /// Create an account via `prosodyctl register` (works whether or not prosody runs).
    bool registerUser(const QString &user, const QString &password);
    /**
     * Make two local users contacts with subscription "both" by writing prosody's internal
     * roster store. Call while the users are offline (prosody caches an online user's roster),
     * typically before start(). Rosters are rewritten from what this object seeded, so only use
     * it for users whose roster is not otherwise populated yet.
     */
    bool seedMutualContacts(const QString &userA, const QString &userB,
                            const QString &group = QString());

    QString host() const { return m_options.host; }
    QString conferenceHost() const { return QStringLiteral("conference.") + m_options.host; }
    QString uploadHost() const { return QStringLiteral("upload.") + m_options.host; }
    /// The address every listener is bound to.
    static QString address() { return QStringLiteral("127.0.0.1"); }
    quint16 c2sPort() const { return m_c2sPort; }
    quint16 directTlsPort() const { return m_directTlsPort; }
    quint16 httpPort() const { return m_httpPort; }
    quint16 httpsPort() const { return m_httpsPort; }
    /// XEP-0114 component port (only with LocalProsodyOptions::crowdComponentSecret).
    quint16 componentPort() const { return m_componentPort; }
    QString crowdHost() const { return QStringLiteral("crowd.") + m_options.host; }
    /// XEP-0206 BOSH endpoint over TLS (the certificate names host()).
    QUrl boshUrl() const;
    /// RFC 7395 WebSocket endpoint over TLS.
    QUrl websocketUrl() const;
    QString turnSecret() const { return m_options.turnSecret; }

    QByteArray certificatePem() const { return m_certificatePem; }
    /// The certificate is self-signed: trust it as a CA (QSslConfiguration::addCaCertificates).
    QByteArray caCertificatePem() const { return m_certificatePem; }
    QSslCertificate certificate() const;
    /// SHA-256 over the DER encoding, "AB:CD:..." uppercase hex with colons.
    QString certificateSha256Fingerprint() const;

    QString directory() const;
    QString dataDir() const;
    QString configPath() const;
    QString logPath() const;
    /// The last lines of prosody's log file and console output.
    QString logTail(int lines = 30) const;
    QString errorString() const { return m_errorString; }

private:
    bool fail(const QString &message);
    bool generateCertificate();
    bool allocatePorts();
    bool writeConfig();
    bool launch();
    bool waitUntilReady(qint64 logOffset);
    bool writeRoster(const QString &user);

    struct SeededContact
    {
        QString jid;
        QString group;
    };

    LocalProsodyOptions m_options;
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess *m_process = nullptr;
    QByteArray m_certificatePem;
    quint16 m_c2sPort = 0;
    quint16 m_directTlsPort = 0;
    quint16 m_httpPort = 0;
    quint16 m_httpsPort = 0;
    quint16 m_componentPort = 0;
    QMap<QString, QList<SeededContact>> m_seededRosters;
    QString m_errorString;
};

} // namespace parla::testing
