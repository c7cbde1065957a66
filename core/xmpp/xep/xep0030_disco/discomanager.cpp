// SPDX-License-Identifier: GPL-3.0-or-later
#include "discomanager.h"

#include "../../client.h"
#include "../../namespaces.h"
#include "xmpp/iqutil.h"

#include <memory>

namespace parla::xmpp {

DiscoManager::DiscoManager(QObject *parent)
    : Extension(parent), m_identity{QStringLiteral("client"),
                                    QStringLiteral("pc"),
                                    QStringLiteral("Parla"),
                                    {}}
{}

QStringList DiscoManager::discoFeatures() const
{
    return {ns::DiscoInfo, ns::DiscoItems};
}

void DiscoManager::setIdentity(const DiscoIdentity &identity)
{
    m_identity = identity;
}

void DiscoManager::setExtendedInfo(const std::vector<Element> &forms)
{
    m_extendedInfo = forms;
}

void DiscoManager::setOwnNodeMatcher(std::function<bool(QStringView)> matcher)
{
    m_ownNodeMatcher = std::move(matcher);
}

DiscoInfo DiscoManager::ownInfo() const
{
    DiscoInfo info;
    info.identities = {m_identity};
    if (client()) {
        info.features = client()->discoFeatures();
    } else {
        info.features = discoFeatures();
        info.features.sort();
    }
    info.extensions = m_extendedInfo;
    return info;
}

Element DiscoManager::makeResponse(const Element &request) const
{
    const Element query = request.children().empty() ? Element() : request.children().front();
    const QString node = query.attribute(u"node");
    const bool knownNode = node.isEmpty() || (m_ownNodeMatcher && m_ownNodeMatcher(node));
    if (!knownNode || request.attribute(u"type") != u"get") {
        // XEP-0030 §3.2 / §4.2: a node we do not have is item-not-found; a 'set' makes no sense.
        return makeIqError(
            request,
            knownNode
                ? StanzaError{StanzaError::Type::Cancel, QStringLiteral("bad-request"), {}, {}}
                : StanzaError{StanzaError::Type::Cancel, QStringLiteral("item-not-found"), {}, {}});
    }
    if (query.is(u"query", ns::DiscoInfo)) {
        DiscoInfo info = ownInfo();
        info.node = node; // §3.2: the answer echoes the node asked for
        return makeIqResult(request, info.toElement());
    }
    DiscoItems items; // a client offers no items
    items.node = node;
    return makeIqResult(request, items.toElement());
}

bool DiscoManager::handleStanza(const Element &stanza)
{
    if (!stanza.is(u"iq", ns::Client))
        return false;
    const QString type = stanza.attribute(u"type");
    if (type != u"get" && type != u"set")
        return false;
    if (stanza.children().size() != 1)
        return false;
    const Element &query = stanza.children().front();
    if (!query.is(u"query", ns::DiscoInfo) && !query.is(u"query", ns::DiscoItems))
        return false;
    // Anyone may ask: caps (XEP-0115) makes every entity that sees our presence, including room
    // occupants who are not contacts, ask for our info.
    client()->send(makeResponse(stanza));
    return true;
}

void DiscoManager::onConnected(bool resumed)
{
    if (!resumed)
        fetchServerInfo();
}

void DiscoManager::onDisconnected()
{
    ++m_generation;
    m_cache.clear();
    auto pending = std::move(m_pendingInfo);
    m_pendingInfo.clear();
    for (auto &waiting : pending) {
        for (auto &p : waiting)
            p.finish(Error{Error::Kind::Disconnected, {}, tr("The connection was lost.")});
    }
}

void DiscoManager::fetchServerInfo()
{
    const Jid server = Jid::fromString(client()->settings().jid.domain());
    const Jid account = client()->boundJid().bare();
    // Both answers arrive in any order; the signal is emitted once both are in.
    auto remaining = std::make_shared<int>(2);
    const int generation = m_generation;
    auto done = [this, remaining, generation] {
        if (--*remaining == 0 && generation == m_generation)
            Q_EMIT serverInfoReceived();
    };
    requestInfo(server).then(this, [this, done, generation](const Result<DiscoInfo> &r) {
        if (generation == m_generation && isOk(r))
            m_serverInfo = std::get<DiscoInfo>(r);
        done();
    });
    requestInfo(account).then(this, [this, done, generation](const Result<DiscoInfo> &r) {
        if (generation == m_generation && isOk(r))
            m_accountInfo = std::get<DiscoInfo>(r);
        done();
    });
}

std::optional<DiscoInfo> DiscoManager::cachedInfo(const Jid &jid, const QString &node) const
{
    const auto it = m_cache.constFind({jid, node});
    if (it == m_cache.cend())
        return std::nullopt;
    return *it;
}

Task<Result<DiscoInfo>> DiscoManager::requestInfo(const Jid &jid, const QString &node)
{
    const CacheKey key{jid, node};
    if (const auto it = m_cache.constFind(key); it != m_cache.cend())
        return makeReadyTask<Result<DiscoInfo>>(*it);
    if (!client())
        return makeReadyTask<Result<DiscoInfo>>(Error::local(tr("Not connected.")));
    Promise<Result<DiscoInfo>> promise;
    auto &waiting = m_pendingInfo[key];
    waiting.push_back(promise);
    if (waiting.size() > 1)
        return promise.task(); // the same question is already on its way

    Element query(QStringLiteral("query"), ns::DiscoInfo);
    query.setAttribute(QStringLiteral("node"), node);
    const int generation = m_generation;
    client()
        ->sendIq(makeIq(u"get", jid.toString(), query))
        .then(this, [this, key, generation](const Result<Element> &r) {
            if (generation != m_generation)
                return; // the promises were failed on disconnect already
            Result<DiscoInfo> result = Error::local({});
            if (const auto *error = std::get_if<Error>(&r)) {
                result = *error;
            } else if (auto info = DiscoInfo::fromElement(
                           std::get<Element>(r).firstChild(u"query", ns::DiscoInfo))) {
                m_cache.insert(key, *info);
                result = *info;
            } else {
                result = Error{Error::Kind::Invalid, {}, tr("The answer could not be understood.")};
            }
            const auto waiters = m_pendingInfo.take(key);
            for (auto p : waiters)
                p.finish(result);
        });
    return promise.task();
}

Task<Result<DiscoItems>> DiscoManager::requestItems(const Jid &jid, const QString &node)
{
    if (!client())
        return makeReadyTask<Result<DiscoItems>>(Error::local(tr("Not connected.")));
    Element query(QStringLiteral("query"), ns::DiscoItems);
    query.setAttribute(QStringLiteral("node"), node);
    Promise<Result<DiscoItems>> promise;
    client()
        ->sendIq(makeIq(u"get", jid.toString(), query))
        .then(this, [promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(*error);
            } else if (auto items = DiscoItems::fromElement(
                           std::get<Element>(r).firstChild(u"query", ns::DiscoItems))) {
                promise.finish(*items);
            } else {
                promise.finish(
                    Error{Error::Kind::Invalid, {}, tr("The answer could not be understood.")});
            }
        });
    return promise.task();
}

} // namespace parla::xmpp
