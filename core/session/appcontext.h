// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/session: what AppSession shares with its area objects.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <vector>

namespace parla::storage {
class Database;
class Maintenance;
struct AccountRecord;
} // namespace parla::storage

namespace parla::models {
class AccountListModel;
class RosterModel;
class ConversationListModel;
} // namespace parla::models

namespace parla::services {

class Account;
class PasswordStore;

/// Where accounts come and go: AppSession, so that every area sees each account arrive
/// (and is wired to it) and leave.
class AccountHost
{
public:
    /// Stores `record` (replacing an account with the same JID) and creates the account, wired
    /// to every area; it writes no password and does not connect.
    virtual Account *createAccount(const storage::AccountRecord &record) = 0;
    /// Disconnects the account and forgets it: its models, record and password.
    virtual void dropAccount(const QString &jid) = 0;

protected:
    ~AccountHost() = default;
};

/// What AppSession's area objects (AppAccounts, AppChats, AppRooms, AppPeople, AppSearch)
/// share: the profile, its database and password store, the accounts and the core models.
/// AppSession owns everything here and outlives the areas. An area reaches another area only
/// through that area's Session interface, never through this.
struct AppContext
{
    QString profile;
    QString openError;                           ///< why the profile did not open (database null)
    storage::Database *database = nullptr;       ///< null when the profile did not open
    storage::Maintenance *maintenance = nullptr; ///< whole-file work (backup, integrity check)
    PasswordStore *passwords = nullptr;
    models::AccountListModel *accountModel = nullptr;
    models::RosterModel *rosterModel = nullptr;
    models::ConversationListModel *conversationModel = nullptr;
    QList<QByteArray> extraCas; ///< CA certificates every account trusts (PEM)
    AccountHost *host = nullptr;

    /// The account with this bare JID, or nullptr.
    Account *account(const QString &jid) const;
    /// Every account, in the user's order.
    std::vector<Account *> accounts() const;
};

} // namespace parla::services
