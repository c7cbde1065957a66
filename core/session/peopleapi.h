// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/peopletypes.h"
#include "services/types.h"

#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QImage>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QAbstractItemModel;

namespace parla {

/// One roster item of an account (RFC 6121 §2.1), outside the roster model.
struct RosterContact
{
    QString jid; ///< bare JID
    QString name;
    /// The subscription state in the RFC's words: "none", "to", "from", "both" (or "remove").
    QString subscription;
    QStringList groups;
};

/// What a contact shows now: the best of its resources' presences (RFC 6121 §4.7).
struct ContactPresence
{
    Availability availability = Availability::Offline;
    QString status; ///< the status message, if any
};

/// The people part of the Session seam: the roster and subscriptions (RFC 6121), presence,
/// avatars (XEP-0084/0153), profiles (XEP-0292/0054), contact details (XEP-0092/0202/0012),
/// what Parla reveals about itself, and blocking (XEP-0191, XEP-0377).
/// The roster model uses the Contact* roles of models/roles.h.
class PeopleApi : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Contacts of every account (filter/sort with a proxy in the UI).
    virtual QAbstractItemModel *rosterModel() = 0;
    /// The account's roster as the server sent it, in no particular order.
    virtual QList<RosterContact> contacts(const QString &account) const = 0;
    /// `jid`'s presence as this account sees it (Offline when unknown).
    virtual ContactPresence presence(const QString &account, const QString &jid) const = 0;

    virtual void addContact(const QString &account, const QString &jid, const QString &name,
                            const QStringList &groups) = 0;
    virtual void removeContact(const QString &account, const QString &jid) = 0;
    virtual void renameContact(const QString &account, const QString &jid, const QString &name) = 0;
    virtual void setContactGroups(const QString &account, const QString &jid,
                                  const QStringList &groups) = 0;
    /// Answers their request to see our presence.
    virtual void answerSubscription(const QString &account, const QString &jid, bool accept) = 0;

    /// `jid`'s avatar (XEP-0084/0153) scaled to fit size × size; null when none or not yet
    /// fetched (asking starts the fetch; avatarChanged() says when to ask again).
    virtual QImage avatar(const QString &account, const QString &jid, int size) = 0;
    /// vCard4 (XEP-0292) or vcard-temp (XEP-0054) of anyone, our own account included.
    virtual Task<xmpp::Result<Profile>> fetchProfile(const QString &account,
                                                     const QString &jid) = 0;
    virtual Task<xmpp::Result<xmpp::Success>> publishProfile(const QString &account,
                                                             const Profile &profile) = 0;
    /// Scales the picture to 192×192 PNG and publishes it (XEP-0084 and the vCard photo).
    virtual Task<xmpp::Result<xmpp::Success>> publishAvatar(const QString &account,
                                                            const QImage &image) = 0;
    /// Profile, resources with client/version/local time/idle, or last seen (XEP-0092/0202/0012).
    virtual Task<xmpp::Result<ContactDetails>> fetchContactDetails(const QString &account,
                                                                   const QString &jid) = 0;
    /// What Parla answers about itself, for every account (kept in the profile).
    virtual RevealSettings revealSettings() const = 0;
    virtual void setRevealSettings(const RevealSettings &settings) = 0;
    /// XEP-0191 blocklist of the account, sorted.
    virtual QStringList blocklist(const QString &account) const = 0;
    /// Blocks; with reportSpam also reports them to the server (XEP-0377).
    virtual Task<xmpp::Result<xmpp::Success>> block(const QString &account, const QString &jid,
                                                    bool reportSpam) = 0;
    virtual Task<xmpp::Result<xmpp::Success>> unblock(const QString &account,
                                                      const QString &jid) = 0;

Q_SIGNALS:
    /// Someone asks to see our presence.
    void subscriptionRequested(const QString &account, const QString &jid);
    /// The roster request of a new session finished: contacts() is the server's roster.
    void rosterReceived(const QString &account);
    /// presence() of `jid` (a bare JID) changed.
    void presenceChanged(const QString &account, const QString &jid);
    /// Ask avatar() again for this contact.
    void avatarChanged(const QString &account, const QString &jid);
    void blocklistChanged(const QString &account);
};

} // namespace parla
