// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace parla::storage {

/// An account's settings. The password is not here: it lives in the OS keyring
/// (ARCHITECTURE.md "Secrets stay secret").
struct AccountRecord
{
    QString jid;            ///< bare JID; the key
    QString resource;       ///< requested resource (RFC 6120 §7), empty to let the server choose
    QString host;           ///< explicit server host, empty for DNS SRV (RFC 6120 §3.2)
    quint16 port = 0;       ///< 0 for the default
    bool directTls = false; ///< XEP-0368 direct TLS instead of STARTTLS
    QStringList pinnedCertificates; ///< certificates the user accepted explicitly (opaque)
    bool enabled = true;
    QString displayName;
    int sortOrder = 0;

    bool operator==(const AccountRecord &) const = default;
};

/// The list of accounts, in the user's order.
class AccountStore
{
public:
    explicit AccountStore(Database &db) : m_db(db) {}

    /// All accounts by sortOrder, then JID (read connection).
    Result<QList<AccountRecord>> list();
    /// Adds the account, or replaces the one with the same JID.
    Task<Result<xmpp::Success>> save(const AccountRecord &account);
    /// Removes the account's settings (not its history or roster: the caller decides).
    Task<Result<xmpp::Success>> remove(const QString &jid);

private:
    Database &m_db;
};

} // namespace parla::storage
