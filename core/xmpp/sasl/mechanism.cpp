// SPDX-License-Identifier: GPL-3.0-or-later
#include "mechanism.h"

#include <QList>

namespace parla::xmpp::sasl {

namespace {
// RFC 3454 table B.1: "commonly mapped to nothing".
bool mapsToNothing(char32_t c)
{
    return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D) ||
           (c >= 0x200B && c <= 0x200D) || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F) ||
           c == 0xFEFF;
}

// RFC 3454 table C.1.2: non-ASCII space characters, mapped to SPACE by RFC 4013 §2.1.
bool isNonAsciiSpace(char32_t c)
{
    return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}
} // namespace

std::optional<QString> saslPrep(const QString &text)
{
    QString mapped;
    mapped.reserve(text.size());
    for (char32_t c : text.toUcs4()) {
        // U+200B is in both tables; RFC 4013 maps it to nothing (B.1 comes first in §2).
        if (mapsToNothing(c))
            continue;
        if (isNonAsciiSpace(c))
            c = U' ';
        if (c == 0)
            return std::nullopt;
        const char32_t one[] = {c};
        mapped.append(QString::fromUcs4(one, 1));
    }
    return mapped.normalized(QString::NormalizationForm_KC);
}

} // namespace parla::xmpp::sasl
