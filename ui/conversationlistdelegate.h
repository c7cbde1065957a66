// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/roomtypes.h"

#include <QStyledItemDelegate>

namespace parla::ui {

/// One conversation row: avatar with presence, title, time, last message, unread badge.
/// Reads the ConversationRole values of models/roles.h. Group chats carry a people mark on the
/// avatar, and while we are not in the room a greyed title and the room state instead of the
/// last message (red with an error mark when the room dropped or refused us).
class ConversationListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    /// The room state in a few words for the second line ("Not joined", "Banned from the room").
    static QString roomStateText(RoomState state);
};

/// Paints the rounded hover/selection background shared by the sidebar lists.
void paintRowBackground(QPainter *painter, const QStyleOptionViewItem &option);
/// Paints a pill badge (unread count) right-aligned at rect's vertical centre; returns its width.
int paintBadge(QPainter *painter, const QRect &rect, const QString &text, const QColor &color);

} // namespace parla::ui
