// SPDX-License-Identifier: GPL-3.0-or-later
#include "rooms.h"

#include "account.h"
#include "historysync.h"

#include "xmpp/iqutil.h"
#include "xmpp/namespaces.h"
#include "xmpp/xep/xep0030_disco/discomanager.h"
#include "xmpp/xep/xep0313_mam/mammanager.h"

#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcRooms, "parla.services.rooms")

namespace parla::services {

using namespace parla::xmpp;

namespace {
// How much history to ask for on a first join (no stored messages, no archive known).
constexpr int kFirstJoinHistory = 50;
// Room archive catch-up: pages of this size, at most this many pages per join.
constexpr int kMamPageSize = 50;
constexpr int kMamMaxPages = 20;

RoomOccupant occupantFrom(const MucPresence &p)
{
    RoomOccupant o;
    o.nick = p.from.resource();
    if (const MucItem *item = p.user.item()) {
        // Believed: this presence comes from the room itself (MucManager's rule).
        if (item->jid.isValid())
            o.realJid = item->jid.toString();
        o.role = RoomRole(int(item->role.value_or(MucRole::None)));
        o.affiliation = RoomAffiliation(int(item->affiliation.value_or(MucAffiliation::None)));
    }
    o.occupantId = p.occupantId;
    return o;
}
} // namespace

// ---- Room ----

Room::Room(const Jid &jid, QObject *parent) : QObject(parent), m_jid(jid.bare())
{
    m_info.room = m_jid.bareString();
    m_info.name = m_jid.local();
}

void Room::setState(RoomState state, const QString &errorText)
{
    if (m_info.state == state && m_info.errorText == errorText)
        return;
    m_info.state = state;
    m_info.errorText = errorText;
    Q_EMIT changed();
}

void Room::clearOccupants()
{
    m_occupants.clear();
    m_unverifiedIds.clear();
    m_arrivedAt.clear();
    m_info.occupantCount = 0;
    Q_EMIT occupantsCleared();
}

// ---- RoomManager ----

RoomManager::RoomManager(Account *account, MucManager *muc)
    : QObject(account), m_account(account), m_muc(muc), m_mamPageSize(kMamPageSize),
      m_mamMaxPages(kMamMaxPages)
{
    connect(m_muc, &MucManager::occupantPresence, this, &RoomManager::onOccupantPresence);
    connect(m_muc, &MucManager::joined, this, &RoomManager::onJoined);
    connect(m_muc, &MucManager::joinFailed, this, &RoomManager::onJoinFailed);
    connect(m_muc, &MucManager::left, this, &RoomManager::onLeft);
    connect(m_muc, &MucManager::messageReceived, this, &RoomManager::onMessage);
    connect(m_muc, &MucManager::privateMessageReceived, this, &RoomManager::onPrivateMessage);
    connect(m_muc, &MucManager::subjectChanged, this,
            [this](const Jid &jid, const QString &, const QString &subject) {
                Room *r = room(jid.bareString());
                if (!r)
                    return;
                r->m_historyDone = true; // §7.2.16: the subject ends the join's history
                if (r->m_info.subject != subject) {
                    r->m_info.subject = subject;
                    Q_EMIT r->changed();
                }
            });
    connect(m_muc, &MucManager::invitationReceived, this, [this](const MucInvitation &i) {
        RoomInvitation invitation;
        invitation.room = i.room.bareString();
        // A semi-anonymous room names the inviter by occupant JID (room@service/nick).
        invitation.inviter =
            i.inviter.bare() == i.room.bare() ? i.inviter.toString() : i.inviter.bareString();
        invitation.reason = i.reason;
        invitation.password = i.password;
        invitation.direct = i.direct;
        Q_EMIT invitationReceived(invitation);
    });
    connect(m_muc, &MucManager::declineReceived, this,
            [this](const Jid &room, const Jid &from, const QString &reason) {
                Q_EMIT declineReceived(room.bareString(), from.bareString(), reason);
            });
    connect(m_muc, &MucManager::challengeReceived, this, [this](const Captcha &captcha) {
        Room *r = room(captcha.from.bareString());
        if (!r)
            return;
        r->m_captcha = captcha;
        RoomChallenge challenge;
        challenge.room = r->m_info.room;
        challenge.form = captcha.form;
        challenge.image = captcha.image;
        challenge.imageType = captcha.imageType;
        challenge.fallbackUrl = captcha.url;
        Q_EMIT challengeReceived(challenge);
    });
    m_sync.setStarter([this](const QString &room) { startSync(room); });
    connect(m_account->client(), &Client::connected, this, &RoomManager::onConnected);
    connect(m_account->client(), &Client::disconnected, this, [this] { onDisconnected(); });
}

Room *RoomManager::room(const QString &room) const
{
    return m_rooms.value(room);
}

QList<Room *> RoomManager::rooms() const
{
    return m_rooms.values();
}

Room *RoomManager::ensureRoom(const Jid &jid)
{
    const QString key = jid.bareString();
    if (Room *r = m_rooms.value(key))
        return r;
    auto *r = new Room(jid, this);
    m_rooms.insert(key, r);
    connect(r, &Room::changed, this, [this, key] { Q_EMIT roomChanged(key); });
    return r;
}

void RoomManager::join(const QString &roomJid, const QString &nick, const QString &password,
                       bool instantIfCreated)
{
    enter(roomJid, nick, password, instantIfCreated, false);
}

void RoomManager::autojoin(const QString &roomJid, const QString &nick, const QString &password)
{
    enter(roomJid, nick, password, true, true);
}

void RoomManager::enter(const QString &roomJid, const QString &nick, const QString &password,
                        bool instantIfCreated, bool batched)
{
    const auto jid = Jid::parse(roomJid);
    if (!jid || jid->local().isEmpty() || nick.trimmed().isEmpty())
        return;
    Room *r = ensureRoom(jid->bare());
    r->m_wanted = true;
    r->m_info.nick = nick.trimmed();
    r->m_password = password;
    r->m_nickRetried = false;
    if (instantIfCreated)
        m_instantOnCreate.insert(r->m_info.room);
    else
        m_instantOnCreate.remove(r->m_info.room);
    if (!m_account->client()->isConnected())
        r->setState(RoomState::NotJoined); // entered on the next connection
    else if (batched)
        queueJoin(r);
    else
        sendJoin(r); // now: a caller may send the room more right after (room creation)
}

void RoomManager::sendJoin(Room *r)
{
    MucJoin options;
    options.password = r->m_password;
    // XEP-0045 §7.2.15: only what we miss. A room with an archive is caught up through MAM
    // after joining (no duplicate flood); otherwise since our newest stored message.
    // Taken now: what the room sends once we are in would move it past what we missed.
    const auto resume =
        m_account->syncStore().newestStanzaId(m_account->jid(), r->m_info.room, r->m_info.room);
    r->m_archiveResume = isOk(resume) ? std::get<QString>(resume) : QString();
    const auto newest = m_account->syncStore().newestTimestamp(m_account->jid(), r->m_info.room);
    const QDateTime since = isOk(newest) ? std::get<QDateTime>(newest) : QDateTime();
    if (r->hasFeature(ns::Mam) && since.isValid())
        options.maxStanzas = 0;
    else if (since.isValid())
        options.since = since;
    else
        options.maxStanzas = kFirstJoinHistory;
    r->m_sentThisSession.clear();
    r->m_historyDone = false;
    r->setState(RoomState::Joining);
    m_muc->join(r->m_jid, r->m_info.nick, options);
}

void RoomManager::rejoin(const QString &roomJid)
{
    Room *r = room(roomJid);
    if (!r || !r->m_wanted || !m_account->client()->isConnected())
        return;
    // The room will list every occupant again after our join presence (§7.2.3).
    r->clearOccupants();
    r->m_nickRetried = false;
    sendJoin(r);
}

void RoomManager::setArchiveCatchUpLimits(int pageSize, int maxPages)
{
    m_mamPageSize = std::max(1, pageSize);
    m_mamMaxPages = std::max(1, maxPages);
}

void RoomManager::leave(const QString &roomJid)
{
    Room *r = room(roomJid);
    if (!r)
        return;
    r->m_wanted = false;
    m_muc->leave(r->m_jid);
    m_sync.remove(r->m_info.room);
    stopHoldingFor(r->m_info.room);
    r->clearOccupants();
    r->setState(RoomState::NotJoined);
}

void RoomManager::changeNick(const QString &roomJid, const QString &nick)
{
    Room *r = room(roomJid);
    if (!r || nick.trimmed().isEmpty())
        return;
    if (r->state() != RoomState::Joined) {
        r->m_info.nick = nick.trimmed(); // used on the next join
        Q_EMIT r->changed();
        return;
    }
    m_muc->changeNick(r->m_jid, nick.trimmed());
}

void RoomManager::setSubject(const QString &roomJid, const QString &subject)
{
    if (Room *r = room(roomJid); r && r->state() == RoomState::Joined)
        m_muc->setSubject(r->m_jid, subject);
}

void RoomManager::invite(const QString &roomJid, const QString &jid, const QString &reason,
                         bool directSupported)
{
    const auto invitee = Jid::parse(jid);
    Room *r = room(roomJid);
    if (!invitee || !r)
        return;
    if (directSupported)
        m_muc->inviteDirect(r->m_jid, *invitee, reason, r->m_password);
    else
        m_muc->inviteMediated(r->m_jid, invitee->bare(), reason);
}

void RoomManager::decline(const RoomInvitation &invitation, const QString &reason)
{
    // XEP-0249 has no decline; a mediated one goes back through the room (§7.8.2).
    const auto room = Jid::parse(invitation.room);
    const auto inviter = Jid::parse(invitation.inviter);
    if (invitation.direct || !room || !inviter)
        return;
    m_muc->decline(room->bare(), *inviter, reason);
}

void RoomManager::answerChallenge(const QString &roomJid, const DataForm &answer)
{
    Room *r = room(roomJid);
    if (!r || !r->m_captcha)
        return;
    const Captcha captcha = *std::exchange(r->m_captcha, std::nullopt);
    m_account->client()->sendIq(captcha.answer(answer)).then(this, [](const Result<Element> &res) {
        if (const auto *e = std::get_if<Error>(&res))
            qCWarning(lcRooms) << "CAPTCHA answer refused:" << e->text;
    });
}

// ---- connection ----

void RoomManager::onConnected(bool resumed)
{
    for (Room *r : std::as_const(m_rooms)) {
        if (!r->m_wanted)
            continue;
        if (resumed && m_muc->isJoined(r->m_jid)) {
            r->setState(RoomState::Joined); // the stream continued: we never left
            continue;
        }
        // A new session: the server took us out of every room. Enter again.
        r->clearOccupants();
        queueJoin(r);
    }
}

void RoomManager::onDisconnected()
{
    // Catch-ups in flight die with the stream; each room is queued again once rejoined.
    m_sync.clear();
    ++m_syncGeneration;
    m_heldJoins.clear(); // still wanted: entered again on the next connection
    m_holdingFor.clear();
    ++m_holdGeneration;
    // Never shown as joined while we cannot hear the room (the "never silently").
    for (Room *r : std::as_const(m_rooms)) {
        if (r->state() == RoomState::Joined || r->state() == RoomState::Joining)
            r->setState(RoomState::NotJoined);
    }
}

// ---- presence ----

void RoomManager::onOccupantPresence(const Jid &jid, const MucPresence &p)
{
    Room *r = room(jid.bareString());
    if (!r)
        return;
    const QString nick = p.from.resource();
    if (!p.available) {
        r->m_arrivedAt.remove(nick);
        if (r->m_occupants.remove(nick) > 0) {
            r->m_info.occupantCount = int(r->m_occupants.size());
            Q_EMIT r->occupantRemoved(nick);
        }
        return;
    }
    OccupantState s;
    s.occupant = occupantFrom(p);
    s.availability = p.show;
    s.self = p.self;
    if (s.occupant.occupantId.isEmpty() && !p.unverifiedOccupantId.isEmpty())
        r->m_unverifiedIds.insert(nick, p.unverifiedOccupantId);
    if (r->state() == RoomState::Joined && !r->m_occupants.contains(nick))
        r->m_arrivedAt.insert(nick, QDateTime::currentDateTimeUtc());
    r->m_occupants.insert(nick, s);
    r->m_info.occupantCount = int(r->m_occupants.size());
    Q_EMIT r->occupantUpdated(s);
    if (p.self) {
        bool changed = r->m_info.nick != nick || r->m_info.role != s.occupant.role ||
                       r->m_info.affiliation != s.occupant.affiliation;
        r->m_info.nick = nick;
        r->m_info.role = s.occupant.role;
        r->m_info.affiliation = s.occupant.affiliation;
        if (!s.occupant.occupantId.isEmpty())
            r->m_selfOccupantId = s.occupant.occupantId;
        if (p.user.hasStatus(mucstatus::NonAnonymous) && !r->m_info.nonAnonymous) {
            r->m_info.nonAnonymous = true;
            changed = true;
        }
        if (changed && r->state() == RoomState::Joined)
            Q_EMIT r->changed();
    }
}

void RoomManager::onJoined(const Jid &jid, const MucPresence &self)
{
    Room *r = room(jid.bareString());
    if (!r) {
        m_muc->leave(jid); // not ours (left meanwhile): do not stay
        return;
    }
    // XEP-0421: our own presence proved the room assigns ids; those of occupants listed
    // before it are now believed.
    if (!self.occupantId.isEmpty()) {
        for (auto it = r->m_unverifiedIds.cbegin(); it != r->m_unverifiedIds.cend(); ++it) {
            auto o = r->m_occupants.find(it.key());
            if (o != r->m_occupants.end()) {
                o->occupant.occupantId = it.value();
                Q_EMIT r->occupantUpdated(*o);
            }
        }
    }
    r->m_unverifiedIds.clear();
    QString note;
    if (r->m_nickRetried)
        note = tr("Your nickname was taken; you joined as “%1”.").arg(self.from.resource());
    if (self.user.hasStatus(mucstatus::NickAssigned))
        note = tr("The room changed your nickname to “%1”.").arg(self.from.resource());
    if (self.user.hasStatus(mucstatus::Created) && m_instantOnCreate.contains(r->m_info.room)) {
        // §10.1.2: accept the default configuration (an empty submitted form). The room is
        // locked until then (others get item-not-found), so it counts as joined only after.
        Element query(QStringLiteral("query"), mucns::Owner);
        DataForm form;
        form.type = DataForm::Type::Submit;
        query.appendChild(form.toElement());
        QPointer<Room> guard(r);
        m_account->client()
            ->sendIq(makeIq(u"set", r->m_info.room, query))
            .then(this, [this, guard, note](const Result<Element> &res) {
                if (!guard)
                    return;
                if (const auto *e = std::get_if<Error>(&res)) {
                    guard->setState(RoomState::Error,
                                    tr("The new room could not be opened: %1").arg(e->text));
                    return;
                }
                Q_EMIT roomCreated(guard->m_info.room);
                finishJoin(guard, note);
            });
        return;
    }
    if (self.user.hasStatus(mucstatus::Created))
        Q_EMIT roomCreated(r->m_info.room); // locked until the caller configures it
    finishJoin(r, note);
}

void RoomManager::finishJoin(Room *r, const QString &note)
{
    r->setState(RoomState::Joined, note);
    Q_EMIT r->joined();
    Q_EMIT roomJoined(r->m_info.room);
    m_sync.enqueue(r->m_info.room, m_open.contains(r->m_info.room));
    flushPending(r);
}

void RoomManager::onJoinFailed(const Jid &jid, const StanzaError &error)
{
    Room *r = room(jid.bareString());
    if (!r)
        return;
    if (r->state() == RoomState::Joined) {
        // A refused nick change: still in the room under the old nick.
        r->m_info.errorText = MucManager::describeJoinError(error);
        Q_EMIT r->changed();
        return;
    }
    if (error.condition == u"conflict" && !r->m_nickRetried) {
        // §7.2.9: someone has our nick. Try once with a suffix, and say so when joined.
        r->m_nickRetried = true;
        r->m_info.nick += u'_';
        sendJoin(r);
        return;
    }
    r->m_wanted = false;
    r->clearOccupants();
    r->setState(RoomState::Error, MucManager::describeJoinError(error));
    stopHoldingFor(r->m_info.room); // an open room that cannot be entered holds nobody back
}

void RoomManager::onLeft(const Jid &jid, const MucPresence &self)
{
    Room *r = room(jid.bareString());
    if (!r)
        return;
    const MucItem *item = self.user.item();
    const QString actor =
        item ? (item->actorNick.isEmpty() ? item->actorJid.bareString() : item->actorNick)
             : QString();
    const QString reason = item ? item->reason : QString();
    auto because = [&](const QString &what) {
        QString text = what;
        if (!actor.isEmpty())
            text += u' ' + tr("(by %1)").arg(actor);
        if (!reason.isEmpty())
            text += u' ' + tr("Reason: %1").arg(reason);
        return text;
    };
    r->clearOccupants();
    // §16.1: 333 is a removal for a technical problem (Prosody sends it when our session ends,
    // e.g. as the server shuts down; a 307 next to it is to be ignored). No status at all is
    // the room confirming a leave our own server made for us (RFC 6121 §4.6.4). Either way we
    // never chose to leave: the room stays wanted (the next session enters it again) and shows
    // as not joined, not as an error.
    const bool unexplained = std::all_of(self.user.statuses.cbegin(), self.user.statuses.cend(),
                                         [](int code) { return code == mucstatus::SelfPresence; });
    if (!self.user.destroy && !self.user.hasStatus(mucstatus::Banned) &&
        (self.user.hasStatus(mucstatus::RemovedByError) || unexplained)) {
        r->setState(RoomState::NotJoined);
        return;
    }
    r->m_wanted = false;
    if (self.user.hasStatus(mucstatus::Banned)) {
        r->setState(RoomState::Banned, because(tr("You were banned from the room.")));
    } else if (self.user.hasStatus(mucstatus::Kicked)) {
        r->setState(RoomState::Kicked, because(tr("You were removed from the room.")));
    } else if (self.user.destroy) {
        r->m_info.alternateRoom = self.user.destroy->alternate.bareString();
        QString text = tr("The room was destroyed.");
        if (!self.user.destroy->reason.isEmpty())
            text += u' ' + tr("Reason: %1").arg(self.user.destroy->reason);
        r->setState(RoomState::Destroyed, text);
    } else if (self.user.hasStatus(mucstatus::AffiliationLost) ||
               self.user.hasStatus(mucstatus::MembersOnly)) {
        r->setState(RoomState::Error, because(tr("You are no longer a member of the room.")));
    } else if (self.user.hasStatus(mucstatus::Shutdown)) {
        r->m_wanted = true; // the service comes back: enter again on the next session
        r->setState(RoomState::Error, tr("The chat service is shutting down."));
    } else {
        r->setState(RoomState::Error, tr("The room removed you."));
    }
}

// ---- messages ----

IncomingEnvelope RoomManager::envelopeFor(Room *r, const ChatMessage &message,
                                          const QString &occupantId, Route route) const
{
    IncomingEnvelope e;
    e.stanza = message.stanza;
    e.route = route;
    e.message = message;
    // The room's sender rule (MucManager: only a room we are in) has been applied; who wrote
    // it is the occupant the room names, ours when it is our occupant-id, else our nick.
    e.sender.jid = message.from;
    e.sender.occupantId = occupantId;
    e.sender.self = (!occupantId.isEmpty() && occupantId == r->m_selfOccupantId) ||
                    (message.from.isFull() && message.from.resource() == r->m_info.nick);
    const QString nick = message.from.resource();
    if (const auto it = r->m_occupants.constFind(nick); it != r->m_occupants.cend())
        e.sender.realJid = Jid::fromString(it->occupant.realJid);
    e.sender.arrivedAt = r->m_arrivedAt.value(nick);
    // XEP-0359 §4: only the room's own stanza-id (its archive numbers the room's messages).
    if (!message.stanzaId.isEmpty() && message.stanzaIdBy == r->m_jid) {
        e.archive.id = message.stanzaId;
        e.archive.by = r->m_jid;
    }
    return e;
}

bool RoomManager::sameAuthor(const storage::MessageRecord &a, const storage::MessageRecord &b)
{
    if (!a.occupantId.isEmpty() || !b.occupantId.isEmpty())
        return a.occupantId == b.occupantId;
    return a.senderJid == b.senderJid;
}

void RoomManager::onMessage(const Jid &jid, const MucMessage &m)
{
    Room *r = room(jid.bareString());
    if (!r)
        return;
    // The room's own notices (its bare JID) carry no conversation text we keep; of them only
    // a moderation announcement goes on (the pipeline believes it only from the bare room).
    if (!m.message.from.isFull() && !m.message.moderation)
        return;
    // XEP-0045 §7.2.15: discussion history comes on join, before the subject, delayed by the
    // room itself. After the subject every message is live, whatever <delay/> it carries (an
    // occupant can write the room's name into its own).
    const bool history =
        !r->m_historyDone && m.message.stamp.isValid() && m.message.stampBy == r->m_jid;
    m_account->receive(
        {envelopeFor(r, m.message, m.occupantId, history ? Route::RoomHistory : Route::Room)});
}

void RoomManager::onPrivateMessage(const ChatMessage &message)
{
    // MucManager checked it comes from an occupant (room@service/nick) of a room we know.
    IncomingEnvelope e;
    e.stanza = message.stanza;
    e.route = Route::RoomPrivate;
    e.message = message;
    e.sender.jid = message.from;
    m_account->receive({std::move(e)});
}

QString RoomManager::conversationPeer(const Jid &jid) const
{
    if (jid.isFull() && m_rooms.contains(jid.bareString()))
        return jid.toString();
    return jid.bareString();
}

void RoomManager::decorateOutgoing(storage::MessageRecord &record) const
{
    const Room *r = room(record.peer);
    if (!r)
        return;
    record.kind = storage::ConversationKind::GroupChat;
    record.senderJid = r->m_jid.withResource(r->m_info.nick).toString();
}

bool RoomManager::transmit(const OutgoingEnvelope &envelope)
{
    Room *r = room(envelope.record.peer);
    const QString &id = envelope.message.id;
    if (!r || r->state() != RoomState::Joined || !m_muc->isJoined(r->m_jid))
        return false; // stays Pending: flushPending() sends it once joined
    if (r->m_sentThisSession.contains(id))
        return true; // written this session; the reflection makes it Sent
    if (m_account->client()->send(envelope.stanza).isEmpty())
        return false;
    r->m_sentThisSession.insert(id);
    return true;
}

void RoomManager::flushPending(Room *r)
{
    auto pending = m_account->messages().pendingOutgoing(m_account->jid());
    if (!isOk(pending))
        return;
    for (const auto &record : std::get<QList<storage::MessageRecord>>(pending)) {
        if (record.peer == r->m_info.room)
            m_account->resendStored(record);
    }
}

bool RoomManager::mentionsMe(const storage::MessageRecord &record) const
{
    if (record.outgoing || record.kind != storage::ConversationKind::GroupChat)
        return false;
    const Room *r = room(record.peer);
    if (!r || r->m_info.nick.isEmpty())
        return false;
    // The nick as a word of its own (not inside another word), any case.
    const QRegularExpression word(
        u"(^|[^\\w])"_qs + QRegularExpression::escape(r->m_info.nick) + u"($|[^\\w])"_qs,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return word.match(record.body).hasMatch();
}

} // namespace parla::services
