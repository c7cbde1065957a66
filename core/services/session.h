// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "registrationform.h"
#include "searchtypes.h"
#include "types.h"

#include "xmpp/connectionerror.h"
#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QObject>
#include <QString>
#include <QStringList>

class QAbstractItemModel;

namespace parla {

/// What the user types to add an existing account or create one.
struct AccountSpec
{
    QString jid;      ///< bare JID, user@domain
    QString resource; ///< empty: "parla.<random>"
    QString host;     ///< empty: DNS SRV
    quint16 port = 0;
    bool directTls = false;
};

/// The seam between the UI (or the CLI) and the core (STYLE.md: "the UI reaches the core only
/// through an abstract seam"). Implemented by services::AppSession; tests use fakes.
/// Accounts and peers are bare JIDs as strings; every model uses the roles of models/roles.h.
class Session : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QAbstractItemModel *accountModel() = 0;
    /// Contacts of every account (filter/sort with a proxy in the UI).
    virtual QAbstractItemModel *rosterModel() = 0;
    virtual QAbstractItemModel *conversationModel() = 0;
    /// One conversation's messages (owned by the session, kept while the conversation is open).
    /// Older messages load through fetchMore().
    virtual QAbstractItemModel *messageModel(const QString &account, const QString &peer) = 0;

    // Accounts
    /// Adds an existing account and connects it; finishes once logged in or with the error.
    virtual Task<xmpp::Result<xmpp::Success>> addAccount(const AccountSpec &spec,
                                                         const QString &password) = 0;
    /// Asks the server for its registration form (XEP-0077).
    virtual Task<xmpp::Result<RegistrationForm>>
    fetchRegistrationForm(const AccountSpec &server) = 0;
    /// Submits the filled form; on success the account is added and connected.
    virtual Task<xmpp::Result<xmpp::Success>> registerAccount(const AccountSpec &server,
                                                              const RegistrationForm &filled) = 0;
    virtual void removeAccount(const QString &account) = 0;
    virtual void setAccountEnabled(const QString &account, bool enabled) = 0;
    /// Reconnect now (after an error, or to skip the back-off wait).
    virtual void retryAccount(const QString &account) = 0;
    virtual void setAvailability(const QString &account, Availability availability,
                                 const QString &status) = 0;
    /// The user decided about an untrusted certificate of this account (pin = trust from now on).
    virtual void decideCertificate(const QString &account, const QString &fingerprint,
                                   bool pin) = 0;

    // Contacts (RFC 6121)
    virtual void addContact(const QString &account, const QString &jid, const QString &name,
                            const QStringList &groups) = 0;
    virtual void removeContact(const QString &account, const QString &jid) = 0;
    virtual void renameContact(const QString &account, const QString &jid, const QString &name) = 0;
    virtual void setContactGroups(const QString &account, const QString &jid,
                                  const QStringList &groups) = 0;
    /// Answers their request to see our presence.
    virtual void answerSubscription(const QString &account, const QString &jid, bool accept) = 0;

    // Conversations
    virtual void openConversation(const QString &account, const QString &peer) = 0;
    virtual void closeConversation(const QString &account, const QString &peer) = 0;
    virtual void sendMessage(const QString &account, const QString &peer, const QString &text) = 0;
    /// Sends a failed message again (same id).
    virtual void retryMessage(const QString &account, qint64 messageId) = 0;
    virtual void markRead(const QString &account, const QString &peer) = 0;

    // Diagnostics
    /// Sends raw XML typed in the XML console (must be one well-formed stanza).
    virtual xmpp::Result<xmpp::Success> sendRawXml(const QString &account, const QString &xml) = 0;

    // Search
    /// Full-text search of the stored history of every account (or the filter's), best match
    /// first, at most `limit` hits; diacritics-insensitive, the last word a prefix. Runs off the
    /// GUI thread; a search superseded by a newer one finishes with an error.
    virtual Task<xmpp::Result<QList<SearchHit>>>
    searchMessages(const QString &text, const SearchFilter &filter, int limit) = 0;

Q_SIGNALS:
    /// Something the user should notice (for desktop notifications): a message in a
    /// conversation that is not in front of them.
    void messageNotified(const QString &account, const QString &peer, const QString &title,
                         const QString &text);
    /// A certificate needs the user's decision (show fingerprint and problems).
    void certificateDecisionNeeded(const QString &account, const parla::xmpp::CertificateInfo &info,
                                   bool changedSincePinned);
    /// Someone asks to see our presence.
    void subscriptionRequested(const QString &account, const QString &jid);
    /// Raw traffic of an account for the XML console.
    void xmlTraffic(const QString &account, bool incoming, const QByteArray &xml);
    /// Total unread messages changed (tray badge).
    void unreadTotalChanged(int total);
};

} // namespace parla
