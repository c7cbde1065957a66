// SPDX-License-Identifier: GPL-3.0-or-later
#include "mucadminmanager.h"

#include "../../client.h"
#include "../../iqutil.h"
#include "../../namespaces.h"

#include <algorithm>

namespace parla::xmpp {

using namespace mucadmin;

namespace {

Error notConnected()
{
    return Error::local(MucAdminManager::tr("Not connected."));
}

Error notUnderstood()
{
    return Error{
        Error::Kind::Invalid, {}, MucAdminManager::tr("The answer could not be understood.")};
}

} // namespace

MucAdminManager::MucAdminManager(QObject *parent) : Extension(parent) {}

Task<Result<Success>> MucAdminManager::request(Element iq, Action action, RoomAffiliation target)
{
    if (!client())
        return makeReadyTask<Result<Success>>(notConnected());
    Promise<Result<Success>> promise;
    client()
        ->sendIq(std::move(iq))
        .then(this, [promise, action, target](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r))
                promise.finish(describeError(*error, action, target));
            else
                promise.finish(Success{});
        });
    return promise.task();
}

Task<Result<DataForm>> MucAdminManager::requestConfiguration(const Jid &room)
{
    if (!client())
        return makeReadyTask<Result<DataForm>>(notConnected());
    Promise<Result<DataForm>> promise;
    client()
        ->sendIq(configurationRequest(room))
        .then(this, [promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r))
                promise.finish(describeError(*error, Action::Configure));
            else if (auto form = configurationFromResult(std::get<Element>(r)))
                promise.finish(*form);
            else
                promise.finish(notUnderstood());
        });
    return promise.task();
}

Task<Result<Success>> MucAdminManager::submitConfiguration(const Jid &room, const DataForm &form)
{
    return request(configurationSubmit(room, form), Action::Configure);
}

Task<Result<Success>> MucAdminManager::createInstantRoom(const Jid &room)
{
    return request(instantRoomRequest(room), Action::Configure);
}

Task<Result<Success>> MucAdminManager::cancelConfiguration(const Jid &room)
{
    return request(configurationCancel(room), Action::Configure);
}

Task<Result<Success>> MucAdminManager::destroyRoom(const Jid &room, const QString &reason,
                                                   const Jid &alternate)
{
    return request(destroyRequest(room, reason, alternate), Action::Destroy);
}

Task<Result<Success>> MucAdminManager::setRole(const Jid &room, const QString &nick, RoomRole role,
                                               const QString &reason)
{
    if (nick.isEmpty())
        return makeReadyTask<Result<Success>>(Error::local(tr("No occupant was named.")));
    return request(roleRequest(room, nick, role, reason), Action::SetRole);
}

Task<Result<Success>> MucAdminManager::setAffiliation(const Jid &room, const Jid &jid,
                                                      RoomAffiliation affiliation,
                                                      const QString &reason)
{
    if (!jid.isValid())
        return makeReadyTask<Result<Success>>(Error::local(tr("That is not a valid address.")));
    return request(affiliationRequest(room, jid, affiliation, reason), Action::SetAffiliation,
                   affiliation);
}

Task<Result<QList<AffiliationEntry>>> MucAdminManager::affiliationList(const Jid &room,
                                                                       RoomAffiliation affiliation)
{
    using R = Result<QList<AffiliationEntry>>;
    if (!client())
        return makeReadyTask<R>(notConnected());
    if (affiliation == RoomAffiliation::None)
        return makeReadyTask<R>(
            Error::local(tr("There is no list of people without affiliation.")));
    Promise<R> promise;
    client()
        ->sendIq(affiliationListRequest(room, affiliation))
        .then(this, [promise, affiliation](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r))
                promise.finish(describeError(*error, Action::ListAffiliations, affiliation));
            else if (auto list = affiliationListFromResult(std::get<Element>(r)))
                promise.finish(*list);
            else
                promise.finish(notUnderstood());
        });
    return promise.task();
}

Task<Result<Success>> MucAdminManager::moderate(const Jid &room, const QString &stanzaId,
                                                const QString &reason)
{
    if (stanzaId.isEmpty())
        return makeReadyTask<Result<Success>>(
            Error::local(tr("The room did not number this message, so it cannot be retracted.")));
    return request(moderateRequest(room, stanzaId, reason), Action::Moderate);
}

Task<Result<bool>> MucAdminManager::roomExists(const Jid &room)
{
    if (!client())
        return makeReadyTask<Result<bool>>(notConnected());
    Promise<Result<bool>> promise;
    client()
        ->sendIq(
            makeIq(u"get", room.bare().toString(), Element(QStringLiteral("query"), ns::DiscoInfo)))
        .then(this, [promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                if (error->kind == Error::Kind::Stanza &&
                    error->stanza.condition == u"item-not-found")
                    promise.finish(false);
                else
                    promise.finish(describeError(*error, Action::Create));
            } else {
                promise.finish(true);
            }
        });
    return promise.task();
}

namespace {

/// A fan-out of disco#info requests (see MucAdminManager::fetchInfos).
struct InfoBatch
{
    std::vector<Jid> jids;
    std::vector<std::optional<DiscoInfo>> results;
    size_t next = 0;
    size_t finished = 0;
    std::function<void(std::vector<std::optional<DiscoInfo>>)> done;
};

/// Sends the next request of the batch; each answer sends the one after, so the number in
/// flight never grows beyond how many were started.
void launchNext(MucAdminManager *self, const std::shared_ptr<InfoBatch> &batch)
{
    const size_t i = batch->next++;
    self->client()
        ->sendIq(makeIq(u"get", batch->jids[i].toString(),
                        Element(QStringLiteral("query"), ns::DiscoInfo)))
        .then(self, [self, batch, i](const Result<Element> &r) {
            if (const auto *iq = std::get_if<Element>(&r))
                batch->results[i] = DiscoInfo::fromElement(iq->firstChild(u"query", ns::DiscoInfo));
            if (++batch->finished == batch->jids.size()) {
                auto done = std::move(batch->done);
                done(std::move(batch->results));
            } else if (batch->next < batch->jids.size()) {
                launchNext(self, batch);
            }
        });
}

} // namespace

void MucAdminManager::fetchInfos(std::vector<Jid> jids, std::function<void(InfoResults)> done)
{
    auto batch = std::make_shared<InfoBatch>();
    batch->results.resize(jids.size());
    batch->jids = std::move(jids);
    batch->done = std::move(done);
    if (batch->jids.empty()) {
        batch->done({});
        return;
    }
    const size_t first = std::min<size_t>(batch->jids.size(), kDiscoConcurrency);
    for (size_t k = 0; k < first; ++k)
        launchNext(this, batch);
}

Task<Result<QList<RoomListing>>> MucAdminManager::roomDirectory(const Jid &service)
{
    using R = Result<QList<RoomListing>>;
    if (!client())
        return makeReadyTask<R>(notConnected());
    if (!service.isValid())
        return makeReadyTask<R>(Error::local(tr("That is not a valid address.")));
    Promise<R> promise;
    client()
        ->sendIq(
            makeIq(u"get", service.toString(), Element(QStringLiteral("query"), ns::DiscoItems)))
        .then(this, [this, promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(describeError(*error, Action::Directory));
                return;
            }
            const auto items =
                DiscoItems::fromElement(std::get<Element>(r).firstChild(u"query", ns::DiscoItems));
            if (!items) {
                promise.finish(notUnderstood());
                return;
            }
            std::vector<Jid> rooms;
            QStringList names;
            for (const auto &item : items->items) {
                // Rooms are bare JIDs on the service; anything else is not a room (§6.3).
                if (!item.jid.isBare() || item.jid.local().isEmpty() || !item.node.isEmpty())
                    continue;
                rooms.push_back(item.jid);
                names << item.name;
            }
            fetchInfos(rooms, [promise, rooms, names](InfoResults infos) mutable {
                QList<RoomListing> listings;
                listings.reserve(qsizetype(rooms.size()));
                for (size_t i = 0; i < rooms.size(); ++i)
                    listings.append(listingFromInfo(rooms[i], names.value(qsizetype(i)),
                                                    infos[i] ? &*infos[i] : nullptr));
                promise.finish(listings);
            });
        });
    return promise.task();
}

Task<Result<QStringList>> MucAdminManager::mucServices()
{
    using R = Result<QStringList>;
    if (!client())
        return makeReadyTask<R>(notConnected());
    const QString server = client()->boundJid().domain();
    Promise<R> promise;
    client()
        ->sendIq(makeIq(u"get", server, Element(QStringLiteral("query"), ns::DiscoItems)))
        .then(this, [this, promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(*error);
                return;
            }
            const auto items =
                DiscoItems::fromElement(std::get<Element>(r).firstChild(u"query", ns::DiscoItems));
            if (!items) {
                promise.finish(notUnderstood());
                return;
            }
            std::vector<Jid> jids;
            for (const auto &item : items->items) {
                if (item.node.isEmpty())
                    jids.push_back(item.jid);
            }
            fetchInfos(jids, [promise, jids](InfoResults infos) mutable {
                QStringList services;
                for (size_t i = 0; i < jids.size(); ++i) {
                    if (infos[i] && infos[i]->hasFeature(NsMuc))
                        services << jids[i].toString();
                }
                promise.finish(services);
            });
        });
    return promise.task();
}

} // namespace parla::xmpp
