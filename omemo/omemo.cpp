// SPDX-License-Identifier: GPL-3.0-or-later
#include "omemo.h"

namespace parla::omemo {
QString moduleStatus()
{
    return QStringLiteral("not implemented");
}
} // namespace parla::omemo
