// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QStyledItemDelegate>

#include <memory>

namespace parla::ui {

class MessageText;
class MessageTextCache;

/// Paints one message as a bubble (outgoing right in the accent tint, incoming left), its plain
/// text wrapped with QTextLayout (never HTML: bodies come from strangers), the time and the
/// delivery state (STYLE.md §8: pending, sent, delivered, read, failed), and a date chip above
/// the first message of each day. http(s) and xmpp: links are underlined and open on click.
///
/// sizeHint() runs for every row whenever the list lays out, so heights are cached per message
/// id and view width; single-line messages keep a width-independent measurement so resizing
/// stays cheap with 100,000 messages.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
Q_SIGNALS:
    /// The quote of a reply was clicked (local id of the quoted message).
    void quoteClicked(qint64 messageId);
    /// A reaction chip was clicked: toggle our `emoji` on message `messageId`.
    void reactionClicked(qint64 messageId, const QString &emoji);

public:
    explicit MessageDelegate(QObject *parent = nullptr);
    ~MessageDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    /// The width rows are laid out for (the view's viewport width).
    void setViewWidth(int width);
    int viewWidth() const { return m_viewWidth; }
    /// Forgets the cached size of one message (its text or grouping changed).
    void invalidate(qint64 messageId);
    void clearCache();
    /// The link under a point of a row, empty if none (also used by the view for the cursor).
    QString linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                   const QPoint &pos) const;
    /// XEP-0461 quote box and XEP-0444 chips of a row, in view coordinates (empty if none).
    QRect quoteRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    /// The reaction chips of a row: (emoji, rect).
    QList<std::pair<QString, QRect>> chipRects(const QStyleOptionViewItem &option,
                                               const QModelIndex &index) const;
    /// Counts sizeHint() calls that missed the cache and measured the text (for tests).
    int layoutCount() const { return m_layoutCount; }
    /// The row's prepared text (styling, links, /me; see MessageText), laid out when painted.
    MessageText *messageText(const QStyleOptionViewItem &option, const QModelIndex &index) const;

Q_SIGNALS:
    /// An allowed link (http(s) or xmpp:, see text::findLinks) was clicked.
    void linkActivated(const QString &url);

private:
    struct Geometry
    {
        QRect bubble;
        QPoint textOrigin;
        int nameHeight = 0;
        int dateHeight = 0; ///< date chip above the first message of a day
        int gapHeight = 0;  ///< "History may be incomplete here" above it (MAM gap)
        bool metaInline = true;
        bool singleLine = false;
        int textWidth = 0;
        int quoteHeight = 0; ///< XEP-0461 quote box inside the bubble, above the text
        int chipsHeight = 0; ///< XEP-0444 chips below the bubble
    };
    /// Where everything of a row goes. needLines: also lay the text out for drawing (text must
    /// then be given; without needLines it may be null and is fetched only if needed).
    Geometry geometry(const QStyleOptionViewItem &option, const QModelIndex &index,
                      MessageText *text, bool needLines) const;
    int metaWidth(const QFont &font, const QModelIndex &index) const;
    int oneLineHeight(const QFont &font) const;
    int estimatedAdvance(const QFont &font, const QString &text) const;
    QDate localDate(const QDateTime &utc) const;
    bool startsDay(const QModelIndex &index) const;

    struct CacheEntry
    {
        int singleLineWidth = -1; ///< natural text width if it has no line break, else -1
        int width = -1;
        int height = 0;
        bool gap = false; ///< laid out with the gap notice
    };
    mutable QHash<qint64, CacheEntry> m_cache;
    mutable int m_layoutCount = 0;
    mutable QHash<QString, int> m_clockWidth;            ///< by QFont::key()
    mutable QHash<QString, int> m_lineHeight;            ///< by QFont::key()
    mutable QHash<QString, QList<quint16>> m_charWidths; ///< Latin-1 advances by QFont::key()
    mutable QDate m_day;
    mutable QDateTime m_dayStart;
    mutable QDateTime m_dayEnd;
    int m_viewWidth = 600;
    std::unique_ptr<MessageTextCache> m_texts;
};

} // namespace parla::ui
