// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/roomtypes.h"

#include <QList>
#include <QString>

namespace parla::ui {

/// What a moderator/admin/owner may do to another occupant, so that menus offer only what the
/// room would allow (XEP-0045 §8 moderator use cases, §9 admin, §10 owner). The service has the
/// last word; these rules only keep impossible entries out of the menu.
enum class OccupantAction
{
    Kick,             ///< §8.2: role none
    GrantVoice,       ///< §8.3: visitor → participant
    RevokeVoice,      ///< §8.4: participant → visitor
    GrantModerator,   ///< §9.6: → moderator
    RevokeModerator,  ///< §9.7: moderator → participant
    Ban,              ///< §9.1: affiliation outcast
    MakeMember,       ///< §9.3: affiliation member
    RevokeMembership, ///< §9.4: member → none
    MakeAdmin,        ///< §10.6
    MakeOwner,        ///< §10.3
};

/// Our standing in the room and the occupant acted on.
struct OccupantActionContext
{
    RoomRole selfRole = RoomRole::None;
    RoomAffiliation selfAffiliation = RoomAffiliation::None;
    RoomRole targetRole = RoomRole::None;
    RoomAffiliation targetAffiliation = RoomAffiliation::None;
    bool targetIsSelf = false;
    bool targetJidKnown = false; ///< affiliations name a bare JID, so we must know it
};

/// The rank XEP-0045 compares affiliations by (outcast lowest, owner highest).
int affiliationRank(RoomAffiliation affiliation);
bool isAllowed(OccupantAction action, const OccupantActionContext &context);
/// The allowed actions in menu order.
QList<OccupantAction> allowedActions(const OccupantActionContext &context);
/// The menu text ("Kick…", "Grant voice", …).
QString actionText(OccupantAction action);
/// Whether the action asks for an optional reason first (the negative ones).
bool actionTakesReason(OccupantAction action);
/// Plain words for a role and an affiliation (badges, tooltips).
QString roleText(RoomRole role);
QString affiliationText(RoomAffiliation affiliation);

} // namespace parla::ui
