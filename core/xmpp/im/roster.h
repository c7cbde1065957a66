// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"
#include "xmpp/extension.h"
#include "xmpp/jid.h"
#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace parla::xmpp {

/// One roster item, RFC 6121 §2.1.2.
struct RosterItem
{
    enum class Subscription
    {
        None,
        To,
        From,
        Both,
        Remove
    };
    Jid jid;
    QString name;
    Subscription subscription = Subscription::None;
    bool askSubscribe = false; ///< ask='subscribe': we are waiting for their answer
    bool approved = false;     ///< pre-approved (RFC 6121 §3.4)
    QStringList groups;

    static std::optional<RosterItem> fromElement(const Element &item);
    Element toElement() const;
    static QString subscriptionName(Subscription s);
    static Subscription subscriptionFromName(QStringView name);
    bool operator==(const RosterItem &) const = default;
};

/// The roster of the account (RFC 6121 §2), with roster versioning (§2.6).
///
/// On a new session (not a resumption) it fetches the roster, sending the cached version when
/// the server supports versioning; then applies roster pushes. A push is accepted only from
/// the account itself: no 'from', or our own bare JID (RFC 6121 §2.1.6) — anything else is a
/// spoofing attempt and is ignored (not answered with a result).
class RosterManager : public Extension
{
    Q_OBJECT
public:
    explicit RosterManager(QObject *parent = nullptr);

    /// The version we hold (from storage), sent with the next roster get.
    void setCachedVersion(const QString &version) { m_version = version; }
    const QString &version() const { return m_version; }

    /// Adds or updates an item (name, groups); the server answers with a push.
    Task<Result<Success>> setItem(const RosterItem &item);
    Task<Result<Success>> removeItem(const Jid &jid);

    bool handleStanza(const Element &stanza) override;
    void onConnected(bool resumed) override;

    /// Parses a roster push or result; nullopt if it is not a roster query.
    static std::optional<std::vector<RosterItem>> parseQuery(const Element &iq, QString *version);

Q_SIGNALS:
    /// A full roster arrived (replace everything). Not emitted when the server said
    /// "your version is current" (empty result).
    void rosterReceived(const QString &version, const std::vector<parla::xmpp::RosterItem> &items);
    /// The cached roster is current (empty result to a versioned request).
    void rosterUnchanged();
    /// A push changed or removed one item (subscription Remove).
    void itemPushed(const QString &version, const parla::xmpp::RosterItem &item);
    /// After the roster request of a new session finished (initial presence goes after this).
    void rosterReady();

private:
    QString m_version;
};

} // namespace parla::xmpp
