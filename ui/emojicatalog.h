// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace parla::ui {

/// One emoji of the picker's data (resources/emoji/emoji.tsv, generated from emoji-datasource by
/// scripts/gen-emoji-data.py).
struct Emoji
{
    QString text;           ///< the emoji itself (fully qualified sequence)
    QString category;       ///< e.g. "Smileys & Emotion"
    QStringList shortcodes; ///< e.g. "smile" (typed as :smile:)
    QString name;           ///< e.g. "smiling face with open mouth and smiling eyes"
};

/// The emoji Parla offers, in the Unicode order, loaded once from the resource. Read-only data:
/// shared by the picker and the composer's :shortcode: completion.
class EmojiCatalog
{
public:
    static const EmojiCatalog &instance();

    const QList<Emoji> &all() const { return m_emoji; }
    QStringList categories() const { return m_categories; }
    QList<const Emoji *> inCategory(const QString &category) const;
    /// Emoji whose shortcode or name matches a query (case-insensitive): shortcode prefixes
    /// first, then name word prefixes, then substrings; at most `limit`.
    QList<const Emoji *> search(const QString &query, int limit = 200) const;
    /// Emoji with a shortcode starting with `prefix` (exact match first), for :sho completion.
    QList<const Emoji *> completions(const QString &prefix, int limit = 8) const;
    const Emoji *byShortcode(const QString &code) const;
    const Emoji *byText(const QString &text) const;

private:
    EmojiCatalog();
    QList<Emoji> m_emoji;
    QStringList m_categories;
    QHash<QString, int> m_byShortcode;
    QHash<QString, int> m_byText;
};

/// Recently used emoji, most recent first, kept in QSettings ("emoji/recent").
class EmojiRecents
{
public:
    static QStringList load();
    /// Moves an emoji to the front (at most 32 are kept).
    static void add(const QString &emoji);
};

} // namespace parla::ui
