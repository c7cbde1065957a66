// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsession.h"

#include "appaccounts.h"
#include "appchats.h"
#include "apppeople.h"
#include "approoms.h"
#include "appsearch.h"
#include "profilesession.h"

#include "services/passwordstore.h"
#include "services/reconnectpolicy.h"
#include "services/storedcapsstore.h"

#include "models/accountlistmodel.h"
#include "models/conversationlistmodel.h"
#include "models/rostermodel.h"
#include "storage/database.h"
#include "storage/maintenance.h"

#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QTimer>

namespace parla {

std::unique_ptr<Session> openProfileSession(const QString &profileDirectory,
                                            const QList<QByteArray> &extraCaPems, QString *error,
                                            QString *notice)
{
    auto session = std::make_unique<services::AppSession>(
        profileDirectory, std::make_unique<services::KeychainPasswordStore>(profileDirectory));
    if (notice)
        *notice = session->startupNotice();
    if (!session->isOpen()) {
        if (error)
            *error = session->openError();
        return nullptr;
    }
    session->setExtraCaCertificates(extraCaPems);
    return session;
}

xmpp::Result<xmpp::Success> backupProfile(const QString &profileDirectory, const QString &target)
{
    return storage::Database::backup(QDir(profileDirectory).filePath(QStringLiteral("parla.db")),
                                     target);
}

} // namespace parla

namespace parla::services {

using namespace parla::xmpp;

Account *AppContext::account(const QString &jid) const
{
    return accountModel->find(jid);
}

std::vector<Account *> AppContext::accounts() const
{
    return accountModel->accounts();
}

AppSession::AppSession(const QString &profileDirectory, std::unique_ptr<PasswordStore> passwords,
                       QObject *parent)
    : Session(parent), m_passwords(std::move(passwords))
{
    m_passwords->setParent(nullptr);
    m_context.profile = profileDirectory;
    m_context.passwords = m_passwords.get();
    m_context.accountModel = new models::AccountListModel(this);
    m_context.rosterModel = new models::RosterModel(this);
    m_context.conversationModel = new models::ConversationListModel(this);
    m_context.host = this;
    if (!QDir().mkpath(profileDirectory)) {
        m_context.openError = tr("The profile folder %1 cannot be created.").arg(profileDirectory);
    } else {
        storage::Database::Health health;
        auto db = storage::Database::openChecked(
            QDir(profileDirectory).filePath(QStringLiteral("parla.db")), &health);
        m_startupNotice = health.notice;
        if (isOk(db))
            m_db = std::move(std::get<std::unique_ptr<storage::Database>>(db));
        else
            m_context.openError = std::get<Error>(db).text;
    }
    m_context.database = m_db.get();
    if (m_db) {
        m_maintenance = std::make_unique<storage::Maintenance>(m_db->path());
        m_context.maintenance = m_maintenance.get();
    }

    m_accounts = std::make_unique<AppAccounts>(m_context);
    m_chats = std::make_unique<AppChats>(m_context);
    m_rooms = std::make_unique<AppRooms>(m_context, *m_chats);
    m_people = std::make_unique<AppPeople>(m_context);
    m_search = std::make_unique<AppSearch>(m_context);
    if (!m_db)
        return;

    m_capsStore = std::make_unique<StoredCapsStore>(*m_db);
    storage::AccountStore store(*m_db);
    if (auto records = store.list(); isOk(records)) {
        for (const auto &record : std::get<QList<storage::AccountRecord>>(records))
            loadAccount(record);
    }
    scheduleIntegrityCheck();
    m_wake = new WakeDetector(this);
    connect(m_wake, &WakeDetector::connectivityMayHaveChanged, this, [this] {
        for (Account *a : accountList())
            a->checkConnection();
    });
}

AppSession::~AppSession()
{
    for (Account *a : accountList())
        a->disconnectAccount();
    m_chats->closeAllMessageModels();
    m_search.reset(); // its thread reads the database file
    m_context.maintenance = nullptr;
    m_maintenance.reset(); // so does its (a backup completes, a check is interrupted)
    // Accounts (children) go before the database they write to.
    for (Account *a : accountList())
        delete a;
    if (m_db)
        m_db->flush();
}

AccountsApi &AppSession::accounts()
{
    return *m_accounts;
}

ChatsApi &AppSession::chats()
{
    return *m_chats;
}

RoomsApi &AppSession::rooms()
{
    return *m_rooms;
}

PeopleApi &AppSession::people()
{
    return *m_people;
}

SearchApi &AppSession::search()
{
    return *m_search;
}

void AppSession::scheduleIntegrityCheck()
{
    storage::Query last(m_db->reader(),
                        "SELECT done_at FROM maintenance WHERE task = 'integrity_check'");
    const qint64 doneAt = last.next() ? last.integer(0) : 0;
    if (QDateTime::currentMSecsSinceEpoch() - doneAt < kIntegrityCheckEvery)
        return;
    // Not at once: a start is busy enough (logins, catch-ups).
    QTimer::singleShot(kIntegrityCheckDelay, this, [this] { checkIntegrity(); });
}

Task<Result<QStringList>> AppSession::checkIntegrity()
{
    if (!m_maintenance)
        return makeReadyTask<Result<QStringList>>(Error::local(tr("The profile is not open.")));
    Promise<Result<QStringList>> promise;
    m_maintenance->checkIntegrity().then(this, [this,
                                                promise](const Result<QStringList> &r) mutable {
        if (const auto *error = std::get_if<Error>(&r)) {
            // Could not check (the file is busy, the disk is gone): the next start tries again.
            qWarning().noquote() << "the database integrity check did not run:" << error->text;
        } else if (const auto &problems = std::get<QStringList>(r); problems.isEmpty()) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            m_db->write<Success>([now](storage::Connection &c) -> Result<Success> {
                    storage::Query q(c, "INSERT INTO maintenance (task, done_at) VALUES "
                                        "('integrity_check', ?1) ON CONFLICT (task) DO UPDATE "
                                        "SET done_at = excluded.done_at");
                    if (!q.bindInt(1, now).exec())
                        return q.error();
                    return Success{};
                })
                .then(this, [](const Result<Success> &) {}); // a failed note: checked again
        } else {
            const QString found = problems.mid(0, 3).join(QStringLiteral("; "));
            qWarning().noquote() << "the database integrity check found damage:" << found;
            QString notice;
            if (auto noted = storage::Database::requestRebuild(m_db->path(), found); isOk(noted))
                notice = tr("Parla found damage in its database (%1). Quit and start Parla again "
                            "to repair it: it keeps everything still readable and fetches the rest "
                            "from your server.")
                             .arg(found);
            else
                notice = tr("Parla found damage in its database (%1) and could not arrange its "
                            "repair (%2). Make a backup of your profile and restart Parla.")
                             .arg(found, std::get<Error>(noted).text);
            m_chats->onDatabaseDamaged(notice);
        }
        promise.finish(r);
    });
    return promise.task();
}

void AppSession::start()
{
    for (Account *a : accountList()) {
        if (a->record().enabled)
            a->connectAccount();
    }
}

void AppSession::setExtraCaCertificates(const QList<QByteArray> &pems)
{
    m_context.extraCas = pems;
    // Accounts read from the profile were created in the constructor, before this call could
    // happen: without this they would never trust the CA and a reopened profile fails TLS.
    for (Account *a : accountList())
        a->setExtraCaCertificates(pems);
}

SelfPingScheduler *AppSession::selfPingScheduler(const QString &account) const
{
    return m_rooms->selfPingScheduler(account);
}

Account *AppSession::account(const QString &jid) const
{
    return m_context.account(jid);
}

std::vector<Account *> AppSession::accountList() const
{
    return m_context.accounts();
}

Account *AppSession::loadAccount(const storage::AccountRecord &record)
{
    AccountContext context;
    context.database = m_db.get();
    context.passwords = m_passwords.get();
    context.capsStore = m_capsStore.get();
    context.cacheDirectory = m_context.profile + QStringLiteral("/cache/avatars");
    auto *account = new Account(record, context, this);
    m_people->attach(account);
    m_rooms->attach(account);
    account->setExtraCaCertificates(m_context.extraCas);
    m_context.accountModel->addAccount(account);
    m_context.rosterModel->addAccount(account);
    m_context.conversationModel->addAccount(account);
    m_chats->attach(account);
    m_accounts->attach(account);
    wireAccount(account);
    for (const auto &plugin : m_plugins)
        account->install(*plugin);
    return account;
}

void AppSession::addPlugin(std::shared_ptr<services::AccountPlugin> plugin)
{
    if (!plugin)
        return;
    for (Account *a : accountList())
        a->install(*plugin);
    m_plugins.push_back(std::move(plugin));
}

void AppSession::wireAccount(Account *account)
{
    const QString jid = account->jid();
    connect(account, &Account::stateChanged, this,
            [this, jid] { m_accounts->onStateChanged(jid); });
    connect(account, &Account::certificateProblem, this,
            [this, jid](const CertificateInfo &info, bool changed) {
                m_accounts->onCertificateProblem(jid, info, changed);
            });
    connect(account, &Account::subscriptionRequested, this,
            [this, jid](const QString &from) { m_people->onSubscriptionRequested(jid, from); });
    connect(account, &Account::presenceChanged, this,
            [this, jid](const QString &peer) { m_people->onPresenceChanged(jid, peer); });
    // What just arrived or was sent; history (archives, scroll-back) is old news that only the
    // models follow.
    connect(account, &Account::messagesStored, this,
            [this, account](const QList<storage::MessageRecord> &records, Route route) {
                if (isArchiveRoute(route))
                    return;
                for (const storage::MessageRecord &r : records) {
                    m_rooms->onMessageStored(account, r); // self-ping: traffic in the room
                    m_chats->onMessageStored(account, r); // the seam's messageStored, notifications
                }
            });
    connect(account, &Account::arrivedWhileAway, this,
            [this, account](const QList<storage::MessageRecord> &records) {
                for (const storage::MessageRecord &r : records)
                    m_chats->onMessageStored(account, r);
            });
    connect(account, &Account::messageStateChanged, this,
            [this, jid](qint64 id, DeliveryState state, const QString &error) {
                m_chats->onMessageStateChanged(jid, id, state, error);
            });
    connect(account, &Account::chatStateReceived, this,
            [this, jid](const QString &peer, int state) {
                m_chats->onChatStateReceived(jid, peer, state);
            });
    connect(account, &Account::storageFailed, this,
            [this, jid](const QString &what, const QString &error) {
                m_chats->onStorageFailed(jid, what, error);
            });
    connect(account, &Account::storageRecovered, this,
            [this, jid](const QString &what) { m_chats->onStorageRecovered(jid, what); });
    connect(account, &Account::conversationRead, this,
            [this, account](const QString &peer) { m_chats->onConversationRead(account, peer); });
}

Account *AppSession::createAccount(const storage::AccountRecord &record)
{
    if (account(record.jid))
        dropAccount(record.jid);
    storage::AccountStore(*m_db).save(record);
    return loadAccount(record);
}

Account *AppSession::addAccountRecord(const storage::AccountRecord &record, const QString &password)
{
    Account *a = createAccount(record);
    m_passwords->write(record.jid, password);
    return a;
}

void AppSession::dropAccount(const QString &jid)
{
    Account *a = account(jid);
    if (!a)
        return;
    a->disconnectAccount();
    m_chats->detach(jid);
    m_accounts->detach(jid);
    m_context.conversationModel->removeAccount(a);
    m_context.rosterModel->removeAccount(a);
    m_context.accountModel->removeAccount(a);
    storage::AccountStore(*m_db).remove(jid);
    m_passwords->remove(jid);
    a->deleteLater();
}

} // namespace parla::services
