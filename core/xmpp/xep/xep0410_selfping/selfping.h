// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"
#include "xmpp/jid.h"
#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QObject>

#include <chrono>

namespace parla::xmpp {

class Client;

/// What a XEP-0410 self-ping says about our presence in a room.
enum class SelfPingOutcome
{
    Joined,       ///< still an occupant: nothing to do
    NotJoined,    ///< the room no longer knows us: rejoin
    Inconclusive, ///< no decision possible (timeout, remote server unreachable): ping again later
};

/// Classifies the answer to a ping sent to our own occupant JID, XEP-0410 §3:
/// - a result, or service-unavailable / feature-not-implemented (the client the room forwarded
///   the ping to does not do XEP-0199): Joined;
/// - item-not-found: Joined (§3: our nick was just changed by another client of ours), except
///   when the error is generated `by` the MUC service's domain itself: then it is the service
///   saying the room does not exist (Prosody after a restart forgot a non-persistent room), and
///   a room that does not exist has no occupants (NotJoined);
/// - remote-server-not-found / remote-server-timeout, a timeout, or a lost stream:
///   Inconclusive ("no decision can be made", treat like a timeout);
/// - any other error (not-acceptable is the recommended one, not-allowed and bad-request are
///   seen too): NotJoined.
SelfPingOutcome classifySelfPing(const Result<Element> &answer, const Jid &occupantJid);

/// Sends XEP-0410 self-pings (a XEP-0199 ping to our own occupant JID, room@service/nick).
/// The IQ goes through the client's tracker, so only an answer from that occupant JID counts.
class SelfPinger : public QObject
{
    Q_OBJECT
public:
    explicit SelfPinger(Client *client, QObject *parent = nullptr);

    /// The <iq type='get' to='room@service/nick'><ping xmlns='urn:xmpp:ping'/></iq>.
    static Element makePing(const Jid &occupantJid);
    /// Pings and classifies; not connected gives Inconclusive (XEP-0410 §4: defer while the
    /// session is hibernated).
    Task<SelfPingOutcome> ping(const Jid &occupantJid,
                               std::chrono::milliseconds timeout = std::chrono::seconds(30));

private:
    Client *m_client;
};

} // namespace parla::xmpp

Q_DECLARE_METATYPE(parla::xmpp::SelfPingOutcome)
