// SPDX-License-Identifier: GPL-3.0-or-later
#include "avatarmanager.h"

#include "../../client.h"
#include "../../iqutil.h"
#include "../../namespaces.h"
#include "../xep0163_pep/pep.h"

namespace parla::xmpp {

AvatarManager::AvatarManager(QObject *parent) : Extension(parent) {}

QStringList AvatarManager::discoFeatures() const
{
    return {ns::AvatarMetadata + QStringLiteral("+notify")};
}

bool AvatarManager::handleStanza(const Element &stanza)
{
    return processStanza(stanza, client() ? client()->boundJid().bare() : Jid());
}

bool AvatarManager::processStanza(const Element &stanza, const Jid &ownBare)
{
    if (stanza.name() == u"presence") {
        // XEP-0153 §3.2: the hint is about the presence's sender. Never consumed: presence
        // belongs to the presence manager.
        if (stanza.attribute(u"type").isEmpty()) {
            const auto from = Jid::parse(stanza.attribute(u"from"));
            if (from) {
                if (auto update =
                        VCardPhotoUpdate::fromElement(stanza.firstChild(u"x", ns::VCardUpdate));
                    update && update->known)
                    Q_EMIT vcardPhotoAdvertised(from->bare(), update->hash);
            }
        }
        return false;
    }
    if (stanza.name() != u"message")
        return false;
    const auto event = PepEvent::fromMessage(stanza, ownBare);
    if (!event || event->node != ns::AvatarMetadata)
        return false;
    // The newest item carries the metadata; a notification without payload says nothing.
    for (auto it = event->items.crbegin(); it != event->items.crend(); ++it) {
        if (auto metadata = AvatarMetadata::fromElement(it->payload)) {
            Q_EMIT metadataReceived(event->owner, *metadata);
            break;
        }
    }
    return true;
}

Task<Result<AvatarMetadata>> AvatarManager::requestMetadata(const Jid &owner)
{
    if (!client())
        return makeReadyTask<Result<AvatarMetadata>>(Error::local(tr("Not connected.")));
    Promise<Result<AvatarMetadata>> promise;
    client()
        ->sendIq(makeIq(u"get", owner.bareString(), pep::itemsRequest(ns::AvatarMetadata)))
        .then(this, [promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                // No node: no avatar (XEP-0060 §6.5.9.11 item-not-found).
                if (error->kind == Error::Kind::Stanza &&
                    error->stanza.condition == u"item-not-found")
                    promise.finish(AvatarMetadata{});
                else
                    promise.finish(*error);
                return;
            }
            const auto items = pep::itemsFromResult(std::get<Element>(r), ns::AvatarMetadata);
            for (auto it = items.crbegin(); it != items.crend(); ++it) {
                if (auto metadata = AvatarMetadata::fromElement(it->payload)) {
                    promise.finish(*metadata);
                    return;
                }
            }
            promise.finish(AvatarMetadata{});
        });
    return promise.task();
}

Task<Result<QByteArray>> AvatarManager::requestData(const Jid &owner, const QString &id)
{
    QString hash = id;
    if (!client())
        return makeReadyTask<Result<QByteArray>>(Error::local(tr("Not connected.")));
    if (!normalizeAvatarHash(hash))
        return makeReadyTask<Result<QByteArray>>(Error::local(tr("Not an avatar id.")));
    Promise<Result<QByteArray>> promise;
    client()
        ->sendIq(makeIq(u"get", owner.bareString(), pep::itemsRequest(ns::AvatarData, hash)))
        .then(this, [this, promise, hash](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(*error);
                return;
            }
            for (const PepItem &item : pep::itemsFromResult(std::get<Element>(r), ns::AvatarData)) {
                if (item.id.toLower() != hash)
                    continue;
                const auto bytes = AvatarData::fromElement(item.payload, m_maxBytes);
                if (!bytes) {
                    promise.finish(Error{Error::Kind::Invalid, {}, tr("Unusable avatar data.")});
                } else if (avatarHash(*bytes) != hash) {
                    // §4.2.1: the id is the SHA-1 of the data; anything else is not this avatar.
                    promise.finish(
                        Error{Error::Kind::Invalid, {}, tr("The avatar does not match its id.")});
                } else {
                    promise.finish(*bytes);
                }
                return;
            }
            promise.finish(Error{Error::Kind::Invalid, {}, tr("The avatar was not found.")});
        });
    return promise.task();
}

Task<Result<QString>> AvatarManager::publish(const QByteArray &image, const QString &type,
                                             int width, int height)
{
    if (!client())
        return makeReadyTask<Result<QString>>(Error::local(tr("Not connected.")));
    const QString id = avatarHash(image);
    const QMap<QString, QString> options{
        {QStringLiteral("pubsub#access_model"), QStringLiteral("open")}};
    AvatarMetadata metadata;
    metadata.infos.push_back({id, image.size(), width, height, type, {}});
    Promise<Result<QString>> promise;
    // §4.1: data first, so that whoever sees the metadata can fetch it.
    client()
        ->sendIq(
            makeIq(u"set", {},
                   pep::publishRequest(ns::AvatarData, id, AvatarData::toElement(image), options)))
        .then(this, [this, promise, id, metadata, options](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(*error);
                return;
            }
            client()
                ->sendIq(makeIq(
                    u"set", {},
                    pep::publishRequest(ns::AvatarMetadata, id, metadata.toElement(), options)))
                .then(this, [promise, id](const Result<Element> &r2) mutable {
                    if (const auto *error = std::get_if<Error>(&r2))
                        promise.finish(*error);
                    else
                        promise.finish(id);
                });
        });
    return promise.task();
}

} // namespace parla::xmpp
