// SPDX-License-Identifier: GPL-3.0-or-later
#include "emojitext.h"

#include <QList>
#include <QStringView>
#include <QTextBoundaryFinder>

namespace parla::text {

namespace {

bool isPictographic(char32_t c)
{
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
           (c >= 0x2300 && c <= 0x23FF) || (c >= 0x2B00 && c <= 0x2BFF) ||
           (c >= 0x2190 && c <= 0x21FF) || (c >= 0x25A0 && c <= 0x25FF) || c == 0x2934 ||
           c == 0x2935 || c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299 || c == 0x00A9 ||
           c == 0x00AE || c == 0x203C || c == 0x2049 || c == 0x2122 || c == 0x2139 || c == 0x24C2;
}

bool isModifier(char32_t c)
{
    return c == 0x200D || c == 0xFE0F || c == 0xFE0E || c == 0x20E3 ||
           (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F);
}

} // namespace

bool isEmojiCluster(QStringView cluster)
{
    bool pictographic = false;
    bool keycap = cluster.contains(QChar(0x20E3));
    const auto ucs4 = cluster.toUcs4();
    for (char32_t c : ucs4) {
        if (isPictographic(c))
            pictographic = true;
        else if (isModifier(c))
            continue;
        else if (keycap && ((c >= '0' && c <= '9') || c == '#' || c == '*'))
            pictographic = true;
        else
            return false;
    }
    return pictographic;
}

int emojiOnlyCount(const QString &text, int max)
{
    int count = 0;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    qsizetype start = 0;
    while (finder.toNextBoundary() >= 0) {
        const qsizetype end = finder.position();
        const QStringView cluster = QStringView(text).sliced(start, end - start);
        start = end;
        if (cluster.trimmed().isEmpty())
            continue;
        if (!isEmojiCluster(cluster) || ++count > max)
            return 0;
    }
    return count;
}

} // namespace parla::text
