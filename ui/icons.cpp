// SPDX-License-Identifier: GPL-3.0-or-later
#include "icons.h"

#include <QApplication>
#include <QFile>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>

// parla_ui is a static library: its resources are only registered when asked for explicitly
// (Q_INIT_RESOURCE must be called outside any namespace).
static void initParlaResources()
{
    Q_INIT_RESOURCE(parla);
}

namespace parla::ui {

namespace {

QByteArray svgSource(const QString &name)
{
    static const bool resourcesReady = [] {
        initParlaResources();
        return true;
    }();
    Q_UNUSED(resourcesReady);
    static QHash<QString, QByteArray> cache;
    auto it = cache.find(name);
    if (it == cache.end()) {
        QFile f(QStringLiteral(":/icons/%1.svg").arg(name));
        it = cache.insert(name, f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray());
    }
    return *it;
}

/// Renders the SVG at paint time: a QIcon built from one pixmap would blur on HiDPI screens.
class SvgIconEngine : public QIconEngine
{
public:
    SvgIconEngine(QString name, QColor color, bool followPalette)
        : m_name(std::move(name)), m_color(color), m_followPalette(followPalette)
    {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        QColor c = colorFor(mode);
        QByteArray svg = svgSource(m_name);
        if (c.isValid())
            svg.replace("#000000", c.name(QColor::HexRgb).toLatin1());
        QSvgRenderer renderer(svg);
        if (mode == QIcon::Disabled && !c.isValid())
            painter->setOpacity(0.4);
        renderer.render(painter, QRectF(rect));
        painter->setOpacity(1.0);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        QPixmap pm(size * scale);
        pm.fill(Qt::transparent);
        {
            QPainter p(&pm);
            p.setRenderHint(QPainter::Antialiasing);
            paint(&p, QRect(QPoint(0, 0), pm.size()), mode, state);
        }
        pm.setDevicePixelRatio(scale);
        return pm;
    }

    QIconEngine *clone() const override
    {
        return new SvgIconEngine(m_name, m_color, m_followPalette);
    }
    QString key() const override { return QStringLiteral("parla-svg"); }

private:
    QColor colorFor(QIcon::Mode mode) const
    {
        if (!m_followPalette)
            return m_color;
        const QPalette pal = QApplication::palette();
        if (mode == QIcon::Disabled)
            return pal.color(QPalette::Disabled, QPalette::WindowText);
        if (mode == QIcon::Selected)
            return pal.color(QPalette::HighlightedText);
        return pal.color(QPalette::WindowText);
    }

    QString m_name;
    QColor m_color;
    bool m_followPalette;
};

} // namespace

QIcon Icons::themed(const QString &name)
{
    return QIcon(new SvgIconEngine(name, {}, true));
}

QIcon Icons::tinted(const QString &name, const QColor &color)
{
    return QIcon(new SvgIconEngine(name, color, false));
}

QIcon Icons::coloured(const QString &name)
{
    return QIcon(new SvgIconEngine(name, {}, false));
}

QIcon Icons::availability(Availability availability)
{
    switch (availability) {
    case Availability::Online:
    case Availability::Chat:
        return coloured(QStringLiteral("status-online"));
    case Availability::Away:
        return coloured(QStringLiteral("status-away"));
    case Availability::ExtendedAway:
        return coloured(QStringLiteral("status-xa"));
    case Availability::DoNotDisturb:
        return coloured(QStringLiteral("status-dnd"));
    case Availability::Offline:
        break;
    }
    return coloured(QStringLiteral("status-offline"));
}

QString availabilityText(Availability availability)
{
    switch (availability) {
    case Availability::Online:
        return QApplication::translate("parla::ui", "Online");
    case Availability::Chat:
        return QApplication::translate("parla::ui", "Free to chat");
    case Availability::Away:
        return QApplication::translate("parla::ui", "Away");
    case Availability::ExtendedAway:
        return QApplication::translate("parla::ui", "Extended away");
    case Availability::DoNotDisturb:
        return QApplication::translate("parla::ui", "Do not disturb");
    case Availability::Offline:
        break;
    }
    return QApplication::translate("parla::ui", "Offline");
}

QColor availabilityColor(Availability availability)
{
    switch (availability) {
    case Availability::Online:
    case Availability::Chat:
        return QColor(0x2f, 0xb4, 0x61);
    case Availability::Away:
        return QColor(0xf2, 0xa5, 0x16);
    case Availability::ExtendedAway:
        return QColor(0xe0, 0x7a, 0x16);
    case Availability::DoNotDisturb:
        return QColor(0xe5, 0x48, 0x4d);
    case Availability::Offline:
        break;
    }
    return QColor(0x9a, 0xa0, 0xa8);
}

} // namespace parla::ui
