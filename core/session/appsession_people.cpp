// SPDX-License-Identifier: GPL-3.0-or-later
// AppSession's part of the Session seam for People (avatars, profiles, details, blocking).
#include "appsession.h"
#include "services/people.h"

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

void AppSession::wirePeople(Account *account)
{
    People *people = account->people();
    people->setRevealSettings(m_reveal);
    const QString jid = account->jid();
    connect(people, &People::avatarChanged, this,
            [this, jid](const QString &peer) { Q_EMIT avatarChanged(jid, peer); });
    connect(people, &People::blocklistChanged, this, [this, jid] { Q_EMIT blocklistChanged(jid); });
}

RevealSettings AppSession::loadRevealSettings() const
{
    QSettings s(settingsFile(m_profile), QSettings::IniFormat);
    RevealSettings r;
    r.version = s.value(QStringLiteral("reveal/version"), r.version).toBool();
    r.operatingSystem = s.value(QStringLiteral("reveal/os"), r.operatingSystem).toBool();
    r.time = s.value(QStringLiteral("reveal/time"), r.time).toBool();
    r.idle = s.value(QStringLiteral("reveal/idle"), r.idle).toBool();
    return r;
}

void AppSession::setRevealSettings(const RevealSettings &settings)
{
    m_reveal = settings;
    QSettings s(settingsFile(m_profile), QSettings::IniFormat);
    s.setValue(QStringLiteral("reveal/version"), settings.version);
    s.setValue(QStringLiteral("reveal/os"), settings.operatingSystem);
    s.setValue(QStringLiteral("reveal/time"), settings.time);
    s.setValue(QStringLiteral("reveal/idle"), settings.idle);
    for (Account *a : accounts())
        a->people()->setRevealSettings(settings);
}

QImage AppSession::avatar(const QString &account, const QString &jid, int size)
{
    Account *a = this->account(account);
    return a ? a->people()->avatar(jid, size) : QImage();
}

Task<Result<Profile>> AppSession::fetchProfile(const QString &account, const QString &jid)
{
    Account *a = this->account(account);
    return a ? a->people()->fetchProfile(jid) : makeReadyTask<Result<Profile>>(noAccount());
}

Task<Result<Success>> AppSession::publishProfile(const QString &account, const Profile &profile)
{
    Account *a = this->account(account);
    return a ? a->people()->publishProfile(profile) : makeReadyTask<Result<Success>>(noAccount());
}

Task<Result<Success>> AppSession::publishAvatar(const QString &account, const QImage &image)
{
    Account *a = this->account(account);
    return a ? a->people()->publishAvatar(image) : makeReadyTask<Result<Success>>(noAccount());
}

Task<Result<ContactDetails>> AppSession::fetchContactDetails(const QString &account,
                                                             const QString &jid)
{
    Account *a = this->account(account);
    return a ? a->people()->fetchContactDetails(jid)
             : makeReadyTask<Result<ContactDetails>>(noAccount());
}

QStringList AppSession::blocklist(const QString &account) const
{
    Account *a = this->account(account);
    return a ? a->people()->blocklist() : QStringList();
}

Task<Result<Success>> AppSession::block(const QString &account, const QString &jid, bool reportSpam)
{
    Account *a = this->account(account);
    return a ? a->people()->block(jid, reportSpam) : makeReadyTask<Result<Success>>(noAccount());
}

Task<Result<Success>> AppSession::unblock(const QString &account, const QString &jid)
{
    Account *a = this->account(account);
    return a ? a->people()->unblock(jid) : makeReadyTask<Result<Success>>(noAccount());
}

} // namespace parla::services
