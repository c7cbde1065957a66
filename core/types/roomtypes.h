// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

/// Value types of group chat (XEP-0045 Multi-User Chat) shared by the core, the UI and the CLI.
/// Rooms are named by their bare JID (room@service) as strings; occupants by their nick.
namespace parla {

/// XEP-0045 §5.1 roles (a privilege in the room while present).
enum class RoomRole
{
    None = 0,
    Visitor,
    Participant,
    Moderator
};

/// XEP-0045 §5.2 affiliations (a long-lived relation with the room).
enum class RoomAffiliation
{
    None = 0,
    Outcast,
    Member,
    Admin,
    Owner
};

/// Where our presence in a room is; always shown to the user (the issue's "never silently
/// stops": a room that dropped us is never shown as joined).
enum class RoomState
{
    NotJoined = 0, ///< bookmarked or opened but not entered (or left by the user)
    Joining,       ///< presence sent, waiting for our self-presence (status 110)
    Joined,
    Error,     ///< the join failed or the room dropped us; RoomInfo::errorText says why
    Kicked,    ///< status 307 (RoomInfo::errorText: by whom and why)
    Banned,    ///< status 301
    Destroyed, ///< the owner destroyed it (RoomInfo::alternateRoom may name a successor)
};

/// What the room view shows about one room.
struct RoomInfo
{
    QString room; ///< bare JID
    QString name; ///< the room's name (disco#info / config), or the localpart
    QString subject;
    QString nick; ///< our nick in the room (also while not joined: the one we will use)
    RoomState state = RoomState::NotJoined;
    QString errorText; ///< plain words for Error/Kicked/Banned/Destroyed
    RoomRole role = RoomRole::None;
    RoomAffiliation affiliation = RoomAffiliation::None;
    bool nonAnonymous = false; ///< real JIDs are visible to everyone (status 100/172)
    bool membersOnly = false;
    bool moderated = false;
    bool passwordProtected = false;
    int occupantCount = 0;
    QString alternateRoom; ///< after Destroyed: where the owner asked us to go
};

/// One occupant as the session reports it (the occupant model's rows carry the same data).
struct RoomOccupant
{
    QString nick;
    QString realJid;    ///< bare or full real JID when the room shows it to us, else empty
    QString occupantId; ///< XEP-0421, empty when the room does not assign one
    RoomRole role = RoomRole::None;
    RoomAffiliation affiliation = RoomAffiliation::None;
};

/// An invitation to a room, mediated (XEP-0045 §7.8.2) or direct (XEP-0249).
struct RoomInvitation
{
    QString room;    ///< bare JID of the room
    QString inviter; ///< real bare JID of who invited us (may be empty for mediated)
    QString reason;
    QString password;
    bool direct = false; ///< XEP-0249 (decline goes nowhere) vs mediated (decline via the room)
};

/// One room of a directory listing (disco#items of a MUC service, XEP-0045 §6.3, with
/// muc#roominfo where fetched).
struct RoomListing
{
    QString room; ///< bare JID
    QString name;
    QString description;
    int occupants = -1; ///< -1 unknown
    bool passwordProtected = false;
    bool membersOnly = false;
};

/// One entry of an affiliation list (member, admin, owner, outcast; XEP-0045 §9.3, §10.5).
struct AffiliationEntry
{
    QString jid;
    RoomAffiliation affiliation = RoomAffiliation::None;
    QString nick;
    QString reason;
};

/// The common configurations offered when creating a room (XEP-0045 §10.1.2 and muc#roomconfig).
enum class RoomPreset
{
    Instant = 0,   ///< the service's defaults, no form
    PublicChannel, ///< public, open, semi-anonymous, persistent
    PrivateGroup,  ///< hidden, members-only, non-anonymous, persistent (OMEMO-capable)
    Moderated,     ///< public, moderated, persistent
    Custom,        ///< reserved room: the configuration form is shown to the user
};

/// A room bookmark (XEP-0402 native bookmarks, or XEP-0048 private storage as a fallback).
struct RoomBookmark
{
    QString room; ///< bare JID
    QString name;
    QString nick;
    QString password;
    bool autojoin = false;
    bool operator==(const RoomBookmark &) const = default;
};

} // namespace parla

Q_DECLARE_METATYPE(parla::RoomState)
Q_DECLARE_METATYPE(parla::RoomInvitation)
