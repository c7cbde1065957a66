// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/accountsapi.h"

#include <QStandardItemModel>

#include <optional>

namespace parla::test {

class FakeSession;

/// AccountsApi for UI tests: account rows in a QStandardItemModel (the Account* roles of
/// models/roles.h), answers set by the test, every call recorded in the FakeSession's log.
class FakeAccounts : public AccountsApi
{
    Q_OBJECT
public:
    explicit FakeAccounts(FakeSession &root);

    QAbstractItemModel *accountModel() override { return &m_accounts; }
    QStringList accountJids() const override;
    ConnectionStatus connectionStatus(const QString &account) const override;
    Task<xmpp::Result<xmpp::Success>> addAccount(const AccountSpec &spec,
                                                 const QString &password) override;
    /// Adds a Disconnected row at once.
    Task<xmpp::Result<xmpp::Success>> saveAccount(const AccountSpec &spec,
                                                  const QString &password) override;
    Task<xmpp::Result<RegistrationForm>> fetchRegistrationForm(const AccountSpec &server) override;
    Task<xmpp::Result<xmpp::Success>> registerAccount(const AccountSpec &server,
                                                      const RegistrationForm &filled) override;
    void removeAccount(const QString &account) override;
    void setAccountEnabled(const QString &account, bool enabled) override;
    /// Connected at once.
    Task<xmpp::Result<xmpp::Success>> connectAccount(const QString &account) override;
    Task<xmpp::Result<xmpp::Success>> disconnectAccount(const QString &account) override;
    void retryAccount(const QString &account) override;
    void setAvailability(const QString &account, Availability availability,
                         const QString &status) override;
    void decideCertificate(const QString &account, const QString &fingerprint, bool pin) override;
    void trustCertificate(const QString &account, const QString &fingerprint) override;
    /// Echoes the XML as outgoing traffic unless rawXmlResult says otherwise.
    xmpp::Result<xmpp::Success> sendRawXml(const QString &account, const QString &xml) override;
    Task<xmpp::Result<xmpp::Success>> backupProfile(const QString &target) override;

    /// Adds an account row (state and availability as given).
    void addAccountRow(const QString &jid, ConnectionState state, Availability availability,
                       const QString &error = {});
    void setAccountState(const QString &account, ConnectionState state, const QString &error = {});
    QStandardItemModel &model() { return m_accounts; }

    AccountSpec lastSpec;
    QString lastPassword;
    RegistrationForm lastSubmittedForm;
    // Answers the next requests give. Unset: the task stays pending until finish*() is called.
    std::optional<xmpp::Result<xmpp::Success>> addAccountResult;
    std::optional<xmpp::Result<RegistrationForm>> registrationFormResult;
    std::optional<xmpp::Result<xmpp::Success>> registerResult;
    Promise<xmpp::Result<xmpp::Success>> pendingAddAccount;
    std::optional<xmpp::Result<xmpp::Success>> rawXmlResult;

    static RegistrationForm sampleForm(const QString &domain);

private:
    FakeSession &m_root;
    QStandardItemModel m_accounts;
};

} // namespace parla::test
