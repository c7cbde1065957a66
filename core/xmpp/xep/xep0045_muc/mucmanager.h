// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mucuser.h"

#include "xmpp/extension.h"
#include "xmpp/im/availability.h"
#include "xmpp/im/message.h"
#include "xmpp/jid.h"
#include "xmpp/stanzaerror.h"
#include "xmpp/xep/xep0158_captcha/captcha.h"
#include "xmpp/xep/xep0249_invite/directinvite.h"

#include <QHash>

namespace parla::xmpp {

/// One occupant's presence in a room, as the room reported it (XEP-0045 §7.2.3).
struct MucPresence
{
    Jid from; ///< room@service/nick
    bool available = true;
    Availability show = Availability::Online;
    QString status;
    MucUser user;
    QString occupantId; ///< XEP-0421, only when the room assigns them (else empty)
    /// The occupant-id as the presence carried it before the room was known to assign them
    /// (occupants listed before our own presence): trust it only once `joined` says so.
    QString unverifiedOccupantId;
    bool self = false; ///< status 110 (or our nick, for rooms that forget the code)
};

/// A room message as the room sent it: the message plus what only the room may say.
struct MucMessage
{
    ChatMessage message; ///< from = room@service/nick (or the bare room for its own notices)
    QString occupantId;  ///< XEP-0421 id of the author, empty when the room assigns none
    std::optional<QString> subject; ///< <subject/> (§8.1); an empty one clears it
    MucUser user;                   ///< status codes of room notices (§10.2.1 104, …)
};

/// An invitation to a room: mediated through the room (§7.8.2) or direct (XEP-0249).
struct MucInvitation
{
    Jid room;
    Jid inviter; ///< real JID of who invited (mediated: as the room says; direct: the sender)
    QString reason;
    QString password;
    bool direct = false;
};

/// XEP-0045 Multi-User Chat, the occupant's side (§7): entering and leaving rooms, nick
/// changes, groupchat and private messages, invitations, and the room's CAPTCHA (XEP-0158).
///
/// Routing: presence and messages from a room we entered (or are entering) are consumed here
/// and never reach the roster presence code or the 1:1 message manager. Sender rules:
///  - occupant presence and groupchat messages only from room@service/nick of a tracked room;
///    a groupchat message from anything else (an untracked room, a full JID of a contact) is
///    dropped;
///  - the real JID in <x muc#user><item jid/> is believed only in a presence from the room;
///    inside a message it is never read;
///  - a mediated invitation or decline only from a room's bare JID;
///  - XEP-0421 occupant-ids only from rooms that put one in our own presence (a room that
///    assigns them rewrites any an occupant forges, §4; a room that does not would pass them
///    on, so there they are ignored);
///  - a XEP-0359 stanza-id in a groupchat message only when 'by' is the room.
class MucManager : public Extension
{
    Q_OBJECT
public:
    explicit MucManager(QObject *parent = nullptr);

    /// Sends the join presence (§7.2.1) and tracks the room as joining. Joining again a room
    /// we are in re-sends the presence (a rejoin after a reconnect, or a nick retry).
    void join(const Jid &room, const QString &nick, const MucJoin &options = {});
    /// §7.14: unavailable presence; the room stays tracked until the room confirms.
    void leave(const Jid &room, const QString &status = {});
    /// §7.6: presence to the new nick; the room answers with 303 + 110, or conflict.
    void changeNick(const Jid &room, const QString &nick);
    /// Stops tracking a room (after it dropped us, or our leave was confirmed).
    void forget(const Jid &room);
    bool isTracked(const Jid &room) const { return m_rooms.contains(room.bare()); }
    bool isJoined(const Jid &room) const;
    /// Our current nick in a tracked room.
    QString nick(const Jid &room) const;
    QList<Jid> rooms() const { return m_rooms.keys(); }
    /// Whether the room assigns XEP-0421 occupant-ids (seen in our own presence).
    bool assignsOccupantIds(const Jid &room) const;
    /// The room's disco#info lists urn:xmpp:occupant-id:0 (known before joining).
    void setAssignsOccupantIds(const Jid &room, bool assigns);

    /// Sends a groupchat message to the room (§7.4); type and 'to' are set here.
    QString sendGroupchat(ChatMessage message);
    /// §8.1: changes the subject.
    void setSubject(const Jid &room, const QString &subject);
    /// §7.5: a private message to room@service/nick (with the muc#user marker so that other
    /// clients of ours and the room know it is a PM).
    QString sendPrivate(ChatMessage message);
    /// §7.8.2: a mediated invitation through the room.
    void inviteMediated(const Jid &room, const Jid &invitee, const QString &reason);
    /// XEP-0249 §2: a direct invitation.
    void inviteDirect(const Jid &room, const Jid &invitee, const QString &reason,
                      const QString &password);
    /// §7.8.2: declines a mediated invitation through the room.
    void decline(const Jid &room, const Jid &inviter, const QString &reason);

    /// Plain words for a join error (§7.2.6 – §7.2.11).
    static QString describeJoinError(const StanzaError &error);

    bool handleStanza(const Element &stanza) override;
    QStringList discoFeatures() const override;
    void onConnected(bool resumed) override;
    void onDisconnected() override;

Q_SIGNALS:
    /// An occupant's presence (ours too: presence.self), in the order the room sent it.
    void occupantPresence(const parla::xmpp::Jid &room, const parla::xmpp::MucPresence &presence);
    /// Our own presence arrived: we are in the room (§7.2.2 – the end of the occupant list).
    void joined(const parla::xmpp::Jid &room, const parla::xmpp::MucPresence &self);
    /// The room refused our presence (join or nick change), with the error.
    void joinFailed(const parla::xmpp::Jid &room, const parla::xmpp::StanzaError &error);
    /// The room dropped us, or confirmed our leave (self unavailable presence).
    void left(const parla::xmpp::Jid &room, const parla::xmpp::MucPresence &self);
    void messageReceived(const parla::xmpp::Jid &room, const parla::xmpp::MucMessage &message);
    void subjectChanged(const parla::xmpp::Jid &room, const QString &nick, const QString &subject);
    /// A private message from an occupant (from = room@service/nick).
    void privateMessageReceived(const parla::xmpp::ChatMessage &message);
    void invitationReceived(const parla::xmpp::MucInvitation &invitation);
    /// Someone declined our mediated invitation (from = their real JID as the room says).
    void declineReceived(const parla::xmpp::Jid &room, const parla::xmpp::Jid &from,
                         const QString &reason);
    void challengeReceived(const parla::xmpp::Captcha &captcha);

private:
    struct RoomEntry
    {
        QString nick;
        QString pendingNick; ///< a nick change in flight
        bool joined = false;
        bool occupantIds = false;
    };
    bool handlePresence(const Element &stanza);
    bool handleMessage(const Element &stanza);

    QHash<Jid, RoomEntry> m_rooms;
};

} // namespace parla::xmpp

Q_DECLARE_METATYPE(parla::xmpp::MucPresence)
Q_DECLARE_METATYPE(parla::xmpp::MucMessage)
Q_DECLARE_METATYPE(parla::xmpp::MucInvitation)
