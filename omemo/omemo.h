// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// OMEMO (XEP-0384 v0.3 "legacy axolotl") will live here; see docs/FEATURES.md.
namespace parla::omemo {
/// Version of the OMEMO module, so the library links; no encryption is offered yet.
QString moduleStatus();
} // namespace parla::omemo
