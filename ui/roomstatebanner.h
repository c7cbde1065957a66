// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/roomtypes.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace parla::ui {

/// The always-visible line under a room's header saying where our presence in the room is
/// (the "never silently stops"): joining, not joined, or why we are out (error, kicked,
/// banned, destroyed), with the next step as a button: Join, Rejoin, a password field for a
/// password-protected room, or "Go to …" the successor of a destroyed room. Hidden while
/// joined.
class RoomStateBanner : public QWidget
{
    Q_OBJECT
public:
    explicit RoomStateBanner(QWidget *parent = nullptr);

    void setInfo(const RoomInfo &info);
    QString text() const;
    QPushButton *actionButton() const { return m_action; }
    /// Shown when the room wants a password (XEP-0045 §7.2.5 not-authorized).
    QLineEdit *passwordEdit() const { return m_password; }
    /// Whether the banner shows an error look (error, kicked, banned, destroyed).
    bool isError() const { return m_error; }

Q_SIGNALS:
    /// Join / Rejoin (with the typed password, empty if none).
    void joinRequested(const QString &password);
    /// "Go to <alternate>" after the room was destroyed (XEP-0045 §10.9).
    void goToRequested(const QString &room);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_icon;
    QLabel *m_text;
    QLineEdit *m_password;
    QPushButton *m_action;
    RoomInfo m_info;
    bool m_error = false;
};

/// Whether a room's error is about its password (so the next step is asking for one).
bool roomNeedsPassword(const RoomInfo &info);
/// Whether a room's error says we are not on its member list (§7.2.6 registration-required).
bool roomNeedsMembership(const RoomInfo &info);

} // namespace parla::ui
