// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QMenu;
class QWidget;

namespace parla {
class Session;
}

namespace parla::ui {

/// Adds the mute choices for one conversation to `menu` (conversation list context menu, chat
/// header): "Mute for 1 hour / 8 hours / until I unmute", or "Unmute" while muted.
void addMuteActions(QMenu *menu, Session *session, const QString &account, const QString &peer);

} // namespace parla::ui
