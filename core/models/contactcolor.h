// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

namespace parla::models {

/// XEP-0392 consistent colour: hue from SHA-1 of the identifier, fixed saturation/lightness
/// (HSLuv in the XEP; approximated in HSL, readable on light and dark backgrounds).
QColor consistentColor(const QString &identifier);

} // namespace parla::models
