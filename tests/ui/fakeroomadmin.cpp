// SPDX-License-Identifier: GPL-3.0-or-later
// FakeRooms' room administration part: answers from the plain members declared in
// fakerooms.h (directories, configuration forms, affiliation lists), every call recorded, and
// any method made to fail through roomAdminFailures.
#include "fakerooms.h"
#include "fakesession.h"

namespace parla::test {

using namespace parla::xmpp;

namespace {

QString affiliationName(RoomAffiliation a)
{
    switch (a) {
    case RoomAffiliation::Owner:
        return QStringLiteral("owner");
    case RoomAffiliation::Admin:
        return QStringLiteral("admin");
    case RoomAffiliation::Member:
        return QStringLiteral("member");
    case RoomAffiliation::Outcast:
        return QStringLiteral("outcast");
    case RoomAffiliation::None:
        break;
    }
    return QStringLiteral("none");
}

QString roleName(RoomRole r)
{
    switch (r) {
    case RoomRole::Moderator:
        return QStringLiteral("moderator");
    case RoomRole::Participant:
        return QStringLiteral("participant");
    case RoomRole::Visitor:
        return QStringLiteral("visitor");
    case RoomRole::None:
        break;
    }
    return QStringLiteral("none");
}

DataFormField field(DataFormField::Type type, const QString &var, const QString &label,
                    const QStringList &values, const QString &desc = {})
{
    DataFormField f;
    f.type = type;
    f.var = var;
    f.label = label;
    f.values = values;
    f.description = desc;
    return f;
}

} // namespace

/// Answers with the configured failure for `method`, if any.
#define PARLA_FAKE_FAIL(T, method)                                                                 \
    if (roomAdminFailures.contains(QStringLiteral(method)))                                        \
        return makeReadyTask<Result<T>>(roomAdminFailures.value(QStringLiteral(method)));

DataForm FakeRooms::sampleRoomConfig(const QString &room)
{
    using T = DataFormField::Type;
    DataForm form;
    form.title = QStringLiteral("Configuration for %1").arg(room);
    form.instructions << QStringLiteral("Complete and submit this form to configure the room.");
    auto &fs = form.fields;
    fs.push_back(field(T::Hidden, QStringLiteral("FORM_TYPE"), {},
                       {QStringLiteral("http://jabber.org/protocol/muc#roomconfig")}));
    fs.push_back(field(T::Fixed, {}, {}, {QStringLiteral("Room information")}));
    fs.push_back(field(T::TextSingle, QStringLiteral("muc#roomconfig_roomname"),
                       QStringLiteral("Title"), {room.section(QLatin1Char('@'), 0, 0)}));
    fs.push_back(field(T::TextSingle, QStringLiteral("muc#roomconfig_roomdesc"),
                       QStringLiteral("Description"), {},
                       QStringLiteral("A brief description of the room")));
    fs.push_back(field(T::TextSingle, QStringLiteral("muc#roomconfig_lang"),
                       QStringLiteral("Language tag for room (e.g. 'en', 'de', 'fr' etc.)"),
                       {QStringLiteral("en")},
                       QStringLiteral("Indicate the primary language spoken in this room")));
    fs.push_back(field(T::Boolean, QStringLiteral("muc#roomconfig_persistentroom"),
                       QStringLiteral("Persistent (room should remain even when it is empty)"),
                       {QStringLiteral("1")},
                       QStringLiteral("Rooms are automatically deleted when they are empty, unless "
                                      "this option is enabled")));
    fs.push_back(field(T::Fixed, {}, {}, {QStringLiteral("Access to the room")}));
    fs.push_back(field(T::Boolean, QStringLiteral("muc#roomconfig_publicroom"),
                       QStringLiteral("Include room information in public lists"),
                       {QStringLiteral("1")},
                       QStringLiteral("Enable this to allow people to find the room")));
    fs.push_back(field(T::Boolean, QStringLiteral("muc#roomconfig_membersonly"),
                       QStringLiteral("Only allow members to join"), {QStringLiteral("0")},
                       QStringLiteral("Enable this to only allow access for room owners, admins "
                                      "and members")));
    fs.push_back(field(T::TextPrivate, QStringLiteral("muc#roomconfig_roomsecret"),
                       QStringLiteral("Password"), {}));
    fs.push_back(field(T::Fixed, {}, {}, {QStringLiteral("Permissions in the room")}));
    fs.push_back(field(T::Boolean, QStringLiteral("muc#roomconfig_changesubject"),
                       QStringLiteral("Allow anyone to set the room's subject"),
                       {QStringLiteral("0")},
                       QStringLiteral("Choose whether anyone, or only moderators, may set the "
                                      "room's subject")));
    fs.push_back(field(T::Boolean, QStringLiteral("muc#roomconfig_moderatedroom"),
                       QStringLiteral("Moderated (require permission to speak)"),
                       {QStringLiteral("0")},
                       QStringLiteral("In moderated rooms occupants must be given permission to "
                                      "speak by a room moderator")));
    DataFormField whois =
        field(T::ListSingle, QStringLiteral("muc#roomconfig_whois"),
              QStringLiteral("Addresses (JIDs) of room occupants may be viewed by:"),
              {QStringLiteral("moderators")});
    whois.options = {{QStringLiteral("Moderators only"), QStringLiteral("moderators")},
                     {QStringLiteral("Anyone"), QStringLiteral("anyone")}};
    fs.push_back(whois);
    fs.push_back(field(T::Fixed, {}, {}, {QStringLiteral("Other options")}));
    fs.push_back(field(T::TextSingle, QStringLiteral("muc#roomconfig_historylength"),
                       QStringLiteral("Maximum number of history messages returned by room"),
                       {QStringLiteral("20")},
                       QStringLiteral("Specify the maximum number of previous messages that "
                                      "should be sent to users when they join the room")));
    DataFormField broadcast = field(
        T::ListMulti, QStringLiteral("muc#roomconfig_presencebroadcast"),
        QStringLiteral("Only show participants with roles:"),
        {QStringLiteral("moderator"), QStringLiteral("participant"), QStringLiteral("visitor")});
    broadcast.options = {{{}, QStringLiteral("visitor")},
                         {{}, QStringLiteral("participant")},
                         {{}, QStringLiteral("moderator")}};
    fs.push_back(broadcast);
    fs.push_back(field(T::JidMulti, QStringLiteral("muc#roomconfig_roomadmins"),
                       QStringLiteral("Room admins"), {},
                       QStringLiteral("People who may kick, ban and grant membership")));
    return form;
}

Task<Result<QList<RoomListing>>> FakeRooms::roomDirectory(const QString &account,
                                                          const QString &service)
{
    m_root.record(QStringLiteral("roomDirectory"), {account, service});
    PARLA_FAKE_FAIL(QList<RoomListing>, "roomDirectory")
    return makeReadyTask<Result<QList<RoomListing>>>(roomDirectories.value(service));
}

Task<Result<QStringList>> FakeRooms::mucServices(const QString &account)
{
    m_root.record(QStringLiteral("mucServices"), {account});
    PARLA_FAKE_FAIL(QStringList, "mucServices")
    return makeReadyTask<Result<QStringList>>(mucServiceList);
}

Task<Result<Success>> FakeRooms::createRoom(const QString &account, const QString &room,
                                            const QString &nick, RoomPreset preset)
{
    m_root.record(QStringLiteral("createRoom"),
                  {account, room, nick, QString::number(static_cast<int>(preset))});
    PARLA_FAKE_FAIL(Success, "createRoom")
    affiliations[room] = {AffiliationEntry{account, RoomAffiliation::Owner, nick, {}}};
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<DataForm>> FakeRooms::roomConfiguration(const QString &account, const QString &room)
{
    m_root.record(QStringLiteral("roomConfiguration"), {account, room});
    PARLA_FAKE_FAIL(DataForm, "roomConfiguration")
    return makeReadyTask<Result<DataForm>>(roomConfigs.value(room, sampleRoomConfig(room)));
}

Task<Result<Success>> FakeRooms::submitRoomConfiguration(const QString &account,
                                                         const QString &room,
                                                         const xmpp::DataForm &form)
{
    m_root.record(QStringLiteral("submitRoomConfiguration"), {account, room});
    PARLA_FAKE_FAIL(Success, "submitRoomConfiguration")
    lastSubmittedRoomConfig = form;
    // Remember what was submitted, as a server would, so reopening shows it.
    DataForm stored = roomConfigs.value(room, sampleRoomConfig(room));
    for (const DataFormField &f : form.fields) {
        if (DataFormField *s = stored.field(f.var))
            s->values = f.values;
    }
    roomConfigs.insert(room, stored);
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<Success>> FakeRooms::cancelRoomConfiguration(const QString &account,
                                                         const QString &room)
{
    m_root.record(QStringLiteral("cancelRoomConfiguration"), {account, room});
    PARLA_FAKE_FAIL(Success, "cancelRoomConfiguration")
    roomConfigs.remove(room); // §10.1.3: the service destroys the room
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<Success>> FakeRooms::destroyRoom(const QString &account, const QString &room,
                                             const QString &reason)
{
    m_root.record(QStringLiteral("destroyRoom"), {account, room, reason});
    PARLA_FAKE_FAIL(Success, "destroyRoom")
    roomConfigs.remove(room);
    affiliations.remove(room);
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<Success>> FakeRooms::setOccupantRole(const QString &account, const QString &room,
                                                 const QString &nick, RoomRole role,
                                                 const QString &reason)
{
    m_root.record(QStringLiteral("setOccupantRole"), {account, room, nick, roleName(role), reason});
    PARLA_FAKE_FAIL(Success, "setOccupantRole")
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<Success>> FakeRooms::setAffiliation(const QString &account, const QString &room,
                                                const QString &jid, RoomAffiliation affiliation,
                                                const QString &reason)
{
    m_root.record(QStringLiteral("setAffiliation"),
                  {account, room, jid, affiliationName(affiliation), reason});
    PARLA_FAKE_FAIL(Success, "setAffiliation")
    QList<AffiliationEntry> &list = affiliations[room];
    list.removeIf([&jid](const AffiliationEntry &e) { return e.jid == jid; });
    if (affiliation != RoomAffiliation::None)
        list.append(AffiliationEntry{jid, affiliation, {}, reason});
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<QList<AffiliationEntry>>>
FakeRooms::affiliationList(const QString &account, const QString &room, RoomAffiliation affiliation)
{
    m_root.record(QStringLiteral("affiliationList"), {account, room, affiliationName(affiliation)});
    PARLA_FAKE_FAIL(QList<AffiliationEntry>, "affiliationList")
    QList<AffiliationEntry> out;
    for (const AffiliationEntry &e : affiliations.value(room)) {
        if (e.affiliation == affiliation)
            out << e;
    }
    return makeReadyTask<Result<QList<AffiliationEntry>>>(out);
}

Task<Result<Success>> FakeRooms::moderateMessage(const QString &account, qint64 messageId,
                                                 const QString &reason)
{
    m_root.record(QStringLiteral("moderateMessage"), {account, QString::number(messageId), reason});
    PARLA_FAKE_FAIL(Success, "moderateMessage")
    return makeReadyTask<Result<Success>>(Success{});
}

#undef PARLA_FAKE_FAIL

} // namespace parla::test
