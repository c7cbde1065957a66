// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../jid.h"
#include "../../result.h"
#include "../../task.h"

#include <QTimer>

#include <chrono>

namespace parla::xmpp {

/// XMPP Ping, XEP-0199: answers pings, pings others, and notices a dead connection.
///
/// Keep-alive (§4.2, client-to-server): after `idleInterval` without any inbound data the
/// server is pinged; when nothing at all arrives within `timeout`, the connection is aborted
/// with ConnectionLost, so that the account can reconnect (and resume) instead of waiting for
/// TCP to notice. Any inbound data counts as a sign of life, including an error answer.
class PingManager : public Extension
{
    Q_OBJECT
public:
    explicit PingManager(QObject *parent = nullptr);

    QStringList discoFeatures() const override;
    bool handleStanza(const Element &stanza) override;
    void onConnected(bool resumed) override;
    void onDisconnected() override;

    /// The answer to a ping (§4.1, §4.3: an empty result, to anyone who asks).
    static Element makeResponse(const Element &request);

    void setIdleInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds idleInterval() const { return m_idleInterval; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    /// Timeout used by checkNow(): short, because it runs when the network is suspect.
    void setCheckTimeout(std::chrono::milliseconds timeout) { m_checkTimeout = timeout; }

    /// Pings the server now (after a suspend/resume or a network change) with the short check
    /// timeout; a dead connection is aborted just like after an idle ping.
    void checkNow();
    /// Pings any entity (§4.3 client-to-client, §4.4 to a component). An error answer is
    /// returned as the error; service-unavailable still means the entity was reached.
    Task<Result<Success>> ping(const Jid &jid,
                               std::chrono::milliseconds timeout = std::chrono::seconds(30));

Q_SIGNALS:
    /// The server did not answer a keep-alive ping; the connection is being aborted.
    void connectionLost();

private:
    void onXmlReceived();
    void pingServer(std::chrono::milliseconds timeout);

    std::chrono::milliseconds m_idleInterval{std::chrono::seconds(60)};
    std::chrono::milliseconds m_timeout{std::chrono::seconds(20)};
    std::chrono::milliseconds m_checkTimeout{std::chrono::seconds(5)};
    QTimer m_idleTimer;
    bool m_pingInFlight = false;
    bool m_receivedSincePing = false;
    int m_generation = 0; ///< answers to pings of an earlier connection are ignored
};

} // namespace parla::xmpp
