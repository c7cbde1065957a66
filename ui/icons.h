// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/types.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace parla::ui {

/// Icons of resources/icons/, rendered from SVG at whatever size and DPI is asked.
namespace Icons {

/// A monochrome icon whose strokes (drawn as #000000 in the SVG) take the palette's text colour
/// at paint time, so it follows light/dark changes without being reloaded.
QIcon themed(const QString &name);
/// The same icon in a fixed colour (delivery state ticks, accent buttons).
QIcon tinted(const QString &name, const QColor &color);
/// A multi-coloured icon drawn as authored (status dots, app icon).
QIcon coloured(const QString &name);
/// The status dot for an availability (RFC 6121 <show/>).
QIcon availability(Availability availability);

} // namespace Icons

/// Plain words for an availability, as shown in menus and headers.
QString availabilityText(Availability availability);
/// The colour of an availability's presence dot.
QColor availabilityColor(Availability availability);

} // namespace parla::ui
