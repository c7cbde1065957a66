// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QHash>

#include <vector>

namespace parla::services {
class Account;
}

namespace parla::models {

/// Contacts of every account, one row per (account, contact), plus people asking to subscribe
/// who are not in the roster yet (roles: models/roles.h RosterRole). Sorting and filtering
/// are the UI's proxies.
class RosterModel : public QAbstractListModel
{
    Q_OBJECT
public:
    using QAbstractListModel::QAbstractListModel;

    void addAccount(services::Account *account);
    void removeAccount(services::Account *account);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row
    {
        services::Account *account;
        QString jid;
    };
    void reset(services::Account *account);
    void upsert(services::Account *account, const QString &jid);
    void remove(services::Account *account, const QString &jid);
    void changed(services::Account *account, const QString &jid);
    void rebuildIndex();
    static QString key(const services::Account *account, const QString &jid);

    std::vector<Row> m_rows;
    QHash<QString, int> m_index;
};

} // namespace parla::models
