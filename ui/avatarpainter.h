// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/types.h"

#include <QColor>
#include <QImage>
#include <QRect>
#include <QString>

class QPainter;

namespace parla::ui {

/// Draws the round avatar placeholder: initials on the contact's XEP-0392 colour.
namespace AvatarPainter {

/// One or two letters from a display name ("Anna Berg" → "AB", "bob@x" → "B").
QString initials(const QString &name);
/// Paints the circle with initials into rect (square).
void paint(QPainter *painter, const QRect &rect, const QString &name, const QColor &color);
/// The contact's picture (XEP-0084) in the circle when there is one, else the initials.
void paint(QPainter *painter, const QRect &rect, const QString &name, const QColor &color,
           const QImage &picture);
/// Paints a presence dot at the bottom-right of an avatar rect, ringed with ringColor so it
/// stands out against the avatar. Nothing is drawn for Offline unless showOffline is set.
void paintPresence(QPainter *painter, const QRect &avatarRect, Availability availability,
                   const QColor &ringColor, bool showOffline = false);

} // namespace AvatarPainter
} // namespace parla::ui
