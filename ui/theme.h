// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPalette>

namespace parla::ui {

/// The colours Parla draws with beyond QPalette's roles. Derived from a palette (pure function,
/// no global state), so delegates painting with option.palette follow light/dark switches.
struct Theme
{
    bool dark = false;
    QColor accent;
    QColor sidebar;
    QColor chatBackground;
    QColor incomingBubble;
    QColor outgoingBubble;
    QColor bubbleText;
    QColor muted;
    QColor readTick;
    QColor error;
    QColor badge;
    QColor badgeMuted;
    QColor separator;
    QColor hover;
    QColor selection;
    QColor link;

    static Theme fromPalette(const QPalette &palette);
    /// Whether a palette is dark, judged by its window colour (Qt 6.4 has no colorScheme()).
    static bool isDark(const QPalette &palette);
};

} // namespace parla::ui
