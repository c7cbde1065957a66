// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/xmpp/xep/xep0004_dataforms/dataform.h"

#include <QDialog>
#include <QHash>
#include <QStringList>

class QPushButton;

namespace parla {
class Session;
}

namespace parla::ui {

class DataFormWidget;
class StatusLabel;

/// A room's configuration (XEP-0045 §10.2): the owner's muc#roomconfig form fetched with
/// RoomsApi::roomConfiguration(), shown by a DataFormWidget and sent back with
/// RoomsApi::submitRoomConfiguration(). "Destroy room…" (§10.9) asks for confirmation and an
/// optional reason first. Errors are shown in the dialog in plain words; it closes (accepted)
/// only when the server took the change.
class RoomConfigDialog : public QDialog
{
    Q_OBJECT
public:
    RoomConfigDialog(Session *session, const QString &account, const QString &room,
                     QWidget *parent = nullptr);

    /// Values to put into the form once it arrives (var → values), e.g. the name typed in the
    /// create dialog; fields the form does not have are ignored.
    void setInitialValues(const QHash<QString, QStringList> &values);
    /// The room was just created and waits for this first configuration (§10.1.3): closing the
    /// dialog without saving cancels it (RoomsApi::cancelRoomConfiguration) instead of leaving
    /// a locked room behind.
    void setInitialConfiguration(bool initial) { m_initialConfiguration = initial; }

    void reject() override;

    DataFormWidget *formWidget() const { return m_form; }
    StatusLabel *statusLabel() const { return m_status; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *destroyButton() const { return m_destroy; }
    /// The confirmation asked by destroyButton(), while it is open; null otherwise.
    QDialog *destroyConfirmation() const { return m_confirm; }

Q_SIGNALS:
    /// The server accepted the new configuration.
    void configurationSaved(const QString &account, const QString &room);
    /// The server destroyed the room at our request.
    void roomDestroyed(const QString &account, const QString &room);

private:
    void load();
    xmpp::DataForm withInitialValues(xmpp::DataForm form) const;
    void save();
    void askDestroy();
    void destroyRoom(const QString &reason);

    Session *m_session;
    QString m_account;
    QString m_room;
    QHash<QString, QStringList> m_initial;
    DataFormWidget *m_form;
    StatusLabel *m_status;
    QPushButton *m_save;
    QPushButton *m_destroy;
    QDialog *m_confirm = nullptr;
    bool m_initialConfiguration = false;
};

} // namespace parla::ui
