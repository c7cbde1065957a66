// SPDX-License-Identifier: GPL-3.0-or-later
#include "roompermissions.h"

#include <QCoreApplication>

namespace parla::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("parla::ui::RoomPermissions", text);
}
} // namespace

int affiliationRank(RoomAffiliation affiliation)
{
    switch (affiliation) {
    case RoomAffiliation::Outcast:
        return 0;
    case RoomAffiliation::None:
        return 1;
    case RoomAffiliation::Member:
        return 2;
    case RoomAffiliation::Admin:
        return 3;
    case RoomAffiliation::Owner:
        return 4;
    }
    return 1;
}

bool isAllowed(OccupantAction action, const OccupantActionContext &c)
{
    if (c.targetIsSelf)
        return false; // §9.1: no banning oneself; kicking or demoting oneself is a foot-gun
    const bool moderator = c.selfRole == RoomRole::Moderator;
    const bool admin =
        c.selfAffiliation == RoomAffiliation::Admin || c.selfAffiliation == RoomAffiliation::Owner;
    const bool owner = c.selfAffiliation == RoomAffiliation::Owner;
    const int self = affiliationRank(c.selfAffiliation);
    const int target = affiliationRank(c.targetAffiliation);
    const bool targetPrivileged = c.targetAffiliation == RoomAffiliation::Admin ||
                                  c.targetAffiliation == RoomAffiliation::Owner;
    switch (action) {
    case OccupantAction::Kick:
        // §8.2: "A user cannot be kicked by a moderator with a lower affiliation."
        return moderator && c.targetRole != RoomRole::None && target <= self;
    case OccupantAction::GrantVoice:
        return moderator && c.targetRole == RoomRole::Visitor;
    case OccupantAction::RevokeVoice:
        // §8.4: never from an admin or owner, nor from a higher affiliation than ours.
        return moderator && c.targetRole == RoomRole::Participant && !targetPrivileged &&
               target <= self;
    case OccupantAction::GrantModerator:
        return admin &&
               (c.targetRole == RoomRole::Participant || c.targetRole == RoomRole::Visitor);
    case OccupantAction::RevokeModerator:
        // §9.7: an admin may not revoke moderation from an admin or owner.
        return admin && c.targetRole == RoomRole::Moderator && !targetPrivileged;
    case OccupantAction::Ban:
        // §9.1: needs the JID; not by an admin with a lower affiliation than the target.
        return admin && c.targetJidKnown && target <= self;
    case OccupantAction::MakeMember:
        return admin && c.targetJidKnown && c.targetAffiliation == RoomAffiliation::None;
    case OccupantAction::RevokeMembership:
        return admin && c.targetJidKnown && c.targetAffiliation == RoomAffiliation::Member;
    case OccupantAction::MakeAdmin:
        // §10.6: only owners edit the admin list.
        return owner && c.targetJidKnown && c.targetAffiliation != RoomAffiliation::Admin &&
               c.targetAffiliation != RoomAffiliation::Owner;
    case OccupantAction::MakeOwner:
        return owner && c.targetJidKnown && c.targetAffiliation != RoomAffiliation::Owner;
    }
    return false;
}

QList<OccupantAction> allowedActions(const OccupantActionContext &context)
{
    QList<OccupantAction> out;
    for (OccupantAction a :
         {OccupantAction::GrantVoice, OccupantAction::RevokeVoice, OccupantAction::GrantModerator,
          OccupantAction::RevokeModerator, OccupantAction::MakeMember,
          OccupantAction::RevokeMembership, OccupantAction::MakeAdmin, OccupantAction::MakeOwner,
          OccupantAction::Kick, OccupantAction::Ban}) {
        if (isAllowed(a, context))
            out << a;
    }
    return out;
}

QString actionText(OccupantAction action)
{
    switch (action) {
    case OccupantAction::Kick:
        return tr("Kick…");
    case OccupantAction::GrantVoice:
        return tr("Grant voice");
    case OccupantAction::RevokeVoice:
        return tr("Revoke voice…");
    case OccupantAction::GrantModerator:
        return tr("Make moderator");
    case OccupantAction::RevokeModerator:
        return tr("Revoke moderator…");
    case OccupantAction::Ban:
        return tr("Ban…");
    case OccupantAction::MakeMember:
        return tr("Make member");
    case OccupantAction::RevokeMembership:
        return tr("Revoke membership…");
    case OccupantAction::MakeAdmin:
        return tr("Make admin");
    case OccupantAction::MakeOwner:
        return tr("Make owner");
    }
    return {};
}

bool actionTakesReason(OccupantAction action)
{
    return action == OccupantAction::Kick || action == OccupantAction::RevokeVoice ||
           action == OccupantAction::RevokeModerator || action == OccupantAction::Ban ||
           action == OccupantAction::RevokeMembership;
}

QString roleText(RoomRole role)
{
    switch (role) {
    case RoomRole::Moderator:
        return tr("Moderator");
    case RoomRole::Participant:
        return tr("Participant");
    case RoomRole::Visitor:
        return tr("Visitor");
    case RoomRole::None:
        break;
    }
    return {};
}

QString affiliationText(RoomAffiliation affiliation)
{
    switch (affiliation) {
    case RoomAffiliation::Owner:
        return tr("Owner");
    case RoomAffiliation::Admin:
        return tr("Admin");
    case RoomAffiliation::Member:
        return tr("Member");
    case RoomAffiliation::Outcast:
        return tr("Banned");
    case RoomAffiliation::None:
        break;
    }
    return {};
}

} // namespace parla::ui
