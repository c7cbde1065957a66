// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace parla::ui {

/// A one-paragraph status line for dialogs that wait on the server: progress in the muted
/// colour, failures in the error colour (style sheet #Muted / #ErrorText), hidden when empty.
/// Text is plain (it often quotes a server's error text).
class StatusLabel : public QLabel
{
    Q_OBJECT
public:
    explicit StatusLabel(QWidget *parent = nullptr);

    void showInfo(const QString &text);
    void showError(const QString &text);
    void clearStatus() { showInfo(QString()); }
    bool isError() const { return objectName() == QLatin1String("ErrorText"); }

private:
    void present(const QString &text, const QString &kind);
};

} // namespace parla::ui
