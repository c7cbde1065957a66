// SPDX-License-Identifier: GPL-3.0-or-later
// FakeAccounts: account rows and registration answers for UI tests.
#include "fakeaccounts.h"
#include "fakesession.h"

#include "core/models/roles.h"

#include <QFile>

namespace parla::test {

using namespace parla::models;

FakeAccounts::FakeAccounts(FakeSession &root) : m_root(root) {}

QStringList FakeAccounts::accountJids() const
{
    QStringList jids;
    for (int r = 0; r < m_accounts.rowCount(); ++r)
        jids << m_accounts.item(r)->data(AccountJidRole).toString();
    return jids;
}

ConnectionStatus FakeAccounts::connectionStatus(const QString &account) const
{
    ConnectionStatus status;
    for (int r = 0; r < m_accounts.rowCount(); ++r) {
        const QStandardItem *it = m_accounts.item(r);
        if (it->data(AccountJidRole).toString() != account)
            continue;
        status.state = ConnectionState(it->data(AccountStateRole).toInt());
        status.errorText = it->data(AccountErrorRole).toString();
        status.error.text = status.errorText;
        if (status.state == ConnectionState::Connected)
            status.boundJid = account + QStringLiteral("/fake");
    }
    return status;
}

Task<xmpp::Result<xmpp::Success>> FakeAccounts::saveAccount(const AccountSpec &spec,
                                                            const QString &password)
{
    lastSpec = spec;
    lastPassword = password;
    m_root.record(QStringLiteral("saveAccount"), {spec.jid});
    if (accountJids().contains(spec.jid))
        removeAccount(spec.jid);
    addAccountRow(spec.jid, ConnectionState::Disconnected, Availability::Online);
    return makeReadyTask<xmpp::Result<xmpp::Success>>(xmpp::Success{});
}

Task<xmpp::Result<xmpp::Success>> FakeAccounts::connectAccount(const QString &account)
{
    m_root.record(QStringLiteral("connectAccount"), {account});
    setAccountState(account, ConnectionState::Connected);
    return makeReadyTask<xmpp::Result<xmpp::Success>>(xmpp::Success{});
}

Task<xmpp::Result<xmpp::Success>> FakeAccounts::disconnectAccount(const QString &account)
{
    m_root.record(QStringLiteral("disconnectAccount"), {account});
    setAccountState(account, ConnectionState::Disconnected);
    return makeReadyTask<xmpp::Result<xmpp::Success>>(xmpp::Success{});
}

void FakeAccounts::trustCertificate(const QString &account, const QString &fingerprint)
{
    m_root.record(QStringLiteral("trustCertificate"), {account, fingerprint});
}

void FakeAccounts::addAccountRow(const QString &jid, ConnectionState state,
                                 Availability availability, const QString &error)
{
    auto *it = new QStandardItem(jid);
    it->setData(jid, AccountJidRole);
    it->setData(int(state), AccountStateRole);
    it->setData(error, AccountErrorRole);
    it->setData(int(availability), AccountAvailabilityRole);
    it->setData(-1, AccountRetryInRole);
    it->setEditable(false);
    m_accounts.appendRow(it);
}

Task<xmpp::Result<xmpp::Success>> FakeAccounts::addAccount(const AccountSpec &spec,
                                                           const QString &password)
{
    lastSpec = spec;
    lastPassword = password;
    m_root.record(QStringLiteral("addAccount"),
                  {spec.jid, spec.resource, spec.host, QString::number(spec.port),
                   spec.directTls ? QStringLiteral("tls") : QString()});
    if (addAccountResult) {
        if (xmpp::isOk(*addAccountResult))
            addAccountRow(spec.jid, ConnectionState::Connected, Availability::Online);
        return makeReadyTask(*addAccountResult);
    }
    pendingAddAccount = {};
    return pendingAddAccount.task();
}

Task<xmpp::Result<RegistrationForm>> FakeAccounts::fetchRegistrationForm(const AccountSpec &server)
{
    lastSpec = server;
    m_root.record(QStringLiteral("fetchRegistrationForm"), {server.jid});
    return makeReadyTask(registrationFormResult.value_or(sampleForm(server.jid)));
}

Task<xmpp::Result<xmpp::Success>> FakeAccounts::registerAccount(const AccountSpec &server,
                                                                const RegistrationForm &filled)
{
    lastSpec = server;
    lastSubmittedForm = filled;
    m_root.record(QStringLiteral("registerAccount"), {server.jid});
    return makeReadyTask(registerResult.value_or(xmpp::Result<xmpp::Success>(xmpp::Success{})));
}

RegistrationForm FakeAccounts::sampleForm(const QString &domain)
{
    RegistrationForm f;
    f.domain = domain;
    f.instructions =
        QStringLiteral("Choose a user name and password to register with this server.");
    f.isDataForm = true;
    f.formType = QStringLiteral("jabber:iq:register");
    using T = FormField::Type;
    f.fields = {
        {T::Hidden,
         QStringLiteral("FORM_TYPE"),
         {},
         QStringLiteral("jabber:iq:register"),
         false,
         {},
         {}},
        {T::Fixed,
         {},
         {},
         QStringLiteral("Your address will be username@") + domain,
         false,
         {},
         {}},
        {T::Text, QStringLiteral("username"), QStringLiteral("User name"), {}, true, {}, {}},
        {T::Password, QStringLiteral("password"), QStringLiteral("Password"), {}, true, {}, {}},
        {T::Text,
         QStringLiteral("email"),
         QStringLiteral("Email (for password recovery)"),
         {},
         false,
         {},
         {}},
        {T::List,
         QStringLiteral("lang"),
         QStringLiteral("Language"),
         QStringLiteral("en"),
         false,
         {QStringLiteral("en"), QStringLiteral("de")},
         {QStringLiteral("English"), QStringLiteral("Deutsch")}},
        {T::MultiText, QStringLiteral("about"), QStringLiteral("About you"), {}, false, {}, {}},
        {T::Boolean,
         QStringLiteral("tos"),
         QStringLiteral("I accept the terms of service"),
         QStringLiteral("0"),
         true,
         {},
         {}},
    };
    return f;
}

void FakeAccounts::removeAccount(const QString &account)
{
    m_root.record(QStringLiteral("removeAccount"), {account});
    for (int r = 0; r < m_accounts.rowCount(); ++r) {
        if (m_accounts.item(r)->data(AccountJidRole).toString() == account) {
            m_accounts.removeRow(r);
            break;
        }
    }
}

void FakeAccounts::setAccountEnabled(const QString &account, bool enabled)
{
    m_root.record(QStringLiteral("setAccountEnabled"),
                  {account, enabled ? QStringLiteral("true") : QStringLiteral("false")});
    setAccountState(account, enabled ? ConnectionState::Connecting : ConnectionState::Disconnected);
}

void FakeAccounts::setAccountState(const QString &account, ConnectionState state,
                                   const QString &error)
{
    for (int r = 0; r < m_accounts.rowCount(); ++r) {
        QStandardItem *it = m_accounts.item(r);
        if (it->data(AccountJidRole).toString() == account) {
            it->setData(error, AccountErrorRole);
            it->setData(int(state), AccountStateRole);
        }
    }
}

void FakeAccounts::retryAccount(const QString &account)
{
    m_root.record(QStringLiteral("retryAccount"), {account});
    setAccountState(account, ConnectionState::Connecting);
}

void FakeAccounts::setAvailability(const QString &account, Availability availability,
                                   const QString &status)
{
    m_root.record(QStringLiteral("setAvailability"),
                  {account, QString::number(int(availability)), status});
    for (int r = 0; r < m_accounts.rowCount(); ++r) {
        QStandardItem *it = m_accounts.item(r);
        if (account.isEmpty() || it->data(AccountJidRole).toString() == account)
            it->setData(int(availability), AccountAvailabilityRole);
    }
}

void FakeAccounts::decideCertificate(const QString &account, const QString &fingerprint, bool pin)
{
    m_root.record(QStringLiteral("decideCertificate"),
                  {account, fingerprint, pin ? QStringLiteral("pin") : QStringLiteral("reject")});
}

Task<xmpp::Result<xmpp::Success>> FakeAccounts::backupProfile(const QString &target)
{
    m_root.record(QStringLiteral("backupProfile"), {target});
    // Like the real one: a new file, never over an existing one.
    QFile file(target);
    if (file.exists() || !file.open(QIODevice::NewOnly | QIODevice::WriteOnly) ||
        file.write("fake backup") < 0)
        return makeReadyTask<xmpp::Result<xmpp::Success>>(
            xmpp::Error::local(QStringLiteral("cannot write %1").arg(target)));
    return makeReadyTask<xmpp::Result<xmpp::Success>>(xmpp::Success{});
}

xmpp::Result<xmpp::Success> FakeAccounts::sendRawXml(const QString &account, const QString &xml)
{
    m_root.record(QStringLiteral("sendRawXml"), {account, xml});
    if (rawXmlResult)
        return *rawXmlResult;
    Q_EMIT xmlTraffic(account, false, xml.toUtf8());
    return xmpp::Success{};
}

} // namespace parla::test
