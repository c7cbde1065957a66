// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeformat.h"

#include <QLocale>

namespace parla::ui {

namespace {

/// The locale's short time format without seconds (the C locale's short format has them).
QString clockFormat()
{
    QString f = QLocale().timeFormat(QLocale::ShortFormat);
    f.remove(QStringLiteral(":ss"));
    f.remove(QStringLiteral(":s"));
    return f;
}

} // namespace

QString shortTimestamp(const QDateTime &utc, const QDateTime &now)
{
    if (!utc.isValid())
        return {};
    const QDateTime local = utc.toLocalTime();
    const QDate d = local.date();
    const QDate today = now.toLocalTime().date();
    const QLocale locale;
    if (d == today)
        return locale.toString(local.time(), clockFormat());
    if (d.daysTo(today) < 7 && d < today)
        return locale.dayName(d.dayOfWeek(), QLocale::ShortFormat);
    if (d.year() == today.year())
        return locale.toString(d, QStringLiteral("d MMM"));
    return locale.toString(d, QLocale::ShortFormat);
}

QString clockTime(const QDateTime &utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime().time(), clockFormat()) : QString();
}

} // namespace parla::ui
