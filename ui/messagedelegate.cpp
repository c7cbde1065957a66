// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagedelegate.h"

#include "icons.h"
#include "messagetext.h"
#include "theme.h"
#include "timeformat.h"

#include "core/models/contactcolor.h"
#include "core/models/roles.h"
#include "core/services/types.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolTip>

namespace parla::ui {

using namespace parla::models;

namespace {
/// Group chats name the author by their nick (MessageSenderNickRole), 1:1 chats by the
/// contact's display name.
QString senderName(const QModelIndex &index)
{
    const QString nick = index.data(MessageSenderNickRole).toString();
    return nick.isEmpty() ? index.data(MessageSenderRole).toString() : nick;
}

/// A message that mentions us in a room: the bubble takes some of the accent colour.
QColor mentionFill(const QColor &fill, const Theme &theme)
{
    const qreal k = theme.dark ? 0.26 : 0.16;
    return QColor::fromRgbF(fill.redF() * (1 - k) + theme.accent.redF() * k,
                            fill.greenF() * (1 - k) + theme.accent.greenF() * k,
                            fill.blueF() * (1 - k) + theme.accent.blueF() * k);
}

constexpr int kSideMargin = 18;
constexpr int kPadX = 12;
constexpr int kPadY = 7;
constexpr int kGapFirst = 10;
constexpr int kGap = 2;
constexpr int kIcon = 16;
constexpr qreal kRadius = 15;
constexpr qreal kTightRadius = 5;

int dateChipHeight(const QFont &font)
{
    return QFontMetrics(font).height() + 22;
}

QString dayText(const QDate &date)
{
    const QDate today = QDate::currentDate();
    if (date == today)
        return MessageDelegate::tr("Today");
    if (date == today.addDays(-1))
        return MessageDelegate::tr("Yesterday");
    if (date.daysTo(today) < 7 && date < today)
        return QLocale().dayName(date.dayOfWeek(), QLocale::LongFormat);
    return QLocale().toString(date, date.year() == today.year() ? QStringLiteral("d MMMM")
                                                                : QStringLiteral("d MMMM yyyy"));
}

QFont metaFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.8);
    return f;
}

QFont nameFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.92);
    f.setWeight(QFont::DemiBold);
    return f;
}

int bubbleMaxWidth(int viewWidth)
{
    return qMax(120, qMin(int(viewWidth * 0.72), 620));
}

/// Lays text out at maxWidth; returns {natural width, height, last line width}.
struct TextMetrics
{
    int width = 0;
    int height = 0;
    int lastLine = 0;
};

TextMetrics layoutText(QTextLayout *layout, int maxWidth)
{
    TextMetrics m;
    QTextOption opt;
    opt.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout->setTextOption(opt);
    layout->beginLayout();
    qreal y = 0;
    const int leading = QFontMetrics(layout->font()).leading();
    for (;;) {
        QTextLine line = layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(maxWidth);
        line.setPosition(QPointF(0, y));
        y += line.height() + leading;
        m.width = qMax(m.width, int(std::ceil(line.naturalTextWidth())));
        m.lastLine = int(std::ceil(line.naturalTextWidth()));
    }
    layout->endLayout();
    m.height = int(std::ceil(y));
    return m;
}

QPainterPath bubblePath(const QRectF &r, bool outgoing, bool first)
{
    // Consecutive messages of one sender read as a group: the corner on the sender's side
    // is tight except at the top of the group.
    const qreal tl = (!outgoing && !first) ? kTightRadius : kRadius;
    const qreal tr = (outgoing && !first) ? kTightRadius : kRadius;
    const qreal bl = outgoing ? kRadius : kTightRadius;
    const qreal br = outgoing ? kTightRadius : kRadius;
    QPainterPath p;
    p.moveTo(r.left() + tl, r.top());
    p.lineTo(r.right() - tr, r.top());
    p.quadTo(r.right(), r.top(), r.right(), r.top() + tr);
    p.lineTo(r.right(), r.bottom() - br);
    p.quadTo(r.right(), r.bottom(), r.right() - br, r.bottom());
    p.lineTo(r.left() + bl, r.bottom());
    p.quadTo(r.left(), r.bottom(), r.left(), r.bottom() - bl);
    p.lineTo(r.left(), r.top() + tl);
    p.quadTo(r.left(), r.top(), r.left() + tl, r.top());
    return p;
}

QIcon stateIcon(DeliveryState state, const Theme &theme)
{
    switch (state) {
    case DeliveryState::Pending:
        return Icons::tinted(QStringLiteral("clock"), theme.muted);
    case DeliveryState::Sent:
        return Icons::tinted(QStringLiteral("check"), theme.muted);
    case DeliveryState::Delivered:
        return Icons::tinted(QStringLiteral("double-check"), theme.muted);
    case DeliveryState::Read:
        return Icons::tinted(QStringLiteral("double-check"), theme.readTick);
    case DeliveryState::Failed:
        return Icons::coloured(QStringLiteral("error"));
    case DeliveryState::Received:
        break;
    }
    return {};
}

} // namespace

MessageDelegate::MessageDelegate(QObject *parent)
    : QStyledItemDelegate(parent), m_texts(std::make_unique<MessageTextCache>())
{}

MessageDelegate::~MessageDelegate() = default;

MessageText *MessageDelegate::messageText(const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    return m_texts->get(
        index.data(MessageIdRole).toLongLong(), index.data(MessageBodyRole).toString(),
        index.data(MessageSenderRole).toString(), option.font, Theme::fromPalette(option.palette));
}

int MessageDelegate::metaWidth(const QFont &font, const QModelIndex &index) const
{
    // Clock times have (nearly) constant width: measure a sample once per font instead of
    // formatting every message's time during layout.
    auto it = m_clockWidth.find(font.key());
    if (it == m_clockWidth.end()) {
        const QFontMetrics fm(metaFont(font));
        const QDateTime sample(QDate(2026, 1, 1), QTime(23, 58));
        it = m_clockWidth.insert(font.key(), fm.horizontalAdvance(clockTime(sample.toUTC())) + 1);
    }
    int w = *it;
    if (index.data(MessageEditedRole).toBool())
        w += QFontMetrics(metaFont(font)).horizontalAdvance(tr("edited") + u' ');
    if (index.data(MessageOutgoingRole).toBool() ||
        DeliveryState(index.data(MessageStateRole).toInt()) == DeliveryState::Failed)
        w += 3 + kIcon;
    return w;
}

QDate MessageDelegate::localDate(const QDateTime &utc) const
{
    // Rows are measured in time order, so most lookups fall in the day of the previous one:
    // remember that day's UTC range instead of converting every timestamp (tz lookups are slow).
    if (utc >= m_dayStart && utc < m_dayEnd)
        return m_day;
    m_day = utc.toLocalTime().date();
    m_dayStart = m_day.startOfDay().toUTC();
    m_dayEnd = m_day.addDays(1).startOfDay().toUTC();
    return m_day;
}

bool MessageDelegate::startsDay(const QModelIndex &index) const
{
    if (index.row() == 0)
        return true;
    const QModelIndex prev = index.siblingAtRow(index.row() - 1);
    const QDate previous = localDate(prev.data(MessageTimeRole).toDateTime());
    return localDate(index.data(MessageTimeRole).toDateTime()) != previous;
}

int MessageDelegate::estimatedAdvance(const QFont &font, const QString &text) const
{
    // Summing cached per-character advances avoids shaping, which dominates the first layout
    // of a long history. Only for Latin-1 text, where shaping cannot widen a line much (kerning
    // narrows it); 4% slack keeps the estimate an upper bound. -1: no estimate.
    QList<quint16> &table = m_charWidths[font.key()];
    if (table.isEmpty()) {
        const QFontMetrics fm(font);
        table.resize(256);
        for (int c = 0; c < 256; ++c)
            table[c] = quint16(fm.horizontalAdvance(QChar(c)));
    }
    int sum = 0;
    for (const QChar c : text) {
        if (c.unicode() > 255)
            return -1;
        sum += table[c.unicode()];
    }
    return sum + sum / 25 + 1;
}

int MessageDelegate::oneLineHeight(const QFont &font) const
{
    auto it = m_lineHeight.find(font.key());
    if (it == m_lineHeight.end()) {
        QTextLayout probe(QStringLiteral("Xg"), font);
        it = m_lineHeight.insert(font.key(), layoutText(&probe, 1000).height);
    }
    return *it;
}

void MessageDelegate::setViewWidth(int width)
{
    m_viewWidth = width;
}

void MessageDelegate::invalidate(qint64 messageId)
{
    m_cache.remove(messageId);
    m_texts->remove(messageId);
}

void MessageDelegate::clearCache()
{
    m_cache.clear();
    m_texts->clear();
}

MessageDelegate::Geometry MessageDelegate::geometry(const QStyleOptionViewItem &option,
                                                    const QModelIndex &index, MessageText *text,
                                                    bool needLines) const
{
    Geometry g;
    const bool outgoing = index.data(MessageOutgoingRole).toBool();
    const bool first = index.data(MessageFirstInGroupRole).toBool();
    // Always lay out for the view width sizeHint() used, so painting matches the cached height.
    const int width = m_viewWidth;
    const int contentMax = bubbleMaxWidth(width) - 2 * kPadX;
    const int meta = metaWidth(option.font, index);
    // Fast path for the common short message: one line that fits next to the time needs no
    // QTextLayout to be measured (sizeHint runs for every row of the list).
    const QString body = index.data(MessageBodyRole).toString();
    TextMetrics metrics;
    bool measured = false;
    if (body.size() < 200 && MessageText::isPlainLine(body)) {
        // Measuring for sizeHint may estimate; painting needs the real width of the bubble.
        int advance = needLines ? -1 : estimatedAdvance(option.font, body);
        if (advance < 0 || advance + 10 + meta > contentMax)
            advance = QFontMetrics(option.font).horizontalAdvance(body);
        if (advance + 10 + meta <= contentMax) {
            metrics = {advance, oneLineHeight(option.font), advance};
            measured = true;
            if (needLines)
                text->layout(contentMax);
        }
    }
    if (!measured) {
        if (!text)
            text = messageText(option, index);
        const MessageText::Metrics m = text->layout(contentMax);
        metrics = {m.width, m.height, m.lastLine};
    }
    const int metaH = QFontMetrics(metaFont(option.font)).height();

    int contentW = 0;
    int contentH = 0;
    g.metaInline = metrics.lastLine + 10 + meta <= contentMax;
    g.singleLine = metrics.height <= oneLineHeight(option.font);
    g.textWidth = metrics.width;
    if (g.metaInline) {
        contentW = qMax(metrics.width, metrics.lastLine + 10 + meta);
        contentH = metrics.height;
    } else {
        contentW = qMax(metrics.width, meta);
        contentH = metrics.height + metaH;
    }
    if (first && !outgoing) {
        const QFontMetrics nfm(nameFont(option.font));
        g.nameHeight = nfm.height() + 2;
        contentW = qMin(contentMax, qMax(contentW, nfm.horizontalAdvance(senderName(index))));
    }
    const QString quoted = index.data(MessageReplyTextRole).toString();
    if (!quoted.isEmpty()) {
        // Two small lines: who wrote it, and the start of what they wrote.
        const QFontMetrics qfm(metaFont(option.font));
        g.quoteHeight = 2 * qfm.height() + 10;
        contentW = qMax(contentW, qMin(contentMax, qfm.horizontalAdvance(quoted) + 14));
    }
    if (!index.data(MessageReactionsRole).toList().isEmpty())
        g.chipsHeight = QFontMetrics(option.font).height() + 10;
    const int bw = contentW + 2 * kPadX;
    const int bh = g.nameHeight + g.quoteHeight + contentH + 2 * kPadY;
    g.dateHeight = startsDay(index) ? dateChipHeight(option.font) : 0;
    g.gapHeight = index.data(MessageGapBeforeRole).toBool() ? dateChipHeight(option.font) : 0;
    const int top = option.rect.top() + g.gapHeight + g.dateHeight + (first ? kGapFirst : kGap);
    const int left =
        outgoing ? option.rect.left() + width - kSideMargin - bw : option.rect.left() + kSideMargin;
    g.bubble = QRect(left, top, bw, bh);
    g.textOrigin = QPoint(left + kPadX, top + kPadY + g.nameHeight + g.quoteHeight);
    return g;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const qint64 id = index.data(MessageIdRole).toLongLong();
    const int width = m_viewWidth;
    auto it = id ? m_cache.find(id) : m_cache.end();
    if (it != m_cache.end() && it->gap != index.data(MessageGapBeforeRole).toBool())
        it = m_cache.end(); // a gap notice appeared (or went): measure again
    if (it != m_cache.end()) {
        if (it->width == width)
            return {width, it->height};
        // A single-line message keeps its height at any width it still fits in.
        const int contentMax = bubbleMaxWidth(width) - 2 * kPadX;
        if (it->singleLineWidth >= 0 &&
            it->singleLineWidth + 10 + metaWidth(option.font, index) <= contentMax) {
            it->width = width;
            return {width, it->height};
        }
    }

    ++m_layoutCount;
    QStyleOptionViewItem opt = option;
    opt.rect = QRect(0, 0, width, 0);
    const Geometry g = geometry(opt, index, nullptr, false);
    const int height = g.bubble.bottom() + 1 + kGap + g.chipsHeight;
    if (id) {
        CacheEntry e;
        e.width = width;
        e.height = height;
        e.gap = g.gapHeight > 0;
        if (g.singleLine && g.metaInline)
            e.singleLineWidth = g.textWidth;
        m_cache.insert(id, e);
    }
    return {width, height};
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const Theme theme = Theme::fromPalette(option.palette);
    const bool outgoing = index.data(MessageOutgoingRole).toBool();
    const bool first = index.data(MessageFirstInGroupRole).toBool();
    const auto state = DeliveryState(index.data(MessageStateRole).toInt());

    MessageText *text = messageText(option, index);
    const Geometry g = geometry(option, index, text, true);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (g.gapHeight > 0) {
        // XEP-0313 catch-up could not give everything: say so, centred, where it happened.
        QFont f = option.font;
        f.setItalic(true);
        painter->setFont(f);
        painter->setPen(theme.muted);
        painter->drawText(
            QRect(option.rect.left(), option.rect.top(), option.rect.width(), g.gapHeight),
            Qt::AlignCenter, tr("History may be incomplete here"));
    }
    if (g.dateHeight > 0) {
        const QString day = dayText(index.data(MessageTimeRole).toDateTime().toLocalTime().date());
        QFont f = option.font;
        f.setPointSizeF(f.pointSizeF() * 0.85);
        f.setWeight(QFont::DemiBold);
        const QFontMetrics fm(f);
        const int w = fm.horizontalAdvance(day) + 20;
        const int h = fm.height() + 8;
        const QRect chip(option.rect.left() + (option.rect.width() - w) / 2,
                         option.rect.top() + g.gapHeight + (g.dateHeight - h) / 2 + 4, w, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(theme.incomingBubble);
        painter->drawRoundedRect(QRectF(chip), h / 2.0, h / 2.0);
        painter->setFont(f);
        painter->setPen(theme.muted);
        painter->drawText(chip, Qt::AlignCenter, day);
    }
    QColor fill = outgoing ? theme.outgoingBubble : theme.incomingBubble;
    if (option.state & QStyle::State_Selected)
        fill = fill.darker(theme.dark ? 80 : 108);
    painter->setPen(Qt::NoPen);
    const bool mentionsMe = !outgoing && index.data(MessageMentionsMeRole).toBool();
    if (mentionsMe)
        fill = mentionFill(fill, theme);
    painter->setBrush(fill);
    painter->drawPath(bubblePath(QRectF(g.bubble), outgoing, first));
    if (mentionsMe) {
        // An accent bar on the bubble's edge, visible at a glance when scrolling.
        painter->save();
        painter->setClipPath(bubblePath(QRectF(g.bubble), outgoing, first));
        painter->fillRect(QRect(g.bubble.left(), g.bubble.top(), 4, g.bubble.height()),
                          theme.accent);
        painter->restore();
    }

    if (g.nameHeight > 0) {
        painter->setFont(nameFont(option.font));
        QColor nameColor = index.data(MessageColorRole).value<QColor>();
        if (!nameColor.isValid() && !index.data(MessageSenderNickRole).toString().isEmpty())
            nameColor = models::consistentColor(senderName(index)); // per occupant (XEP-0392)
        if (!nameColor.isValid())
            nameColor = theme.accent;
        painter->setPen(theme.dark ? nameColor.lighter(130) : nameColor.darker(115));
        const QRect nameRect(g.textOrigin.x(), g.bubble.top() + kPadY, g.bubble.width() - 2 * kPadX,
                             g.nameHeight);
        painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignTop,
                          QFontMetrics(painter->font())
                              .elidedText(senderName(index), Qt::ElideRight, nameRect.width()));
    }

    if (g.quoteHeight > 0) {
        // XEP-0461: the quoted message, a bar and two elided lines (plain text only).
        const QRect q = quoteRect(option, index);
        painter->setPen(Qt::NoPen);
        painter->setBrush(theme.accent);
        painter->drawRect(QRect(q.left(), q.top(), 3, q.height()));
        const QFont qf = metaFont(option.font);
        const QFontMetrics qfm(qf);
        painter->setFont(qf);
        painter->setPen(theme.accent);
        const QRect line1(q.left() + 8, q.top() + 2, q.width() - 10, qfm.height());
        painter->drawText(line1, Qt::AlignLeft | Qt::AlignTop,
                          qfm.elidedText(index.data(MessageReplySenderRole).toString(),
                                         Qt::ElideRight, line1.width()));
        painter->setPen(theme.muted);
        painter->drawText(line1.translated(0, qfm.height()), Qt::AlignLeft | Qt::AlignTop,
                          qfm.elidedText(index.data(MessageReplyTextRole).toString().simplified(),
                                         Qt::ElideRight, line1.width()));
    }
    painter->setPen(index.data(MessageRetractedRole).toBool() ? theme.muted : theme.bubbleText);
    text->draw(painter, g.textOrigin);
    // XEP-0444 chips under the bubble: emoji and count, ours in the accent tint.
    for (const auto &[emoji, rect] : chipRects(option, index)) {
        int count = 0;
        bool own = false;
        for (const QVariant &v : index.data(MessageReactionsRole).toList()) {
            const QVariantMap m = v.toMap();
            if (m.value(QStringLiteral("emoji")).toString() == emoji) {
                count = m.value(QStringLiteral("count")).toInt();
                own = m.value(QStringLiteral("own")).toBool();
            }
        }
        painter->setPen(own ? QPen(theme.accent, 1.5) : QPen(theme.muted, 0.5));
        painter->setBrush(own ? theme.outgoingBubble : theme.incomingBubble);
        painter->drawRoundedRect(QRectF(rect), rect.height() / 2.0, rect.height() / 2.0);
        painter->setFont(option.font);
        painter->setPen(theme.bubbleText);
        painter->drawText(rect, Qt::AlignCenter, emoji + u' ' + QString::number(count));
    }

    // Time and delivery state, bottom right inside the bubble.
    const QFont mf = metaFont(option.font);
    const QFontMetrics mfm(mf);
    QString time = clockTime(index.data(MessageTimeRole).toDateTime());
    if (index.data(MessageEditedRole).toBool())
        time = tr("edited") + u' ' + time; // XEP-0308
    const QIcon icon =
        (outgoing || state == DeliveryState::Failed) ? stateIcon(state, theme) : QIcon();
    const int iconW = icon.isNull() ? 0 : kIcon + 3;
    const int metaBottom = g.bubble.bottom() - kPadY + 2;
    const int right = g.bubble.right() - kPadX + 2;
    if (!icon.isNull()) {
        icon.paint(painter, QRect(right - kIcon, metaBottom - kIcon + 1, kIcon, kIcon));
    }
    painter->setFont(mf);
    painter->setPen(state == DeliveryState::Failed ? theme.error : theme.muted);
    const int tw = mfm.horizontalAdvance(time);
    painter->drawText(QRect(right - iconW - tw, metaBottom - mfm.height() + 1, tw, mfm.height()),
                      Qt::AlignRight | Qt::AlignBottom, time);
    painter->restore();
}

QRect MessageDelegate::quoteRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.data(MessageReplyTextRole).toString().isEmpty())
        return {};
    const Geometry g = geometry(option, index, nullptr, false);
    return QRect(g.bubble.left() + kPadX, g.textOrigin.y() - g.quoteHeight,
                 g.bubble.width() - 2 * kPadX, g.quoteHeight - 6);
}

QList<std::pair<QString, QRect>> MessageDelegate::chipRects(const QStyleOptionViewItem &option,
                                                            const QModelIndex &index) const
{
    QList<std::pair<QString, QRect>> out;
    const QVariantList reactions = index.data(MessageReactionsRole).toList();
    if (reactions.isEmpty())
        return out;
    const Geometry g = geometry(option, index, nullptr, false);
    const QFontMetrics fm(option.font);
    const bool outgoing = index.data(MessageOutgoingRole).toBool();
    const int h = fm.height() + 6;
    int x = g.bubble.left();
    for (const QVariant &v : reactions) {
        const QVariantMap m = v.toMap();
        const QString emoji = m.value(QStringLiteral("emoji")).toString();
        const int w =
            fm.horizontalAdvance(emoji + u' ' +
                                 QString::number(m.value(QStringLiteral("count")).toInt())) +
            16;
        out.append({emoji, QRect(x, g.bubble.bottom() + 4, w, h)});
        x += w + 4;
    }
    if (outgoing) {
        // Right-aligned under an outgoing bubble.
        const int shift = g.bubble.right() - (x - 4);
        for (auto &[emoji, rect] : out)
            rect.translate(shift, 0);
    }
    return out;
}

QString MessageDelegate::linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                                const QPoint &pos) const
{
    if (!index.data(MessageBodyRole).toString().contains(QLatin1Char(':')))
        return {};
    MessageText *text = messageText(option, index);
    const Geometry g = geometry(option, index, text, true);
    return text->linkAt(pos - g.textOrigin);
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        auto *me = static_cast<QMouseEvent *>(event);
        if (me->button() == Qt::LeftButton) {
            const QPoint pos = me->position().toPoint();
            const QString link = linkAt(option, index, pos);
            if (!link.isEmpty()) {
                Q_EMIT linkActivated(link);
                return true;
            }
            if (quoteRect(option, index).contains(pos)) {
                Q_EMIT quoteClicked(index.data(MessageReplyToRole).toLongLong());
                return true;
            }
            for (const auto &[emoji, rect] : chipRects(option, index)) {
                if (rect.contains(pos)) {
                    Q_EMIT reactionClicked(index.data(MessageIdRole).toLongLong(), emoji);
                    return true;
                }
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

bool MessageDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!index.isValid())
        return false;
    QString tip;
    const auto state = DeliveryState(index.data(MessageStateRole).toInt());
    const QString when = QLocale().toString(index.data(MessageTimeRole).toDateTime().toLocalTime(),
                                            QLocale::LongFormat);
    switch (state) {
    case DeliveryState::Pending:
        tip = tr("Waiting to be sent");
        break;
    case DeliveryState::Sent:
        tip = tr("Sent to the server");
        break;
    case DeliveryState::Delivered:
        tip = tr("Delivered");
        break;
    case DeliveryState::Read:
        tip = tr("Read");
        break;
    case DeliveryState::Failed:
        tip = tr("Not sent: %1").arg(index.data(MessageErrorRole).toString());
        break;
    case DeliveryState::Received:
        break;
    }
    tip = tip.isEmpty() ? when : tip + QLatin1Char('\n') + when;
    // The error text comes from a remote server: escape it so it can never be read as markup.
    QToolTip::showText(event->globalPos(), Qt::convertFromPlainText(tip), view, option.rect);
    return true;
}

} // namespace parla::ui
