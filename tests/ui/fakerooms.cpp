// SPDX-License-Identifier: GPL-3.0-or-later
// FakeRooms: rooms with a RoomInfo and an occupant model (the roles of models/roles.h
// OccupantRole), bookmarks in memory, and every call recorded.
#include "fakerooms.h"
#include "fakesession.h"

#include "core/models/contactcolor.h"
#include "core/models/roles.h"

namespace parla::test {

using namespace parla::xmpp;
using namespace parla::models;

namespace {

QString roomKey(const QString &account, const QString &room)
{
    return account + QLatin1Char('\n') + room;
}

QStandardItem *occupantItem(const RoomOccupant &o, const QString &ownNick)
{
    auto *it = new QStandardItem(o.nick);
    it->setData(o.nick, OccupantNickRole);
    it->setData(o.realJid, OccupantRealJidRole);
    it->setData(int(o.role), OccupantRoleRole);
    it->setData(int(o.affiliation), OccupantAffiliationRole);
    it->setData(o.occupantId, OccupantIdRole);
    it->setData(int(Availability::Online), OccupantAvailabilityRole);
    it->setData(consistentColor(o.nick), OccupantColorRole);
    it->setData(o.nick == ownNick, OccupantIsSelfRole);
    it->setData(QImage(), OccupantAvatarRole);
    it->setEditable(false);
    return it;
}

} // namespace

FakeRooms::FakeRooms(FakeSession &root) : m_root(root) {}

void FakeRooms::addRoom(const QString &account, const RoomInfo &info,
                        const QList<RoomOccupant> &occupants, int crowd)
{
    QStandardItemModel *model = fakeOccupants(account, info.room);
    model->clear();
    // Like the real model: moderators first, then by nick (generated guests sort after).
    QList<RoomOccupant> sorted = occupants;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const RoomOccupant &a, const RoomOccupant &b) {
                         if (a.role != b.role)
                             return int(a.role) > int(b.role);
                         return a.nick.compare(b.nick, Qt::CaseInsensitive) < 0;
                     });
    for (const RoomOccupant &o : sorted)
        model->appendRow(occupantItem(o, info.nick));
    for (int i = 1; i <= crowd; ++i) {
        RoomOccupant o;
        o.nick = QStringLiteral("guest%1").arg(i, 4, 10, QLatin1Char('0'));
        o.realJid = info.nonAnonymous ? o.nick + QStringLiteral("@crowd.example") : QString();
        o.occupantId = QStringLiteral("occ-%1").arg(i);
        o.role = RoomRole::Participant;
        model->appendRow(occupantItem(o, info.nick));
    }
    RoomInfo stored = info;
    if (stored.occupantCount == 0)
        stored.occupantCount = model->rowCount();
    m_rooms.insert(roomKey(account, info.room), stored);

    int r = FakeSession::rowOf(m_root.chats().model(), ConversationAccountRole,
                               ConversationPeerRole, account, info.room);
    if (r < 0) {
        auto *it = new QStandardItem(info.name);
        it->setData(account, ConversationAccountRole);
        it->setData(info.room, ConversationPeerRole);
        it->setData(QString(), ConversationLastTextRole);
        it->setData(QDateTime::currentDateTimeUtc(), ConversationLastTimeRole);
        it->setData(0, ConversationUnreadRole);
        it->setData(0, ConversationAvailabilityRole);
        it->setData(consistentColor(info.room), ConversationColorRole);
        it->setEditable(false);
        m_root.chats().model().insertRow(0, it);
        r = 0;
    }
    QStandardItem *row = m_root.chats().model().item(r);
    row->setData(info.name.isEmpty() ? info.room : info.name, ConversationTitleRole);
    row->setData(1, ConversationKindRole);
    row->setData(int(info.state), ConversationRoomStateRole);
}

void FakeRooms::setRoomInfo(const QString &account, const RoomInfo &info)
{
    m_rooms.insert(roomKey(account, info.room), info);
    const int r = FakeSession::rowOf(m_root.chats().model(), ConversationAccountRole,
                                     ConversationPeerRole, account, info.room);
    if (r >= 0) {
        m_root.chats().model().item(r)->setData(int(info.state), ConversationRoomStateRole);
        if (!info.name.isEmpty())
            m_root.chats().model().item(r)->setData(info.name, ConversationTitleRole);
    }
    Q_EMIT roomChanged(account, info.room);
}

QStandardItemModel *FakeRooms::fakeOccupants(const QString &account, const QString &room)
{
    QStandardItemModel *&m = m_occupantModels[roomKey(account, room)];
    if (!m)
        m = new QStandardItemModel(this);
    return m;
}

qint64 FakeRooms::receiveInRoom(const QString &account, const QString &room, const QString &nick,
                                const QString &text, bool mentionsMe)
{
    FakeMessageModel *m = m_root.chats().fakeMessages(account, room);
    const QString previousNick =
        m->rowCount() > 0 ? m->item(m->rowCount() - 1)->data(MessageSenderNickRole).toString()
                          : QString();
    const qint64 id = m->append(text, false, DeliveryState::Received);
    QStandardItem *it = m->item(m->rowCount() - 1);
    it->setData(nick, MessageSenderRole);
    it->setData(nick, MessageSenderNickRole);
    it->setData(consistentColor(nick), MessageColorRole);
    it->setData(mentionsMe, MessageMentionsMeRole);
    if (previousNick != nick)
        it->setData(true, MessageFirstInGroupRole);
    return id;
}

void FakeRooms::joinRoom(const QString &account, const QString &room, const QString &nick,
                         const QString &password)
{
    m_root.record(QStringLiteral("joinRoom"), {account, room, nick, password});
    RoomInfo info = m_rooms.value(roomKey(account, room));
    if (info.room.isEmpty()) {
        info.room = room;
        info.name = room.section(QLatin1Char('@'), 0, 0);
        addRoom(account, info);
    }
    info.nick = nick;
    info.state = RoomState::Joining;
    info.errorText.clear();
    setRoomInfo(account, info);
}

void FakeRooms::leaveRoom(const QString &account, const QString &room)
{
    m_root.record(QStringLiteral("leaveRoom"), {account, room});
    RoomInfo info = roomInfo(account, room);
    info.state = RoomState::NotJoined;
    info.role = RoomRole::None;
    setRoomInfo(account, info);
}

RoomInfo FakeRooms::roomInfo(const QString &account, const QString &room)
{
    RoomInfo info = m_rooms.value(roomKey(account, room));
    info.room = room;
    return info;
}

QAbstractItemModel *FakeRooms::occupantModel(const QString &account, const QString &room)
{
    return m_occupantModels.value(roomKey(account, room));
}

void FakeRooms::changeNick(const QString &account, const QString &room, const QString &nick)
{
    m_root.record(QStringLiteral("changeNick"), {account, room, nick});
    RoomInfo info = roomInfo(account, room);
    info.nick = nick;
    setRoomInfo(account, info);
}

void FakeRooms::setRoomSubject(const QString &account, const QString &room, const QString &subject)
{
    m_root.record(QStringLiteral("setRoomSubject"), {account, room, subject});
    RoomInfo info = roomInfo(account, room);
    info.subject = subject;
    setRoomInfo(account, info);
}

void FakeRooms::inviteToRoom(const QString &account, const QString &room, const QString &jid,
                             const QString &reason)
{
    m_root.record(QStringLiteral("inviteToRoom"), {account, room, jid, reason});
}

void FakeRooms::declineInvitation(const QString &account, const RoomInvitation &invitation,
                                  const QString &reason)
{
    m_root.record(QStringLiteral("declineInvitation"),
                  {account, invitation.room, invitation.inviter, reason});
}

void FakeRooms::answerChallenge(const QString &account, const RoomChallenge &challenge,
                                const xmpp::DataForm &answer)
{
    QStringList args{account, challenge.room};
    for (const DataFormField &f : answer.fields)
        args << f.var + QLatin1Char('=') + f.values.join(QLatin1Char(','));
    m_root.record(QStringLiteral("answerChallenge"), args);
}

QList<RoomBookmark> FakeRooms::bookmarks(const QString &account)
{
    return roomBookmarks.value(account);
}

Task<Result<Success>> FakeRooms::setBookmark(const QString &account, const RoomBookmark &bookmark)
{
    m_root.record(QStringLiteral("setBookmark"),
                  {account, bookmark.room, bookmark.name, bookmark.nick, bookmark.password,
                   bookmark.autojoin ? QStringLiteral("autojoin") : QStringLiteral("manual")});
    QList<RoomBookmark> &list = roomBookmarks[account];
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const RoomBookmark &b) { return b.room == bookmark.room; });
    if (it != list.end())
        *it = bookmark;
    else
        list.append(bookmark);
    Q_EMIT bookmarksChanged(account);
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<Success>> FakeRooms::removeBookmark(const QString &account, const QString &room)
{
    m_root.record(QStringLiteral("removeBookmark"), {account, room});
    QList<RoomBookmark> &list = roomBookmarks[account];
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const RoomBookmark &b) { return b.room == room; }),
               list.end());
    Q_EMIT bookmarksChanged(account);
    return makeReadyTask<Result<Success>>(Success{});
}

} // namespace parla::test
