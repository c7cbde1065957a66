// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../element.h"
#include "../../jid.h"
#include "../../result.h"
#include "../xep0004_dataforms/dataform.h"
#include "../xep0030_disco/discoinfo.h"
#include "types/roomtypes.h"

#include <QList>
#include <QString>

#include <optional>

/// The stateless IQ side of XEP-0045 room administration (muc#owner, muc#admin), the room
/// directory (§6) and XEP-0425 moderation requests: request builders and total result parsers.
/// The value types (RoomRole, RoomAffiliation, AffiliationEntry, RoomListing, RoomPreset) are
/// the plain structs of services/roomtypes.h, shared with the UI like DataForm's FormField.
namespace parla::xmpp::mucadmin {

// Namespaces kept here (not in namespaces.h) so this folder merges without touching the
// group-chat helper's constants; the lead may move them.
inline const QString NsMuc = QStringLiteral("http://jabber.org/protocol/muc");
inline const QString NsMucUser = QStringLiteral("http://jabber.org/protocol/muc#user");
inline const QString NsMucAdmin = QStringLiteral("http://jabber.org/protocol/muc#admin");
inline const QString NsMucOwner = QStringLiteral("http://jabber.org/protocol/muc#owner");
inline const QString NsRoomInfo = QStringLiteral("http://jabber.org/protocol/muc#roominfo");
inline const QString NsRoomConfig = QStringLiteral("http://jabber.org/protocol/muc#roomconfig");
/// XEP-0425 v0.3 (message moderation) and the XEP-0424 retraction it wraps.
inline const QString NsModerate = QStringLiteral("urn:xmpp:message-moderate:1");
inline const QString NsRetract = QStringLiteral("urn:xmpp:message-retract:1");

/// XEP-0045 §5.1/§5.2 attribute values ("none", "visitor", …, "outcast", "owner").
QString roleToString(RoomRole role);
std::optional<RoomRole> roleFromString(QStringView text);
QString affiliationToString(RoomAffiliation affiliation);
std::optional<RoomAffiliation> affiliationFromString(QStringView text);

// ---- muc#owner (XEP-0045 §10) ----

/// §10.2: <iq type='get'><query xmlns='muc#owner'/></iq>, asks for the configuration form.
Element configurationRequest(const Jid &room);
/// §10.2 (example 165): submits the filled form (sent as type='submit', fixed fields dropped).
Element configurationSubmit(const Jid &room, const DataForm &form);
/// §10.1.2: accepts the default configuration ("instant room"): an empty submit form.
Element instantRoomRequest(const Jid &room);
/// §10.1.3 / §10.2: a type='cancel' form; a locked new room is then destroyed by the service.
Element configurationCancel(const Jid &room);
/// §10.9: destroys the room; `alternate` (optional) names a successor room for the occupants.
Element destroyRequest(const Jid &room, const QString &reason, const Jid &alternate = {},
                       const QString &alternatePassword = {});
/// The muc#owner form of a configuration result; nothing if it carries none.
std::optional<DataForm> configurationFromResult(const Element &iqResult);

// ---- muc#admin (XEP-0045 §8, §9, §10) ----

/// §8.2–§8.6: sets the role of the occupant `nick` (None = kick, Participant = voice,
/// Visitor = revoke voice, Moderator = grant moderator).
Element roleRequest(const Jid &room, const QString &nick, RoomRole role, const QString &reason);
/// §9.1–§9.8, §10.3–§10.7: sets the affiliation of a bare JID (Outcast = ban, None = remove).
Element affiliationRequest(const Jid &room, const Jid &jid, RoomAffiliation affiliation,
                           const QString &reason);
/// §9.5 (outcast), §9.5 (member), §10.5 (owner), §10.8 (admin): the list of one affiliation.
Element affiliationListRequest(const Jid &room, RoomAffiliation affiliation);
/// The items of an affiliation list result. Total: items without a valid jid or with an
/// unknown affiliation are skipped; a result without the muc#admin query yields nothing.
std::optional<QList<AffiliationEntry>> affiliationListFromResult(const Element &iqResult);

// ---- XEP-0425 moderation ----

/// §4 (v0.3): asks the room to retract the message it numbered `stanzaId` (its XEP-0359
/// stanza-id with by = the room).
Element moderateRequest(const Jid &room, const QString &stanzaId, const QString &reason);

// ---- directory (§6) ----

/// One directory entry from a room's disco#info: name from the conference identity (else
/// `itemName`, else the localpart), description and occupants from the muc#roominfo form
/// (XEP-0045 §6.4, XEP-0128), flags from the muc_passwordprotected / muc_membersonly features.
RoomListing listingFromInfo(const Jid &room, const QString &itemName, const DiscoInfo *info);

// ---- presets ----

/// Fills the muc#roomconfig fields that express `preset` into `form` (the form the service
/// returned): only fields that exist are set, list values only if they are an option.
/// Instant and Custom change nothing. Returns how many fields were set.
int applyPreset(DataForm &form, RoomPreset preset);

// ---- plain words ----

/// What was asked, for the error text.
enum class Action
{
    Configure,
    Destroy,
    SetRole,
    SetAffiliation,
    ListAffiliations,
    Moderate,
    Create,
    Directory,
};

/// Replaces a stanza error's text with plain words for `action` (forbidden → "Only the
/// room's owner may …"); other kinds (timeout, disconnect) keep theirs. `target` is the
/// affiliation being set or listed (owner/admin changes are the owner's alone, §10).
Error describeError(const Error &error, Action action,
                    RoomAffiliation target = RoomAffiliation::None);

} // namespace parla::xmpp::mucadmin
