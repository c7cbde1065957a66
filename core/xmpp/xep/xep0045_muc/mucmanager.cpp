// SPDX-License-Identifier: GPL-3.0-or-later
#include "mucmanager.h"

#include "xmpp/client.h"
#include "xmpp/im/presence.h"
#include "xmpp/namespaces.h"
#include "xmpp/xep/xep0421_occupantid/occupantid.h"

#include <QCoreApplication>

namespace parla::xmpp {

MucManager::MucManager(QObject *parent) : Extension(parent) {}

QStringList MucManager::discoFeatures() const
{
    // XEP-0249 §3: advertised so that inviters send direct invitations.
    return {mucns::Muc, mucns::Conference};
}

bool MucManager::isJoined(const Jid &room) const
{
    const auto it = m_rooms.constFind(room.bare());
    return it != m_rooms.cend() && it->joined;
}

QString MucManager::nick(const Jid &room) const
{
    return m_rooms.value(room.bare()).nick;
}

bool MucManager::assignsOccupantIds(const Jid &room) const
{
    return m_rooms.value(room.bare()).occupantIds;
}

void MucManager::setAssignsOccupantIds(const Jid &room, bool assigns)
{
    if (auto it = m_rooms.find(room.bare()); it != m_rooms.end())
        it->occupantIds = assigns;
}

void MucManager::join(const Jid &room, const QString &nick, const MucJoin &options)
{
    const Jid bare = room.bare();
    if (!bare.isValid() || nick.isEmpty())
        return;
    RoomEntry &entry = m_rooms[bare];
    entry.nick = nick;
    entry.pendingNick.clear();
    entry.joined = false;
    Element presence(QStringLiteral("presence"), ns::Client);
    presence.setAttribute(QStringLiteral("to"), bare.withResource(nick).toString());
    presence.appendChild(options.toElement());
    client()->send(presence);
}

void MucManager::leave(const Jid &room, const QString &status)
{
    const auto it = m_rooms.constFind(room.bare());
    if (it == m_rooms.cend())
        return;
    Element presence(QStringLiteral("presence"), ns::Client);
    presence.setAttribute(QStringLiteral("to"), room.bare().withResource(it->nick).toString());
    presence.setAttribute(QStringLiteral("type"), QStringLiteral("unavailable"));
    if (!status.isEmpty())
        presence.appendTextChild(QStringLiteral("status"), status, ns::Client);
    if (client()->isConnected())
        client()->send(presence);
    // Not waiting for the room's confirmation: after a leave nothing from it is wanted.
    m_rooms.remove(room.bare());
}

void MucManager::changeNick(const Jid &room, const QString &nick)
{
    auto it = m_rooms.find(room.bare());
    if (it == m_rooms.end() || nick.isEmpty() || nick == it->nick)
        return;
    it->pendingNick = nick;
    Element presence(QStringLiteral("presence"), ns::Client);
    presence.setAttribute(QStringLiteral("to"), room.bare().withResource(nick).toString());
    client()->send(presence);
}

void MucManager::forget(const Jid &room)
{
    m_rooms.remove(room.bare());
}

QString MucManager::sendGroupchat(ChatMessage message)
{
    message.type = ChatMessage::Type::Groupchat;
    message.to = message.to.bare();
    return client()->send(message.toElement());
}

void MucManager::setSubject(const Jid &room, const QString &subject)
{
    Element message(QStringLiteral("message"), ns::Client);
    message.setAttribute(QStringLiteral("to"), room.bareString());
    message.setAttribute(QStringLiteral("type"), QStringLiteral("groupchat"));
    message.appendTextChild(QStringLiteral("subject"), subject, ns::Client);
    client()->send(message);
}

QString MucManager::sendPrivate(ChatMessage message)
{
    message.type = ChatMessage::Type::Chat;
    Element e = message.toElement();
    e.appendChild(Element(QStringLiteral("x"), mucns::User)); // §7.5 Example 51
    return client()->send(e);
}

void MucManager::inviteMediated(const Jid &room, const Jid &invitee, const QString &reason)
{
    Element message(QStringLiteral("message"), ns::Client);
    message.setAttribute(QStringLiteral("to"), room.bareString());
    MucUser user;
    user.invites.push_back(MucInvite{false, {}, invitee, reason, false});
    message.appendChild(user.toElement());
    client()->send(message);
}

void MucManager::inviteDirect(const Jid &room, const Jid &invitee, const QString &reason,
                              const QString &password)
{
    Element message(QStringLiteral("message"), ns::Client);
    message.setAttribute(QStringLiteral("to"), invitee.toString());
    DirectInvite invite;
    invite.room = room.bare();
    invite.reason = reason;
    invite.password = password;
    message.appendChild(invite.toElement());
    client()->send(message);
}

void MucManager::decline(const Jid &room, const Jid &inviter, const QString &reason)
{
    Element message(QStringLiteral("message"), ns::Client);
    message.setAttribute(QStringLiteral("to"), room.bareString());
    MucUser user;
    user.invites.push_back(MucInvite{true, {}, inviter, reason, false});
    message.appendChild(user.toElement());
    client()->send(message);
}

QString MucManager::describeJoinError(const StanzaError &error)
{
    const QString &c = error.condition;
    QString words;
    if (c == u"not-authorized")
        words = QCoreApplication::translate("MucManager", "This room needs a password.");
    else if (c == u"registration-required")
        words = QCoreApplication::translate("MucManager", "Only members may enter this room.");
    else if (c == u"forbidden")
        words = QCoreApplication::translate("MucManager", "You are banned from this room.");
    else if (c == u"conflict")
        words = QCoreApplication::translate(
            "MucManager", "This nickname is already taken in the room; choose another one.");
    else if (c == u"service-unavailable")
        words = QCoreApplication::translate("MucManager", "The room is full.");
    else if (c == u"item-not-found")
        words = QCoreApplication::translate(
            "MucManager", "The room does not exist (or is locked until its owner configures it).");
    else if (c == u"not-allowed")
        words = QCoreApplication::translate("MucManager", "You may not create rooms here.");
    else if (c == u"not-acceptable")
        words = QCoreApplication::translate("MucManager", "The room wants your reserved nickname.");
    else
        return error.describe();
    if (!error.text.isEmpty())
        words += u' ' + QCoreApplication::translate("MucManager", "The room says: “%1”")
                            .arg(error.text.left(300));
    return words;
}

bool MucManager::handleStanza(const Element &stanza)
{
    if (stanza.name() == u"presence")
        return handlePresence(stanza);
    if (stanza.name() == u"message")
        return handleMessage(stanza);
    return false;
}

bool MucManager::handlePresence(const Element &stanza)
{
    const auto from = Jid::parse(stanza.attribute(u"from"));
    if (!from)
        return false;
    const auto it = m_rooms.find(from->bare());
    if (it == m_rooms.end())
        return false; // not a room of ours: a contact's presence, for the roster code
    const QString type = stanza.attribute(u"type");
    if (type == u"error") {
        // §7.2.6 ff.: the room refused our presence (join or nick change).
        const StanzaError error = StanzaError::fromStanza(stanza).value_or(StanzaError{});
        if (!it->pendingNick.isEmpty() && it->joined) {
            it->pendingNick.clear(); // a refused nick change leaves us in the room
            Q_EMIT joinFailed(from->bare(), error);
            return true;
        }
        const Jid room = from->bare();
        m_rooms.erase(it);
        Q_EMIT joinFailed(room, error);
        return true;
    }
    if (!from->isFull())
        return true; // the room speaks about occupants only, never about itself
    if (!type.isEmpty() && type != u"unavailable")
        return true; // subscription traffic from a room is meaningless
    const auto parsed = Presence::fromElement(stanza);
    if (!parsed)
        return true;
    MucPresence p;
    p.from = *from;
    p.available = type.isEmpty();
    p.show = parsed->show;
    p.status = parsed->status;
    p.user = MucUser::fromStanza(stanza).value_or(MucUser{});
    const QString resource = from->resource();
    p.self = p.user.hasStatus(mucstatus::SelfPresence) || resource == it->nick ||
             (!it->pendingNick.isEmpty() && resource == it->pendingNick && p.available);
    const QString occupantId = OccupantId::fromStanza(stanza);
    if (p.self && p.available && !occupantId.isEmpty())
        it->occupantIds = true; // XEP-0421 §4: a room that assigns them puts one in ours too
    if (it->occupantIds)
        p.occupantId = occupantId;
    else if (!it->joined)
        p.unverifiedOccupantId = occupantId;
    const Jid room = from->bare();
    if (p.self) {
        if (!p.available && p.user.hasStatus(mucstatus::NickChanged)) {
            // §7.6: our old nick leaves, the new one arrives next.
            if (const MucItem *item = p.user.item(); item && !item->nick.isEmpty())
                it->nick = item->nick;
            it->pendingNick.clear();
            Q_EMIT occupantPresence(room, p);
            return true;
        }
        if (!p.available) {
            m_rooms.erase(it);
            Q_EMIT occupantPresence(room, p);
            Q_EMIT left(room, p);
            return true;
        }
        it->nick = resource; // §7.2.2 status 210: the room may have changed it
        it->pendingNick.clear();
        const bool wasJoined = it->joined;
        it->joined = true;
        Q_EMIT occupantPresence(room, p);
        if (!wasJoined)
            Q_EMIT joined(room, p);
        return true;
    }
    Q_EMIT occupantPresence(room, p);
    return true;
}

bool MucManager::handleMessage(const Element &stanza)
{
    const QString type = stanza.attribute(u"type");
    if (type == u"error")
        return false; // bounces of what we sent: the message manager matches them by id
    const auto from = Jid::parse(stanza.attribute(u"from"));
    if (type == u"groupchat") {
        // Only a room we are in may send groupchat traffic; anything else is dropped here so
        // that no other manager takes it for a 1:1 message.
        if (!from || !m_rooms.contains(from->bare()))
            return true;
        auto message = ChatMessage::fromElement(stanza);
        if (!message)
            return true;
        const Jid room = from->bare();
        MucMessage m;
        // XEP-0359 §4: only the room's own stanza-id identifies a room message.
        if (message->stanzaIdBy != room) {
            message->stanzaId.clear();
            message->stanzaIdBy = Jid();
        }
        if (assignsOccupantIds(room) && from->isFull())
            m.occupantId = OccupantId::fromStanza(stanza);
        // Status codes are the room's words (§10.2.1); an occupant's muc#user payload
        // (with any <item jid/> it claims) is never read.
        if (!from->isFull())
            m.user = MucUser::fromStanza(stanza).value_or(MucUser{});
        const Element subject = stanza.firstChild(u"subject", ns::Client);
        if (!subject.isNull() && message->body.isEmpty()) {
            // §8.1: a subject change (or the current subject, the last stanza on join).
            Q_EMIT subjectChanged(room, from->resource(), subject.text().left(4096));
            return true;
        }
        m.message = *message;
        Q_EMIT messageReceived(room, m);
        return true;
    }
    if (!from)
        return false;
    // A private message from an occupant of a tracked room (§7.5).
    if (from->isFull() && m_rooms.contains(from->bare())) {
        auto message = ChatMessage::fromElement(stanza);
        if (!message)
            return true;
        message->stanzaId.clear(); // no archive of ours numbered it
        message->stanzaIdBy = Jid();
        Q_EMIT privateMessageReceived(*message);
        return true;
    }
    // XEP-0158: a CAPTCHA only from a room we are entering or in.
    if (stanza.hasChild(u"captcha", mucns::Captcha)) {
        if (from->isBare() && m_rooms.contains(*from)) {
            if (auto captcha = Captcha::fromMessage(stanza))
                Q_EMIT challengeReceived(*captcha);
        }
        return true;
    }
    if (const auto user = MucUser::fromStanza(stanza); user && !user->invites.empty()) {
        // §7.8.2: invitations and declines are forwarded by the room, from its bare JID. Any
        // other sender (an occupant, a contact) forges them: dropped.
        if (!from->isBare() || from->local().isEmpty())
            return true;
        const MucInvite &invite = user->invites.front();
        if (invite.decline) {
            Q_EMIT declineReceived(*from, invite.from, invite.reason);
        } else {
            MucInvitation i;
            i.room = *from;
            i.inviter = invite.from;
            i.reason = invite.reason;
            i.password = user->password;
            Q_EMIT invitationReceived(i);
        }
        return true;
    }
    if (const auto direct = DirectInvite::fromMessage(stanza)) {
        // XEP-0249: the inviter is whoever sent it, never a JID inside.
        MucInvitation i;
        i.room = direct->room;
        i.inviter = from->bare();
        i.reason = direct->reason;
        i.password = direct->password;
        i.direct = true;
        Q_EMIT invitationReceived(i);
        return true;
    }
    return false;
}

void MucManager::onConnected(bool resumed)
{
    if (resumed)
        return;
    // A new session: the server removed us from every room; the owner of the rooms (the
    // RoomManager) decides which to enter again.
    for (RoomEntry &entry : m_rooms)
        entry.joined = false;
}

void MucManager::onDisconnected()
{
    // Kept: a resumption continues in the rooms; a new session is handled in onConnected.
}

} // namespace parla::xmpp
