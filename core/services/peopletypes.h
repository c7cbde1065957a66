// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

/// Plain values of the "People" features for the UI (no XML): profiles, contact details and
/// what Parla reveals about itself.
namespace parla {

/// The editable part of a profile (vCard-temp XEP-0054 / vCard4 XEP-0292 / nick XEP-0172).
struct Profile
{
    QString fullName;
    QString nickname;
    QString email;
    QString phone;
    QString url;
    QString note;

    bool operator==(const Profile &) const = default;
};

/// One online resource of a contact, with what it tells about itself.
struct ResourceDetails
{
    QString resource;
    QString clientName;      ///< XEP-0092, empty when not answered
    QString clientVersion;   ///< XEP-0092
    QString os;              ///< XEP-0092, often withheld
    QDateTime localTime;     ///< XEP-0202, with the contact's offset; invalid when not answered
    qint64 idleSeconds = -1; ///< XEP-0012 on the full JID; -1 when not answered
};

/// What the contact details dialog shows.
struct ContactDetails
{
    QString jid;
    Profile profile;
    QList<ResourceDetails> resources;
    /// XEP-0012 asked of the bare JID (the server answers) when no resource is online:
    /// seconds since they were last seen; -1 when unknown.
    qint64 lastSeenSecondsAgo = -1;
};

/// Which questions about ourselves Parla answers (XEP-0092, XEP-0202, XEP-0012). Off: the
/// request gets service-unavailable.
struct RevealSettings
{
    bool version = true;
    bool operatingSystem = false;
    bool time = true;
    bool idle = true;

    bool operator==(const RevealSettings &) const = default;
};

} // namespace parla

Q_DECLARE_METATYPE(parla::Profile)
Q_DECLARE_METATYPE(parla::ContactDetails)
