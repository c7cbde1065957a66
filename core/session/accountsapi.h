// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/types.h"
#include "types/accountspec.h"
#include "types/registrationform.h"

#include "xmpp/connectionerror.h"
#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QObject>
#include <QString>
#include <QStringList>

class QAbstractItemModel;

namespace parla {

/// An account's connection as the seam reports it (AccountsApi::connectionStatus).
struct ConnectionStatus
{
    ConnectionState state = ConnectionState::Disconnected;
    /// Plain words for the last problem, as the account list shows it (it may say when the
    /// next attempt is); empty when fine.
    QString errorText;
    /// The last error itself (kind, plain words, the certificate of Certificate* kinds).
    xmpp::ConnectionError error;
    /// Our full JID while connected (the resource the server bound), else empty.
    QString boundJid;
};

/// The accounts part of the Session seam: the account list, adding (or registering), removing,
/// enabling and connecting accounts, availability, certificate decisions and the XML console.
/// Accounts are bare JIDs as strings; the model uses the Account* roles of models/roles.h.
class AccountsApi : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Every account of the profile, in the user's order.
    virtual QAbstractItemModel *accountModel() = 0;
    /// The bare JIDs of the profile's accounts, in the user's order (the model's rows).
    virtual QStringList accountJids() const = 0;
    /// The account's connection now; a default (Disconnected) status for an unknown account.
    virtual ConnectionStatus connectionStatus(const QString &account) const = 0;

    /// Adds an existing account and connects it; finishes once logged in or with the error.
    virtual Task<xmpp::Result<xmpp::Success>> addAccount(const AccountSpec &spec,
                                                         const QString &password) = 0;
    /// Adds the account (replacing one with the same JID) without connecting it; finishes once
    /// the password store has the password, or with the store's error.
    virtual Task<xmpp::Result<xmpp::Success>> saveAccount(const AccountSpec &spec,
                                                          const QString &password) = 0;
    /// Asks the server for its registration form (XEP-0077).
    virtual Task<xmpp::Result<RegistrationForm>>
    fetchRegistrationForm(const AccountSpec &server) = 0;
    /// Submits the filled form; on success the account is added and connected.
    virtual Task<xmpp::Result<xmpp::Success>> registerAccount(const AccountSpec &server,
                                                              const RegistrationForm &filled) = 0;
    virtual void removeAccount(const QString &account) = 0;
    virtual void setAccountEnabled(const QString &account, bool enabled) = 0;
    /// Connects the account now (whether or not it is enabled) and finishes once it is
    /// connected, or with the first error: it does not wait through the reconnect back-off
    /// (the account itself keeps trying). The error's text is the problem itself, without the
    /// note about the next attempt; connectionStatus() has its kind and certificate.
    virtual Task<xmpp::Result<xmpp::Success>> connectAccount(const QString &account) = 0;
    /// Disconnects now (the enabled setting stays) and finishes once the stream is closed.
    virtual Task<xmpp::Result<xmpp::Success>> disconnectAccount(const QString &account) = 0;
    /// Reconnect now (after an error, or to skip the back-off wait).
    virtual void retryAccount(const QString &account) = 0;
    /// An empty account sets every account's availability.
    virtual void setAvailability(const QString &account, Availability availability,
                                 const QString &status) = 0;
    /// The user decided about an untrusted certificate of this account (pin = trust from now
    /// on, and reconnect).
    virtual void decideCertificate(const QString &account, const QString &fingerprint,
                                   bool pin) = 0;
    /// Trusts (pins) the certificate with this SHA-256 fingerprint ("AB:CD:…") for the account
    /// from its next connection on, without reconnecting: an explicit decision of the user
    /// (parla-cli's --trust-fingerprint), kept in the profile like decideCertificate's.
    virtual void trustCertificate(const QString &account, const QString &fingerprint) = 0;

    /// Sends raw XML typed in the XML console (must be one well-formed stanza).
    virtual xmpp::Result<xmpp::Success> sendRawXml(const QString &account, const QString &xml) = 0;

    /// A consistent copy of the whole profile database (every account's messages, contacts and
    /// settings; passwords stay in the system keychain) to `target`, which must not exist.
    /// Made beside the running session, off the GUI thread. Restored by putting the copy in
    /// place of the profile's parla.db while Parla is closed.
    virtual Task<xmpp::Result<xmpp::Success>> backupProfile(const QString &target) = 0;

Q_SIGNALS:
    /// connectionStatus() of the account changed (state or error): ask again.
    void connectionStatusChanged(const QString &account);
    /// A certificate needs the user's decision (show fingerprint and problems).
    void certificateDecisionNeeded(const QString &account, const parla::xmpp::CertificateInfo &info,
                                   bool changedSincePinned);
    /// Raw traffic of an account for the XML console.
    void xmlTraffic(const QString &account, bool incoming, const QByteArray &xml);
};

} // namespace parla
