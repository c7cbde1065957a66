// SPDX-License-Identifier: GPL-3.0-or-later
#include "textlinks.h"

#include <array>

namespace parla::text {

namespace {

/// The scheme that starts at `pos` (case-insensitive), or an empty view.
QStringView schemeAt(QStringView text, qsizetype pos)
{
    for (QStringView s : {QStringView(u"https://"), QStringView(u"http://"), QStringView(u"xmpp:")})
        if (text.sliced(pos).startsWith(s, Qt::CaseInsensitive))
            return s;
    return {};
}

bool endsLink(QChar c)
{
    return c.isSpace() || c.category() == QChar::Other_Control || c == QLatin1Char('<') ||
           c == QLatin1Char('>') || c == QLatin1Char('"') || c == QLatin1Char('`');
}

bool isTrailingPunctuation(QChar c)
{
    static const QString chars = QStringLiteral(".,;:!?'\"*_~");
    return chars.contains(c);
}

} // namespace

bool isAllowedLink(const QUrl &url)
{
    if (!url.isValid())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        return !url.host().isEmpty();
    if (scheme == QLatin1String("xmpp"))
        return !url.path().isEmpty() || !url.authority().isEmpty();
    return false;
}

bool isXmppUri(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("xmpp"), Qt::CaseInsensitive) == 0;
}

QList<TextLink> findLinks(QStringView text)
{
    QList<TextLink> links;
    qsizetype from = 0;
    for (;;) {
        // Every scheme has a ':'; look only around those.
        const qsizetype colon = text.indexOf(QLatin1Char(':'), from);
        if (colon < 0)
            break;
        from = colon + 1;
        qsizetype start = -1;
        QStringView scheme;
        for (qsizetype back : {5, 4}) { // "https" / "http" / "xmpp" before the colon
            if (colon < back)
                continue;
            const QStringView s = schemeAt(text, colon - back);
            if (!s.isEmpty()) {
                start = colon - back;
                scheme = s;
                break;
            }
        }
        // Inside a word ("fooxmpp:", "xhttp://") is not a link.
        if (start < 0 || (start > 0 && text[start - 1].isLetterOrNumber()))
            continue;
        qsizetype end = start + scheme.size();
        while (end < text.size() && !endsLink(text[end]))
            ++end;
        // Trim trailing punctuation and unbalanced closing brackets, repeatedly: "(x.org/a)."
        // Bracket counts are taken once and updated while trimming, so this stays linear.
        const QStringView closers(u")]}");
        const QStringView openers(u"([{");
        std::array<qsizetype, 3> balance{}; // opening minus closing brackets in the link
        for (qsizetype i = start; i < end; ++i) {
            if (const qsizetype o = openers.indexOf(text[i]); o >= 0)
                ++balance[o];
            else if (const qsizetype c = closers.indexOf(text[i]); c >= 0)
                --balance[c];
        }
        while (end > start + scheme.size()) {
            const QChar last = text[end - 1];
            const qsizetype c = closers.indexOf(last);
            if (isTrailingPunctuation(last)) {
                --end;
            } else if (c >= 0 && balance[c] < 0) {
                ++balance[c];
                --end;
            } else {
                break;
            }
        }
        from = qMax(from, end);
        const QString url = text.sliced(start, end - start).toString();
        if (!isAllowedLink(QUrl(url, QUrl::TolerantMode)))
            continue;
        links.append({int(start), int(end - start), url});
    }
    return links;
}

} // namespace parla::text
