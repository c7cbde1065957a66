// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace parla::text {

/// How many emoji a text consists of, if it is nothing but emoji and whitespace and has at most
/// `max` of them; 0 otherwise. Emoji are counted as grapheme clusters (UAX #29), so a family
/// (ZWJ sequence), a flag or a skin-toned hand counts once. Used to show short emoji-only
/// messages larger, as other chat clients do.
int emojiOnlyCount(const QString &text, int max = 3);

/// Whether one grapheme cluster is an emoji (pictographic code points, optionally with
/// variation selector 16, skin tones, ZWJ, tags, a keycap, or a pair of regional indicators).
bool isEmojiCluster(QStringView cluster);

} // namespace parla::text
