// SPDX-License-Identifier: GPL-3.0-or-later
#include "avatarpainter.h"

#include "icons.h"

#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>

namespace parla::ui {

QString AvatarPainter::initials(const QString &name)
{
    QString n = name.trimmed();
    const qsizetype at = n.indexOf(QLatin1Char('@'));
    if (at > 0 && !n.contains(QLatin1Char(' ')))
        n = n.left(at);
    const QStringList words =
        n.split(QRegularExpression(QStringLiteral("[\\s._-]+")), Qt::SkipEmptyParts);
    QString out;
    for (const QString &w : words) {
        // Take whole grapheme starts only: a surrogate pair (emoji) must not be split.
        const QChar c = w.at(0);
        out += c.isHighSurrogate() && w.size() > 1 ? w.left(2) : QString(c).toUpper();
        if (out.size() >= 2 || words.size() == 1)
            break;
    }
    return out.isEmpty() ? QStringLiteral("?") : out;
}

void AvatarPainter::paint(QPainter *painter, const QRect &rect, const QString &name,
                          const QColor &color)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor base = color.isValid() ? color : QColor(0x8a, 0x94, 0xa6);
    QLinearGradient g(rect.topLeft(), rect.bottomRight());
    g.setColorAt(0, base.lighter(112));
    g.setColorAt(1, base.darker(108));
    painter->setPen(Qt::NoPen);
    painter->setBrush(g);
    painter->drawEllipse(rect);
    QFont f = painter->font();
    f.setPixelSize(qMax(8, int(rect.height() * 0.38)));
    f.setWeight(QFont::DemiBold);
    painter->setFont(f);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter, initials(name));
    painter->restore();
}

void AvatarPainter::paint(QPainter *painter, const QRect &rect, const QString &name,
                          const QColor &color, const QImage &picture)
{
    if (picture.isNull()) {
        paint(painter, rect, name, color);
        return;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    QPainterPath circle;
    circle.addEllipse(QRectF(rect));
    painter->setClipPath(circle);
    // Fill the circle: a non-square picture is cropped around its centre.
    const QSize size = picture.size().scaled(rect.size(), Qt::KeepAspectRatioByExpanding);
    const QRect target(rect.center().x() - size.width() / 2 + 1,
                       rect.center().y() - size.height() / 2 + 1, size.width(), size.height());
    painter->drawImage(target, picture);
    painter->restore();
}

void AvatarPainter::paintPresence(QPainter *painter, const QRect &avatarRect,
                                  Availability availability, const QColor &ringColor,
                                  bool showOffline)
{
    if (availability == Availability::Offline && !showOffline)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int d = qMax(8, avatarRect.width() * 30 / 100);
    const QRect dot(avatarRect.right() - d + 2, avatarRect.bottom() - d + 2, d, d);
    painter->setPen(Qt::NoPen);
    painter->setBrush(ringColor);
    painter->drawEllipse(dot.adjusted(-2, -2, 2, 2));
    painter->setBrush(availabilityColor(availability));
    painter->drawEllipse(dot);
    painter->restore();
}

} // namespace parla::ui
