// SPDX-License-Identifier: GPL-3.0-or-later
#include "emojicatalog.h"

#include <QFile>
#include <QSettings>

// parla_ui is a static library: its resources are registered explicitly (outside namespaces).
static void initEmojiResources()
{
    Q_INIT_RESOURCE(parla);
}

namespace parla::ui {

namespace {
constexpr int kMaxRecents = 32;
const QString kRecentKey = QStringLiteral("emoji/recent");
} // namespace

const EmojiCatalog &EmojiCatalog::instance()
{
    static const EmojiCatalog catalog;
    return catalog;
}

EmojiCatalog::EmojiCatalog()
{
    initEmojiResources();
    QFile f(QStringLiteral(":/emoji/emoji.tsv"));
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QString data = QString::fromUtf8(f.readAll());
    for (QStringView line : QStringView(data).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const auto fields = line.split(QLatin1Char('\t'));
        if (fields.size() != 4)
            continue;
        Emoji e;
        e.category = fields[0].toString();
        e.text = fields[1].toString();
        for (QStringView code : fields[2].split(QLatin1Char(' '), Qt::SkipEmptyParts))
            e.shortcodes << code.toString();
        e.name = fields[3].toString();
        if (m_categories.isEmpty() || m_categories.last() != e.category)
            m_categories << e.category;
        const int index = int(m_emoji.size());
        for (const QString &code : e.shortcodes)
            m_byShortcode.insert(code, index);
        m_byText.insert(e.text, index);
        m_emoji.append(std::move(e));
    }
}

QList<const Emoji *> EmojiCatalog::inCategory(const QString &category) const
{
    QList<const Emoji *> out;
    for (const Emoji &e : m_emoji)
        if (e.category == category)
            out << &e;
    return out;
}

QList<const Emoji *> EmojiCatalog::search(const QString &query, int limit) const
{
    const QString q = query.trimmed().toLower();
    if (q.isEmpty())
        return {};
    QList<const Emoji *> tiers[3];
    for (const Emoji &e : m_emoji) {
        int tier = -1;
        for (const QString &code : e.shortcodes)
            if (code.startsWith(q))
                tier = 0;
        if (tier < 0) {
            const qsizetype at = e.name.indexOf(q);
            if (at == 0 || (at > 0 && e.name[at - 1] == QLatin1Char(' ')))
                tier = 1;
            else if (at > 0)
                tier = 2;
            else
                for (const QString &code : e.shortcodes)
                    if (code.contains(q))
                        tier = 2;
        }
        if (tier >= 0)
            tiers[tier] << &e;
    }
    QList<const Emoji *> out = tiers[0] + tiers[1] + tiers[2];
    if (out.size() > limit)
        out.resize(limit);
    return out;
}

QList<const Emoji *> EmojiCatalog::completions(const QString &prefix, int limit) const
{
    const QString p = prefix.toLower();
    QList<const Emoji *> out;
    if (const Emoji *exact = byShortcode(p))
        out << exact;
    for (const Emoji &e : m_emoji) {
        if (out.size() >= limit)
            break;
        if (!out.contains(&e) && std::any_of(e.shortcodes.cbegin(), e.shortcodes.cend(),
                                             [&](const QString &c) { return c.startsWith(p); }))
            out << &e;
    }
    return out;
}

const Emoji *EmojiCatalog::byShortcode(const QString &code) const
{
    const auto it = m_byShortcode.constFind(code);
    return it == m_byShortcode.cend() ? nullptr : &m_emoji[*it];
}

const Emoji *EmojiCatalog::byText(const QString &text) const
{
    const auto it = m_byText.constFind(text);
    return it == m_byText.cend() ? nullptr : &m_emoji[*it];
}

QStringList EmojiRecents::load()
{
    return QSettings().value(kRecentKey).toStringList();
}

void EmojiRecents::add(const QString &emoji)
{
    QStringList list = load();
    list.removeAll(emoji);
    list.prepend(emoji);
    while (list.size() > kMaxRecents)
        list.removeLast();
    QSettings().setValue(kRecentKey, list);
}

} // namespace parla::ui
