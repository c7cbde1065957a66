// SPDX-License-Identifier: GPL-3.0-or-later
#include "rosterdelegate.h"

#include "avatarpainter.h"
#include "conversationlistdelegate.h"
#include "icons.h"
#include "rosterproxymodels.h"
#include "theme.h"

#include "core/models/roles.h"
#include "core/services/types.h"

#include <QPainter>
#include <QPainterPath>

namespace parla::ui {

using namespace parla::models;

namespace {
constexpr int kAvatar = 36;
} // namespace

QSize RosterDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.data(RosterGroupModel::GroupHeaderRole).toBool())
        return {200, option.fontMetrics.height() + 16};
    return {200, qMax(kAvatar, option.fontMetrics.height() * 2 + 4) + 14};
}

void RosterDelegate::paintGroup(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const Theme theme = Theme::fromPalette(option.palette);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(16, 0, -16, 0);
    // Chevron: pointing down when expanded.
    const bool open = option.state & QStyle::State_Open;
    const QPointF c(r.left() + 5, r.center().y() + 1);
    QPainterPath chevron;
    if (open) {
        chevron.moveTo(c + QPointF(-4, -2));
        chevron.lineTo(c + QPointF(0, 2));
        chevron.lineTo(c + QPointF(4, -2));
    } else {
        chevron.moveTo(c + QPointF(-2, -4));
        chevron.lineTo(c + QPointF(2, 0));
        chevron.lineTo(c + QPointF(-2, 4));
    }
    painter->setPen(QPen(theme.muted, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->drawPath(chevron);

    QFont f = option.font;
    f.setPointSizeF(f.pointSizeF() * 0.86);
    f.setWeight(QFont::DemiBold);
    f.setCapitalization(QFont::AllUppercase);
    f.setLetterSpacing(QFont::PercentageSpacing, 104);
    painter->setFont(f);
    painter->setPen(theme.muted);
    const QString name = index.data(Qt::DisplayRole).toString();
    const QRect text = r.adjusted(16, 0, 0, 0);
    painter->drawText(text, Qt::AlignLeft | Qt::AlignVCenter, name);
    // "available/total" for groups; requests just count.
    const int count = index.data(RosterGroupModel::GroupCountRole).toInt();
    const QString counts = name == RosterGroupModel::requestsGroupName()
                               ? QString::number(count)
                               : QStringLiteral("%1/%2")
                                     .arg(index.data(RosterGroupModel::GroupOnlineRole).toInt())
                                     .arg(count);
    painter->setFont(option.font);
    painter->drawText(r, Qt::AlignRight | Qt::AlignVCenter, counts);
    painter->restore();
}

void RosterDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    if (index.data(RosterGroupModel::GroupHeaderRole).toBool()) {
        paintGroup(painter, option, index);
        return;
    }
    const Theme theme = Theme::fromPalette(option.palette);
    const QStyleOptionViewItem &opt = option;
    paintRowBackground(painter, opt);
    const bool selected = opt.state & QStyle::State_Selected;
    const QRect r = opt.rect.adjusted(16, 0, -16, 0);

    const QString name = index.data(ContactNameRole).toString();
    const QString jid = index.data(ContactJidRole).toString();
    const auto availability = Availability(index.data(ContactAvailabilityRole).toInt());
    const QRect avatar(r.left(), r.center().y() - kAvatar / 2, kAvatar, kAvatar);
    painter->save();
    if (availability == Availability::Offline)
        painter->setOpacity(0.65);
    AvatarPainter::paint(painter, avatar, name, index.data(ContactColorRole).value<QColor>(),
                         index.data(ContactAvatarRole).value<QImage>());
    painter->setOpacity(1.0);
    AvatarPainter::paintPresence(painter, avatar, availability,
                                 selected ? theme.selection : theme.sidebar);

    const bool request = index.data(ContactRequestRole).toBool();
    const bool pendingOut = index.data(ContactPendingOutRole).toBool();
    int markerW = 0;
    if (request || pendingOut) {
        QFont f = opt.font;
        f.setPointSizeF(f.pointSizeF() * 0.8);
        f.setWeight(QFont::DemiBold);
        const QString marker = request ? tr("wants to connect") : tr("pending");
        const QFontMetrics fm(f);
        markerW = fm.horizontalAdvance(marker) + 14;
        const QRect pill(r.right() - markerW, r.center().y() - fm.height() / 2 - 2, markerW,
                         fm.height() + 4);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        QColor bg = request ? theme.accent : theme.badgeMuted;
        bg.setAlpha(request ? 40 : 70);
        painter->setBrush(bg);
        painter->drawRoundedRect(QRectF(pill), pill.height() / 2.0, pill.height() / 2.0);
        painter->setFont(f);
        painter->setPen(request ? theme.accent : theme.muted);
        painter->drawText(pill, Qt::AlignCenter, marker);
        markerW += 8;
    }

    const int x = avatar.right() + 12;
    const QFontMetrics fm = opt.fontMetrics;
    const int lineH = fm.height();
    const QRect nameRect(x, r.center().y() - lineH, r.right() - markerW - x, lineH);
    QFont bold = opt.font;
    bold.setWeight(QFont::Medium);
    painter->setFont(bold);
    painter->setPen(opt.palette.color(QPalette::Text));
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(name, Qt::ElideRight, nameRect.width()));

    QString second = index.data(ContactStatusTextRole).toString();
    if (second.isEmpty())
        second = availability == Availability::Offline ? jid : availabilityText(availability);
    second.replace(QLatin1Char('\n'), QLatin1Char(' '));
    painter->setFont(opt.font);
    painter->setPen(theme.muted);
    const QRect secondRect(x, r.center().y() + 1, nameRect.width(), lineH);
    painter->drawText(secondRect, Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(second, Qt::ElideRight, secondRect.width()));
    painter->restore();
}

} // namespace parla::ui
