// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"
#include "xmpp/jid.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace parla::xmpp {

/// Namespaces of group chat (kept here, not in namespaces.h, so that parallel work on the room
/// administration does not collide; the lead may move them).
namespace mucns {
inline const QString Muc = QStringLiteral("http://jabber.org/protocol/muc");
inline const QString User = QStringLiteral("http://jabber.org/protocol/muc#user");
inline const QString Admin = QStringLiteral("http://jabber.org/protocol/muc#admin");
inline const QString Owner = QStringLiteral("http://jabber.org/protocol/muc#owner");
inline const QString OccupantId = QStringLiteral("urn:xmpp:occupant-id:0");
inline const QString Conference = QStringLiteral("jabber:x:conference");
inline const QString Captcha = QStringLiteral("urn:xmpp:captcha");
inline const QString Bob = QStringLiteral("urn:xmpp:bob");
} // namespace mucns

/// XEP-0045 §5.1 roles; the numeric values match parla::RoomRole.
enum class MucRole
{
    None = 0,
    Visitor,
    Participant,
    Moderator
};

/// XEP-0045 §5.2 affiliations; the numeric values match parla::RoomAffiliation.
enum class MucAffiliation
{
    None = 0,
    Outcast,
    Member,
    Admin,
    Owner
};

QString mucRoleName(MucRole role);
std::optional<MucRole> mucRoleFromName(QStringView name);
QString mucAffiliationName(MucAffiliation affiliation);
std::optional<MucAffiliation> mucAffiliationFromName(QStringView name);

/// XEP-0045 status codes this client acts on (§15.6.2 registry).
namespace mucstatus {
constexpr int NonAnonymous = 100;    ///< real JIDs are visible to any occupant
constexpr int SelfPresence = 110;    ///< this presence is about us
constexpr int Logged = 170;          ///< the room is logged
constexpr int Created = 201;         ///< a new room was created (locked until configured)
constexpr int NickAssigned = 210;    ///< the service changed our nick
constexpr int Banned = 301;          ///< the occupant was banned
constexpr int NickChanged = 303;     ///< unavailable: the occupant now uses item@nick
constexpr int Kicked = 307;          ///< the occupant was kicked
constexpr int AffiliationLost = 321; ///< removed for an affiliation change
constexpr int MembersOnly = 322;     ///< removed because the room became members-only
constexpr int Shutdown = 332;        ///< removed because the service shuts down
constexpr int RemovedByError = 333;  ///< removed for a technical problem (§16.1), not a choice
} // namespace mucstatus

/// One <item/> of a muc#user payload (XEP-0045 §7.2.3 and following).
struct MucItem
{
    std::optional<MucAffiliation> affiliation;
    std::optional<MucRole> role;
    QString nick;      ///< the new nick in a 303 presence
    Jid jid;           ///< the real JID: believed only from presence sent by the room
    QString actorNick; ///< <actor nick=''/> of a kick or ban
    Jid actorJid;
    QString reason;

    static std::optional<MucItem> fromElement(const Element &item);
    Element toElement(const QString &xmlns) const;
};

/// <destroy/> inside muc#user (§10.9): the room is gone, maybe with a successor.
struct MucDestroy
{
    Jid alternate;
    QString reason;
    QString password;
};

/// A mediated invitation or a decline (§7.8.2), as the room forwards it: `from` is the real
/// JID of the inviter (or decliner), `to` whom a decline is addressed.
struct MucInvite
{
    bool decline = false;
    Jid from;
    Jid to;
    QString reason;
    bool continued = false;
};

/// <x xmlns='http://jabber.org/protocol/muc#user'/> in a presence or message.
struct MucUser
{
    std::vector<MucItem> items;
    QList<int> statuses;
    std::optional<MucDestroy> destroy;
    std::vector<MucInvite> invites; ///< invites or declines (a message may carry several)
    QString password;               ///< of a mediated invite to a protected room

    bool hasStatus(int code) const { return statuses.contains(code); }
    const MucItem *item() const { return items.empty() ? nullptr : &items.front(); }

    /// Finds and parses the muc#user child of a stanza; nullopt when there is none or it is
    /// unusable (hostile input never crashes: unknown values are skipped).
    static std::optional<MucUser> fromStanza(const Element &stanza);
    static std::optional<MucUser> fromElement(const Element &x);
    Element toElement() const;
};

/// The join request payload <x xmlns='http://jabber.org/protocol/muc'/> (§7.2.1, §7.2.6,
/// §7.2.15): password and how much history the room should send.
struct MucJoin
{
    QString password;
    std::optional<int> maxStanzas;
    QDateTime since; ///< invalid: not asked

    Element toElement() const;
    static std::optional<MucJoin> fromElement(const Element &x);
};

} // namespace parla::xmpp
