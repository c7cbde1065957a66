// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace parla::ui {

/// "14:05" today, "Mon" this week, "12 Nov" this year, "12.11.25" before; local time.
QString shortTimestamp(const QDateTime &utc, const QDateTime &now = QDateTime::currentDateTime());
/// "14:05" in local time, for message bubbles.
QString clockTime(const QDateTime &utc);

} // namespace parla::ui
