// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// Jingle (XEP-0166 and friends) will live here; see docs/FEATURES.md.
namespace parla::jingle {
/// Status of the Jingle module, so the library links; no calls or transfers are offered yet.
QString moduleStatus();
} // namespace parla::jingle
