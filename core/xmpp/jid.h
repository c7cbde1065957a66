// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

#include <optional>

namespace parla::xmpp {

/// An XMPP address, RFC 7622: [localpart@]domainpart[/resourcepart].
///
/// Parts are stored in their canonical form: the localpart case-folded and NFC-normalised
/// (UsernameCaseMapped profile, approximated), the domain lower-cased, NFC, trailing dot
/// removed and checked with IDNA, the resource NFC-normalised (OpaqueString, approximated).
/// Each part is limited to 1023 octets of UTF-8 (RFC 7622 §3.2–3.4). An invalid string is
/// refused with a reason; a default-constructed Jid is empty and invalid.
class Jid
{
public:
    Jid() = default;

    /// Parses and normalises; std::nullopt with `*error` set (plain words) when invalid.
    static std::optional<Jid> parse(QStringView text, QString *error = nullptr);
    /// Parses a JID known to be valid (our own constants, tests); empty Jid when invalid.
    static Jid fromString(QStringView text);

    bool isValid() const { return !m_domain.isEmpty(); }
    bool isBare() const { return isValid() && m_resource.isEmpty(); }
    bool isFull() const { return isValid() && !m_resource.isEmpty(); }

    const QString &local() const { return m_local; }
    const QString &domain() const { return m_domain; }
    const QString &resource() const { return m_resource; }

    Jid bare() const;
    Jid domainJid() const;
    /// A copy with that resource (validated; an invalid resource yields an empty Jid).
    Jid withResource(QStringView resource) const;

    QString toString() const;
    QString bareString() const;

    bool operator==(const Jid &other) const = default;
    /// Same account (local and domain part); never true for invalid JIDs.
    bool sameBare(const Jid &other) const
    {
        return isValid() && m_local == other.m_local && m_domain == other.m_domain;
    }

private:
    QString m_local;
    QString m_domain;
    QString m_resource;
};

inline size_t qHash(const Jid &jid, size_t seed = 0) noexcept
{
    return qHashMulti(seed, jid.local(), jid.domain(), jid.resource());
}

} // namespace parla::xmpp

Q_DECLARE_METATYPE(parla::xmpp::Jid)
