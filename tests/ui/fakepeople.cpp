// SPDX-License-Identifier: GPL-3.0-or-later
// FakePeople: the roster, avatars, profiles, details and blocklists from plain members.
#include "fakepeople.h"
#include "fakesession.h"

#include "core/models/roles.h"

namespace parla::test {

using namespace parla::xmpp;
using namespace parla::models;

FakePeople::FakePeople(FakeSession &root) : m_root(root) {}

QStandardItem *FakePeople::contactItem(const QString &account, const QString &jid) const
{
    const int r = FakeSession::rowOf(m_roster, ContactAccountRole, ContactJidRole, account, jid);
    return r >= 0 ? m_roster.item(r) : nullptr;
}

QList<RosterContact> FakePeople::contacts(const QString &account) const
{
    QList<RosterContact> out;
    for (int r = 0; r < m_roster.rowCount(); ++r) {
        const QStandardItem *it = m_roster.item(r);
        if (it->data(ContactAccountRole).toString() != account)
            continue;
        out.append({it->data(ContactJidRole).toString(), it->data(ContactNameRole).toString(),
                    it->data(ContactSubscriptionRole).toString(),
                    it->data(ContactGroupsRole).toStringList()});
    }
    return out;
}

ContactPresence FakePeople::presence(const QString &account, const QString &jid) const
{
    ContactPresence p;
    if (const QStandardItem *it = contactItem(account, jid)) {
        p.availability = Availability(it->data(ContactAvailabilityRole).toInt());
        p.status = it->data(ContactStatusTextRole).toString();
    }
    return p;
}

void FakePeople::addContactRow(const QString &account, const QString &jid, const QString &name,
                               const QStringList &groups, Availability availability,
                               const QString &status, bool request)
{
    auto *it = new QStandardItem(name.isEmpty() ? jid : name);
    it->setData(jid, ContactJidRole);
    it->setData(name.isEmpty() ? jid.section(QLatin1Char('@'), 0, 0) : name, ContactNameRole);
    it->setData(groups, ContactGroupsRole);
    it->setData(int(availability), ContactAvailabilityRole);
    it->setData(status, ContactStatusTextRole);
    it->setData(request ? QStringLiteral("none") : QStringLiteral("both"), ContactSubscriptionRole);
    it->setData(false, ContactPendingOutRole);
    it->setData(request, ContactRequestRole);
    it->setData(
        availability == Availability::Offline
            ? QStringList()
            : QStringList{QStringLiteral("phone (0) ") + QString::number(int(availability))},
        ContactResourcesRole);
    it->setData(account, ContactAccountRole);
    it->setData(FakeSession::sampleColor(jid), ContactColorRole);
    it->setEditable(false);
    m_roster.appendRow(it);
}

void FakePeople::addContact(const QString &account, const QString &jid, const QString &name,
                            const QStringList &groups)
{
    m_root.record(QStringLiteral("addContact"),
                  {account, jid, name, groups.join(QLatin1Char(','))});
    addContactRow(account, jid, name, groups, Availability::Offline);
}

void FakePeople::removeContact(const QString &account, const QString &jid)
{
    m_root.record(QStringLiteral("removeContact"), {account, jid});
    const int r = FakeSession::rowOf(m_roster, ContactAccountRole, ContactJidRole, account, jid);
    if (r >= 0)
        m_roster.removeRow(r);
}

void FakePeople::renameContact(const QString &account, const QString &jid, const QString &name)
{
    m_root.record(QStringLiteral("renameContact"), {account, jid, name});
    const int r = FakeSession::rowOf(m_roster, ContactAccountRole, ContactJidRole, account, jid);
    if (r >= 0)
        m_roster.item(r)->setData(name, ContactNameRole);
}

void FakePeople::setContactGroups(const QString &account, const QString &jid,
                                  const QStringList &groups)
{
    m_root.record(QStringLiteral("setContactGroups"),
                  {account, jid, groups.join(QLatin1Char(','))});
    const int r = FakeSession::rowOf(m_roster, ContactAccountRole, ContactJidRole, account, jid);
    if (r >= 0)
        m_roster.item(r)->setData(groups, ContactGroupsRole);
}

void FakePeople::answerSubscription(const QString &account, const QString &jid, bool accept)
{
    m_root.record(QStringLiteral("answerSubscription"),
                  {account, jid, accept ? QStringLiteral("accept") : QStringLiteral("decline")});
    const int r = FakeSession::rowOf(m_roster, ContactAccountRole, ContactJidRole, account, jid);
    if (r < 0)
        return;
    if (accept) {
        m_roster.item(r)->setData(QStringLiteral("from"), ContactSubscriptionRole);
        m_roster.item(r)->setData(false, ContactRequestRole);
    } else {
        m_roster.removeRow(r);
    }
}

QImage FakePeople::avatar(const QString &account, const QString &jid, int size)
{
    Q_UNUSED(account);
    const QImage image = avatars.value(jid);
    return image.isNull() ? image : image.scaled(size, size, Qt::KeepAspectRatio);
}

Task<Result<Profile>> FakePeople::fetchProfile(const QString &account, const QString &jid)
{
    m_root.record(QStringLiteral("fetchProfile"), {account, jid});
    return makeReadyTask<Result<Profile>>(profiles.value(jid));
}

Task<Result<Success>> FakePeople::publishProfile(const QString &account, const Profile &profile)
{
    m_root.record(QStringLiteral("publishProfile"),
                  {account, profile.fullName, profile.nickname, profile.email, profile.phone,
                   profile.url, profile.note});
    profiles.insert(account, profile);
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<Success>> FakePeople::publishAvatar(const QString &account, const QImage &image)
{
    m_root.record(QStringLiteral("publishAvatar"), {account});
    lastPublishedAvatar = image;
    avatars.insert(account, image);
    Q_EMIT avatarChanged(account, account);
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<ContactDetails>> FakePeople::fetchContactDetails(const QString &account,
                                                             const QString &jid)
{
    m_root.record(QStringLiteral("fetchContactDetails"), {account, jid});
    ContactDetails d = details.value(jid);
    d.jid = jid;
    return makeReadyTask<Result<ContactDetails>>(d);
}

void FakePeople::setRevealSettings(const RevealSettings &settings)
{
    m_root.record(QStringLiteral("setRevealSettings"),
                  {QString::number(settings.version), QString::number(settings.operatingSystem),
                   QString::number(settings.time), QString::number(settings.idle)});
    reveal = settings;
}

QStringList FakePeople::blocklist(const QString &account) const
{
    return blocklists.value(account);
}

Task<Result<Success>> FakePeople::block(const QString &account, const QString &jid, bool reportSpam)
{
    m_root.record(QStringLiteral("block"), {account, jid, reportSpam ? u"spam"_qs : QString()});
    QStringList &list = blocklists[account];
    if (!list.contains(jid)) {
        list << jid;
        list.sort();
    }
    Q_EMIT blocklistChanged(account);
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<Success>> FakePeople::unblock(const QString &account, const QString &jid)
{
    m_root.record(QStringLiteral("unblock"), {account, jid});
    blocklists[account].removeAll(jid);
    Q_EMIT blocklistChanged(account);
    return makeReadyTask<Result<Success>>(Success{});
}

} // namespace parla::test
