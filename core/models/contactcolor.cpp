// SPDX-License-Identifier: GPL-3.0-or-later
#include "contactcolor.h"

#include <QCryptographicHash>

namespace parla::models {

QColor consistentColor(const QString &identifier)
{
    // XEP-0392 §5.1: the first 16 bits of SHA-1(identifier), little endian, scaled to 360°.
    const QByteArray hash = QCryptographicHash::hash(identifier.toUtf8(), QCryptographicHash::Sha1);
    const int value = quint8(hash[0]) | (quint8(hash[1]) << 8);
    const double hue = double(value) / 65536.0;
    return QColor::fromHslF(float(hue), 0.55f, 0.48f);
}

} // namespace parla::models
