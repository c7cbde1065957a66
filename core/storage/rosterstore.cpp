// SPDX-License-Identifier: GPL-3.0-or-later
#include "rosterstore.h"

namespace parla::storage {

namespace {

std::optional<Error> setVersion(Connection &c, const QString &account, const QString &version)
{
    Query q(c, "INSERT INTO roster (account, version) VALUES (?1, ?2) "
               "ON CONFLICT (account) DO UPDATE SET version = excluded.version");
    if (!q.bindText(1, account).bindText(2, version).exec())
        return q.error();
    return std::nullopt;
}

std::optional<Error> upsertItem(Connection &c, const QString &account, const RosterRecord &item)
{
    Query q(c, "INSERT INTO roster_item (account, jid, name, subscription, ask, groups) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (account, jid) DO UPDATE SET "
               "name = excluded.name, subscription = excluded.subscription, "
               "ask = excluded.ask, groups = excluded.groups");
    q.bindText(1, account)
        .bindText(2, item.jid)
        .bindText(3, item.name)
        .bindText(4, item.subscription)
        .bindText(5, item.ask)
        .bindText(6, encodeStringList(item.groups));
    if (!q.exec())
        return q.error();
    return std::nullopt;
}

Result<xmpp::Success> done(const std::optional<Error> &e)
{
    if (e)
        return *e;
    return xmpp::Success{};
}

} // namespace

Task<Result<xmpp::Success>> RosterStore::replaceAll(const QString &account, const QString &version,
                                                    const QList<RosterRecord> &items)
{
    return m_db.write<xmpp::Success>([=](Connection &c) -> Result<xmpp::Success> {
        Query clear(c, "DELETE FROM roster_item WHERE account = ?1");
        if (!clear.bindText(1, account).exec())
            return clear.error();
        for (const RosterRecord &item : items) {
            if (auto e = upsertItem(c, account, item))
                return *e;
        }
        return done(setVersion(c, account, version));
    });
}

Task<Result<xmpp::Success>> RosterStore::upsert(const QString &account, const QString &version,
                                                const RosterRecord &item)
{
    return m_db.write<xmpp::Success>([=](Connection &c) -> Result<xmpp::Success> {
        if (auto e = upsertItem(c, account, item))
            return *e;
        return done(setVersion(c, account, version));
    });
}

Task<Result<xmpp::Success>> RosterStore::remove(const QString &account, const QString &version,
                                                const QString &jid)
{
    return m_db.write<xmpp::Success>([=](Connection &c) -> Result<xmpp::Success> {
        Query q(c, "DELETE FROM roster_item WHERE account = ?1 AND jid = ?2");
        if (!q.bindText(1, account).bindText(2, jid).exec())
            return q.error();
        return done(setVersion(c, account, version));
    });
}

Result<RosterSnapshot> RosterStore::load(const QString &account)
{
    RosterSnapshot snapshot;
    {
        Query q(m_db.reader(), "SELECT version FROM roster WHERE account = ?1");
        q.bindText(1, account);
        if (q.next())
            snapshot.version = q.text(0);
        if (q.failed())
            return q.error();
    }
    Query q(m_db.reader(), "SELECT jid, name, subscription, ask, groups FROM roster_item "
                           "WHERE account = ?1 ORDER BY jid");
    q.bindText(1, account);
    while (q.next())
        snapshot.items.append(
            {q.text(0), q.text(1), q.text(2), q.text(3), decodeStringList(q.text(4))});
    if (q.failed())
        return q.error();
    return snapshot;
}

} // namespace parla::storage
