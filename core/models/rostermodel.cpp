// SPDX-License-Identifier: GPL-3.0-or-later
#include "rostermodel.h"

#include "contactcolor.h"
#include "roles.h"

#include "services/account.h"
#include "services/people.h"
#include "xmpp/im/presence.h"

namespace parla::models {

using xmpp::RosterItem;

QString RosterModel::key(const services::Account *account, const QString &jid)
{
    return account->jid() + u'\n' + jid;
}

void RosterModel::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(qsizetype(m_rows.size()));
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_index.insert(key(m_rows[i].account, m_rows[i].jid), int(i));
}

void RosterModel::addAccount(services::Account *account)
{
    reset(account);
    connect(account, &services::Account::rosterReset, this, [this, account] { reset(account); });
    connect(account, &services::Account::contactChanged, this,
            [this, account](const QString &jid) { upsert(account, jid); });
    connect(account, &services::Account::contactRemoved, this,
            [this, account](const QString &jid) { remove(account, jid); });
    connect(account, &services::Account::presenceChanged, this,
            [this, account](const QString &jid) { changed(account, jid); });
    // People: an avatar decoded, a nickname learned, the blocklist changed.
    connect(account->people(), &services::People::avatarChanged, this,
            [this, account](const QString &jid) { changed(account, jid); });
    connect(account->people(), &services::People::nicknameChanged, this,
            [this, account](const QString &jid) { changed(account, jid); });
    connect(account->people(), &services::People::blocklistChanged, this, [this] {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {ContactBlockedRole});
    });
    connect(account, &services::Account::stateChanged, this, [this] {
        // Shown presence depends on the account being online. One range signal, not one per
        // row: a roster of thousands would otherwise flood the views.
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1),
                               {ContactAvailabilityRole, ContactStatusTextRole});
    });
}

void RosterModel::removeAccount(services::Account *account)
{
    account->disconnect(this);
    account->people()->disconnect(this);
    beginResetModel();
    std::erase_if(m_rows, [account](const Row &r) { return r.account == account; });
    rebuildIndex();
    endResetModel();
}

void RosterModel::reset(services::Account *account)
{
    // One reset for a whole roster (thousands of rows), not thousands of inserts.
    beginResetModel();
    std::erase_if(m_rows, [account](const Row &r) { return r.account == account; });
    m_rows.reserve(m_rows.size() + size_t(account->roster().size()));
    for (auto it = account->roster().cbegin(); it != account->roster().cend(); ++it)
        m_rows.push_back({account, it.key()});
    for (const QString &jid : account->subscriptionRequests()) {
        if (!account->roster().contains(jid))
            m_rows.push_back({account, jid});
    }
    rebuildIndex();
    endResetModel();
}

void RosterModel::upsert(services::Account *account, const QString &jid)
{
    const auto it = m_index.constFind(key(account, jid));
    if (it != m_index.cend()) {
        const QModelIndex idx = index(*it);
        Q_EMIT dataChanged(idx, idx);
        return;
    }
    if (!account->roster().contains(jid) && !account->subscriptionRequests().contains(jid))
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.push_back({account, jid});
    m_index.insert(key(account, jid), row);
    endInsertRows();
}

void RosterModel::remove(services::Account *account, const QString &jid)
{
    const auto it = m_index.constFind(key(account, jid));
    if (it == m_index.cend())
        return;
    if (account->subscriptionRequests().contains(jid)) {
        changed(account, jid);
        return;
    }
    const int row = *it;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    rebuildIndex();
    endRemoveRows();
}

void RosterModel::changed(services::Account *account, const QString &jid)
{
    const auto it = m_index.constFind(key(account, jid));
    if (it == m_index.cend())
        return;
    const QModelIndex idx = index(*it);
    Q_EMIT dataChanged(idx, idx);
}

int RosterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RosterModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const auto &roster = row.account->roster();
    const auto itemIt = roster.constFind(row.jid);
    const RosterItem *item = itemIt != roster.cend() ? &*itemIt : nullptr;
    auto presence = [&] {
        return row.account->presence()->bestPresence(xmpp::Jid::fromString(row.jid));
    };
    const bool online = row.account->state() == ConnectionState::Connected;
    switch (role) {
    case Qt::DisplayRole:
    case ContactNameRole:
        if (item && !item->name.isEmpty())
            return item->name;
        // XEP-0172 §5: the contact's own nickname when we gave them no name.
        if (const QString nick = row.account->people()->nickname(row.jid); !nick.isEmpty())
            return nick;
        return row.jid.section(u'@', 0, 0).isEmpty() ? row.jid : row.jid.section(u'@', 0, 0);
    case Qt::ToolTipRole: {
        // The JID, then each connected resource (a contact's devices) with its status.
        QString tip = row.jid;
        if (online) {
            const auto resources =
                row.account->presence()->resources(xmpp::Jid::fromString(row.jid));
            for (auto it = resources.cbegin(); it != resources.cend(); ++it) {
                tip += u'\n' + (it.key().isEmpty() ? tr("(no resource)") : it.key());
                if (!it->status.isEmpty())
                    tip += QStringLiteral(" — ") + it->status;
            }
        }
        return tip;
    }
    case ContactJidRole:
        return row.jid;
    case ContactGroupsRole:
        return item ? item->groups : QStringList();
    case ContactAvailabilityRole: {
        if (!online)
            return int(Availability::Offline);
        const auto p = presence();
        return int(p ? p->show : Availability::Offline);
    }
    case ContactStatusTextRole: {
        const auto p = online ? presence() : std::nullopt;
        return p ? p->status : QString();
    }
    case ContactSubscriptionRole:
        return item ? RosterItem::subscriptionName(item->subscription) : QStringLiteral("none");
    case ContactPendingOutRole:
        return item && item->askSubscribe;
    case ContactRequestRole:
        return row.account->subscriptionRequests().contains(row.jid);
    case ContactResourcesRole: {
        QStringList out;
        if (!online)
            return out;
        const auto resources = row.account->presence()->resources(xmpp::Jid::fromString(row.jid));
        for (auto it = resources.cbegin(); it != resources.cend(); ++it)
            out << QStringLiteral("%1 (%2)").arg(it.key()).arg(it->priority);
        return out;
    }
    case ContactAccountRole:
        return row.account->jid();
    case ContactColorRole:
        return consistentColor(row.jid);
    case ContactAvatarRole:
        return QVariant::fromValue(row.account->people()->avatar(row.jid, kAvatarRoleSize));
    case ContactBlockedRole:
        return row.account->people()->isBlocked(row.jid);
    default:
        return {};
    }
}

QHash<int, QByteArray> RosterModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(ContactJidRole, "jid");
    names.insert(ContactNameRole, "name");
    names.insert(ContactGroupsRole, "groups");
    names.insert(ContactAvailabilityRole, "availability");
    names.insert(ContactStatusTextRole, "statusText");
    names.insert(ContactSubscriptionRole, "subscription");
    names.insert(ContactPendingOutRole, "pendingOut");
    names.insert(ContactRequestRole, "request");
    names.insert(ContactResourcesRole, "resources");
    names.insert(ContactAccountRole, "account");
    names.insert(ContactAvatarRole, "avatar");
    names.insert(ContactBlockedRole, "blocked");
    names.insert(ContactColorRole, "color");
    return names;
}

} // namespace parla::models
