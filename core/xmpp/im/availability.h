// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>

namespace parla {

/// A contact's or account's availability (RFC 6121 §4.7.2.1 <show/>, plus offline).
enum class Availability
{
    Offline = 0,
    Online,
    Chat,
    Away,
    ExtendedAway,
    DoNotDisturb
};

} // namespace parla

Q_DECLARE_METATYPE(parla::Availability)
