// SPDX-License-Identifier: GPL-3.0-or-later
#include "datetime.h"

#include <algorithm>
#include <cstdlib>

namespace parla::xmpp::datetime {

namespace {
// Reads exactly `count` ASCII digits at `pos`.
std::optional<int> digits(QStringView text, qsizetype pos, int count)
{
    if (pos + count > text.size())
        return std::nullopt;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text[pos + i];
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

/// XEP-0082 writes years with four digits, 0001 to 9999 (CCYY; there is no year 0).
QDateTime clampToRepresentable(const QDateTime &utc)
{
    static const QDateTime first(QDate(1, 1, 1), QTime(0, 0), Qt::UTC);
    static const QDateTime last(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC);
    return utc.isValid() ? std::clamp(utc, first, last) : utc;
}
} // namespace

std::optional<int> parseTimeZoneOffset(QStringView text)
{
    if (text == u"Z")
        return 0;
    if (text.size() != 6 || (text[0] != u'+' && text[0] != u'-') || text[3] != u':')
        return std::nullopt;
    const auto h = digits(text, 1, 2);
    const auto m = digits(text, 4, 2);
    if (!h || !m || *h > 23 || *m > 59)
        return std::nullopt;
    const int seconds = (*h * 60 + *m) * 60;
    return text[0] == u'-' ? -seconds : seconds;
}

QString formatTimeZoneOffset(int seconds)
{
    const QChar sign = seconds < 0 ? u'-' : u'+';
    const int minutes = std::abs(seconds) / 60;
    return QStringLiteral("%1%2:%3")
        .arg(sign)
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

std::optional<QDateTime> parseDateTime(QStringView text)
{
    // CCYY-MM-DDThh:mm:ss
    if (text.size() < 20 || text[4] != u'-' || text[7] != u'-' || text[10] != u'T' ||
        text[13] != u':' || text[16] != u':')
        return std::nullopt;
    const auto year = digits(text, 0, 4);
    const auto month = digits(text, 5, 2);
    const auto day = digits(text, 8, 2);
    const auto hour = digits(text, 11, 2);
    const auto minute = digits(text, 14, 2);
    const auto second = digits(text, 17, 2);
    if (!year || !month || !day || !hour || !minute || !second)
        return std::nullopt;
    qsizetype pos = 19;
    int msec = 0;
    if (text[pos] == u'.') {
        ++pos;
        const qsizetype start = pos;
        while (pos < text.size() && text[pos] >= u'0' && text[pos] <= u'9')
            ++pos;
        if (pos == start)
            return std::nullopt;
        // Keep milliseconds: pad or cut the fraction to three digits.
        const QString frac = text.mid(start, pos - start).left(3).toString().leftJustified(3, u'0');
        msec = frac.toInt();
    }
    const auto offset = parseTimeZoneOffset(text.mid(pos));
    if (!offset)
        return std::nullopt;
    const QDate date(*year, *month, *day);
    const QTime time(*hour, *minute, std::min(*second, 59), msec); // leap second → :59
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    QDateTime dt(date, time, Qt::OffsetFromUTC, *offset);
    if (!dt.isValid())
        return std::nullopt;
    // 9999-12-31T23:59:59-23:59 is in the year 10000 in UTC, which XEP-0082 cannot write:
    // clamped, so that every date read can be written and read back.
    return clampToRepresentable(dt.toUTC());
}

QString formatDateTime(const QDateTime &dateTime)
{
    // Built by hand: QDateTime::toString() formats depend on the locale in some Qt versions.
    const QDateTime utc = clampToRepresentable(dateTime.toUTC());
    const QDate d = utc.date();
    const QTime t = utc.time();
    QString out = QStringLiteral("%1-%2-%3T%4:%5:%6")
                      .arg(d.year(), 4, 10, QLatin1Char('0'))
                      .arg(d.month(), 2, 10, QLatin1Char('0'))
                      .arg(d.day(), 2, 10, QLatin1Char('0'))
                      .arg(t.hour(), 2, 10, QLatin1Char('0'))
                      .arg(t.minute(), 2, 10, QLatin1Char('0'))
                      .arg(t.second(), 2, 10, QLatin1Char('0'));
    if (t.msec())
        out += QStringLiteral(".%1").arg(t.msec(), 3, 10, QLatin1Char('0'));
    return out + u'Z';
}

} // namespace parla::xmpp::datetime
