// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

/// Named roles of the core's item models (STYLE.md §9). The UI reads data only through these.
namespace parla::models {

/// AccountListModel: one row per account.
enum AccountRole
{
    AccountJidRole = Qt::UserRole + 1, ///< QString, bare JID
    AccountStateRole,                  ///< int, parla::ConnectionState
    AccountErrorRole,                  ///< QString, plain words, empty unless Failed
    AccountAvailabilityRole,           ///< int, parla::Availability (own presence)
    AccountRetryInRole,                ///< int, seconds until the next reconnect attempt, -1 none
};

/// RosterModel: one row per contact of one or all accounts.
/// The side, in pixels, of the images of the avatar roles (large enough for 2× screens).
inline constexpr int kAvatarRoleSize = 96;

enum RosterRole
{
    ContactJidRole = Qt::UserRole + 100, ///< QString, bare JID
    ContactNameRole,                     ///< QString, roster name or the JID's localpart
    ContactGroupsRole,                   ///< QStringList
    ContactAvailabilityRole,             ///< int, parla::Availability (best resource)
    ContactStatusTextRole,               ///< QString
    ContactSubscriptionRole,             ///< QString: none, to, from, both
    ContactPendingOutRole,               ///< bool, we asked to see their presence
    ContactRequestRole,                  ///< bool, they ask to see ours (needs an answer)
    ContactResourcesRole,                ///< QStringList, "resource (priority) show"
    ContactAccountRole,                  ///< QString, the account's bare JID
    ContactColorRole,                    ///< QColor, XEP-0392 consistent colour
    /// QImage, the avatar (XEP-0084/0153) scaled to kAvatarRoleSize, null while none. Asking
    /// for it is what starts a lazy fetch: only rows that are shown fetch avatars.
    ContactAvatarRole,
    ContactBlockedRole, ///< bool, on our XEP-0191 blocklist
};

/// ConversationListModel: one row per open conversation, most recent first.
enum ConversationRole
{
    ConversationAccountRole = Qt::UserRole + 200, ///< QString
    ConversationPeerRole,                         ///< QString, bare JID
    ConversationTitleRole,                        ///< QString
    ConversationLastTextRole,                     ///< QString
    ConversationLastTimeRole,                     ///< QDateTime (UTC)
    ConversationUnreadRole,                       ///< int
    ConversationAvailabilityRole,                 ///< int, parla::Availability
    ConversationColorRole,                        ///< QColor
    ConversationMutedUntilRole,                   ///< QDateTime (UTC), invalid unless muted now
    ConversationMutedRole,     ///< bool, muted now: no notification, sound, attention
    ConversationAvatarRole,    ///< QImage, like ContactAvatarRole
    ConversationBlockedRole,   ///< bool, like ContactBlockedRole
    ConversationKindRole,      ///< int, storage::ConversationKind (0 chat, 1 group chat)
    ConversationRoomStateRole, ///< int, parla::RoomState (group chats only)
};

/// MessageModel: one conversation's messages, oldest first; older pages come via fetchMore().
enum MessageRole
{
    MessageIdRole = Qt::UserRole + 300, ///< qint64, local row id
    MessageBodyRole,                    ///< QString, plain text (never HTML)
    MessageTimeRole,                    ///< QDateTime (UTC)
    MessageOutgoingRole,                ///< bool
    MessageSenderRole,                  ///< QString, display name of the sender
    MessageStateRole,                   ///< int, parla::DeliveryState
    MessageErrorRole,                   ///< QString, reason when Failed
    MessageColorRole,                   ///< QColor of the sender
    MessageFirstInGroupRole,            ///< bool, first of consecutive messages by one sender
    MessageGapBeforeRole,    ///< bool, history may be missing just before this message (MAM gap)
    MessageEditedRole,       ///< bool, XEP-0308 corrected (body is the new text)
    MessageOriginalBodyRole, ///< QString, the text before the first correction
    MessageRetractedRole,    ///< bool, XEP-0424 (body role: "This message was deleted")
    MessageReplyToRole,      ///< qint64, local id of the quoted message, 0 unknown
    MessageReplyTextRole,    ///< QString, quoted text (empty when not a reply)
    MessageReplySenderRole,  ///< QString, display name of the quoted author
    MessageReactionsRole,  ///< QVariantList of QVariantMap {emoji: QString, count: int, own: bool}
    MessageStanzaIdRole,   ///< QString, the message's 'id' attribute (replies, reactions name it)
    MessageMentionsMeRole, ///< bool, group chat: the body mentions our nick
    MessageOccupantIdRole, ///< QString, group chat: XEP-0421 id of the author, if any
    MessageSenderNickRole, ///< QString, group chat: the author's nick (resource of 'from')
    MessageModeratedRole,  ///< bool, XEP-0425: retracted by a moderator
};

/// OccupantModel: one row per occupant of one room, moderators first, then by nick.
enum OccupantRole
{
    OccupantNickRole = Qt::UserRole + 400, ///< QString
    OccupantRealJidRole,                   ///< QString, empty unless the room shows it
    OccupantRoleRole,                      ///< int, parla::RoomRole
    OccupantAffiliationRole,               ///< int, parla::RoomAffiliation
    OccupantIdRole,                        ///< QString, XEP-0421
    OccupantAvailabilityRole,              ///< int, parla::Availability
    OccupantColorRole,                     ///< QColor, XEP-0392 of the nick
    OccupantIsSelfRole,                    ///< bool
    /// QImage, avatar scaled to kAvatarRoleSize, null while none; asking starts a lazy fetch.
    OccupantAvatarRole,
};

} // namespace parla::models
