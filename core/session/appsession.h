// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appcontext.h"
#include "services/account.h"
#include "session.h"

#include <memory>

namespace parla::xmpp {
class CapsStore;
}

namespace parla::storage {
class Maintenance;
}

namespace parla::services {

class AppAccounts;
class AppChats;
class AppPeople;
class AppRooms;
class AppSearch;
class PasswordStore;
class SelfPingScheduler;
class WakeDetector;

/// The application core behind the Session seam: the profile's database, the accounts, and
/// the models the UI (or the CLI) shows. Each area of the seam is a small class of its own
/// (AppAccounts, AppChats, AppRooms, AppPeople, AppSearch) sharing this object's state through
/// an AppContext; AppSession creates and removes the accounts and wires each account's
/// signals to the areas in one place (wireAccount).
class AppSession : public Session, private AccountHost
{
    Q_OBJECT
public:
    /// Opens (creating if needed) the profile directory's database. Check isOpen() /
    /// openError() after constructing.
    AppSession(const QString &profileDirectory, std::unique_ptr<PasswordStore> passwords,
               QObject *parent = nullptr);
    ~AppSession() override;

    bool isOpen() const { return m_db != nullptr; }
    QString openError() const { return m_context.openError; }
    /// What the user must hear about the profile's database at start (it was found damaged
    /// and rebuilt: how much was kept, where the damaged file is); empty when all was well.
    QString startupNotice() const { return m_startupNotice; }
    /// The profile's database (a backup, tests that make the disk "full"); null if not open.
    storage::Database *database() const { return m_db.get(); }
    /// Connects every enabled account.
    void start();
    /// The full integrity check of the database, now (it also runs by itself, a few minutes
    /// after a start, when the last one is older than kIntegrityCheckEvery). Damage is noted
    /// for a rebuild at the next start and told through ChatsApi::databaseDamaged. Result:
    /// the problems found (empty: none).
    Task<xmpp::Result<QStringList>> checkIntegrity();
    static constexpr qint64 kIntegrityCheckEvery = 7LL * 24 * 3600 * 1000; // ms
    static constexpr int kIntegrityCheckDelay = 3 * 60 * 1000;             // ms after a start

    AccountsApi &accounts() override;
    ChatsApi &chats() override;
    RoomsApi &rooms() override;
    PeopleApi &people() override;
    SearchApi &search() override;

    /// The account with this bare JID, or nullptr.
    Account *account(const QString &jid) const;
    /// Every account, in the user's order.
    std::vector<Account *> accountList() const;
    /// Adds an account record without logging in (demo, tests); replaces an existing one.
    Account *addAccountRecord(const storage::AccountRecord &record, const QString &password);

    /// Installs a plug-in (omemo/, jingle/, a test) into every account: those loaded now and
    /// every one created later. Call before start(), so that no message passes the pipelines
    /// before its steps are in.
    void addPlugin(std::shared_ptr<services::AccountPlugin> plugin);

    /// Extra CA certificates trusted by every account (tests, private CAs), including the
    /// accounts already loaded from the profile; used from their next connection on.
    void setExtraCaCertificates(const QList<QByteArray> &pems);
    /// The account's XEP-0410 self-ping scheduler, e.g. for tests that shorten its 15-minute
    /// interval; nullptr for an unknown account.
    SelfPingScheduler *selfPingScheduler(const QString &account) const;

private:
    // AccountHost
    Account *createAccount(const storage::AccountRecord &record) override;
    void dropAccount(const QString &jid) override;

    /// Creates the account object of a stored record and hands it to every area.
    Account *loadAccount(const storage::AccountRecord &record);
    /// Every connection to an Account's own signals, in one place: each goes to the area
    /// that gives it meaning on the seam.
    void wireAccount(Account *account);
    /// Starts the delayed integrity check if the last one is old enough.
    void scheduleIntegrityCheck();

    AppContext m_context;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Maintenance> m_maintenance;
    QString m_startupNotice;
    std::unique_ptr<xmpp::CapsStore> m_capsStore;
    std::unique_ptr<PasswordStore> m_passwords;
    WakeDetector *m_wake = nullptr;
    std::unique_ptr<AppAccounts> m_accounts;
    std::unique_ptr<AppChats> m_chats;
    std::unique_ptr<AppRooms> m_rooms;
    std::unique_ptr<AppPeople> m_people;
    std::unique_ptr<AppSearch> m_search;
    std::vector<std::shared_ptr<services::AccountPlugin>> m_plugins;
};

} // namespace parla::services
