// SPDX-License-Identifier: GPL-3.0-or-later
#include "statuslabel.h"

#include <QStyle>

namespace parla::ui {

StatusLabel::StatusLabel(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setAccessibleName(tr("Status"));
    clearStatus();
}

void StatusLabel::showInfo(const QString &text)
{
    present(text, QStringLiteral("Muted"));
}

void StatusLabel::showError(const QString &text)
{
    present(text, QStringLiteral("ErrorText"));
}

void StatusLabel::present(const QString &text, const QString &kind)
{
    setText(text);
    setVisible(!text.isEmpty());
    if (objectName() != kind) {
        setObjectName(kind);
        // The style sheet selects by object name: apply the new one.
        style()->unpolish(this);
        style()->polish(this);
    }
}

} // namespace parla::ui
