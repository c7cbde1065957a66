// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>

#include <vector>

namespace parla::services {
class Account;
}

namespace parla::models {

/// The accounts and their connection state (roles: models/roles.h AccountRole).
class AccountListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    using QAbstractListModel::QAbstractListModel;

    void addAccount(services::Account *account);
    void removeAccount(services::Account *account);
    services::Account *account(int row) const;
    services::Account *find(const QString &jid) const;
    const std::vector<services::Account *> &accounts() const { return m_accounts; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<services::Account *> m_accounts;
};

} // namespace parla::models
