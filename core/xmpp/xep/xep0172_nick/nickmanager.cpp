// SPDX-License-Identifier: GPL-3.0-or-later
#include "nickmanager.h"

#include "../../client.h"
#include "../../iqutil.h"
#include "../../namespaces.h"
#include "../xep0163_pep/pep.h"

namespace parla::xmpp {

std::optional<QString> nicknameFromElement(const Element &nick)
{
    if (!nick.is(u"nick", ns::Nick))
        return std::nullopt;
    return nick.text().simplified().left(256);
}

Element nicknameElement(const QString &nick)
{
    Element e(QStringLiteral("nick"), ns::Nick);
    e.setText(nick);
    return e;
}

NickManager::NickManager(QObject *parent) : Extension(parent) {}

QStringList NickManager::discoFeatures() const
{
    return {ns::Nick + QStringLiteral("+notify")};
}

bool NickManager::handleStanza(const Element &stanza)
{
    return processStanza(stanza, client() ? client()->boundJid().bare() : Jid());
}

bool NickManager::processStanza(const Element &stanza, const Jid &ownBare)
{
    if (stanza.name() != u"message")
        return false;
    const auto event = PepEvent::fromMessage(stanza, ownBare);
    if (!event || event->node != ns::Nick)
        return false;
    if (!event->retracted.isEmpty() && event->items.empty())
        Q_EMIT nicknameReceived(event->owner, {});
    for (auto it = event->items.crbegin(); it != event->items.crend(); ++it) {
        if (auto nick = nicknameFromElement(it->payload)) {
            Q_EMIT nicknameReceived(event->owner, *nick);
            break;
        }
    }
    return true;
}

Task<Result<Success>> NickManager::publish(const QString &nick)
{
    if (!client())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    return resultOnly(
        client()->sendIq(
            makeIq(u"set", {},
                   pep::publishRequest(
                       ns::Nick, QStringLiteral("current"), nicknameElement(nick.simplified()),
                       {{QStringLiteral("pubsub#access_model"), QStringLiteral("presence")}}))),
        this);
}

Task<Result<QString>> NickManager::requestNickname(const Jid &jid)
{
    if (!client())
        return makeReadyTask<Result<QString>>(Error::local(tr("Not connected.")));
    Promise<Result<QString>> promise;
    client()
        ->sendIq(makeIq(u"get", jid.bareString(), pep::itemsRequest(ns::Nick)))
        .then(this, [promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                if (error->kind == Error::Kind::Stanza &&
                    error->stanza.condition == u"item-not-found")
                    promise.finish(QString());
                else
                    promise.finish(*error);
                return;
            }
            for (const PepItem &item : pep::itemsFromResult(std::get<Element>(r), ns::Nick)) {
                if (auto nick = nicknameFromElement(item.payload)) {
                    promise.finish(*nick);
                    return;
                }
            }
            promise.finish(QString());
        });
    return promise.task();
}

} // namespace parla::xmpp
