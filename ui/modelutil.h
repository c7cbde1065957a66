// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QString>

namespace parla::ui {

/// The first top-level row whose two roles hold the given strings (e.g. account and JID).
QModelIndex findRow(const QAbstractItemModel *model, int roleA, const QString &a, int roleB = -1,
                    const QString &b = {});

} // namespace parla::ui
