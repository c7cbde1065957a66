// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "services/account.h"
#include "services/passwordstore.h"
#include "session/appsession.h"
#include "xmpp/im/presence.h"
#include "xmpp/jid.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

namespace parla::cli {

using services::Account;
using namespace parla::xmpp;

namespace {

/// Spins the event loop until `done()` or the deadline; true if done.
template <typename F>
bool spinUntil(F done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
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
        for (Account *a : m_session->accountList()) {
            if (a->client()->state() != Client::State::Disconnected) {
                a->disconnectAccount();
                spinUntil([a] { return a->client()->state() == Client::State::Disconnected; },
                          2000);
            }
        }
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
    auto passwords = std::make_unique<services::KeychainPasswordStore>(m_options.profile);
    m_passwordStore = passwords.get(); // owned by the session from here on
    m_session = std::make_unique<services::AppSession>(m_options.profile, std::move(passwords));
    if (!m_session->isOpen())
        return fail(
            tr("cannot open the profile %1: %2").arg(m_options.profile, m_session->openError()));
    if (!m_options.caFile.isEmpty()) {
        QFile pem(m_options.caFile);
        if (!pem.open(QIODevice::ReadOnly))
            return fail(
                tr("cannot read the CA file %1: %2").arg(m_options.caFile, pem.errorString()));
        m_session->setExtraCaCertificates({pem.readAll()});
    }
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
    return fail(tr("unknown command or wrong arguments: %1 (see --help)").arg(args.join(u' ')), 2);
}

int Cli::addAccount(const QStringList &args)
{
    QString why;
    const auto jid = Jid::parse(args.value(0), &why);
    if (!jid || jid->local().isEmpty())
        return fail(tr("not an account address: %1 %2").arg(args.value(0), why), 2);
    storage::AccountRecord record;
    record.jid = jid->bareString();
    record.resource = QStringLiteral("parla-cli.") + Client::generateId().left(6);
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--host" && i + 1 < args.size())
            record.host = args.at(++i);
        else if (a == u"--port" && i + 1 < args.size())
            record.port = quint16(args.at(++i).toUInt());
        else if (a == u"--direct-tls")
            record.directTls = true;
        else
            return fail(tr("unknown option for account add: %1").arg(a), 2);
    }
    for (const QString &fp : std::as_const(m_options.trustedFingerprints))
        record.pinnedCertificates << fp;
    const QString password = readPassword(record.jid);
    if (password.isEmpty())
        return fail(tr("no password: set PARLA_PASSWORD or type it at the prompt"));
    m_session->addAccountRecord(record, password);
    // addAccountRecord writes the password without waiting: write it again and wait, or the
    // process could end before the keyring has it.
    auto written = m_passwordStore->write(record.jid, password);
    if (!spinUntil([&] { return written.isFinished(); }, 15000))
        return fail(tr("the password store did not answer"));
    if (!isOk(*written.result()))
        return fail(
            tr("could not store the password: %1").arg(std::get<Error>(*written.result()).text));
    *m_out << tr("Added %1.").arg(record.jid) << Qt::endl;
    return 0;
}

Account *Cli::selectedAccount()
{
    if (!m_options.account.isEmpty()) {
        Account *a = m_session->account(Jid::fromString(m_options.account).bareString());
        if (!a)
            fail(tr("no account %1 in this profile").arg(m_options.account));
        return a;
    }
    const auto all = m_session->accountList();
    if (all.empty()) {
        fail(tr("no account in this profile: add one with `account add JID`"));
        return nullptr;
    }
    return all.front();
}

void Cli::applyTrust(Account *account)
{
    storage::AccountRecord record = account->record();
    bool changed = false;
    for (const QString &fp : std::as_const(m_options.trustedFingerprints)) {
        if (!record.pinnedCertificates.contains(fp)) {
            record.pinnedCertificates << fp; // an explicit decision of the user: kept
            changed = true;
        }
    }
    if (changed)
        account->setRecord(record);
}

bool Cli::connectAndWait(Account *account)
{
    applyTrust(account);
    bool done = false;
    bool connected = false;
    QString error;
    auto watch = [&] {
        if (done)
            return;
        if (account->state() == ConnectionState::Connected) {
            done = connected = true;
        } else if (account->state() == ConnectionState::Failed ||
                   (account->state() == ConnectionState::Connecting &&
                    !account->errorText().isEmpty())) {
            // A CLI does not wait through the back-off: the first error is the answer.
            done = true;
            const auto &last = account->lastError();
            // The error itself, without the core's "trying again in …" (we do not).
            error = last.text.isEmpty() ? account->errorText() : last.text;
            if (last.kind == ConnectionError::Kind::CertificateUntrusted ||
                last.kind == ConnectionError::Kind::CertificateChanged)
                error += u' ' + tr("Certificate SHA-256 fingerprint: %1. To trust it, pass "
                                   "--trust-fingerprint %1.")
                                    .arg(last.certificate.fingerprintSha256);
        }
    };
    const auto connection = connect(account, &Account::stateChanged, this, watch);
    account->connectAccount();
    watch();
    if (!spinUntil([&] { return done; }, m_options.timeoutSeconds * 1000))
        error = tr("no answer from the server within %1 s").arg(m_options.timeoutSeconds);
    disconnect(connection);
    if (!connected) {
        account->disconnectAccount();
        fail(tr("%1: %2").arg(account->jid(), error));
    }
    return connected;
}

int Cli::login()
{
    Account *account = selectedAccount();
    if (!account)
        return 1;
    if (!connectAndWait(account))
        return 1;
    *m_out << tr("Logged in as %1.").arg(account->client()->boundJid().toString()) << Qt::endl;
    return 0;
}

int Cli::send(const QString &peer, const QString &text)
{
    const auto to = Jid::parse(peer);
    if (!to || text.trimmed().isEmpty())
        return fail(tr("usage: send JID TEXT (a valid address and a non-empty text)"), 2);
    Account *account = selectedAccount();
    if (!account || !connectAndWait(account))
        return 1;
    // The message is ours once stored (its id), done once the server acknowledged it
    // (XEP-0198: Sent) or a receipt came (Delivered/Read); Failed ends it with the reason.
    qint64 id = 0;
    std::optional<DeliveryState> final;
    QString error;
    connect(account, &Account::messageStored, this, [&](const storage::MessageRecord &r) {
        if (id == 0 && r.outgoing && r.peer == to->bareString() && r.body == text)
            id = r.id;
    });
    connect(account, &Account::messageStateChanged, this,
            [&](qint64 changed, DeliveryState state, const QString &why) {
                if (changed != id || final)
                    return;
                if (state == DeliveryState::Sent || state == DeliveryState::Delivered ||
                    state == DeliveryState::Read || state == DeliveryState::Failed) {
                    final = state;
                    error = why;
                }
            });
    account->sendMessage(to->bareString(), text);
    if (!spinUntil([&] { return final.has_value(); }, m_options.timeoutSeconds * 1000))
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
    Account *account = selectedAccount();
    if (!account)
        return 1;
    bool ready = false;
    connect(account->rosterManager(), &RosterManager::rosterReady, this, [&] { ready = true; });
    if (!connectAndWait(account))
        return 1;
    if (!spinUntil([&] { return ready; }, m_options.timeoutSeconds * 1000))
        return fail(tr("the server did not send the roster"));
    QList<RosterItem> items = account->roster().values();
    std::sort(items.begin(), items.end(), [](const RosterItem &a, const RosterItem &b) {
        return a.jid.bareString() < b.jid.bareString();
    });
    for (const RosterItem &item : std::as_const(items))
        *m_out << item.jid.bareString() << '\t' << oneLine(item.name) << '\t'
               << RosterItem::subscriptionName(item.subscription) << '\t' << item.groups.join(u',')
               << Qt::endl;
    return 0;
}

int Cli::history(const QString &peer, int limit)
{
    Account *account = selectedAccount();
    if (!account)
        return 1;
    const QString bare = Jid::fromString(peer).bareString();
    auto page = account->messages().latest(account->jid(), bare, std::max(limit, 1));
    if (!isOk(page))
        return fail(std::get<Error>(page).text);
    for (const storage::MessageRecord &m : std::get<QList<storage::MessageRecord>>(page))
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
    if (!spinUntil([&] { return task.isFinished(); }, m_options.timeoutSeconds * 1000))
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
    Account *account = selectedAccount();
    if (!account)
        return 1;
    const QString me = account->jid();
    // Hooked before connecting: the roster and the first presences follow the login at once.
    connect(account, &Account::stateChanged, this, [this, account, me] {
        QJsonObject e{{QStringLiteral("type"), QStringLiteral("connection")},
                      {QStringLiteral("account"), me},
                      {QStringLiteral("state"), connectionName(account->state())}};
        if (!account->errorText().isEmpty())
            e.insert(QStringLiteral("error"), account->errorText());
        emitJson(e);
    });
    connect(account, &Account::messageStored, this, [this, me](const storage::MessageRecord &r) {
        emitJson({{QStringLiteral("type"), QStringLiteral("message")},
                  {QStringLiteral("account"), me},
                  {QStringLiteral("peer"), r.peer},
                  {QStringLiteral("from"), r.senderJid},
                  {QStringLiteral("outgoing"), r.outgoing},
                  {QStringLiteral("id"), r.id},
                  {QStringLiteral("stanzaId"), r.messageId},
                  {QStringLiteral("timestamp"), isoTime(r.timestamp)},
                  {QStringLiteral("body"), r.body}});
    });
    connect(account, &Account::messageStateChanged, this,
            [this, me](qint64 id, DeliveryState state, const QString &error) {
                QJsonObject e{{QStringLiteral("type"), QStringLiteral("state")},
                              {QStringLiteral("account"), me},
                              {QStringLiteral("id"), id},
                              {QStringLiteral("state"), stateName(state)}};
                if (!error.isEmpty())
                    e.insert(QStringLiteral("error"), error);
                emitJson(e);
            });
    connect(account, &Account::presenceChanged, this, [this, account, me](const QString &jid) {
        const auto best = account->presence()->bestPresence(Jid::fromString(jid));
        QJsonObject e{{QStringLiteral("type"), QStringLiteral("presence")},
                      {QStringLiteral("account"), me},
                      {QStringLiteral("jid"), jid},
                      {QStringLiteral("availability"),
                       availabilityName(best ? best->show : Availability::Offline)}};
        if (best && !best->status.isEmpty())
            e.insert(QStringLiteral("status"), best->status);
        emitJson(e);
    });
    connect(account, &Account::subscriptionRequested, this, [this, me](const QString &jid) {
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
    bool stop = false;
    QSocketNotifier notifier(g_signalFd[0], QSocketNotifier::Read);
    connect(&notifier, &QSocketNotifier::activated, this, [&stop] {
        char byte = 0;
        [[maybe_unused]] const auto n = ::read(g_signalFd[0], &byte, 1);
        stop = true;
    });

    if (!connectAndWait(account))
        return 1;
    // Until SIGINT/SIGTERM; connection errors after this are events (the core reconnects).
    spinUntil([&stop] { return stop; }, std::numeric_limits<int>::max());
    disconnect(account, nullptr, this, nullptr);
    account->disconnectAccount();
    spinUntil([account] { return account->client()->state() == Client::State::Disconnected; },
              2000);
    return 0;
}

} // namespace parla::cli
