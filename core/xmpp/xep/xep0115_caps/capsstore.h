// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace parla::xmpp {

/// Where verified entity capabilities are kept across sessions (XEP-0115 §8.2 "Caching"):
/// the disco#info answer that produced (hash, ver), serialised as XML. Only answers whose hash
/// was verified are stored, so the same entry serves every entity that advertises the ver.
/// The services layer implements it with SQLite; InMemoryCapsStore is for tests and defaults.
class CapsStore
{
public:
    virtual ~CapsStore() = default;
    /// The stored <query xmlns='http://jabber.org/protocol/disco#info'/> for (hash, ver).
    virtual std::optional<QByteArray> lookup(const QString &hash, const QString &ver) = 0;
    virtual void store(const QString &hash, const QString &ver, const QByteArray &discoInfoXml) = 0;
};

/// A CapsStore that forgets everything when it is destroyed.
class InMemoryCapsStore : public CapsStore
{
public:
    std::optional<QByteArray> lookup(const QString &hash, const QString &ver) override;
    void store(const QString &hash, const QString &ver, const QByteArray &discoInfoXml) override;
    qsizetype size() const { return m_entries.size(); }

private:
    QHash<std::pair<QString, QString>, QByteArray> m_entries;
};

} // namespace parla::xmpp
