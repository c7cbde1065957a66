// SPDX-License-Identifier: GPL-3.0-or-later
#include "thememanager.h"

#include "messagetext.h"
#include "theme.h"

#include <QApplication>
#include <QEvent>
#include <QStyleFactory>

namespace parla::ui {

ThemeManager::ThemeManager(QApplication *app, QObject *parent)
    : QObject(parent), m_app(app), m_systemPalette(app->palette())
{
    m_app->setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    // Emoji in colour everywhere (messages, composer, picker), whatever the main family is.
    m_app->setFont(MessageText::withEmojiFallback(m_app->font()));
    m_app->installEventFilter(this);
    apply();
}

void ThemeManager::setMode(Mode mode)
{
    m_mode = mode;
    apply();
}

bool ThemeManager::eventFilter(QObject *watched, QEvent *event)
{
    // Only the application object's own palette/theme notifications are interesting; our own
    // setPalette() also triggers one, which m_applying filters out.
    if (watched == m_app && !m_applying &&
        (event->type() == QEvent::ApplicationPaletteChange ||
         event->type() == QEvent::ThemeChange)) {
        if (event->type() == QEvent::ApplicationPaletteChange)
            m_systemPalette = m_app->palette();
        if (m_mode == Mode::System)
            apply();
    }
    return QObject::eventFilter(watched, event);
}

void ThemeManager::apply()
{
    bool dark = false;
    switch (m_mode) {
    case Mode::System:
        dark = Theme::isDark(m_systemPalette);
        break;
    case Mode::Light:
        dark = false;
        break;
    case Mode::Dark:
        dark = true;
        break;
    }
    const bool changed = dark != m_dark;
    m_dark = dark;
    m_applying = true;
    m_app->setPalette(dark ? darkPalette() : lightPalette());
    m_app->setStyleSheet(styleSheet(dark));
    m_applying = false;
    if (changed)
        Q_EMIT themeChanged(dark);
}

QPalette ThemeManager::lightPalette()
{
    QPalette p;
    const QColor text(0x1b, 0x1d, 0x21);
    p.setColor(QPalette::Window, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf8));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xf3, 0xf4, 0xf6));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x63, 0xe6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x2a, 0x5b, 0xd7));
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x92, 0x9e));
    p.setColor(QPalette::ToolTipBase, QColor(0x26, 0x29, 0x30));
    p.setColor(QPalette::ToolTipText, Qt::white);
    p.setColor(QPalette::Mid, QColor(0xd8, 0xdb, 0xe0));
    p.setColor(QPalette::Midlight, QColor(0xe9, 0xeb, 0xee));
    p.setColor(QPalette::Dark, QColor(0xa0, 0xa6, 0xb0));
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0xa0, 0xa6, 0xb0));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0xa0, 0xa6, 0xb0));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0xa0, 0xa6, 0xb0));
    return p;
}

QPalette ThemeManager::darkPalette()
{
    QPalette p;
    const QColor text(0xe6, 0xe8, 0xec);
    p.setColor(QPalette::Window, QColor(0x17, 0x19, 0x1d));
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor(0x1f, 0x22, 0x28));
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x2d));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x27, 0x2b, 0x33));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x58, 0x7c, 0xf5));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xff));
    p.setColor(QPalette::PlaceholderText, QColor(0x7a, 0x82, 0x90));
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x34, 0x3c));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Mid, QColor(0x3a, 0x3f, 0x48));
    p.setColor(QPalette::Midlight, QColor(0x30, 0x34, 0x3c));
    p.setColor(QPalette::Dark, QColor(0x10, 0x12, 0x15));
    p.setColor(QPalette::Light, QColor(0x40, 0x45, 0x50));
    p.setColor(QPalette::Shadow, QColor(0, 0, 0));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6a, 0x70, 0x7c));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6a, 0x70, 0x7c));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6a, 0x70, 0x7c));
    return p;
}

QString ThemeManager::styleSheet(bool dark)
{
    const Theme t = Theme::fromPalette(dark ? darkPalette() : lightPalette());
    const QString sidebar = t.sidebar.name();
    const QString sep = t.separator.name();
    const QString hover = t.hover.name();
    const QString field = dark ? QStringLiteral("#262a32") : QStringLiteral("#e9ebef");
    const QString muted = t.muted.name();
    return QStringLiteral(R"(
QWidget#Sidebar { background: %1; }
QWidget#Sidebar QListView, QWidget#Sidebar QTreeView { background: %1; border: none; }
QWidget#ChatHeader, QWidget#ComposerBar { background: palette(window); }
QFrame#HLine { background: %2; max-height: 1px; min-height: 1px; border: none; }
QFrame#VLine { background: %2; max-width: 1px; min-width: 1px; border: none; }
QLineEdit#FilterBox { background: %4; border: 1px solid transparent; border-radius: 10px;
    padding: 6px 10px; }
QLineEdit#FilterBox:focus { border: 1px solid palette(highlight); background: palette(base); }
QPlainTextEdit#ComposerEdit { background: %4; border: 1px solid transparent; border-radius: 12px;
    padding: 4px 8px; }
QPlainTextEdit#ComposerEdit:focus { border: 1px solid palette(highlight); }
QToolButton { border: none; border-radius: 8px; padding: 5px; }
QToolButton:hover { background: %3; }
QToolButton:pressed { background: %2; }
QToolButton#SendButton { background: palette(highlight); border-radius: 17px; }
QToolButton#SendButton:disabled { background: %2; }
QToolButton#Segment { border-radius: 8px; padding: 5px 14px; color: %5; font-weight: 600; }
QToolButton#Segment:checked { background: palette(base); color: palette(text); }
QWidget#SegmentBox { background: %4; border-radius: 10px; }
QLabel#Muted { color: %5; }
QLabel#ChatTitle { font-size: 11pt; font-weight: 600; }
QLabel#EmptyTitle { font-size: 13pt; font-weight: 600; }
QWidget#Banner { background: %3; border-radius: 10px; }
QLabel#ErrorText { color: #e5484d; }
QPushButton { border: 1px solid %2; border-radius: 8px; padding: 6px 14px; background: palette(button); }
QPushButton:hover { background: %3; }
QPushButton:default, QPushButton#Primary { background: palette(highlight); color: white; border: none; }
QPushButton:disabled { color: palette(mid); }
QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 0; }
QTabBar::tab { background: %4; color: %5; border: none; padding: 7px 16px; margin: 0 1px;
    border-radius: 8px; font-weight: 600; }
QTabBar::tab:selected { background: palette(highlight); color: white; }
QToolButton::menu-indicator { image: none; width: 0; }
QScrollBar:vertical { background: transparent; width: 10px; margin: 2px; }
QScrollBar::handle:vertical { background: %2; border-radius: 3px; min-height: 32px; }
QScrollBar::handle:vertical:hover { background: %5; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }
QSplitter::handle { background: %2; }
QMenu { padding: 6px; border: 1px solid %2; }
QMenu::item { padding: 6px 24px 6px 10px; border-radius: 6px; }
QMenu::item:selected { background: %3; color: palette(text); }
)")
        .arg(sidebar, sep, hover, field, muted);
}

} // namespace parla::ui
