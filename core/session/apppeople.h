// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appcontext.h"
#include "peopleapi.h"

namespace parla::services {

/// AppSession's PeopleApi: the roster and presence through services::Account, avatars,
/// profiles, details and blocking through services::People; the reveal settings are kept in
/// the profile's settings.ini.
class AppPeople : public PeopleApi
{
    Q_OBJECT
public:
    explicit AppPeople(AppContext &context, QObject *parent = nullptr);

    QAbstractItemModel *rosterModel() override;
    QList<RosterContact> contacts(const QString &account) const override;
    ContactPresence presence(const QString &account, const QString &jid) const override;
    void addContact(const QString &account, const QString &jid, const QString &name,
                    const QStringList &groups) override;
    void removeContact(const QString &account, const QString &jid) override;
    void renameContact(const QString &account, const QString &jid, const QString &name) override;
    void setContactGroups(const QString &account, const QString &jid,
                          const QStringList &groups) override;
    void answerSubscription(const QString &account, const QString &jid, bool accept) override;

    QImage avatar(const QString &account, const QString &jid, int size) override;
    Task<xmpp::Result<Profile>> fetchProfile(const QString &account, const QString &jid) override;
    Task<xmpp::Result<xmpp::Success>> publishProfile(const QString &account,
                                                     const Profile &profile) override;
    Task<xmpp::Result<xmpp::Success>> publishAvatar(const QString &account,
                                                    const QImage &image) override;
    Task<xmpp::Result<ContactDetails>> fetchContactDetails(const QString &account,
                                                           const QString &jid) override;
    RevealSettings revealSettings() const override { return m_reveal; }
    void setRevealSettings(const RevealSettings &settings) override;
    QStringList blocklist(const QString &account) const override;
    Task<xmpp::Result<xmpp::Success>> block(const QString &account, const QString &jid,
                                            bool reportSpam) override;
    Task<xmpp::Result<xmpp::Success>> unblock(const QString &account, const QString &jid) override;

    /// A new account: the reveal settings, and its People and roster signals.
    void attach(Account *account);
    // What AppSession::wireAccount hands over from an account's signals.
    void onSubscriptionRequested(const QString &account, const QString &jid);
    void onPresenceChanged(const QString &account, const QString &jid);

private:
    RevealSettings loadRevealSettings() const;

    AppContext &m_context;
    RevealSettings m_reveal;
};

} // namespace parla::services
