// SPDX-License-Identifier: GPL-3.0-or-later
#include "modelutil.h"

namespace parla::ui {

QModelIndex findRow(const QAbstractItemModel *model, int roleA, const QString &a, int roleB,
                    const QString &b)
{
    if (!model)
        return {};
    for (int r = 0, n = model->rowCount(); r < n; ++r) {
        const QModelIndex i = model->index(r, 0);
        if (i.data(roleA).toString() == a && (roleB < 0 || i.data(roleB).toString() == b))
            return i;
    }
    return {};
}

} // namespace parla::ui
