// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace parla::xmpp {

/// XMPP date and time profiles, XEP-0082.
namespace datetime {

/// Parses a XEP-0082 DateTime, CCYY-MM-DDThh:mm:ss[.sss]TZD, with TZD 'Z' or ±hh:mm and any
/// number of fraction digits (kept to milliseconds). The result is in UTC, clamped to the
/// years 0001 to 9999 that formatDateTime() can write. Total: nullopt for anything else.
std::optional<QDateTime> parseDateTime(QStringView text);

/// Formats in UTC with 'Z' (XEP-0082 §3.2), with milliseconds only when non-zero; a time outside
/// the years 0001 to 9999 is clamped to them.
QString formatDateTime(const QDateTime &dateTime);

/// Parses a time zone offset, 'Z' or ±hh:mm (XEP-0082 §3.4 TZD), into seconds east of UTC.
std::optional<int> parseTimeZoneOffset(QStringView text);

/// Formats an offset in seconds as ±hh:mm ("+00:00" for UTC, as XEP-0202 §3 shows).
QString formatTimeZoneOffset(int seconds);

} // namespace datetime
} // namespace parla::xmpp
