// SPDX-License-Identifier: GPL-3.0-or-later
// AppSession's part of the Session seam for people (PeopleApi): roster, subscriptions and
// presence (RFC 6121), avatars, profiles, details, blocking.
#include "apppeople.h"

#include "services/account.h"
#include "services/people.h"

#include "models/rostermodel.h"
#include "xmpp/im/presence.h"

#include <QDir>
#include <QSettings>

namespace parla::services {

using namespace parla::xmpp;

namespace {
Error noAccount()
{
    return Error::local(QObject::tr("No such account."));
}

QString settingsFile(const QString &profile)
{
    return QDir(profile).filePath(QStringLiteral("settings.ini"));
}
} // namespace

AppPeople::AppPeople(AppContext &context, QObject *parent)
    : PeopleApi(parent), m_context(context), m_reveal(loadRevealSettings())
{}

void AppPeople::attach(Account *account)
{
    People *people = account->people();
    people->setRevealSettings(m_reveal);
    const QString jid = account->jid();
    connect(people, &People::avatarChanged, this,
            [this, jid](const QString &peer) { Q_EMIT avatarChanged(jid, peer); });
    connect(people, &People::blocklistChanged, this, [this, jid] { Q_EMIT blocklistChanged(jid); });
    connect(account->rosterManager(), &RosterManager::rosterReady, this,
            [this, jid] { Q_EMIT rosterReceived(jid); });
}

void AppPeople::onSubscriptionRequested(const QString &account, const QString &jid)
{
    Q_EMIT subscriptionRequested(account, jid);
}

void AppPeople::onPresenceChanged(const QString &account, const QString &jid)
{
    Q_EMIT presenceChanged(account, jid);
}

QAbstractItemModel *AppPeople::rosterModel()
{
    return m_context.rosterModel;
}

QList<RosterContact> AppPeople::contacts(const QString &account) const
{
    QList<RosterContact> contacts;
    const Account *a = m_context.account(account);
    if (!a)
        return contacts;
    for (const RosterItem &item : a->roster())
        contacts.append({item.jid.bareString(), item.name,
                         RosterItem::subscriptionName(item.subscription), item.groups});
    return contacts;
}

ContactPresence AppPeople::presence(const QString &account, const QString &jid) const
{
    ContactPresence presence;
    const Account *a = m_context.account(account);
    if (!a)
        return presence;
    if (const auto best = a->presence()->bestPresence(Jid::fromString(jid))) {
        presence.availability = best->show;
        presence.status = best->status;
    }
    return presence;
}

void AppPeople::addContact(const QString &account, const QString &contact, const QString &name,
                           const QStringList &groups)
{
    if (Account *a = m_context.account(account))
        a->addContact(contact, name, groups);
}

void AppPeople::removeContact(const QString &account, const QString &contact)
{
    if (Account *a = m_context.account(account))
        a->removeContact(contact);
}

void AppPeople::renameContact(const QString &account, const QString &contact, const QString &name)
{
    if (Account *a = m_context.account(account)) {
        const auto it = a->roster().constFind(contact);
        a->updateContact(contact, name, it != a->roster().cend() ? it->groups : QStringList());
    }
}

void AppPeople::setContactGroups(const QString &account, const QString &contact,
                                 const QStringList &groups)
{
    if (Account *a = m_context.account(account)) {
        const auto it = a->roster().constFind(contact);
        a->updateContact(contact, it != a->roster().cend() ? it->name : QString(), groups);
    }
}

void AppPeople::answerSubscription(const QString &account, const QString &contact, bool accept)
{
    if (Account *a = m_context.account(account))
        a->answerSubscription(contact, accept);
}

RevealSettings AppPeople::loadRevealSettings() const
{
    QSettings s(settingsFile(m_context.profile), QSettings::IniFormat);
    RevealSettings r;
    r.version = s.value(QStringLiteral("reveal/version"), r.version).toBool();
    r.operatingSystem = s.value(QStringLiteral("reveal/os"), r.operatingSystem).toBool();
    r.time = s.value(QStringLiteral("reveal/time"), r.time).toBool();
    r.idle = s.value(QStringLiteral("reveal/idle"), r.idle).toBool();
    return r;
}

void AppPeople::setRevealSettings(const RevealSettings &settings)
{
    m_reveal = settings;
    QSettings s(settingsFile(m_context.profile), QSettings::IniFormat);
    s.setValue(QStringLiteral("reveal/version"), settings.version);
    s.setValue(QStringLiteral("reveal/os"), settings.operatingSystem);
    s.setValue(QStringLiteral("reveal/time"), settings.time);
    s.setValue(QStringLiteral("reveal/idle"), settings.idle);
    for (Account *a : m_context.accounts())
        a->people()->setRevealSettings(settings);
}

QImage AppPeople::avatar(const QString &account, const QString &jid, int size)
{
    Account *a = m_context.account(account);
    return a ? a->people()->avatar(jid, size) : QImage();
}

Task<Result<Profile>> AppPeople::fetchProfile(const QString &account, const QString &jid)
{
    Account *a = m_context.account(account);
    return a ? a->people()->fetchProfile(jid) : makeReadyTask<Result<Profile>>(noAccount());
}

Task<Result<Success>> AppPeople::publishProfile(const QString &account, const Profile &profile)
{
    Account *a = m_context.account(account);
    return a ? a->people()->publishProfile(profile) : makeReadyTask<Result<Success>>(noAccount());
}

Task<Result<Success>> AppPeople::publishAvatar(const QString &account, const QImage &image)
{
    Account *a = m_context.account(account);
    return a ? a->people()->publishAvatar(image) : makeReadyTask<Result<Success>>(noAccount());
}

Task<Result<ContactDetails>> AppPeople::fetchContactDetails(const QString &account,
                                                            const QString &jid)
{
    Account *a = m_context.account(account);
    return a ? a->people()->fetchContactDetails(jid)
             : makeReadyTask<Result<ContactDetails>>(noAccount());
}

QStringList AppPeople::blocklist(const QString &account) const
{
    Account *a = m_context.account(account);
    return a ? a->people()->blocklist() : QStringList();
}

Task<Result<Success>> AppPeople::block(const QString &account, const QString &jid, bool reportSpam)
{
    Account *a = m_context.account(account);
    return a ? a->people()->block(jid, reportSpam) : makeReadyTask<Result<Success>>(noAccount());
}

Task<Result<Success>> AppPeople::unblock(const QString &account, const QString &jid)
{
    Account *a = m_context.account(account);
    return a ? a->people()->unblock(jid) : makeReadyTask<Result<Success>>(noAccount());
}

} // namespace parla::services
