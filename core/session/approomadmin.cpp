// SPDX-License-Identifier: GPL-3.0-or-later
// AppRooms' part of the Session seam for room administration (XEP-0045 §6, §8–§10,
// XEP-0425). The protocol is xmpp::MucAdminManager's; this file finds the account, checks the
// input and turns the room's answers into the session's results.
#include "approoms.h"

#include "services/account.h"
#include "services/rooms.h"

#include <QPointer>

#include "storage/messagestore.h"
#include "xmpp/client.h"
#include "xmpp/xep/xep0045_muc_admin/mucadminmanager.h"

namespace parla::services {

using namespace parla::xmpp;

namespace {

Error noAccount()
{
    return Error::local(QObject::tr("No such account."));
}

Error badRoom()
{
    return Error::local(QObject::tr("That is not a valid room address."));
}

/// The account's room-administration manager. Added on first use so that Account needs no
/// change; it handles no stanzas, so its place in the extension order does not matter.
MucAdminManager *adminFor(Account *account)
{
    Client *client = account->client();
    if (auto *m = client->findExtension<MucAdminManager>())
        return m;
    auto *m = new MucAdminManager;
    client->addExtension(m);
    return m;
}

/// A room's bare JID from user input, or nothing.
std::optional<Jid> roomJid(const QString &room)
{
    const auto jid = Jid::parse(room);
    if (!jid || jid->local().isEmpty() || !jid->isBare())
        return std::nullopt;
    return jid;
}

/// Checks the account and the room's address, then runs `request(admin, room)`; otherwise
/// finishes at once with the problem in plain words.
template <typename T, typename Request>
Task<Result<T>> roomRequest(Account *account, const QString &room, Request request)
{
    if (!account)
        return makeReadyTask<Result<T>>(noAccount());
    const auto jid = roomJid(room);
    if (!jid)
        return makeReadyTask<Result<T>>(badRoom());
    return request(adminFor(account), *jid);
}

/// Forwards a task's result into a promise of the same type (continuation on `context`).
template <typename T>
void forward(Task<Result<T>> task, QObject *context, Promise<Result<T>> promise)
{
    task.then(context, [promise](const Result<T> &r) mutable { promise.finish(r); });
}

/// After the room was created (locked, §10.1.1): apply the preset (§10.1.2–§10.1.3).
Task<Result<Success>> configureNewRoom(MucAdminManager *admin, const Jid &room, RoomPreset preset)
{
    if (preset == RoomPreset::Instant)
        return admin->createInstantRoom(room);
    Promise<Result<Success>> promise;
    admin->requestConfiguration(room).then(
        admin, [admin, room, preset, promise](const Result<DataForm> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(*error);
                return;
            }
            // Custom: the room stays locked until submitRoomConfiguration(); having its form
            // proves it exists and is ours before we report success.
            if (preset == RoomPreset::Custom) {
                promise.finish(Success{});
                return;
            }
            DataForm form = std::get<DataForm>(r);
            mucadmin::applyPreset(form, preset);
            forward(admin->submitConfiguration(room, form), admin, promise);
        });
    return promise.task();
}

/// The directories of several services, asked one after another.
struct DirectoryWalk
{
    QStringList services;
    QList<RoomListing> rooms;
    Promise<Result<QList<RoomListing>>> promise;
};

void walkDirectory(MucAdminManager *admin, const std::shared_ptr<DirectoryWalk> &walk)
{
    if (walk->services.isEmpty()) {
        walk->promise.finish(walk->rooms);
        return;
    }
    admin->roomDirectory(Jid::fromString(walk->services.takeFirst()))
        .then(admin, [admin, walk](const Result<QList<RoomListing>> &page) {
            // A service that refuses its list does not hide the others'.
            if (const auto *rooms = std::get_if<QList<RoomListing>>(&page))
                walk->rooms.append(*rooms);
            walkDirectory(admin, walk);
        });
}

} // namespace

Task<Result<QList<RoomListing>>> AppRooms::roomDirectory(const QString &account,
                                                         const QString &service)
{
    using R = Result<QList<RoomListing>>;
    Account *a = m_context.account(account);
    if (!a)
        return makeReadyTask<R>(noAccount());
    MucAdminManager *admin = adminFor(a);
    if (!service.isEmpty())
        return admin->roomDirectory(Jid::fromString(service));
    // No service named: every MUC service of the account's server, listed one after another.
    auto walk = std::make_shared<DirectoryWalk>();
    admin->mucServices().then(admin, [admin, walk](const Result<QStringList> &r) {
        if (const auto *error = std::get_if<Error>(&r)) {
            walk->promise.finish(*error);
            return;
        }
        walk->services = std::get<QStringList>(r);
        walkDirectory(admin, walk);
    });
    return walk->promise.task();
}

Task<Result<QStringList>> AppRooms::mucServices(const QString &account)
{
    Account *a = m_context.account(account);
    if (!a)
        return makeReadyTask<Result<QStringList>>(noAccount());
    return adminFor(a)->mucServices();
}

Task<Result<Success>> AppRooms::createRoom(const QString &account, const QString &room,
                                           const QString &nick, RoomPreset preset)
{
    using R = Result<Success>;
    Account *a = m_context.account(account);
    if (!a)
        return makeReadyTask<R>(noAccount());
    const auto jid = roomJid(room);
    if (!jid)
        return makeReadyTask<R>(badRoom());
    if (nick.trimmed().isEmpty())
        return makeReadyTask<R>(Error::local(tr("Choose a nickname for the room.")));
    MucAdminManager *admin = adminFor(a);
    Client *client = a->client();
    // §10.1.1: entering a room that does not exist creates it (status 201) and we become its
    // owner. Entering one that exists would just join it, so ask first: creating must not
    // silently "succeed" by joining someone else's room.
    Promise<R> promise;
    QPointer<RoomManager> rooms = a->rooms();
    admin->roomExists(*jid).then(admin, [admin, client, rooms, room = *jid, nick, preset,
                                         promise](const Result<bool> &r) mutable {
        if (const auto *error = std::get_if<Error>(&r)) {
            promise.finish(*error);
            return;
        }
        if (std::get<bool>(r)) {
            promise.finish(Error::local(tr("The room %1 already exists.").arg(room.toString())));
            return;
        }
        if (!client->isConnected() || !rooms) {
            promise.finish(Error::local(tr("Not connected.")));
            return;
        }
        // Entered through the rooms service, so the new room's state, occupants and
        // conversation are tracked like any other; it stays locked for the preset below.
        rooms->join(room.toString(), nick, {}, /*instantIfCreated=*/false);
        // The service handles our stanzas in order: the configuration IQ reaches the
        // room after the presence that created it. If creating was refused, this IQ fails
        // (item-not-found or forbidden) and that is what the caller sees.
        forward(configureNewRoom(admin, room, preset), admin, promise);
    });
    return promise.task();
}

Task<Result<DataForm>> AppRooms::roomConfiguration(const QString &account, const QString &room)
{
    return roomRequest<DataForm>(
        m_context.account(account), room,
        [](MucAdminManager *admin, const Jid &jid) { return admin->requestConfiguration(jid); });
}

Task<Result<Success>> AppRooms::submitRoomConfiguration(const QString &account, const QString &room,
                                                        const xmpp::DataForm &form)
{
    return roomRequest<Success>(m_context.account(account), room,
                                [&form](MucAdminManager *admin, const Jid &jid) {
                                    return admin->submitConfiguration(jid, form);
                                });
}

Task<Result<Success>> AppRooms::cancelRoomConfiguration(const QString &account, const QString &room)
{
    Account *a = m_context.account(account);
    auto task = roomRequest<Success>(a, room, [](MucAdminManager *admin, const Jid &jid) {
        return admin->cancelConfiguration(jid);
    });
    Promise<Result<Success>> promise;
    QPointer<Account> guard(a);
    task.then(this, [this, guard, room, promise](const Result<Success> &r) mutable {
        if (guard && isOk(r))
            leaveRoom(guard->jid(), room); // §10.1.3 for services that kept the room
        promise.finish(r);
    });
    return promise.task();
}

Task<Result<Success>> AppRooms::destroyRoom(const QString &account, const QString &room,
                                            const QString &reason)
{
    return roomRequest<Success>(m_context.account(account), room,
                                [&reason](MucAdminManager *admin, const Jid &jid) {
                                    return admin->destroyRoom(jid, reason);
                                });
}

Task<Result<Success>> AppRooms::setOccupantRole(const QString &account, const QString &room,
                                                const QString &nick, RoomRole role,
                                                const QString &reason)
{
    return roomRequest<Success>(m_context.account(account), room,
                                [&](MucAdminManager *admin, const Jid &jid) {
                                    return admin->setRole(jid, nick, role, reason);
                                });
}

Task<Result<Success>> AppRooms::setAffiliation(const QString &account, const QString &room,
                                               const QString &jid, RoomAffiliation affiliation,
                                               const QString &reason)
{
    return roomRequest<Success>(
        m_context.account(account), room, [&](MucAdminManager *admin, const Jid &roomAddress) {
            const auto target = Jid::parse(jid);
            if (!target)
                return makeReadyTask<Result<Success>>(
                    Error::local(tr("That is not a valid address.")));
            return admin->setAffiliation(roomAddress, *target, affiliation, reason);
        });
}

Task<Result<QList<AffiliationEntry>>>
AppRooms::affiliationList(const QString &account, const QString &room, RoomAffiliation affiliation)
{
    return roomRequest<QList<AffiliationEntry>>(
        m_context.account(account), room, [affiliation](MucAdminManager *admin, const Jid &jid) {
            return admin->affiliationList(jid, affiliation);
        });
}

Task<Result<Success>> AppRooms::moderateMessage(const QString &account, qint64 messageId,
                                                const QString &reason)
{
    using R = Result<Success>;
    Account *a = m_context.account(account);
    if (!a)
        return makeReadyTask<R>(noAccount());
    const auto found = a->messages().message(messageId);
    if (const auto *error = std::get_if<Error>(&found))
        return makeReadyTask<R>(*error);
    const auto &record = std::get<std::optional<storage::MessageRecord>>(found);
    if (!record || record->account != a->jid())
        return makeReadyTask<R>(Error::local(tr("That message is not known.")));
    if (record->kind != storage::ConversationKind::GroupChat)
        return makeReadyTask<R>(
            Error::local(tr("Only messages in group chats can be retracted by a moderator.")));
    const auto room = roomJid(record->peer);
    if (!room)
        return makeReadyTask<R>(badRoom());
    // XEP-0425 §4: the request names the stanza-id the *room* assigned (by = the room), never
    // one another archive (ours) gave the message.
    if (record->stanzaId.isEmpty() || !Jid::fromString(record->stanzaIdBy).sameBare(*room) ||
        !Jid::fromString(record->stanzaIdBy).isBare())
        return makeReadyTask<R>(
            Error::local(tr("The room did not number this message, so it cannot be retracted.")));
    return adminFor(a)->moderate(*room, record->stanzaId, reason);
}

} // namespace parla::services
