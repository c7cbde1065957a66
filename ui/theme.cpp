// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.h"

namespace parla::ui {

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

Theme Theme::fromPalette(const QPalette &palette)
{
    Theme t;
    t.dark = isDark(palette);
    t.accent = palette.color(QPalette::Highlight);
    t.bubbleText = palette.color(QPalette::Text);
    t.error = QColor(0xe5, 0x48, 0x4d);
    if (t.dark) {
        t.sidebar = QColor(0x1c, 0x1f, 0x25);
        t.chatBackground = QColor(0x14, 0x16, 0x1a);
        t.incomingBubble = QColor(0x26, 0x2a, 0x32);
        t.outgoingBubble = QColor(0x2b, 0x3d, 0x7a);
        t.muted = QColor(0x8b, 0x93, 0xa1);
        t.readTick = QColor(0x6c, 0xc4, 0xff);
        t.separator = QColor(0x2a, 0x2e, 0x36);
        t.hover = QColor(0x25, 0x29, 0x31);
        t.selection = QColor(0x2d, 0x3a, 0x66);
        t.link = QColor(0x8a, 0xb4, 0xff);
        t.badgeMuted = QColor(0x4a, 0x50, 0x5c);
    } else {
        t.sidebar = QColor(0xf5, 0xf6, 0xf8);
        t.chatBackground = QColor(0xff, 0xff, 0xff);
        t.incomingBubble = QColor(0xf0, 0xf2, 0xf5);
        t.outgoingBubble = QColor(0xdf, 0xe8, 0xff);
        t.muted = QColor(0x6b, 0x72, 0x80);
        t.readTick = QColor(0x2f, 0x6f, 0xf0);
        t.separator = QColor(0xe6, 0xe8, 0xec);
        t.hover = QColor(0xea, 0xec, 0xf0);
        t.selection = QColor(0xdc, 0xe5, 0xff);
        t.link = QColor(0x2a, 0x5b, 0xd7);
        t.badgeMuted = QColor(0xb4, 0xba, 0xc4);
    }
    // Links follow the palette, unless it would be unreadable on the bubbles (a system palette's
    // default dark blue on a dark theme).
    const QColor paletteLink = palette.color(QPalette::Link);
    if (paletteLink.isValid() && (paletteLink.lightnessF() >= 0.5) == t.dark)
        t.link = paletteLink;
    t.badge = t.accent;
    return t;
}

} // namespace parla::ui
