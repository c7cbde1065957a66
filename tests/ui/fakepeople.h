// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/peopleapi.h"

#include <QHash>
#include <QStandardItemModel>

namespace parla::test {

class FakeSession;

/// PeopleApi for UI tests: contact rows in a QStandardItemModel (the Contact* roles of
/// models/roles.h), avatars, profiles, details and blocklists from the plain members below,
/// every call recorded in the FakeSession's log.
class FakePeople : public PeopleApi
{
    Q_OBJECT
public:
    explicit FakePeople(FakeSession &root);

    QAbstractItemModel *rosterModel() override { return &m_roster; }
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
    RevealSettings revealSettings() const override { return reveal; }
    void setRevealSettings(const RevealSettings &settings) override;
    QStringList blocklist(const QString &account) const override;
    Task<xmpp::Result<xmpp::Success>> block(const QString &account, const QString &jid,
                                            bool reportSpam) override;
    Task<xmpp::Result<xmpp::Success>> unblock(const QString &account, const QString &jid) override;

    void addContactRow(const QString &account, const QString &jid, const QString &name,
                       const QStringList &groups, Availability availability,
                       const QString &status = {}, bool request = false);
    /// The contact's row, or nullptr.
    QStandardItem *contactItem(const QString &account, const QString &jid) const;
    QStandardItemModel &model() { return m_roster; }

    // State the fake answers from
    QHash<QString, QImage> avatars;   ///< jid → picture
    QHash<QString, Profile> profiles; ///< jid → profile (own accounts too)
    QHash<QString, ContactDetails> details;
    QHash<QString, QStringList> blocklists; ///< account → blocked jids
    RevealSettings reveal;
    QImage lastPublishedAvatar;

private:
    FakeSession &m_root;
    QStandardItemModel m_roster;
};

} // namespace parla::test
