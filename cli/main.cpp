// SPDX-License-Identifier: GPL-3.0-or-later
// parla-cli: Parla's core from the command line (accounts, login, send, roster, history,
// search, listen as JSON lines). Same profile layout as the GUI, so both can share one.
#include "cli.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The same names as the GUI: the default profile directory is the GUI's.
    QCoreApplication::setApplicationName(QStringLiteral("Parla"));
    QCoreApplication::setOrganizationName(QStringLiteral("Parla"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PARLA_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Parla's XMPP core from the command line.\n\nCommands:\n"
        "  account add JID [--host H] [--port P] [--direct-tls]\n"
        "      password from $PARLA_PASSWORD, or asked without echo\n"
        "  login                    connect and report success or the error\n"
        "  send JID TEXT            exits 0 once the server acknowledged the message\n"
        "  roster                   jid, name, subscription, groups (tab-separated)\n"
        "  history JID [--limit N]  the newest N messages, oldest first\n"
        "  backup FILE              a consistent copy of the history database\n"
        "  search TEXT [--limit N]  full-text search over all stored messages\n"
        "  listen                   events as JSON lines until SIGINT/SIGTERM"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    QCommandLineOption profile(QStringLiteral("profile"),
                               QStringLiteral("Use the profile (accounts, history) in <dir>."),
                               QStringLiteral("dir"));
    QCommandLineOption account(QStringLiteral("account"),
                               QStringLiteral("Act as <jid> (default: the profile's first)."),
                               QStringLiteral("jid"));
    QCommandLineOption trust(QStringLiteral("trust-fingerprint"),
                             QStringLiteral("Trust (pin) the server certificate with this "
                                            "SHA-256 fingerprint."),
                             QStringLiteral("sha256"));
    QCommandLineOption caFile(QStringLiteral("ca-file"),
                              QStringLiteral("Also trust the CA certificate(s) in <pem>."),
                              QStringLiteral("pem"));
    QCommandLineOption timeout(QStringLiteral("timeout"),
                               QStringLiteral("Seconds to wait for the server (default 30)."),
                               QStringLiteral("seconds"), QStringLiteral("30"));
    QCommandLineOption verbose(QStringLiteral("verbose"),
                               QStringLiteral("Log the core's progress on stderr."));
    parser.addOptions({profile, account, trust, caFile, timeout, verbose});
    parser.process(app);
    // stderr carries the errors a script reads; the core's progress log only on request.
    if (!parser.isSet(verbose))
        QLoggingCategory::setFilterRules(QStringLiteral("parla.*.debug=false\n"
                                                        "parla.*.info=false"));

    parla::cli::Options options;
    options.profile = parser.isSet(profile)
                          ? parser.value(profile)
                          : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.account = parser.value(account);
    for (const QString &fp : parser.values(trust)) {
        const QString normalized = parla::cli::Cli::normalizeFingerprint(fp);
        if (normalized.isEmpty()) {
            qCritical("parla-cli: not a SHA-256 fingerprint: %s", qPrintable(fp));
            return 2;
        }
        options.trustedFingerprints << normalized;
    }
    options.caFile = parser.value(caFile);
    options.timeoutSeconds = std::max(1, parser.value(timeout).toInt());

    parla::cli::Cli cli(options);
    return cli.run(parser.positionalArguments());
}
