// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPalette>

class QApplication;

namespace parla::ui {

/// Applies Parla's look: the Fusion style, a light or dark palette with Parla's accent, and a
/// small stylesheet. In System mode it follows the platform palette: Qt 6.4 lacks
/// QStyleHints::colorScheme(), so darkness is read from the system palette's window colour and
/// re-evaluated when the platform reports a palette or theme change.
class ThemeManager : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        System,
        Light,
        Dark
    };

    explicit ThemeManager(QApplication *app, QObject *parent = nullptr);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    bool isDark() const { return m_dark; }

    static QPalette lightPalette();
    static QPalette darkPalette();
    static QString styleSheet(bool dark);

Q_SIGNALS:
    void themeChanged(bool dark);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();

    QApplication *m_app;
    Mode m_mode = Mode::System;
    QPalette m_systemPalette;
    bool m_dark = false;
    bool m_applying = false;
};

} // namespace parla::ui
