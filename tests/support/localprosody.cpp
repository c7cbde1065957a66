// SPDX-License-Identifier: GPL-3.0-or-later
#include "localprosody.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <array>

#include <unistd.h>
#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace parla::testing {

namespace {

constexpr int kProcessTimeoutMs = 15000;
constexpr int kStopTimeoutMs = 5000;
constexpr int kStartAttempts = 3;

/// A Lua string literal (escaping by UTF-8 byte); quoting every value keeps the config valid.
QString luaString(const QString &value)
{
    QByteArray escaped = "\"";
    for (const char c : value.toUtf8()) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            escaped += '\\';
            escaped += c;
        } else if (byte < 0x20 || byte == 0x7f) {
            escaped += '\\' + QByteArray::number(byte).rightJustified(3, '0');
        } else {
            escaped += c;
        }
    }
    escaped += '"';
    return QString::fromUtf8(escaped);
}

/// prosody's util.datamanager encode(): every byte outside [A-Za-z0-9] becomes %xx.
QString storageEncode(const QString &value)
{
    QString out;
    for (const char c : value.toUtf8()) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            out += QLatin1Char(c);
        } else {
            out += QStringLiteral("%%1").arg(byte, 2, 16, QLatin1Char('0'));
        }
    }
    return out;
}

QString tailOfFile(const QString &path, int lines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    constexpr qint64 kMaxBytes = 16 * 1024;
    if (file.size() > kMaxBytes) {
        file.seek(file.size() - kMaxBytes);
    }
    QStringList all = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    while (!all.isEmpty() && all.constLast().trimmed().isEmpty()) {
        all.removeLast();
    }
    return all.mid(qMax(0, all.size() - lines)).join(QLatin1Char('\n'));
}

QString readFrom(const QString &path, qint64 offset)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset)) {
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

qint64 fileSize(const QString &path)
{
    return QFileInfo::exists(path) ? QFileInfo(path).size() : 0;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    return file.write(data) == data.size() && file.flush();
}

/// Run a helper program synchronously; output is merged. Returns false on timeout or non-zero exit.
bool runTool(const QString &program, const QStringList &arguments, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(kProcessTimeoutMs)) {
        *output = QStringLiteral("cannot start %1: %2").arg(program, process.errorString());
        return false;
    }
    if (!process.waitForFinished(kProcessTimeoutMs)) {
        process.kill();
        process.waitForFinished(kStopTimeoutMs);
        *output = QStringLiteral("%1 timed out").arg(program);
        return false;
    }
    *output = QString::fromUtf8(process.readAll());
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

QString luaList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items) {
        quoted << luaString(item);
    }
    return QStringLiteral("{ ") + quoted.join(QStringLiteral(", ")) + QStringLiteral(" }");
}

} // namespace

LocalProsody::LocalProsody(QObject *parent) : QObject(parent) {}

LocalProsody::~LocalProsody()
{
    stop();
}

bool LocalProsody::fail(const QString &message)
{
    m_errorString = message;
    const QString tail = logTail();
    if (!tail.isEmpty()) {
        m_errorString += QStringLiteral("\n--- prosody output (tail) ---\n") + tail;
    }
    return false;
}

QString LocalProsody::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString LocalProsody::dataDir() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("data")) : QString();
}

QString LocalProsody::configPath() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("prosody.cfg.lua")) : QString();
}

QString LocalProsody::logPath() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("prosody.log")) : QString();
}

QString LocalProsody::logTail(int lines) const
{
    if (!m_dir) {
        return {};
    }
    QString out = tailOfFile(logPath(), lines);
    // Config errors and crashes before logging starts only reach the console.
    const QString console = tailOfFile(m_dir->filePath(QStringLiteral("console.log")), lines);
    if (!console.trimmed().isEmpty()) {
        out += QStringLiteral("\n--- console ---\n") + console.trimmed();
    }
    return out.trimmed();
}

QUrl LocalProsody::boshUrl() const
{
    return QUrl(QStringLiteral("https://%1:%2/http-bind").arg(address()).arg(m_httpsPort));
}

QUrl LocalProsody::websocketUrl() const
{
    return QUrl(QStringLiteral("wss://%1:%2/xmpp-websocket").arg(address()).arg(m_httpsPort));
}

QSslCertificate LocalProsody::certificate() const
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(m_certificatePem);
    return certificates.isEmpty() ? QSslCertificate() : certificates.first();
}

QString LocalProsody::certificateSha256Fingerprint() const
{
    const QSslCertificate cert = certificate();
    if (cert.isNull()) {
        return {};
    }
    return QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

bool LocalProsody::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool LocalProsody::prepare(const LocalProsodyOptions &options)
{
    if (isRunning()) {
        return fail(QStringLiteral("prepare() while prosody is running"));
    }
    m_options = options;
    m_seededRosters.clear();
    m_dir =
        std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/parla-prosody-XXXXXX"));
    if (!m_dir->isValid()) {
        const QString reason = m_dir->errorString();
        m_dir.reset();
        return fail(QStringLiteral("cannot create a temporary directory: ") + reason);
    }
    m_dir->setAutoRemove(!options.keepDirectory);
    if (!QDir(m_dir->path()).mkpath(QStringLiteral("data/certs"))) {
        return fail(QStringLiteral("cannot create the data directory"));
    }
    return generateCertificate() && allocatePorts() && writeConfig();
}

bool LocalProsody::generateCertificate()
{
    // Prosody finds certificates by host name in its `certificates` directory, which covers
    // STARTTLS, direct TLS (by SNI) and HTTPS at once.
    const QString certs = m_dir->filePath(QStringLiteral("data/certs"));
    const QString certPath = certs + QLatin1Char('/') + m_options.host + QStringLiteral(".crt");
    const QString keyPath = certs + QLatin1Char('/') + m_options.host + QStringLiteral(".key");
    const QString host =
        m_options.certificateHost.isEmpty() ? m_options.host : m_options.certificateHost;
    const QString san = QStringLiteral("subjectAltName=DNS:%1,DNS:conference.%1,DNS:upload.%1,"
                                       "IP:127.0.0.1")
                            .arg(host);
    // EC P-256 takes milliseconds, RSA 2048 up to a second.
    const QStringList args = {QStringLiteral("req"),
                              QStringLiteral("-x509"),
                              QStringLiteral("-newkey"),
                              QStringLiteral("ec"),
                              QStringLiteral("-pkeyopt"),
                              QStringLiteral("ec_paramgen_curve:prime256v1"),
                              QStringLiteral("-nodes"),
                              QStringLiteral("-days"),
                              QStringLiteral("30"),
                              QStringLiteral("-subj"),
                              QStringLiteral("/CN=") + host,
                              QStringLiteral("-addext"),
                              san,
                              QStringLiteral("-keyout"),
                              keyPath,
                              QStringLiteral("-out"),
                              certPath};
    QString output;
    if (!runTool(QStringLiteral("openssl"), args, &output)) {
        return fail(QStringLiteral("openssl req failed: ") + output);
    }
    QFile cert(certPath);
    if (!cert.open(QIODevice::ReadOnly)) {
        return fail(QStringLiteral("cannot read the generated certificate"));
    }
    m_certificatePem = cert.readAll();
    if (certificate().isNull()) {
        return fail(QStringLiteral("the generated certificate does not parse"));
    }
    return true;
}

bool LocalProsody::allocatePorts()
{
    // Hold all four listeners at once so the kernel hands out distinct ports; prosody binds
    // them a moment later (SO_REUSEADDR). A lost race shows as "Failed to open server port" in
    // the log, and start() then retries with new ports.
    std::array<QTcpServer, 5> servers;
    std::array<quint16, 5> ports{};
    for (std::size_t i = 0; i < servers.size(); ++i) {
        if (!servers[i].listen(QHostAddress::LocalHost, 0)) {
            return fail(QStringLiteral("no free loopback port: ") + servers[i].errorString());
        }
        ports[i] = servers[i].serverPort();
    }
    m_c2sPort = ports[0];
    m_directTlsPort = ports[1];
    m_httpPort = ports[2];
    m_httpsPort = ports[3];
    m_componentPort = ports[4];
    return true;
}

bool LocalProsody::writeConfig()
{
    const QString dir = m_dir->path();
    const QString host = m_options.host;
    QStringList disabled = m_options.disabledSaslMechanisms;
    disabled << QStringLiteral("DIGEST-MD5"); // prosody's default list, which we replace
    if (m_options.offerOnlyPlain) {
        disabled << QStringLiteral("SCRAM-SHA-1") << QStringLiteral("SCRAM-SHA-1-PLUS")
                 << QStringLiteral("SCRAM-SHA-256") << QStringLiteral("SCRAM-SHA-256-PLUS");
    }
    const QStringList modules = {QStringLiteral("roster"),    QStringLiteral("saslauth"),
                                 QStringLiteral("tls"),       QStringLiteral("disco"),
                                 QStringLiteral("carbons"),   QStringLiteral("pep"),
                                 QStringLiteral("private"),   QStringLiteral("blocklist"),
                                 QStringLiteral("vcard4"),    QStringLiteral("vcard_legacy"),
                                 QStringLiteral("version"),   QStringLiteral("uptime"),
                                 QStringLiteral("time"),      QStringLiteral("ping"),
                                 QStringLiteral("register"),  QStringLiteral("mam"),
                                 QStringLiteral("smacks"),    QStringLiteral("csi_simple"),
                                 QStringLiteral("bookmarks"), QStringLiteral("bosh"),
                                 QStringLiteral("websocket"), QStringLiteral("turn_external"),
                                 QStringLiteral("posix"),     QStringLiteral("lastactivity")};

    QStringList lines;
    lines << QStringLiteral("-- Generated by parla::testing::LocalProsody");
    if (::geteuid() == 0) {
        // Otherwise prosody (and prosodyctl) switch to the 'prosody' user, who cannot read our
        // 0700 temporary directory.
        lines << QStringLiteral("run_as_root = true");
    }
    lines
        << QStringLiteral("daemonize = false")
        << QStringLiteral("pidfile = %1").arg(luaString(dir + QStringLiteral("/prosody.pid")))
        << QStringLiteral("data_path = %1").arg(luaString(dataDir()))
        << QStringLiteral("certificates = %1").arg(luaString(dataDir() + QStringLiteral("/certs")))
        << QStringLiteral("log = { info = %1 }").arg(luaString(logPath()))
        << QStringLiteral("interfaces = { \"127.0.0.1\" }")
        << QStringLiteral("local_interfaces = { \"127.0.0.1\" }")
        << QStringLiteral("c2s_ports = { %1 }").arg(m_c2sPort)
        << QStringLiteral("c2s_direct_tls_ports = { %1 }").arg(m_directTlsPort)
        << QStringLiteral("legacy_ssl_ports = { }") << QStringLiteral("s2s_ports = { }")
        << QStringLiteral("s2s_direct_tls_ports = { }") << QStringLiteral("component_ports = { }")
        << QStringLiteral("http_ports = { %1 }").arg(m_httpPort)
        << QStringLiteral("http_interfaces = { \"127.0.0.1\" }")
        << QStringLiteral("https_ports = { %1 }").arg(m_httpsPort)
        << QStringLiteral("https_interfaces = { \"127.0.0.1\" }")
        // Requests to http(s)://127.0.0.1:port/ name no virtual host; route them to ours.
        << QStringLiteral("http_default_host = %1").arg(luaString(host))
        << QStringLiteral("modules_enabled = %1").arg(luaList(modules))
        << QStringLiteral("modules_disabled = { \"s2s\", \"dialback\" }")
        << QStringLiteral("c2s_require_encryption = true")
        << QStringLiteral("authentication = \"internal_hashed\"")
        << QStringLiteral("storage = \"internal\"")
        << QStringLiteral("allow_unencrypted_plain_auth = false")
        << QStringLiteral("disable_sasl_mechanisms = %1").arg(luaList(disabled))
        << QStringLiteral("allow_registration = %1")
               .arg(m_options.allowRegistration ? QStringLiteral("true") : QStringLiteral("false"))
        << QStringLiteral("min_seconds_between_registrations = 0")
        << QStringLiteral("archive_expires_after = \"never\"")
        << QStringLiteral("default_archive_policy = true")
        << QStringLiteral("turn_external_secret = %1").arg(luaString(m_options.turnSecret))
        << QStringLiteral("turn_external_host = \"127.0.0.1\"")
        // BOSH/WebSocket are reached through https_ports; plain http only serves file share.
        << QStringLiteral("consider_bosh_secure = true")
        << QStringLiteral("consider_websocket_secure = true");
    if (m_options.tls12Only) {
        lines << QStringLiteral("ssl = { protocol = \"tlsv1_2\" }");
    }
    if (!m_options.crowdComponentSecret.isEmpty()) {
        lines << QStringLiteral("component_ports = { %1 }").arg(m_componentPort)
              << QStringLiteral("component_interfaces = { \"127.0.0.1\" }");
    }
    if (m_options.mucModeration || m_options.mucSilentDrop ||
        !m_options.crowdComponentSecret.isEmpty()) {
        lines << QStringLiteral("plugin_paths = { %1 }")
                     .arg(luaString(QStringLiteral(PARLA_PROSODY_FIXTURE_MODULES)));
    }
    lines << m_options.extraGlobalConfig;
    lines << QString() << QStringLiteral("VirtualHost %1").arg(luaString(host));
    lines << m_options.extraHostConfig;
    // Test-fixture modules (tests/support/prosody-modules) only when asked for.
    QStringList mucModules = {QStringLiteral("muc_mam")};
    if (m_options.mucModeration)
        mucModules << QStringLiteral("muc_moderation_fixture");
    if (m_options.mucSilentDrop)
        mucModules << QStringLiteral("muc_silent_drop_fixture");
    if (!m_options.crowdComponentSecret.isEmpty())
        mucModules << QStringLiteral("muc_crowd_fixture");
    lines << QString() << QStringLiteral("Component %1 \"muc\"").arg(luaString(conferenceHost()))
          << QStringLiteral("  modules_enabled = %1").arg(luaList(mucModules))
          << QStringLiteral("  muc_log_all_rooms = true");
    if (!m_options.crowdComponentSecret.isEmpty()) {
        // XEP-0114 external component: MucCrowd's many cheap occupants come from here.
        lines << QStringLiteral("  muc_crowd_fixture_host = %1").arg(luaString(crowdHost()));
        lines << QString() << QStringLiteral("Component %1").arg(luaString(crowdHost()))
              << QStringLiteral("  component_secret = %1")
                     .arg(luaString(m_options.crowdComponentSecret));
    }
    // Slot URLs must be reachable without DNS for upload.<host>: serve and advertise the
    // component on http://127.0.0.1:port/.
    lines << QString()
          << QStringLiteral("Component %1 \"http_file_share\"").arg(luaString(uploadHost()))
          << QStringLiteral("  http_host = \"127.0.0.1\"")
          << QStringLiteral("  http_external_url = \"http://127.0.0.1:%1/\"").arg(m_httpPort);
    const QByteArray config = (lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
    if (!writeFile(configPath(), config)) {
        return fail(QStringLiteral("cannot write ") + configPath());
    }
    return true;
}

bool LocalProsody::start(const LocalProsodyOptions &options)
{
    if (isRunning()) {
        return true;
    }
    if (!m_dir && !prepare(options)) {
        return false;
    }
    for (int attempt = 1;; ++attempt) {
        const qint64 offset = fileSize(logPath());
        if (!launch()) {
            return false;
        }
        if (waitUntilReady(offset)) {
            return true;
        }
        const bool portTaken =
            readFrom(logPath(), offset).contains(QLatin1String("Failed to open server port"));
        const QString reason = m_errorString;
        stop();
        m_errorString = reason;
        if (!portTaken || attempt == kStartAttempts) {
            return false;
        }
        // Another process took a port between allocation and prosody's bind: pick new ones.
        if (!allocatePorts() || !writeConfig()) {
            return false;
        }
    }
}

bool LocalProsody::restart()
{
    if (!m_dir) {
        return fail(QStringLiteral("restart() before start()"));
    }
    if (!stop()) {
        return false;
    }
    const qint64 offset = fileSize(logPath());
    if (!launch()) {
        return false;
    }
    if (!waitUntilReady(offset)) {
        const QString reason = m_errorString;
        stop();
        m_errorString = reason;
        return false;
    }
    return true;
}

bool LocalProsody::launch()
{
    delete m_process;
    m_process = new QProcess(this);
    m_process->setProgram(QStringLiteral("prosody"));
    m_process->setArguments({QStringLiteral("--config"), configPath(), QStringLiteral("-F")});
    // Console output goes to a file: an unread pipe would eventually block prosody.
    m_process->setStandardOutputFile(m_dir->filePath(QStringLiteral("console.log")),
                                     QIODevice::Append);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
    const pid_t parentPid = ::getpid();
    m_process->setChildProcessModifier([parentPid] {
        // Runs in the forked child: only async-signal-safe calls. If the test crashes, the
        // kernel sends SIGTERM so no prosody outlives it; the getppid() check closes the race
        // where the parent died before prctl().
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parentPid) {
            ::_exit(1);
        }
    });
#endif
    m_process->start();
    if (!m_process->waitForStarted(kProcessTimeoutMs)) {
        return fail(QStringLiteral("cannot start prosody: ") + m_process->errorString());
    }
    return true;
}

bool LocalProsody::waitUntilReady(qint64 logOffset)
{
    QStringList services = {QStringLiteral("c2s"), QStringLiteral("c2s_direct_tls"),
                            QStringLiteral("http"), QStringLiteral("https")};
    QList<quint16> ports = {m_c2sPort, m_directTlsPort, m_httpPort, m_httpsPort};
    if (!m_options.crowdComponentSecret.isEmpty()) {
        // mod_component starts its listener when the component host loads, after c2s.
        services << QStringLiteral("component");
        ports << m_componentPort;
    }
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < m_options.startTimeoutMs) {
        // waitForFinished doubles as the poll interval and notices an early exit.
        if (m_process->waitForFinished(25) || m_process->state() == QProcess::NotRunning) {
            return fail(QStringLiteral("prosody exited during start-up (exit code %1)")
                            .arg(m_process->exitCode()));
        }
        const QString log = readFrom(logPath(), logOffset);
        if (log.contains(QLatin1String("Failed to open server port")) ||
            log.contains(QLatin1String("Error binding encrypted port"))) {
            return fail(QStringLiteral("prosody could not bind its ports"));
        }
        bool allActive = true;
        for (qsizetype i = 0; i < services.size() && allActive; ++i) {
            // Checking the log, not just connect(), guards against another process that
            // happens to listen on the port we picked.
            allActive = log.contains(QStringLiteral("Activated service '%1' on [127.0.0.1]:%2")
                                         .arg(services[i])
                                         .arg(ports[i]));
        }
        if (!allActive) {
            continue;
        }
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_c2sPort);
        if (probe.waitForConnected(1000)) {
            probe.abort();
            return true;
        }
    }
    return fail(QStringLiteral("prosody did not listen on 127.0.0.1:%1 within %2 ms")
                    .arg(m_c2sPort)
                    .arg(m_options.startTimeoutMs));
}

bool LocalProsody::stop()
{
    if (!m_process) {
        return true;
    }
    if (m_process->state() != QProcess::NotRunning) {
        const qint64 logOffset = fileSize(logPath());
        m_process->terminate();
        // After "Shutdown complete" prosody has closed every session and written its storage,
        // but its network loop then idles for a one-second timer before exiting; skip that wait,
        // it would dominate every restart in the tests.
        QElapsedTimer timer;
        timer.start();
        while (!m_process->waitForFinished(20) && timer.elapsed() < kStopTimeoutMs) {
            if (readFrom(logPath(), logOffset).contains(QLatin1String("Shutdown complete"))) {
                m_process->kill();
                break;
            }
        }
        // waitForFinished() is false for a process that already ended: ask the state too.
        const auto ended = [this] {
            return m_process->state() == QProcess::NotRunning ||
                   m_process->waitForFinished(kStopTimeoutMs);
        };
        if (!ended()) {
            m_process->kill();
            if (!ended()) {
                m_errorString =
                    QStringLiteral("prosody (pid %1) does not die").arg(m_process->processId());
                return false;
            }
        }
    }
    delete m_process;
    m_process = nullptr;
    return true;
}

bool LocalProsody::registerUser(const QString &user, const QString &password)
{
    if (!m_dir) {
        return fail(QStringLiteral("registerUser() before prepare()/start()"));
    }
    QString output;
    if (!runTool(QStringLiteral("prosodyctl"),
                 {QStringLiteral("--config"), configPath(), QStringLiteral("register"), user,
                  m_options.host, password},
                 &output)) {
        return fail(QStringLiteral("prosodyctl register %1 failed: %2").arg(user, output));
    }
    return true;
}

bool LocalProsody::seedMutualContacts(const QString &userA, const QString &userB,
                                      const QString &group)
{
    if (!m_dir) {
        return fail(QStringLiteral("seedMutualContacts() before prepare()/start()"));
    }
    const QString domain = QLatin1Char('@') + m_options.host;
    m_seededRosters[userA].append({userB + domain, group});
    m_seededRosters[userB].append({userA + domain, group});
    return writeRoster(userA) && writeRoster(userB);
}

bool LocalProsody::writeRoster(const QString &user)
{
    // The layout of prosody 0.12's internal storage (util.datamanager, core.rostermanager): one
    // Lua table per user, keyed by contact JID, with metadata under the key `false`.
    const QString dir =
        dataDir() + QLatin1Char('/') + storageEncode(m_options.host) + QStringLiteral("/roster");
    if (!QDir().mkpath(dir)) {
        return fail(QStringLiteral("cannot create ") + dir);
    }
    QStringList lines;
    lines << QStringLiteral("return {")
          << QStringLiteral("\t[false] = { [\"version\"] = 1; [\"pending\"] = {}; };");
    for (const SeededContact &contact : m_seededRosters.value(user)) {
        const QString groups =
            contact.group.isEmpty()
                ? QStringLiteral("{}")
                : QStringLiteral("{ [%1] = true; }").arg(luaString(contact.group));
        lines << QStringLiteral("\t[%1] = { [\"subscription\"] = \"both\"; [\"groups\"] = %2; "
                                "[\"name\"] = %3; };")
                     .arg(luaString(contact.jid), groups,
                          luaString(contact.jid.section(QLatin1Char('@'), 0, 0)));
    }
    lines << QStringLiteral("};");
    const QString path = dir + QLatin1Char('/') + storageEncode(user) + QStringLiteral(".dat");
    if (!writeFile(path, (lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8())) {
        return fail(QStringLiteral("cannot write ") + path);
    }
    return true;
}

} // namespace parla::testing
