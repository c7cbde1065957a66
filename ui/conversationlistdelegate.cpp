// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversationlistdelegate.h"

#include "avatarpainter.h"
#include "icons.h"
#include "theme.h"
#include "timeformat.h"

#include "core/models/roles.h"
#include "core/services/roomtypes.h"
#include "core/services/types.h"

#include <QPainter>

namespace parla::ui {

using namespace parla::models;

namespace {
constexpr int kAvatar = 46;
constexpr int kMarginX = 10;
} // namespace

void paintRowBackground(QPainter *painter, const QStyleOptionViewItem &option)
{
    const Theme theme = Theme::fromPalette(option.palette);
    QColor bg;
    if (option.state & QStyle::State_Selected)
        bg = theme.selection;
    else if (option.state & QStyle::State_MouseOver)
        bg = theme.hover;
    if (!bg.isValid())
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(bg);
    painter->drawRoundedRect(QRectF(option.rect.adjusted(6, 1, -6, -1)), 10, 10);
    painter->restore();
}

int paintBadge(QPainter *painter, const QRect &rect, const QString &text, const QColor &color)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont f = painter->font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    f.setWeight(QFont::DemiBold);
    painter->setFont(f);
    const QFontMetrics fm(f);
    const int h = fm.height() + 4;
    const int w = qMax(h, fm.horizontalAdvance(text) + 12);
    const QRect pill(rect.right() - w, rect.center().y() - h / 2, w, h);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(QRectF(pill), h / 2.0, h / 2.0);
    painter->setPen(Qt::white);
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
    return w;
}

QString ConversationListDelegate::roomStateText(RoomState state)
{
    switch (state) {
    case RoomState::NotJoined:
        return tr("Not joined");
    case RoomState::Joining:
        return tr("Joining…");
    case RoomState::Joined:
        break;
    case RoomState::Error:
        return tr("Disconnected from the room");
    case RoomState::Kicked:
        return tr("Removed from the room");
    case RoomState::Banned:
        return tr("Banned from the room");
    case RoomState::Destroyed:
        return tr("Room closed");
    }
    return {};
}

QSize ConversationListDelegate::sizeHint(const QStyleOptionViewItem &option,
                                         const QModelIndex &) const
{
    const int textHeight = option.fontMetrics.height() * 2 + 6;
    return {200, qMax(kAvatar, textHeight) + 18};
}

void ConversationListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    const Theme theme = Theme::fromPalette(option.palette);
    paintRowBackground(painter, option);
    const bool selected = option.state & QStyle::State_Selected;
    const QRect r = option.rect.adjusted(kMarginX + 6, 0, -kMarginX - 6, 0);

    const QString title = index.data(ConversationTitleRole).toString();
    const QRect avatar(r.left(), r.center().y() - kAvatar / 2 + 1, kAvatar, kAvatar);
    AvatarPainter::paint(painter, avatar, title, index.data(ConversationColorRole).value<QColor>(),
                         index.data(ConversationAvatarRole).value<QImage>());
    // Group chats: a small people mark instead of a presence dot; greyed while we are not in,
    // a red mark when the room dropped or refused us (never silently "joined-looking").
    const bool room = index.data(ConversationKindRole).toInt() == 1;
    const auto roomState = RoomState(index.data(ConversationRoomStateRole).toInt());
    const bool roomTrouble = room && roomState != RoomState::Joined &&
                             roomState != RoomState::Joining && roomState != RoomState::NotJoined;
    const bool roomAway = room && roomState != RoomState::Joined;
    if (room) {
        const QColor ring = selected ? theme.selection : theme.sidebar;
        const int d = 18;
        const QRect mark(avatar.right() - d + 3, avatar.bottom() - d + 3, d, d);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(ring, 2));
        painter->setBrush(roomTrouble ? theme.error : roomAway ? theme.muted : theme.accent);
        painter->drawEllipse(QRectF(mark));
        Icons::tinted(roomTrouble ? QStringLiteral("error") : QStringLiteral("contacts"), Qt::white)
            .paint(painter, mark.adjusted(3, 3, -3, -3));
        painter->restore();
    } else {
        AvatarPainter::paintPresence(painter, avatar,
                                     Availability(index.data(ConversationAvailabilityRole).toInt()),
                                     selected ? theme.selection : theme.sidebar);
    }

    const int x = avatar.right() + 12;
    const QFontMetrics fm = option.fontMetrics;
    const int lineH = fm.height();
    const int top = r.center().y() - lineH - 1;

    painter->save();
    // Time, top right.
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.88);
    const QFontMetrics sfm(small);
    const QString time = shortTimestamp(index.data(ConversationLastTimeRole).toDateTime());
    const int timeW = sfm.horizontalAdvance(time);
    painter->setFont(small);
    painter->setPen(theme.muted);
    painter->drawText(QRect(r.right() - timeW, top, timeW, lineH),
                      Qt::AlignRight | Qt::AlignVCenter, time);

    // Title.
    QFont bold = option.font;
    bold.setWeight(QFont::DemiBold);
    painter->setFont(bold);
    painter->setPen(roomAway ? theme.muted : option.palette.color(QPalette::Text));
    // Muted: a crossed-out bell left of the time, the unread badge in grey.
    const bool muted = index.data(ConversationMutedRole).toBool();
    const int bellW = muted ? lineH + 4 : 0;
    if (muted) {
        const QRect bell(r.right() - timeW - bellW, top, lineH, lineH);
        Icons::tinted(QStringLiteral("muted"), theme.muted)
            .paint(painter, bell.adjusted(1, 1, -1, -1));
    }
    const QRect titleRect(x, top, r.right() - timeW - bellW - 8 - x, lineH);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(title, Qt::ElideRight, titleRect.width()));

    // Unread badge and preview, second line.
    const int unread = index.data(ConversationUnreadRole).toInt();
    const QRect second(x, top + lineH + 4, r.right() - x, lineH);
    int badgeW = 0;
    if (unread > 0) {
        badgeW = paintBadge(painter, second,
                            unread > 999 ? QStringLiteral("999+") : QString::number(unread),
                            muted ? theme.muted : theme.badge) +
                 8;
    }
    painter->setFont(option.font);
    painter->setPen(theme.muted);
    QString preview = index.data(ConversationLastTextRole).toString();
    preview.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (room && roomState != RoomState::Joined) {
        // Where we are in the room says more than the last message while we are not in it.
        painter->setPen(roomTrouble ? theme.error : theme.muted);
        preview = roomStateText(roomState);
    }
    const QRect previewRect = second.adjusted(0, 0, -badgeW, 0);
    painter->drawText(previewRect, Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(preview, Qt::ElideRight, previewRect.width()));
    painter->restore();
}

} // namespace parla::ui
