// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QStyledItemDelegate>

class QTextLayout;

namespace parla::ui {

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
public:
    explicit MessageDelegate(QObject *parent = nullptr);

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
    /// Counts sizeHint() calls that had to lay text out (for tests of the cache).
    int layoutCount() const { return m_layoutCount; }

private:
    struct Geometry
    {
        QRect bubble;
        QPoint textOrigin;
        int nameHeight = 0;
        int dateHeight = 0; ///< date chip above the first message of a day
        bool metaInline = true;
    };
    Geometry geometry(const QStyleOptionViewItem &option, const QModelIndex &index,
                      QTextLayout *layout) const;

    struct CacheEntry
    {
        int singleLineWidth = -1; ///< natural text width if it has no line break, else -1
        int width = -1;
        int height = 0;
    };
    mutable QHash<qint64, CacheEntry> m_cache;
    mutable int m_layoutCount = 0;
    int m_viewWidth = 600;
};

} // namespace parla::ui
