// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountlistmodel.h"

#include "roles.h"

#include "services/account.h"

namespace parla::models {

void AccountListModel::addAccount(services::Account *account)
{
    const int row = int(m_accounts.size());
    beginInsertRows({}, row, row);
    m_accounts.push_back(account);
    endInsertRows();
    auto changed = [this, account] {
        const auto it = std::find(m_accounts.begin(), m_accounts.end(), account);
        if (it == m_accounts.end())
            return;
        const QModelIndex i = index(int(it - m_accounts.begin()));
        Q_EMIT dataChanged(i, i);
    };
    connect(account, &services::Account::stateChanged, this, changed);
    connect(account, &services::Account::recordChanged, this, changed);
}

void AccountListModel::removeAccount(services::Account *account)
{
    const auto it = std::find(m_accounts.begin(), m_accounts.end(), account);
    if (it == m_accounts.end())
        return;
    const int row = int(it - m_accounts.begin());
    account->disconnect(this);
    beginRemoveRows({}, row, row);
    m_accounts.erase(it);
    endRemoveRows();
}

services::Account *AccountListModel::account(int row) const
{
    return row >= 0 && row < int(m_accounts.size()) ? m_accounts[size_t(row)] : nullptr;
}

services::Account *AccountListModel::find(const QString &jid) const
{
    for (services::Account *a : m_accounts) {
        if (a->jid() == jid)
            return a;
    }
    return nullptr;
}

int AccountListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size());
}

QVariant AccountListModel::data(const QModelIndex &index, int role) const
{
    const services::Account *a = account(index.row());
    if (!a || index.column() != 0)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return a->record().displayName.isEmpty() ? a->jid() : a->record().displayName;
    case Qt::ToolTipRole:
        return a->errorText().isEmpty() ? a->jid() : a->jid() + u'\n' + a->errorText();
    case AccountJidRole:
        return a->jid();
    case AccountStateRole:
        return int(a->state());
    case AccountErrorRole:
        return a->errorText();
    case AccountAvailabilityRole:
        return int(a->availability());
    case AccountRetryInRole:
        return a->secondsUntilRetry();
    default:
        return {};
    }
}

QHash<int, QByteArray> AccountListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(AccountJidRole, "jid");
    names.insert(AccountStateRole, "state");
    names.insert(AccountErrorRole, "error");
    names.insert(AccountAvailabilityRole, "availability");
    names.insert(AccountRetryInRole, "retryIn");
    return names;
}

} // namespace parla::models
