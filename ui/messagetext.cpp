// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagetext.h"

#include "theme.h"

#include "core/text/emojitext.h"

#include <QFontDatabase>
#include <QPainter>
#include <QTextLine>

#include <cmath>

namespace parla::ui {

using text::Style;

namespace {
constexpr int kQuoteIndent = 12;
constexpr int kCodeIndent = 6;
constexpr qreal kEmojiScale = 2.2;
const QString kEmojiFamily = QStringLiteral("Noto Color Emoji");
} // namespace

QFont MessageText::withEmojiFallback(QFont font)
{
    if (font.families().contains(kEmojiFamily))
        return font;
    // The family actually used, not an alias such as "Sans Serif": with an alias first, the font
    // database would skip it and take digits and spaces from the emoji font (which has glyphs
    // for them, as keycap bases).
    const QString family = QFontInfo(font).family();
    font.setFamilies({family, kEmojiFamily});
    return font;
}

bool MessageText::isPlainLine(const QString &body)
{
    if (body.startsWith(QLatin1String("/me ")))
        return false;
    if (body.startsWith(QLatin1Char('>'))) // a quote; elsewhere '>' is just a character
        return false;
    for (const QChar c : body) {
        switch (c.unicode()) {
        case '\n':
        case '*':
        case '_':
        case '~':
        case '`':
            return false;
        default:
            // Emoji (astral, or BMP symbols and their selector) come from the colour emoji
            // font, whose taller lines the one-line measurement would not know about.
            if (c.isSurrogate() || (c.unicode() >= 0x2000 && c.unicode() < 0x2c00) ||
                c.unicode() == 0xfe0f)
                return false;
        }
    }
    return true;
}

QString MessageText::styleKey(const QString &sender, const QFont &font, const Theme &theme)
{
    return font.key() + QLatin1Char('|') + theme.link.name() + theme.muted.name() +
           (theme.dark ? QLatin1Char('d') : QLatin1Char('l')) + QLatin1Char('|') + sender;
}

MessageText::MessageText(const QString &body, const QString &sender, const QFont &baseFont,
                         const Theme &theme)
    : m_body(body), m_styleKey(styleKey(sender, baseFont, theme))
{
    QFont font = withEmojiFallback(baseFont);
    QString shown = body;
    int offset = 0; // where the styled body starts in the shown text
    QList<QTextLayout::FormatRange> formats;
    if (const auto action = text::meAction(body)) {
        // XEP-0245 §2: "* " + the sender's name + the action, in italics.
        shown = QStringLiteral("* ") + sender + QLatin1Char(' ') + action->toString();
        offset = int(shown.size() - action->size());
        QTextLayout::FormatRange all;
        all.start = 0;
        all.length = int(shown.size());
        all.format.setFontItalic(true);
        formats.append(all);
    }
    const QStringView styled = QStringView(shown).sliced(offset);
    m_emojiOnly = offset == 0 && text::emojiOnlyCount(body) > 0;
    if (m_emojiOnly)
        font.setPointSizeF(font.pointSizeF() * kEmojiScale);

    const text::StyledText parsed = text::parseStyling(styled);
    const QString monoFamily =
        QFontInfo(QFontDatabase::systemFont(QFontDatabase::FixedFont)).family();
    for (const text::StyledRun &run : parsed.runs) {
        QTextLayout::FormatRange r;
        r.start = offset + run.start;
        r.length = run.length;
        if (run.styles & Style::Strong)
            r.format.setFontWeight(QFont::Bold);
        if (run.styles & Style::Emphasis)
            r.format.setFontItalic(true);
        if (run.styles & Style::Strike)
            r.format.setFontStrikeOut(true);
        if (run.styles & (Style::Preformatted | Style::CodeBlock))
            r.format.setFontFamilies(QStringList{monoFamily, kEmojiFamily});
        if (run.styles & Style::Preformatted && !(run.styles & Style::CodeBlock))
            r.format.setBackground(theme.dark ? QColor(255, 255, 255, 28) : QColor(0, 0, 0, 18));
        if (run.styles & Style::Directive)
            r.format.setForeground(theme.muted);
        formats.append(r);
    }
    for (const text::StyledLine &l : parsed.lines)
        m_lines.append({offset + l.start, offset + l.start + l.length, l.quoteDepth, l.codeBlock});

    m_links = text::findLinks(styled);
    for (text::TextLink &link : m_links) {
        link.start += offset;
        QTextLayout::FormatRange r;
        r.start = link.start;
        r.length = link.length;
        r.format.setFontUnderline(true);
        r.format.setForeground(theme.link);
        formats.append(r);
    }

    // QTextLayout breaks lines only at U+2028; the length stays the same, so offsets hold.
    shown.replace(QLatin1Char('\n'), QChar::LineSeparator);
    m_layout.setText(shown);
    m_layout.setFont(font);
    m_layout.setFormats(formats);
    m_quoteBar = theme.dark ? theme.muted.darker(120) : theme.muted.lighter(130);
    m_codeBackground = theme.dark ? QColor(255, 255, 255, 20) : QColor(0, 0, 0, 13);
}

const MessageText::Line *MessageText::lineFor(int pos) const
{
    // Few lines per message; a binary search keeps huge pasted logs cheap too.
    auto it = std::upper_bound(m_lines.cbegin(), m_lines.cend(), pos,
                               [](int p, const Line &l) { return p < l.start; });
    return it == m_lines.cbegin() ? nullptr : &*(it - 1);
}

int MessageText::indentOf(const Line *line) const
{
    if (!line)
        return 0;
    return line->quoteDepth * kQuoteIndent + (line->codeBlock ? kCodeIndent : 0);
}

MessageText::Metrics MessageText::layout(int maxWidth)
{
    if (maxWidth == m_width)
        return m_metrics;
    m_width = maxWidth;
    Metrics m;
    QTextOption opt;
    opt.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_layout.setTextOption(opt);
    m_layout.beginLayout();
    qreal y = 0;
    const int leading = QFontMetrics(m_layout.font()).leading();
    for (;;) {
        QTextLine line = m_layout.createLine();
        if (!line.isValid())
            break;
        const int indent = indentOf(lineFor(line.textStart()));
        line.setLineWidth(qMax(20, maxWidth - indent));
        line.setPosition(QPointF(indent, y));
        y += line.height() + leading;
        const int w = indent + int(std::ceil(line.naturalTextWidth()));
        m.width = qMax(m.width, w);
        m.lastLine = w;
    }
    m_layout.endLayout();
    m.height = int(std::ceil(y));
    m_metrics = m;
    return m;
}

void MessageText::draw(QPainter *painter, const QPoint &origin) const
{
    bool decorated = false;
    for (const Line &l : m_lines)
        decorated = decorated || l.quoteDepth > 0 || l.codeBlock;
    if (decorated) {
        painter->save();
        painter->setPen(Qt::NoPen);
        for (int i = 0; i < m_layout.lineCount(); ++i) {
            const QTextLine line = m_layout.lineAt(i);
            const Line *l = lineFor(line.textStart());
            if (!l)
                continue;
            // Down to the next line, so a block's background and bars have no gaps (leading).
            const qreal bottom = i + 1 < m_layout.lineCount() ? m_layout.lineAt(i + 1).y()
                                                              : line.y() + line.height();
            const QRectF r =
                QRectF(line.x(), line.y(), line.width(), bottom - line.y()).translated(origin);
            if (l->codeBlock) {
                painter->setBrush(m_codeBackground);
                painter->drawRect(QRectF(origin.x() + l->quoteDepth * kQuoteIndent, r.top(),
                                         m_metrics.width - l->quoteDepth * kQuoteIndent + 2,
                                         r.height()));
            }
            painter->setBrush(m_quoteBar);
            for (int d = 0; d < l->quoteDepth; ++d)
                painter->drawRect(QRectF(origin.x() + d * kQuoteIndent, r.top(), 3, r.height()));
        }
        painter->restore();
    }
    m_layout.draw(painter, origin);
}

QString MessageText::linkAt(const QPointF &pos) const
{
    if (m_links.isEmpty())
        return {};
    for (int i = 0; i < m_layout.lineCount(); ++i) {
        const QTextLine line = m_layout.lineAt(i);
        if (pos.y() < line.y() || pos.y() >= line.y() + line.height())
            continue;
        if (pos.x() < line.x() || pos.x() > line.x() + line.naturalTextWidth())
            return {};
        const int cursor = line.xToCursor(pos.x(), QTextLine::CursorOnCharacter);
        for (const text::TextLink &l : m_links)
            if (cursor >= l.start && cursor < l.start + l.length)
                return l.url;
        return {};
    }
    return {};
}

MessageText *MessageTextCache::get(qint64 id, const QString &body, const QString &sender,
                                   const QFont &font, const Theme &theme)
{
    const QString key = MessageText::styleKey(sender, font, theme);
    if (!id) {
        m_uncached = std::make_unique<MessageText>(body, sender, font, theme);
        return m_uncached.get();
    }
    MessageText *t = m_cache.object(id);
    if (t && t->body() == body && t->styleKey() == key)
        return t;
    t = new MessageText(body, sender, font, theme);
    m_cache.insert(id, t);
    return t;
}

} // namespace parla::ui
