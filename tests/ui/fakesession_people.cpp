// SPDX-License-Identifier: GPL-3.0-or-later
// FakeSession's People part: avatars, profiles, details and blocklists from plain members.
#include "fakesession.h"

namespace parla::test {

using namespace parla::xmpp;

QImage FakeSession::avatar(const QString &account, const QString &jid, int size)
{
    Q_UNUSED(account);
    const QImage image = avatars.value(jid);
    return image.isNull() ? image : image.scaled(size, size, Qt::KeepAspectRatio);
}

Task<Result<Profile>> FakeSession::fetchProfile(const QString &account, const QString &jid)
{
    record(QStringLiteral("fetchProfile"), {account, jid});
    return makeReadyTask<Result<Profile>>(profiles.value(jid));
}

Task<Result<Success>> FakeSession::publishProfile(const QString &account, const Profile &profile)
{
    record(QStringLiteral("publishProfile"),
           {account, profile.fullName, profile.nickname, profile.email, profile.phone, profile.url,
            profile.note});
    profiles.insert(account, profile);
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<Success>> FakeSession::publishAvatar(const QString &account, const QImage &image)
{
    record(QStringLiteral("publishAvatar"), {account});
    lastPublishedAvatar = image;
    avatars.insert(account, image);
    Q_EMIT avatarChanged(account, account);
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<ContactDetails>> FakeSession::fetchContactDetails(const QString &account,
                                                              const QString &jid)
{
    record(QStringLiteral("fetchContactDetails"), {account, jid});
    ContactDetails d = details.value(jid);
    d.jid = jid;
    return makeReadyTask<Result<ContactDetails>>(d);
}

void FakeSession::setRevealSettings(const RevealSettings &settings)
{
    record(QStringLiteral("setRevealSettings"),
           {QString::number(settings.version), QString::number(settings.operatingSystem),
            QString::number(settings.time), QString::number(settings.idle)});
    reveal = settings;
}

QStringList FakeSession::blocklist(const QString &account) const
{
    return blocklists.value(account);
}

Task<Result<Success>> FakeSession::block(const QString &account, const QString &jid,
                                         bool reportSpam)
{
    record(QStringLiteral("block"), {account, jid, reportSpam ? u"spam"_qs : QString()});
    QStringList &list = blocklists[account];
    if (!list.contains(jid)) {
        list << jid;
        list.sort();
    }
    Q_EMIT blocklistChanged(account);
    return makeReadyTask<Result<Success>>(Success{});
}

Task<Result<Success>> FakeSession::unblock(const QString &account, const QString &jid)
{
    record(QStringLiteral("unblock"), {account, jid});
    blocklists[account].removeAll(jid);
    Q_EMIT blocklistChanged(account);
    return makeReadyTask<Result<Success>>(Success{});
}

} // namespace parla::test
