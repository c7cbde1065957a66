// SPDX-License-Identifier: GPL-3.0-or-later
// AppSession's part of the Session seam for group chat (XEP-0045 through RoomManager) and room
// bookmarks (XEP-0402, XEP-0048 fallback).
#include "approoms.h"

#include "services/account.h"
#include "services/bookmarks.h"
#include "services/rooms.h"
#include "services/selfpingscheduler.h"

#include "models/occupantmodel.h"
#include "xmpp/im/presence.h"
#include "xmpp/xep/xep0030_disco/discoinfo.h"
#include "xmpp/xep/xep0045_muc/mucuser.h"
#include "xmpp/xep/xep0115_caps/capsmanager.h"

namespace parla::services {

using namespace parla::xmpp;

namespace {
RoomManager *roomsOf(Account *account)
{
    return account ? account->rooms() : nullptr;
}

Error noAccount()
{
    return Error::local(QObject::tr("No such account."));
}
} // namespace

AppRooms::AppRooms(AppContext &context, ChatsApi &chats, QObject *parent)
    : RoomsApi(parent), m_context(context), m_chats(chats)
{}

void AppRooms::attach(Account *account)
{
    const QString jid = account->jid();
    RoomManager *rooms = account->rooms();
    connect(rooms, &RoomManager::roomChanged, this,
            [this, jid](const QString &room) { Q_EMIT roomChanged(jid, room); });
    connect(rooms, &RoomManager::invitationReceived, this,
            [this, jid](const RoomInvitation &i) { Q_EMIT invitationReceived(jid, i); });
    connect(rooms, &RoomManager::challengeReceived, this,
            [this, jid](const RoomChallenge &c) { Q_EMIT challengeReceived(jid, c); });
    connect(account->bookmarks(), &Bookmarks::changed, this,
            [this, jid] { Q_EMIT bookmarksChanged(jid); });

    // Bookmarks (XEP-0402 §4): autojoin once per login, and leave when another client removes
    // the bookmark or turns autojoin off.
    connect(account->bookmarks(), &Bookmarks::autojoinRequested, rooms,
            [rooms, jid](const RoomBookmark &b) {
                const QString nick = b.nick.isEmpty() ? jid.section(u'@', 0, 0) : b.nick;
                rooms->autojoin(b.room, nick, b.password); // open rooms first
            });
    connect(account->bookmarks(), &Bookmarks::leaveRequested, rooms,
            [rooms](const QString &room) { rooms->leave(room); });

    // XEP-0410: a joined room that stays silent is self-pinged; "not joined" means the room
    // dropped us without telling (e.g. it restarted), so we enter it again. Stored messages
    // count as traffic (onMessageStored).
    auto *selfPing = new SelfPingScheduler(account->client(), account);
    connect(rooms, &RoomManager::roomChanged, selfPing, [rooms, selfPing](const QString &room) {
        const Room *r = rooms->room(room);
        if (r && r->state() == RoomState::Joined)
            selfPing->setJoined(room, room + u'/' + r->info().nick);
        else
            selfPing->setLeft(room);
    });
    connect(selfPing, &SelfPingScheduler::rejoinNeeded, rooms,
            [rooms](const QString &room) { rooms->rejoin(room); });
}

void AppRooms::onMessageStored(Account *account, const storage::MessageRecord &record)
{
    if (record.kind != storage::ConversationKind::GroupChat)
        return;
    if (SelfPingScheduler *selfPing = selfPingScheduler(account->jid()))
        selfPing->noteTraffic(record.peer);
}

SelfPingScheduler *AppRooms::selfPingScheduler(const QString &jid) const
{
    Account *a = m_context.account(jid);
    return a ? a->findChild<SelfPingScheduler *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

void AppRooms::joinRoom(const QString &jid, const QString &room, const QString &nick,
                        const QString &password)
{
    if (auto *rooms = roomsOf(m_context.account(jid))) {
        rooms->join(room, nick, password);
        m_chats.openConversation(jid, room);
    }
}

void AppRooms::leaveRoom(const QString &jid, const QString &room)
{
    if (auto *rooms = roomsOf(m_context.account(jid)))
        rooms->leave(room);
}

RoomInfo AppRooms::roomInfo(const QString &jid, const QString &room)
{
    if (auto *rooms = roomsOf(m_context.account(jid))) {
        if (const Room *r = rooms->room(room))
            return r->info();
    }
    RoomInfo info;
    info.room = room;
    info.name = Jid::fromString(room).local();
    return info;
}

QAbstractItemModel *AppRooms::occupantModel(const QString &jid, const QString &room)
{
    Account *a = m_context.account(jid);
    auto *rooms = roomsOf(a);
    Room *r = rooms ? rooms->room(room) : nullptr;
    if (!r)
        return nullptr;
    // One model per room, owned by the room (it lives as long as the occupants it shows).
    if (auto *existing = r->findChild<models::OccupantModel *>())
        return existing;
    return new models::OccupantModel(r, a->people(), r);
}

void AppRooms::changeNick(const QString &jid, const QString &room, const QString &nick)
{
    if (auto *rooms = roomsOf(m_context.account(jid)))
        rooms->changeNick(room, nick);
}

void AppRooms::setRoomSubject(const QString &jid, const QString &room, const QString &subject)
{
    if (auto *rooms = roomsOf(m_context.account(jid)))
        rooms->setSubject(room, subject);
}

void AppRooms::inviteToRoom(const QString &jid, const QString &room, const QString &invitee,
                            const QString &reason)
{
    Account *a = m_context.account(jid);
    auto *rooms = roomsOf(a);
    const auto inviteeJid = Jid::parse(invitee);
    if (!rooms || !inviteeJid)
        return;
    // XEP-0249 §3: direct when a client of the invitee says it understands it (caps).
    bool direct = false;
    const Jid bare = inviteeJid->bare();
    const auto resources = a->presence()->resources(bare);
    for (auto it = resources.cbegin(); it != resources.cend() && !direct; ++it) {
        const auto info = a->caps()->infoFor(bare.withResource(it.key()));
        direct = info && info->hasFeature(mucns::Conference);
    }
    rooms->invite(room, invitee, reason, direct);
}

void AppRooms::declineInvitation(const QString &jid, const RoomInvitation &invitation,
                                 const QString &reason)
{
    if (auto *rooms = roomsOf(m_context.account(jid)))
        rooms->decline(invitation, reason);
}

void AppRooms::answerChallenge(const QString &jid, const RoomChallenge &challenge,
                               const xmpp::DataForm &answer)
{
    if (auto *rooms = roomsOf(m_context.account(jid)))
        rooms->answerChallenge(challenge.room, answer);
}

QList<RoomBookmark> AppRooms::bookmarks(const QString &account)
{
    if (Account *a = m_context.account(account))
        return a->bookmarks()->list();
    return {};
}

Task<Result<Success>> AppRooms::setBookmark(const QString &account, const RoomBookmark &bookmark)
{
    if (Account *a = m_context.account(account))
        return a->bookmarks()->set(bookmark);
    return makeReadyTask<Result<Success>>(noAccount());
}

Task<Result<Success>> AppRooms::removeBookmark(const QString &account, const QString &room)
{
    if (Account *a = m_context.account(account))
        return a->bookmarks()->remove(room);
    return makeReadyTask<Result<Success>>(noAccount());
}

} // namespace parla::services
