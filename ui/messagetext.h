// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/text/messagestyling.h"
#include "core/text/textlinks.h"

#include <QCache>
#include <QFont>
#include <QString>
#include <QTextLayout>

#include <memory>

class QPainter;

namespace parla::ui {

struct Theme;

/// One message body prepared for painting: XEP-0393 styling as text formats (directives kept and
/// dimmed, monospace for preformatted text, a bar per block-quote level), XEP-0245 /me shown as
/// "* Nick action" in italics, underlined http(s)/xmpp: links in the palette's link colour, and
/// short emoji-only bodies in a larger font. Always plain text: nothing is ever read as markup.
///
/// The text is laid out once per width and kept (MessageTextCache), so painting and hit-testing
/// a row do not shape its text again.
class MessageText
{
public:
    MessageText(const QString &body, const QString &sender, const QFont &font, const Theme &theme);

    struct Metrics
    {
        int width = 0; ///< widest line, including quote indentation
        int height = 0;
        int lastLine = 0; ///< width of the last line (the time may fit next to it)
    };
    /// Lays the text out for a maximum width; repeated calls with the same width are free.
    Metrics layout(int maxWidth);
    void draw(QPainter *painter, const QPoint &origin) const;
    /// The link under a point relative to the text's origin, empty if none.
    QString linkAt(const QPointF &pos) const;

    const QString &body() const { return m_body; }
    /// What is shown (differs from the body for /me).
    QString displayText() const { return m_layout.text(); }
    const QList<text::TextLink> &links() const { return m_links; }
    const QTextLayout &textLayout() const { return m_layout; }
    bool isEmojiOnly() const { return m_emojiOnly; }
    /// Key of what the prepared formats depend on besides the body.
    QString styleKey() const { return m_styleKey; }
    static QString styleKey(const QString &sender, const QFont &font, const Theme &theme);

    /// True when the body needs nothing but one line of the message font: no line break, no
    /// styling directive, no /me, no emoji-only enlargement. Cheap; the delegate measures such
    /// bodies without a QTextLayout (links are only underlined, which does not change widths).
    static bool isPlainLine(const QString &body);

    /// The font with a colour emoji family behind it, so emoji are drawn in colour whatever the
    /// main family is.
    static QFont withEmojiFallback(QFont font);

private:
    struct Line
    {
        int start = 0;
        int end = 0;
        int quoteDepth = 0;
        bool codeBlock = false;
    };
    const Line *lineFor(int pos) const;
    int indentOf(const Line *line) const;

    QString m_body;
    QString m_styleKey;
    QTextLayout m_layout;
    QList<Line> m_lines;
    QList<text::TextLink> m_links;
    QColor m_quoteBar;
    QColor m_codeBackground;
    bool m_emojiOnly = false;
    int m_width = -1;
    Metrics m_metrics;
};

/// Prepared, laid-out message texts by message id; a bounded cache (rows off screen drop out).
class MessageTextCache
{
public:
    explicit MessageTextCache(int capacity = 400) : m_cache(capacity) {}
    /// The prepared text of a message, rebuilt when its body, sender, font or theme changed.
    MessageText *get(qint64 id, const QString &body, const QString &sender, const QFont &font,
                     const Theme &theme);
    void remove(qint64 id) { m_cache.remove(id); }
    void clear() { m_cache.clear(); }

private:
    QCache<qint64, MessageText> m_cache;
    std::unique_ptr<MessageText> m_uncached; ///< for rows without an id
};

} // namespace parla::ui
