// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/types.h"

#include <QSystemTrayIcon>

namespace parla {
class Session;
}

namespace parla::ui {

/// The system tray entry: Parla's icon with the unread count drawn on it and the own
/// availability as a dot; a menu to show/hide the window, set availability and quit.
class TrayIcon : public QSystemTrayIcon
{
    Q_OBJECT
public:
    explicit TrayIcon(Session *session, QObject *parent = nullptr);

    int unread() const { return m_unread; }
    /// Whether an unread message of a conversation that is not muted waits (red badge);
    /// unread messages of muted conversations only show a grey count.
    bool needsAttention() const { return m_attention; }
    /// The icon for a count and availability (also used as the window icon badge).
    static QIcon renderIcon(int unread, Availability availability, bool attention = true);

Q_SIGNALS:
    void toggleWindowRequested();
    void quitRequested();

private:
    void recount();
    void refresh();
    Availability ownAvailability() const;

    Session *m_session;
    int m_unread = 0;
    bool m_attention = false;
};

} // namespace parla::ui
