// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"
#include "xmpp/extension.h"
#include "xmpp/im/availability.h"
#include "xmpp/jid.h"

#include <QHash>
#include <QMap>

#include <optional>

namespace parla::xmpp {

/// Availability presence of one resource, RFC 6121 §4.7.
struct Presence
{
    enum class Type
    {
        Available,
        Unavailable,
        Subscribe,
        Subscribed,
        Unsubscribe,
        Unsubscribed,
        Probe,
        Error
    };
    Type type = Type::Available;
    Jid from;
    Jid to;
    Availability show = Availability::Online;
    QString status;
    int priority = 0;
    Element caps; ///< <c xmlns='http://jabber.org/protocol/caps'/> if present

    static std::optional<Presence> fromElement(const Element &presence);
    Element toElement() const;
};

/// Presence of contacts and of ourselves, and the subscription handshake (RFC 6121 §3, §4).
///
/// Sends the initial presence when asked (after the roster arrived, RFC 6121 §2.2), keeps
/// each contact's resources, and turns subscription stanzas into signals. A presence we
/// receive is taken only as a statement about its own sender: a stanza claiming to be about
/// someone else is not possible in this protocol, so the only check is that 'from' is valid.
class PresenceManager : public Extension
{
    Q_OBJECT
public:
    explicit PresenceManager(QObject *parent = nullptr);

    /// Our availability; sent now if connected, and as initial presence later.
    void setOwnPresence(Availability show, const QString &status, int priority = 0);
    Availability ownAvailability() const { return m_own.show; }
    const QString &ownStatus() const { return m_own.status; }
    /// Adds extra children (caps) to every outgoing availability presence.
    void setPresenceDecorator(std::function<void(Element &)> decorator);
    /// Sends our current presence (initial presence after the roster, RFC 6121 §4.2).
    void sendCurrentPresence();

    void subscribe(const Jid &jid);
    void unsubscribe(const Jid &jid);
    void approveSubscription(const Jid &jid);
    void denySubscription(const Jid &jid);

    /// Resources of a bare JID that are available, with their last presence.
    QMap<QString, Presence> resources(const Jid &bare) const;
    /// The most available resource's presence, by priority then availability.
    std::optional<Presence> bestPresence(const Jid &bare) const;

    bool handleStanza(const Element &stanza) override;
    /// Presence is kept across a drop (a resumption continues where we were); a new session
    /// clears it here.
    void onConnected(bool resumed) override;

Q_SIGNALS:
    /// A contact's availability changed (any resource).
    void presenceChanged(const parla::xmpp::Jid &bare);
    void subscriptionRequested(const parla::xmpp::Jid &from, const QString &status);
    void subscriptionApproved(const parla::xmpp::Jid &from);
    void subscriptionRevoked(const parla::xmpp::Jid &from);
    void ownPresenceChanged();

private:
    void sendSubscription(const Jid &jid, const QString &type);

    Presence m_own;
    bool m_initialSent = false;
    std::function<void(Element &)> m_decorator;
    QHash<Jid, QMap<QString, Presence>> m_resources;
};

} // namespace parla::xmpp
