// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pipeline/envelope.h"
#include "roomsyncqueue.h"
#include "roomtypes.h"
#include "types.h"

#include "storage/messagestore.h"
#include "xmpp/jid.h"
#include "xmpp/xep/xep0045_muc/mucmanager.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace parla::services {

class Account;

/// One occupant of a room as the Room keeps it (the occupant model shows the same).
struct OccupantState
{
    RoomOccupant occupant;
    Availability availability = Availability::Online;
    bool self = false;
};

/// One room of one account: the XEP-0045 state machine and the occupant list.
///
/// NotJoined → Joining (presence sent) → Joined (our self-presence, status 110), or Error
/// (join refused, in plain words), Kicked (307), Banned (301), Destroyed (§10.9). Losing the
/// connection makes a joined room NotJoined; the RoomManager enters it again on the next new
/// session (a stream-management resumption keeps us in the room).
class Room : public QObject
{
    Q_OBJECT
public:
    Room(const xmpp::Jid &jid, QObject *parent = nullptr);

    const xmpp::Jid &jid() const { return m_jid; }
    const RoomInfo &info() const { return m_info; }
    RoomState state() const { return m_info.state; }
    /// The user wants to be in the room (joined it and did not leave): rejoin on reconnect.
    bool wanted() const { return m_wanted; }
    /// The password we enter with (kept for rejoins).
    QString password() const { return m_password; }
    const QMap<QString, OccupantState> &occupants() const { return m_occupants; }
    /// Our XEP-0421 occupant-id in this room (empty when the room assigns none).
    QString selfOccupantId() const { return m_selfOccupantId; }
    /// Whether the room's disco#info lists `feature` (fetched after joining).
    bool hasFeature(const QString &feature) const { return m_features.contains(feature); }

Q_SIGNALS:
    /// RoomInfo changed (state, subject, our role, flags, occupant count).
    void changed();
    /// An occupant arrived or changed (role, affiliation, availability).
    void occupantUpdated(const parla::services::OccupantState &occupant);
    /// An occupant left (or was renamed away from `nick`, see occupantRenamed).
    void occupantRemoved(const QString &nick);
    /// Every occupant is gone (we left, were dropped or lost the connection).
    void occupantsCleared();
    /// Our self-presence arrived: we are in the room.
    void joined();

private:
    friend class RoomManager;
    void setState(RoomState state, const QString &errorText = {});
    void clearOccupants();

    xmpp::Jid m_jid;
    RoomInfo m_info;
    bool m_wanted = false;
    QString m_password;
    bool m_nickRetried = false;
    QMap<QString, OccupantState> m_occupants;
    QHash<QString, QString> m_unverifiedIds; ///< nick → occupant-id before the room proved it
    /// nick → when that occupant entered while we were in the room (occupants listed on our
    /// join have none: they were there before us). XEP-0308 §6 without occupant-ids.
    QHash<QString, QDateTime> m_arrivedAt;
    QString m_selfOccupantId;
    QStringList m_features;
    std::optional<xmpp::Captcha> m_captcha;
    QSet<QString> m_sentThisSession; ///< pending message ids already sent since joining
    bool m_historyDone = false;      ///< the subject came: no more join history (§7.2.16)
    /// Where this join's archive catch-up starts: our newest room stanza-id when the join was
    /// sent, before anything of this session (live messages, our own reflected ones) is stored.
    QString m_archiveResume;
};

/// The group chats of one Account (XEP-0045), owned by it: `Account::rooms()`.
///
/// Messages of a room are stored like 1:1 ones with kind GroupChat, peer = the room's bare JID,
/// senderJid = room@service/nick, outgoing when the nick (or XEP-0421 id) is ours. What we send
/// is stored Pending and goes out once the room is joined; the room's reflection of it (same
/// origin-id) marks it Sent and is not stored twice. History the room sends on join and the
/// room's archive (XEP-0313 on the room JID, from the newest stanza-id we stored) are
/// de-duplicated by the store (room stanza-id, origin-id, sender + id).
///
/// "Room joined" is signalled by Room::joined() and RoomManager::roomJoined().
class RoomManager : public QObject
{
    Q_OBJECT
public:
    /// How long the joins of other rooms wait at most for the open rooms (autojoin()).
    static constexpr int kOpenFirstHoldMs = 3000;

    RoomManager(Account *account, xmpp::MucManager *muc);

    xmpp::MucManager *muc() const { return m_muc; }
    /// The room, or nullptr when this session never opened it.
    Room *room(const QString &room) const;
    QList<Room *> rooms() const;
    bool isRoom(const QString &bareJid) const { return m_rooms.contains(bareJid); }

    /// Enters the room with `nick` (creating its Room); state Joining, then Joined or Error.
    /// A room that did not exist is created as an instant room (§10.1.2) unless
    /// `instantIfCreated` is false (then roomCreated() lets the caller configure it).
    void join(const QString &room, const QString &nick, const QString &password = {},
              bool instantIfCreated = true);
    /// Enters the room like join(), but the presence goes out at the end of this event-loop
    /// turn together with every other autojoin of the turn, open rooms first (setOpen): the
    /// XEP-0402 autojoin bookmarks of a login, where the order decides which room is usable
    /// first. When the turn has open rooms, the other joins wait until those are caught up
    /// (roomCaughtUp), at most kOpenFirstHoldMs: the server answers in order, so the open
    /// room's disco and archive queries are not queued behind the other rooms' joins.
    void autojoin(const QString &room, const QString &nick, const QString &password = {});
    void leave(const QString &room);
    void changeNick(const QString &room, const QString &nick);
    void setSubject(const QString &room, const QString &subject);
    /// XEP-0249 when `directSupported`, else mediated (§7.8.2).
    void invite(const QString &room, const QString &jid, const QString &reason,
                bool directSupported);
    void decline(const RoomInvitation &invitation, const QString &reason);
    /// XEP-0158 §4: submits the answer to the room's last challenge.
    void answerChallenge(const QString &room, const xmpp::DataForm &answer);

    /// Marks a room as open in the UI (a conversation the user opened) or not. Open rooms go
    /// first: their join presence is sent before the others of the same burst (many autojoin
    /// bookmarks at login) and their disco#info and archive catch-up are first in the
    /// bounded queue (RoomSyncQueue). Any bare JID may be passed, also before the room exists.
    void setOpen(const QString &room, bool open);
    bool isOpen(const QString &room) const { return m_open.contains(room); }
    /// The after-join work queue (how many rooms catch up at once, which wait).
    const RoomSyncQueue &syncQueue() const { return m_sync; }

    // Hooks for Account's message path.
    /// The conversation peer for a JID the user addresses: the room, or room@service/nick for
    /// a private message to an occupant of a known room, else the bare JID.
    QString conversationPeer(const xmpp::Jid &jid) const;
    /// Marks an outgoing record of a room conversation (kind, sender = our occupant JID).
    void decorateOutgoing(storage::MessageRecord &record) const;
    /// Writes a composed room message (OutgoingPipeline's Send) if the room is joined; false
    /// leaves it Pending until the join.
    bool transmit(const OutgoingEnvelope &envelope);
    /// Whether a stored message mentions our nick in its room (notifications, the model).
    bool mentionsMe(const storage::MessageRecord &record) const;
    /// Whether `a` and `b` (messages of one room) are by the same occupant: the same XEP-0421
    /// id where the room assigns them, else the same nick.
    static bool sameAuthor(const storage::MessageRecord &a, const storage::MessageRecord &b);

    /// XEP-0410 §3 "not joined": the room dropped us without a word, so the occupants we show
    /// are stale (whoever left meanwhile was never announced). Clears them and enters the
    /// wanted room again with its nick and password: Joining, then Joined.
    void rejoin(const QString &room);
    /// Room archive catch-up after joining (XEP-0313 with XEP-0059 paging): `pageSize`
    /// messages a page, at most `maxPages` pages; where it stops before the archive's end a gap
    /// is recorded. The defaults (50 × 20) suit real rooms; tests lower them.
    void setArchiveCatchUpLimits(int pageSize, int maxPages);

Q_SIGNALS:
    /// RoomInfo of `room` changed (Session::roomChanged).
    void roomChanged(const QString &room);
    void roomJoined(const QString &room);
    /// Status 201: the room was created by our join and waits for its configuration.
    void roomCreated(const QString &room);
    void invitationReceived(const parla::RoomInvitation &invitation);
    /// Someone declined our mediated invitation.
    void declineReceived(const QString &room, const QString &from, const QString &reason);
    void challengeReceived(const parla::RoomChallenge &challenge);
    /// The after-join work of a joined room ended: its disco#info is known and its archive
    /// (XEP-0313) caught up to the live stream, or there was nothing to catch up (or it failed;
    /// a failed catch-up leaves a gap marker). Once per join.
    void roomCaughtUp(const QString &room);

private:
    Room *ensureRoom(const xmpp::Jid &jid);
    void sendJoin(Room *room);
    void onConnected(bool resumed);
    void onDisconnected();
    void onOccupantPresence(const xmpp::Jid &room, const xmpp::MucPresence &presence);
    void onJoined(const xmpp::Jid &room, const xmpp::MucPresence &self);
    void finishJoin(Room *room, const QString &note);
    void onJoinFailed(const xmpp::Jid &room, const xmpp::StanzaError &error);
    void onLeft(const xmpp::Jid &room, const xmpp::MucPresence &self);
    void onMessage(const xmpp::Jid &room, const xmpp::MucMessage &message);
    void onPrivateMessage(const xmpp::ChatMessage &message);
    void flushPending(Room *room);
    void fetchRoomInfo(Room *room);
    void catchUpFromArchive(Room *room, const QString &after, int pages, quint64 generation);
    void recordArchiveGap(Room *room, const QDateTime &after);
    void enter(const QString &room, const QString &nick, const QString &password,
               bool instantIfCreated, bool batched);
    void queueJoin(Room *room);
    void flushJoins();
    void releaseHeldJoins();
    void stopHoldingFor(const QString &room);
    void startSync(const QString &room);
    void syncDone(const QString &room, quint64 generation);
    /// A message of room `r` as the pipeline's envelope: the occupant the room names (ours by
    /// occupant-id or nick), its real JID where shown, its arrival, the room's stanza-id.
    IncomingEnvelope envelopeFor(Room *r, const xmpp::ChatMessage &message,
                                 const QString &occupantId, Route route) const;

    Account *m_account;
    xmpp::MucManager *m_muc;
    QHash<QString, Room *> m_rooms;
    QSet<QString> m_instantOnCreate;
    int m_mamPageSize;
    int m_mamMaxPages;
    QSet<QString> m_open;              ///< rooms open in the UI (setOpen)
    QList<QPointer<Room>> m_toJoin;    ///< joins of this event-loop turn, sent by flushJoins
    QList<QPointer<Room>> m_heldJoins; ///< autojoins waiting until the open rooms caught up
    QSet<QString> m_holdingFor;        ///< the open rooms they wait for
    quint64 m_holdGeneration = 0;      ///< ends the hold's time limit when released earlier
    RoomSyncQueue m_sync;              ///< disco + archive catch-up after joining, bounded
    quint64 m_syncGeneration = 0;      ///< bumped per connection: late answers are ignored
};

} // namespace parla::services

Q_DECLARE_METATYPE(parla::services::OccupantState)
