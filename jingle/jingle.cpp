// SPDX-License-Identifier: GPL-3.0-or-later
#include "jingle.h"

namespace parla::jingle {
QString moduleStatus()
{
    return QStringLiteral("not implemented");
}
} // namespace parla::jingle
