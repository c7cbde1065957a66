// SPDX-License-Identifier: GPL-3.0-or-later
#include "pingmanager.h"

#include "../../client.h"
#include "../../namespaces.h"
#include "xmpp/iqutil.h"

namespace parla::xmpp {

PingManager::PingManager(QObject *parent) : Extension(parent)
{
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] { pingServer(m_timeout); });
}

QStringList PingManager::discoFeatures() const
{
    return {ns::Ping};
}

Element PingManager::makeResponse(const Element &request)
{
    return makeIqResult(request);
}

bool PingManager::handleStanza(const Element &stanza)
{
    if (!isIqRequest(stanza, u"get", u"ping", ns::Ping))
        return false;
    // §4.3: a client answers pings from anyone; it reveals no more than presence does.
    client()->send(makeResponse(stanza));
    return true;
}

void PingManager::setIdleInterval(std::chrono::milliseconds interval)
{
    m_idleInterval = interval;
    if (m_idleTimer.isActive())
        m_idleTimer.start(m_idleInterval);
}

void PingManager::onConnected(bool resumed)
{
    Q_UNUSED(resumed);
    connect(client(), &Client::xmlReceived, this, &PingManager::onXmlReceived,
            Qt::UniqueConnection);
    m_pingInFlight = false;
    m_idleTimer.start(m_idleInterval);
}

void PingManager::onDisconnected()
{
    ++m_generation;
    m_pingInFlight = false;
    m_idleTimer.stop();
}

void PingManager::onXmlReceived()
{
    m_receivedSincePing = true;
    if (!m_pingInFlight && client()->isConnected())
        m_idleTimer.start(m_idleInterval);
}

void PingManager::checkNow()
{
    if (!client() || !client()->isConnected() || m_pingInFlight)
        return;
    pingServer(m_checkTimeout);
}

void PingManager::pingServer(std::chrono::milliseconds timeout)
{
    if (!client() || !client()->isConnected())
        return;
    m_idleTimer.stop();
    m_pingInFlight = true;
    m_receivedSincePing = false;
    const int generation = m_generation;
    const Jid server = Jid::fromString(client()->settings().jid.domain());
    ping(server, timeout).then(this, [this, generation](const Result<Success> &result) {
        if (generation != m_generation)
            return;
        m_pingInFlight = false;
        const auto *error = std::get_if<Error>(&result);
        if (error && error->kind == Error::Kind::Disconnected)
            return;
        // Only silence is fatal: an error answer, or other traffic that arrived meanwhile,
        // shows the stream is alive (the answer may just be queued behind it).
        if (error && error->kind == Error::Kind::Timeout && !m_receivedSincePing) {
            Q_EMIT connectionLost();
            client()->abortConnection({ConnectionError::Kind::ConnectionLost,
                                       tr("The server stopped answering."),
                                       QStringLiteral("XEP-0199 ping timed out"),
                                       {},
                                       {}});
            return;
        }
        if (client()->isConnected())
            m_idleTimer.start(m_idleInterval);
    });
}

Task<Result<Success>> PingManager::ping(const Jid &jid, std::chrono::milliseconds timeout)
{
    if (!client())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    Promise<Result<Success>> promise;
    client()
        ->sendIq(makeIq(u"get", jid.toString(), Element(QStringLiteral("ping"), ns::Ping)), timeout)
        .then(this, [promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r))
                promise.finish(*error);
            else
                promise.finish(Success{});
        });
    return promise.task();
}

} // namespace parla::xmpp
