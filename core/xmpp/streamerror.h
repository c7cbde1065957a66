// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace parla::xmpp {

/// Stream error conditions of RFC 6120 §4.9.3.
enum class StreamErrorCondition
{
    BadFormat,
    BadNamespacePrefix,
    Conflict,
    ConnectionTimeout,
    HostGone,
    HostUnknown,
    ImproperAddressing,
    InternalServerError,
    InvalidFrom,
    InvalidNamespace,
    InvalidXml,
    NotAuthorized,
    NotWellFormed,
    PolicyViolation,
    RemoteConnectionFailed,
    Reset,
    ResourceConstraint,
    RestrictedXml,
    SeeOtherHost,
    SystemShutdown,
    UndefinedCondition,
    UnsupportedEncoding,
    UnsupportedFeature,
    UnsupportedStanzaType,
    UnsupportedVersion,
};

QString streamErrorConditionName(StreamErrorCondition condition);
StreamErrorCondition streamErrorConditionFromName(QStringView name);

} // namespace parla::xmpp
