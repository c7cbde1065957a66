// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <memory>

class QSocketNotifier;
class QTextStream;

namespace parla {
class Session;
}

namespace parla::cli {

/// Global options of parla-cli (before the command).
struct Options
{
    QString profile;                 ///< profile directory (the GUI's layout)
    QString account;                 ///< --account JID; empty: the profile's first account
    QStringList trustedFingerprints; ///< --trust-fingerprint, SHA-256 "AB:CD:…" or hex
    QString caFile;                  ///< --ca-file PEM
    int timeoutSeconds = 30;         ///< how long login/send may take
};

/// parla-cli's commands over the same core as the GUI, through the same Session seam
/// (implemented by services::AppSession), without widgets. Each command returns the process exit
/// code: 0 on success, 1 with a plain-words error on stderr otherwise, 2 for a usage error.
class Cli : public QObject
{
    Q_OBJECT
public:
    explicit Cli(Options options, QObject *parent = nullptr);
    ~Cli() override;

    /// Runs `args` (command and its arguments). Network commands wait in local event loops
    /// that end on the awaited signal or a deadline.
    int run(const QStringList &args);

    /// The password for `account add`: $PARLA_PASSWORD, else a prompt without echo.
    static QString readPassword(const QString &jid);
    /// "ab cd…", "abcd…" or "AB:CD:…" → "AB:CD:…" (the form the core pins).
    static QString normalizeFingerprint(const QString &text);

private:
    int open();
    int addAccount(const QStringList &args);
    int login();
    int send(const QString &peer, const QString &text);
    int roster();
    int history(const QString &peer, int limit);
    int search(const QString &text, int limit);
    int listen();

    /// The bare JID of --account, else the profile's first; empty (error printed) if none.
    QString selectedAccount();
    /// Connects the account; true once connected, false (error printed) otherwise.
    bool connectAndWait(const QString &account);
    /// Pins the --trust-fingerprint certificates on the account (kept in the profile).
    void applyTrust(const QString &account);
    /// Disconnects the account and waits (at most 2 s) until its stream is closed.
    void disconnectAndWait(const QString &account);
    void emitJson(const QJsonObject &event);
    int fail(const QString &message, int code = 1);

    Options m_options;
    std::unique_ptr<Session> m_session;
    QTextStream *m_out;
    QTextStream *m_err;
};

} // namespace parla::cli
