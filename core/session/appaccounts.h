// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "accountsapi.h"
#include "appcontext.h"

#include <QHash>
#include <QList>

#include <optional>

namespace parla::storage {
struct AccountRecord;
}

namespace parla::services {

/// AppSession's AccountsApi: accounts over services::Account, registration over
/// services::Registration.
class AppAccounts : public AccountsApi
{
    Q_OBJECT
public:
    explicit AppAccounts(AppContext &context, QObject *parent = nullptr);

    QAbstractItemModel *accountModel() override;
    QStringList accountJids() const override;
    ConnectionStatus connectionStatus(const QString &account) const override;
    Task<xmpp::Result<xmpp::Success>> addAccount(const AccountSpec &spec,
                                                 const QString &password) override;
    Task<xmpp::Result<xmpp::Success>> saveAccount(const AccountSpec &spec,
                                                  const QString &password) override;
    Task<xmpp::Result<RegistrationForm>> fetchRegistrationForm(const AccountSpec &server) override;
    Task<xmpp::Result<xmpp::Success>> backupProfile(const QString &target) override;
    Task<xmpp::Result<xmpp::Success>> registerAccount(const AccountSpec &server,
                                                      const RegistrationForm &filled) override;
    void removeAccount(const QString &account) override;
    void setAccountEnabled(const QString &account, bool enabled) override;
    Task<xmpp::Result<xmpp::Success>> connectAccount(const QString &account) override;
    Task<xmpp::Result<xmpp::Success>> disconnectAccount(const QString &account) override;
    void retryAccount(const QString &account) override;
    void setAvailability(const QString &account, Availability availability,
                         const QString &status) override;
    void decideCertificate(const QString &account, const QString &fingerprint, bool pin) override;
    void trustCertificate(const QString &account, const QString &fingerprint) override;
    xmpp::Result<xmpp::Success> sendRawXml(const QString &account, const QString &xml) override;

    /// Wires a new account's stream to the XML console.
    void attach(Account *account);
    /// The account is going: waits for its login are dropped (they never finish).
    void detach(const QString &account);
    // What AppSession::wireAccount hands over from an account's signals.
    void onStateChanged(const QString &account);
    void onCertificateProblem(const QString &account, const xmpp::CertificateInfo &info,
                              bool changedSincePinned);

private:
    /// Which words a failed login finishes with.
    enum class ErrorWording
    {
        AsShown, ///< the account's error text, as the account list shows it
        Problem, ///< the problem itself, without the note about the next attempt
    };
    struct LoginWait
    {
        Promise<xmpp::Result<xmpp::Success>> promise;
        ErrorWording wording;
    };
    /// Finishes on the account's first outcome from now on: logged in, or an error the user
    /// must act on (checked on every state change, see settleLoginWaits()).
    Task<xmpp::Result<xmpp::Success>> waitForLogin(const QString &account, ErrorWording wording);
    void settleLoginWaits(const QString &account);
    /// The account's record for `spec` (a bare JID, a fresh "parla.<random>" resource if none).
    storage::AccountRecord recordFromSpec(const AccountSpec &spec) const;
    /// Checks the address and password of an account to add; the problem in plain words.
    std::optional<xmpp::Error> checkNewAccount(const AccountSpec &spec,
                                               const QString &password) const;

    AppContext &m_context;
    QHash<QString, QList<LoginWait>> m_loginWaits; ///< account → waits for its login
};

} // namespace parla::services
