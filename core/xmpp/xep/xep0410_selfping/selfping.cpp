// SPDX-License-Identifier: GPL-3.0-or-later
#include "selfping.h"

#include "xmpp/client.h"
#include "xmpp/iqutil.h"
#include "xmpp/namespaces.h"

namespace parla::xmpp {

SelfPingOutcome classifySelfPing(const Result<Element> &answer, const Jid &occupantJid)
{
    const auto *error = std::get_if<Error>(&answer);
    if (!error)
        return SelfPingOutcome::Joined;
    if (error->kind != Error::Kind::Stanza)
        return SelfPingOutcome::Inconclusive; // timeout, lost stream, not connected
    const QString &condition = error->stanza.condition;
    if (condition == u"service-unavailable" || condition == u"feature-not-implemented")
        return SelfPingOutcome::Joined;
    if (condition == u"item-not-found") {
        const bool byService = !error->stanza.by.isEmpty() &&
                               error->stanza.by == occupantJid.domain() &&
                               !occupantJid.local().isEmpty();
        return byService ? SelfPingOutcome::NotJoined : SelfPingOutcome::Joined;
    }
    if (condition == u"remote-server-not-found" || condition == u"remote-server-timeout")
        return SelfPingOutcome::Inconclusive;
    return SelfPingOutcome::NotJoined;
}

SelfPinger::SelfPinger(Client *client, QObject *parent) : QObject(parent), m_client(client) {}

Element SelfPinger::makePing(const Jid &occupantJid)
{
    return makeIq(u"get", occupantJid.toString(), Element(QStringLiteral("ping"), ns::Ping));
}

Task<SelfPingOutcome> SelfPinger::ping(const Jid &occupantJid, std::chrono::milliseconds timeout)
{
    if (!m_client || !m_client->isConnected() || occupantJid.resource().isEmpty())
        return makeReadyTask(SelfPingOutcome::Inconclusive);
    Promise<SelfPingOutcome> promise;
    m_client->sendIq(makePing(occupantJid), timeout)
        .then(this, [promise, occupantJid](const Result<Element> &answer) mutable {
            promise.finish(classifySelfPing(answer, occupantJid));
        });
    return promise.task();
}

} // namespace parla::xmpp
