// SPDX-License-Identifier: GPL-3.0-or-later
// AppSession's part of the Session seam for accounts (AccountsApi).
#include "appaccounts.h"

#include "services/account.h"
#include "services/passwordstore.h"
#include "services/registration.h"
#include "storage/maintenance.h"

#include "models/accountlistmodel.h"
#include "xmpp/element.h"

namespace parla::services {

using namespace parla::xmpp;

namespace {

Error noAccount()
{
    return Error::local(QObject::tr("No such account."));
}

} // namespace

AppAccounts::AppAccounts(AppContext &context, QObject *parent)
    : AccountsApi(parent), m_context(context)
{}

void AppAccounts::attach(Account *account)
{
    const QString jid = account->jid();
    connect(account->client(), &Client::xmlReceived, this,
            [this, jid](const QByteArray &xml) { Q_EMIT xmlTraffic(jid, true, xml); });
    connect(account->client(), &Client::xmlSent, this,
            [this, jid](const QByteArray &xml) { Q_EMIT xmlTraffic(jid, false, xml); });
}

void AppAccounts::detach(const QString &account)
{
    m_loginWaits.remove(account); // they never finish, as the account is gone
}

void AppAccounts::onStateChanged(const QString &account)
{
    Q_EMIT connectionStatusChanged(account);
    settleLoginWaits(account);
}

void AppAccounts::settleLoginWaits(const QString &account)
{
    Account *a = m_context.account(account);
    if (!a || !m_loginWaits.contains(account))
        return;
    // The first outcome: logged in, or an error the user must act on. A "connecting" state
    // with an error is the reconnect back-off, which the waiter does not wait through.
    const ConnectionState state = a->state();
    const bool failed = state == ConnectionState::Failed ||
                        (state == ConnectionState::Connecting && !a->errorText().isEmpty());
    if (state != ConnectionState::Connected && !failed)
        return;
    const QList<LoginWait> waits = m_loginWaits.take(account);
    for (LoginWait wait : waits) {
        if (!failed) {
            wait.promise.finish(Success{});
            continue;
        }
        const QString plain = a->lastError().text;
        wait.promise.finish(Error::local(
            wait.wording == ErrorWording::Problem && !plain.isEmpty() ? plain : a->errorText()));
    }
}

void AppAccounts::onCertificateProblem(const QString &account, const CertificateInfo &info,
                                       bool changedSincePinned)
{
    Q_EMIT certificateDecisionNeeded(account, info, changedSincePinned);
}

Task<Result<Success>> AppAccounts::waitForLogin(const QString &account, ErrorWording wording)
{
    Promise<Result<Success>> promise;
    m_loginWaits[account].append({promise, wording});
    return promise.task();
}

QAbstractItemModel *AppAccounts::accountModel()
{
    return m_context.accountModel;
}

QStringList AppAccounts::accountJids() const
{
    QStringList jids;
    for (const Account *a : m_context.accounts())
        jids << a->jid();
    return jids;
}

ConnectionStatus AppAccounts::connectionStatus(const QString &account) const
{
    ConnectionStatus status;
    const Account *a = m_context.account(account);
    if (!a)
        return status;
    status.state = a->state();
    status.errorText = a->errorText();
    status.error = a->lastError();
    if (status.state == ConnectionState::Connected)
        status.boundJid = a->client()->boundJid().toString();
    return status;
}

storage::AccountRecord AppAccounts::recordFromSpec(const AccountSpec &spec) const
{
    storage::AccountRecord record;
    record.jid = Jid::fromString(spec.jid).bareString();
    record.resource = spec.resource.isEmpty()
                          ? QStringLiteral("parla.") + Client::generateId().left(6)
                          : spec.resource;
    record.host = spec.host;
    record.port = spec.port;
    record.directTls = spec.directTls;
    record.enabled = true;
    record.sortOrder = int(m_context.accounts().size());
    return record;
}

std::optional<Error> AppAccounts::checkNewAccount(const AccountSpec &spec,
                                                  const QString &password) const
{
    QString why;
    const auto jid = Jid::parse(spec.jid, &why);
    if (!jid || jid->local().isEmpty())
        return Error::local(why.isEmpty() ? tr("Enter an address like name@example.org.") : why);
    if (password.isEmpty())
        return Error::local(tr("Enter the password."));
    return std::nullopt;
}

Task<Result<Success>> AppAccounts::addAccount(const AccountSpec &spec, const QString &password)
{
    if (auto problem = checkNewAccount(spec, password))
        return makeReadyTask<Result<Success>>(*problem);
    const QString bare = Jid::fromString(spec.jid).bareString();
    if (m_context.account(bare))
        return makeReadyTask<Result<Success>>(Error::local(tr("%1 is already added.").arg(bare)));

    AccountSpec normalized = spec;
    normalized.jid = bare;
    Account *a = m_context.host->createAccount(recordFromSpec(normalized));
    m_context.passwords->write(bare, password);
    // Finish on the first outcome: logged in, or an error the user must act on.
    auto task = waitForLogin(bare, ErrorWording::AsShown);
    a->connectAccount(password);
    return task;
}

Task<Result<Success>> AppAccounts::saveAccount(const AccountSpec &spec, const QString &password)
{
    if (auto problem = checkNewAccount(spec, password))
        return makeReadyTask<Result<Success>>(*problem);
    AccountSpec normalized = spec;
    normalized.jid = Jid::fromString(spec.jid).bareString();
    m_context.host->createAccount(recordFromSpec(normalized));
    return m_context.passwords->write(normalized.jid, password);
}

Task<Result<RegistrationForm>> AppAccounts::fetchRegistrationForm(const AccountSpec &server)
{
    auto *registration = new Registration(server, m_context.extraCas, this);
    auto task = registration->fetchForm();
    task.then(registration, [registration](const Result<RegistrationForm> &r) {
        if (!isOk(r))
            registration->deleteLater();
    });
    return task;
}

Task<Result<Success>> AppAccounts::registerAccount(const AccountSpec &server,
                                                   const RegistrationForm &filled)
{
    auto *registration = findChild<Registration *>(Registration::objectNameFor(server));
    if (!registration)
        return makeReadyTask<Result<Success>>(
            Error::local(tr("The registration form has expired. Fetch it again.")));
    Promise<Result<Success>> promise;
    registration->submit(filled).then(this, [this, registration, promise, server](
                                                const Result<Registration::Created> &r) mutable {
        registration->deleteLater();
        if (!isOk(r)) {
            promise.finish(std::get<Error>(r));
            return;
        }
        const auto &created = std::get<Registration::Created>(r);
        AccountSpec spec = server;
        spec.jid = created.jid;
        addAccount(spec, created.password).then(this, [promise](const Result<Success> &s) mutable {
            promise.finish(s);
        });
    });
    return promise.task();
}

void AppAccounts::removeAccount(const QString &account)
{
    m_context.host->dropAccount(account);
}

void AppAccounts::setAccountEnabled(const QString &account, bool enabled)
{
    Account *a = m_context.account(account);
    if (!a)
        return;
    auto record = a->record();
    record.enabled = enabled;
    a->setRecord(record);
    if (enabled)
        a->connectAccount();
    else
        a->disconnectAccount();
}

Task<Result<Success>> AppAccounts::connectAccount(const QString &account)
{
    Account *a = m_context.account(account);
    if (!a)
        return makeReadyTask<Result<Success>>(noAccount());
    auto task = waitForLogin(account, ErrorWording::Problem);
    a->connectAccount();
    settleLoginWaits(account); // already connected, or refused at once
    return task;
}

Task<Result<Success>> AppAccounts::disconnectAccount(const QString &account)
{
    Account *a = m_context.account(account);
    if (!a)
        return makeReadyTask<Result<Success>>(noAccount());
    Client *client = a->client();
    if (client->state() == Client::State::Disconnected) {
        a->disconnectAccount(); // no back-off timer left behind either
        return makeReadyTask<Result<Success>>(Success{});
    }
    Promise<Result<Success>> promise;
    auto *context = new QObject(client);
    connect(client, &Client::stateChanged, context,
            [promise, context](Client::State state) mutable {
                if (state != Client::State::Disconnected)
                    return;
                promise.finish(Success{});
                context->deleteLater();
            });
    a->disconnectAccount();
    return promise.task();
}

void AppAccounts::retryAccount(const QString &account)
{
    if (Account *a = m_context.account(account))
        a->retry();
}

void AppAccounts::setAvailability(const QString &account, Availability availability,
                                  const QString &status)
{
    if (account.isEmpty()) {
        for (Account *a : m_context.accounts())
            a->setAvailability(availability, status);
        return;
    }
    if (Account *a = m_context.account(account))
        a->setAvailability(availability, status);
}

void AppAccounts::decideCertificate(const QString &account, const QString &fingerprint, bool pin)
{
    Account *a = m_context.account(account);
    if (a && pin)
        a->pinCertificate(fingerprint);
}

void AppAccounts::trustCertificate(const QString &account, const QString &fingerprint)
{
    Account *a = m_context.account(account);
    if (!a || a->record().pinnedCertificates.contains(fingerprint))
        return;
    storage::AccountRecord record = a->record();
    record.pinnedCertificates << fingerprint;
    a->setRecord(record);
}

Task<Result<Success>> AppAccounts::backupProfile(const QString &target)
{
    if (!m_context.maintenance)
        return makeReadyTask<Result<Success>>(Error::local(tr("The profile is not open.")));
    return m_context.maintenance->backup(target);
}

Result<Success> AppAccounts::sendRawXml(const QString &account, const QString &xml)
{
    Account *a = m_context.account(account);
    if (!a)
        return noAccount();
    if (!a->client()->isConnected())
        return Error::local(tr("The account is not connected."));
    // Parsed inside a jabber:client wrapper so that a typed <message/> gets the stream's
    // default namespace, as it would on the wire.
    const Element wrapper = Element::fromXml(QByteArrayLiteral("<wrapper xmlns='jabber:client'>") +
                                             xml.toUtf8() + "</wrapper>");
    if (wrapper.isNull() || wrapper.children().size() != 1)
        return Error::local(tr("That is not one well-formed XML element."));
    a->client()->send(wrapper.children().front());
    return Success{};
}

} // namespace parla::services
