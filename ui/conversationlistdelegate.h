// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace parla::ui {

/// One conversation row: avatar with presence, title, time, last message, unread badge.
/// Reads the ConversationRole values of models/roles.h.
class ConversationListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

/// Paints the rounded hover/selection background shared by the sidebar lists.
void paintRowBackground(QPainter *painter, const QStyleOptionViewItem &option);
/// Paints a pill badge (unread count) right-aligned at rect's vertical centre; returns its width.
int paintBadge(QPainter *painter, const QRect &rect, const QString &text, const QColor &color);

} // namespace parla::ui
