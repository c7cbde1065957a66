// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "session/profilesession.h"
#include "session/session.h"
#include "xmpp/jid.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>
#include <QUuid>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

namespace parla::cli {

using namespace parla::xmpp;

namespace {

/// Waits without polling: a local event loop that ends when done() is called or when the
/// deadline timer fires, whichever comes first.
class Waiter
{
public:
    void done()
    {
        m_done = true;
        m_loop.quit();
    }
    /// Runs the event loop until done() or `ms` milliseconds (no deadline when negative);
    /// true if done.
    bool wait(int ms)
    {
        if (m_done)
            return true;
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&deadline, &QTimer::timeout, &m_loop, &QEventLoop::quit);
        if (ms >= 0)
            deadline.start(ms);
        m_loop.exec();
        return m_done;
    }

private:
    QEventLoop m_loop;
    bool m_done = false;
};

/// Waits for `task` to finish, at most `ms` milliseconds; true if it finished.
template <typename T>
bool await(Task<T> task, int ms)
{
    Waiter waiter;
    QObject context; // the continuation is dropped with it if the deadline came first
    task.then(&context, [&waiter](const T &) { waiter.done(); });
    return waiter.wait(ms);
}

QString stateName(DeliveryState s)
{
    switch (s) {
    case DeliveryState::Pending:
        return QStringLiteral("pending");
    case DeliveryState::Sent:
        return QStringLiteral("sent");
    case DeliveryState::Delivered:
        return QStringLiteral("delivered");
    case DeliveryState::Read:
        return QStringLiteral("read");
    case DeliveryState::Failed:
        return QStringLiteral("failed");
    case DeliveryState::Received:
        return QStringLiteral("received");
    }
    return {};
}

QString availabilityName(Availability a)
{
    switch (a) {
    case Availability::Offline:
        return QStringLiteral("offline");
    case Availability::Online:
        return QStringLiteral("online");
    case Availability::Chat:
        return QStringLiteral("chat");
    case Availability::Away:
        return QStringLiteral("away");
    case Availability::ExtendedAway:
        return QStringLiteral("xa");
    case Availability::DoNotDisturb:
        return QStringLiteral("dnd");
    }
    return {};
}

QString connectionName(ConnectionState s)
{
    switch (s) {
    case ConnectionState::Disconnected:
        return QStringLiteral("disconnected");
    case ConnectionState::Connecting:
        return QStringLiteral("connecting");
    case ConnectionState::Connected:
        return QStringLiteral("connected");
    case ConnectionState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QString isoTime(const QDateTime &utc)
{
    return utc.toUTC().toString(Qt::ISODateWithMs);
}

/// One line per message in text output: newlines in a body would break the format.
QString oneLine(QString text)
{
    text.replace(u'\\', QStringLiteral("\\\\"));
    text.replace(u'\n', QStringLiteral("\\n"));
    text.replace(u'\r', QStringLiteral("\\r"));
    text.replace(u'\t', QStringLiteral("\\t"));
    return text;
}

// SIGINT/SIGTERM → one byte on a socket pair (the only async-signal-safe way into Qt).
int g_signalFd[2] = {-1, -1};
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFd[1], &byte, 1);
}

} // namespace

Cli::Cli(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_out(new QTextStream(stdout)),
      m_err(new QTextStream(stderr))
{}

Cli::~Cli()
{
    if (m_session) {
        for (const QString &account : m_session->accounts().accountJids())
            disconnectAndWait(account);
        m_session.reset();
    }
    m_out->flush();
    m_err->flush();
    delete m_out;
    delete m_err;
}

int Cli::fail(const QString &message, int code)
{
    *m_err << "parla-cli: " << message << Qt::endl;
    return code;
}

QString Cli::normalizeFingerprint(const QString &text)
{
    QString hex = text.toUpper();
    hex.remove(QRegularExpression(QStringLiteral("[^0-9A-F]")));
    if (hex.size() != 64)
        return {};
    QStringList pairs;
    for (int i = 0; i < hex.size(); i += 2)
        pairs << hex.mid(i, 2);
    return pairs.join(u':');
}

QString Cli::readPassword(const QString &jid)
{
    const QByteArray fromEnv = qgetenv("PARLA_PASSWORD");
    if (!fromEnv.isEmpty())
        return QString::fromUtf8(fromEnv);
    if (!isatty(STDIN_FILENO))
        return {};
    std::cerr << "Password for " << jid.toStdString() << ": " << std::flush;
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios silent = old;
    silent.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    std::string line;
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << std::endl;
    return QString::fromStdString(line);
}

int Cli::open()
{
    // The CA file is read first (the session trusts it from the start), but a profile that
    // does not open is reported first.
    QList<QByteArray> cas;
    QString caError;
    if (!m_options.caFile.isEmpty()) {
        QFile pem(m_options.caFile);
        if (pem.open(QIODevice::ReadOnly))
            cas << pem.readAll();
        else
            caError = tr("cannot read the CA file %1: %2").arg(m_options.caFile, pem.errorString());
    }
    QString error;
    QString notice;
    m_session = openProfileSession(m_options.profile, cas, &error, &notice);
    if (!notice.isEmpty())
        *m_err << notice << Qt::endl;
    if (!m_session)
        return fail(tr("cannot open the profile %1: %2").arg(m_options.profile, error));
    if (!caError.isEmpty())
        return fail(caError);
    return 0;
}

int Cli::run(const QStringList &args)
{
    if (args.isEmpty())
        return fail(tr("no command given (see --help)"), 2);
    if (const int rc = open())
        return rc;
    const QString command = args.first();
    const QStringList rest = args.mid(1);
    auto intOption = [&rest](const QString &name, int fallback) {
        const int i = int(rest.indexOf(name));
        return i >= 0 && i + 1 < rest.size() ? rest.at(i + 1).toInt() : fallback;
    };
    if (command == u"account" && rest.value(0) == u"add")
        return addAccount(rest.mid(1));
    if (command == u"login" && rest.isEmpty())
        return login();
    if (command == u"send" && rest.size() == 2)
        return send(rest.at(0), rest.at(1));
    if (command == u"roster" && rest.isEmpty())
        return roster();
    if (command == u"history" && !rest.isEmpty())
        return history(rest.at(0), intOption(QStringLiteral("--limit"), 20));
    if (command == u"search" && !rest.isEmpty())
        return search(rest.at(0), intOption(QStringLiteral("--limit"), 20));
    if (command == u"listen" && rest.isEmpty())
        return listen();
    if (command == u"backup" && rest.size() == 1) {
        const auto written = backupProfile(m_options.profile, rest.at(0));
        if (!isOk(written))
            return fail(std::get<Error>(written).text);
        *m_out << tr("Backup written to %1.").arg(rest.at(0)) << Qt::endl;
        return 0;
    }
    return fail(tr("unknown command or wrong arguments: %1 (see --help)").arg(args.join(u' ')), 2);
}

int Cli::addAccount(const QStringList &args)
{
    QString why;
    const auto jid = Jid::parse(args.value(0), &why);
    if (!jid || jid->local().isEmpty())
        return fail(tr("not an account address: %1 %2").arg(args.value(0), why), 2);
    AccountSpec spec;
    spec.jid = jid->bareString();
    spec.resource =
        QStringLiteral("parla-cli.") + QUuid::createUuid().toString(QUuid::Id128).left(6);
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--host" && i + 1 < args.size())
            spec.host = args.at(++i);
        else if (a == u"--port" && i + 1 < args.size())
            spec.port = quint16(args.at(++i).toUInt());
        else if (a == u"--direct-tls")
            spec.directTls = true;
        else
            return fail(tr("unknown option for account add: %1").arg(a), 2);
    }
    const QString password = readPassword(spec.jid);
    if (password.isEmpty())
        return fail(tr("no password: set PARLA_PASSWORD or type it at the prompt"));
    // Finishes once the password store has the password: the process must not end before.
    auto saved = m_session->accounts().saveAccount(spec, password);
    if (!await(saved, 15000))
        return fail(tr("the password store did not answer"));
    if (!isOk(*saved.result()))
        return fail(
            tr("could not store the password: %1").arg(std::get<Error>(*saved.result()).text));
    for (const QString &fp : std::as_const(m_options.trustedFingerprints))
        m_session->accounts().trustCertificate(spec.jid, fp);
    *m_out << tr("Added %1.").arg(spec.jid) << Qt::endl;
    return 0;
}

QString Cli::selectedAccount()
{
    const QStringList all = m_session->accounts().accountJids();
    if (!m_options.account.isEmpty()) {
        const QString jid = Jid::fromString(m_options.account).bareString();
        if (!all.contains(jid)) {
            fail(tr("no account %1 in this profile").arg(m_options.account));
            return {};
        }
        return jid;
    }
    if (all.isEmpty()) {
        fail(tr("no account in this profile: add one with `account add JID`"));
        return {};
    }
    return all.front();
}

void Cli::applyTrust(const QString &account)
{
    for (const QString &fp : std::as_const(m_options.trustedFingerprints))
        m_session->accounts().trustCertificate(account, fp); // kept: the user's decision
}

bool Cli::connectAndWait(const QString &account)
{
    applyTrust(account);
    AccountsApi &accounts = m_session->accounts();
    Waiter waiter;
    QObject scope;
    std::optional<Result<Success>> outcome;
    ConnectionStatus status;
    // A CLI does not wait through the back-off: the first error is the answer (and its text
    // is the error itself, without the core's "trying again in …": we do not).
    accounts.connectAccount(account).then(&scope, [&](const Result<Success> &r) {
        outcome = r;
        status = accounts.connectionStatus(account);
        waiter.done();
    });
    QString error;
    if (!waiter.wait(m_options.timeoutSeconds * 1000)) {
        error = tr("no answer from the server within %1 s").arg(m_options.timeoutSeconds);
    } else if (const auto *failed = std::get_if<Error>(&*outcome)) {
        error = failed->text;
        if (status.error.kind == ConnectionError::Kind::CertificateUntrusted ||
            status.error.kind == ConnectionError::Kind::CertificateChanged)
            error += u' ' + tr("Certificate SHA-256 fingerprint: %1. To trust it, pass "
                               "--trust-fingerprint %1.")
                                .arg(status.error.certificate.fingerprintSha256);
    }
    const bool connected = outcome && isOk(*outcome);
    if (!connected) {
        accounts.disconnectAccount(account);
        fail(tr("%1: %2").arg(account, error));
    }
    return connected;
}

void Cli::disconnectAndWait(const QString &account)
{
    await(m_session->accounts().disconnectAccount(account), 2000);
}

int Cli::login()
{
    const QString account = selectedAccount();
    if (account.isEmpty())
        return 1;
    if (!connectAndWait(account))
        return 1;
    *m_out << tr("Logged in as %1.").arg(m_session->accounts().connectionStatus(account).boundJid)
           << Qt::endl;
    return 0;
}

int Cli::send(const QString &peer, const QString &text)
{
    const auto to = Jid::parse(peer);
    if (!to || text.trimmed().isEmpty())
        return fail(tr("usage: send JID TEXT (a valid address and a non-empty text)"), 2);
    const QString account = selectedAccount();
    if (account.isEmpty() || !connectAndWait(account))
        return 1;
    // The message is ours once stored (its id), done once the server acknowledged it
    // (XEP-0198: Sent) or a receipt came (Delivered/Read); Failed ends it with the reason.
    ChatsApi &chats = m_session->chats();
    Waiter waiter;
    QObject scope;
    qint64 id = 0;
    std::optional<DeliveryState> final;
    QString error;
    connect(&chats, &ChatsApi::messageStored, &scope,
            [&](const QString &from, const StoredMessage &m) {
                if (from == account && id == 0 && m.outgoing && m.peer == to->bareString() &&
                    m.body == text)
                    id = m.id;
            });
    connect(&chats, &ChatsApi::messageStateChanged, &scope,
            [&](const QString &from, qint64 changed, DeliveryState state, const QString &why) {
                if (from != account || changed != id || final)
                    return;
                if (state == DeliveryState::Sent || state == DeliveryState::Delivered ||
                    state == DeliveryState::Read || state == DeliveryState::Failed) {
                    final = state;
                    error = why;
                    waiter.done();
                }
            });
    chats.sendMessage(account, to->bareString(), text);
    if (!waiter.wait(m_options.timeoutSeconds * 1000))
        return fail(tr("the server did not confirm the message within %1 s; it stays queued "
                       "and is sent again on the next login")
                        .arg(m_options.timeoutSeconds));
    if (*final == DeliveryState::Failed)
        return fail(tr("the message was not delivered: %1").arg(error));
    *m_out << tr("Message %1 to %2: %3.").arg(id).arg(to->bareString(), stateName(*final))
           << Qt::endl;
    return 0;
}

int Cli::roster()
{
    const QString account = selectedAccount();
    if (account.isEmpty())
        return 1;
    Waiter ready;
    QObject scope;
    connect(&m_session->people(), &PeopleApi::rosterReceived, &scope, [&](const QString &received) {
        if (received == account)
            ready.done();
    });
    if (!connectAndWait(account))
        return 1;
    if (!ready.wait(m_options.timeoutSeconds * 1000))
        return fail(tr("the server did not send the roster"));
    QList<RosterContact> contacts = m_session->people().contacts(account);
    std::sort(contacts.begin(), contacts.end(),
              [](const RosterContact &a, const RosterContact &b) { return a.jid < b.jid; });
    for (const RosterContact &contact : std::as_const(contacts))
        *m_out << contact.jid << '\t' << oneLine(contact.name) << '\t' << contact.subscription
               << '\t' << contact.groups.join(u',') << Qt::endl;
    return 0;
}

int Cli::history(const QString &peer, int limit)
{
    const QString account = selectedAccount();
    if (account.isEmpty())
        return 1;
    const QString bare = Jid::fromString(peer).bareString();
    auto page = m_session->chats().latestMessages(account, bare, std::max(limit, 1));
    if (!isOk(page))
        return fail(std::get<Error>(page).text);
    for (const StoredMessage &m : std::get<QList<StoredMessage>>(page))
        *m_out << isoTime(m.timestamp) << '\t' << (m.outgoing ? "out" : "in") << '\t'
               << stateName(m.state) << '\t' << oneLine(m.body) << Qt::endl;
    return 0;
}

int Cli::search(const QString &text, int limit)
{
    SearchFilter filter;
    if (!m_options.account.isEmpty())
        filter.account = Jid::fromString(m_options.account).bareString();
    auto task = m_session->search().searchMessages(text, filter, std::max(limit, 1));
    if (!await(task, m_options.timeoutSeconds * 1000))
        return fail(tr("the search did not finish"));
    if (!isOk(*task.result()))
        return fail(std::get<Error>(*task.result()).text);
    const bool tty = isatty(STDOUT_FILENO);
    for (const SearchHit &hit : std::get<QList<SearchHit>>(*task.result())) {
        // Matches in bold on a terminal; plain text otherwise (pipes, scripts).
        QString snippet = hit.snippet;
        if (tty) {
            for (auto it = hit.matches.crbegin(); it != hit.matches.crend(); ++it) {
                snippet.insert(it->start + it->length, QStringLiteral("\x1b[0m"));
                snippet.insert(it->start, QStringLiteral("\x1b[1m"));
            }
        }
        *m_out << isoTime(hit.timestamp) << '\t' << hit.account << '\t' << hit.peer << '\t'
               << hit.messageId << '\t' << oneLine(snippet) << Qt::endl;
    }
    return 0;
}

void Cli::emitJson(const QJsonObject &event)
{
    *m_out << QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)) << Qt::endl;
}

int Cli::listen()
{
    const QString me = selectedAccount();
    if (me.isEmpty())
        return 1;
    AccountsApi &accounts = m_session->accounts();
    ChatsApi &chats = m_session->chats();
    PeopleApi &people = m_session->people();
    // Hooked before connecting: the roster and the first presences follow the login at once.
    // The scope ends the hooks before the final disconnect.
    auto scope = std::make_unique<QObject>();
    connect(&accounts, &AccountsApi::connectionStatusChanged, scope.get(),
            [this, &accounts, me](const QString &account) {
                if (account != me)
                    return;
                const ConnectionStatus status = accounts.connectionStatus(me);
                QJsonObject e{{QStringLiteral("type"), QStringLiteral("connection")},
                              {QStringLiteral("account"), me},
                              {QStringLiteral("state"), connectionName(status.state)}};
                if (!status.errorText.isEmpty())
                    e.insert(QStringLiteral("error"), status.errorText);
                emitJson(e);
            });
    connect(&chats, &ChatsApi::messageStored, scope.get(),
            [this, me](const QString &account, const StoredMessage &m) {
                if (account != me)
                    return;
                emitJson({{QStringLiteral("type"), QStringLiteral("message")},
                          {QStringLiteral("account"), me},
                          {QStringLiteral("peer"), m.peer},
                          {QStringLiteral("from"), m.senderJid},
                          {QStringLiteral("outgoing"), m.outgoing},
                          {QStringLiteral("id"), m.id},
                          {QStringLiteral("stanzaId"), m.messageId},
                          {QStringLiteral("timestamp"), isoTime(m.timestamp)},
                          {QStringLiteral("body"), m.body}});
            });
    connect(
        &chats, &ChatsApi::messageStateChanged, scope.get(),
        [this, me](const QString &account, qint64 id, DeliveryState state, const QString &error) {
            if (account != me)
                return;
            QJsonObject e{{QStringLiteral("type"), QStringLiteral("state")},
                          {QStringLiteral("account"), me},
                          {QStringLiteral("id"), id},
                          {QStringLiteral("state"), stateName(state)}};
            if (!error.isEmpty())
                e.insert(QStringLiteral("error"), error);
            emitJson(e);
        });
    connect(&people, &PeopleApi::presenceChanged, scope.get(),
            [this, &people, me](const QString &account, const QString &jid) {
                if (account != me)
                    return;
                const ContactPresence presence = people.presence(me, jid);
                QJsonObject e{
                    {QStringLiteral("type"), QStringLiteral("presence")},
                    {QStringLiteral("account"), me},
                    {QStringLiteral("jid"), jid},
                    {QStringLiteral("availability"), availabilityName(presence.availability)}};
                if (!presence.status.isEmpty())
                    e.insert(QStringLiteral("status"), presence.status);
                emitJson(e);
            });
    connect(&people, &PeopleApi::subscriptionRequested, scope.get(),
            [this, me](const QString &account, const QString &jid) {
                if (account != me)
                    return;
                emitJson({{QStringLiteral("type"), QStringLiteral("subscription-request")},
                          {QStringLiteral("account"), me},
                          {QStringLiteral("jid"), jid}});
            });

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) != 0)
        return fail(tr("cannot set up signal handling"));
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    Waiter stop;
    QSocketNotifier notifier(g_signalFd[0], QSocketNotifier::Read);
    connect(&notifier, &QSocketNotifier::activated, this, [&stop] {
        char byte = 0;
        [[maybe_unused]] const auto n = ::read(g_signalFd[0], &byte, 1);
        stop.done();
    });

    if (!connectAndWait(me))
        return 1;
    // Until SIGINT/SIGTERM; connection errors after this are events (the core reconnects).
    stop.wait(-1);
    scope.reset();
    disconnectAndWait(me);
    return 0;
}

} // namespace parla::cli
