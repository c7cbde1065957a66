// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/roomtypes.h"

#include <QDialog>
#include <QPointer>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace parla {
class Session;
}

namespace parla::ui {

class RoomConfigDialog;
class StatusLabel;

/// Creates a group chat (XEP-0045 §10.1): account, room name, address (localpart @ one of the
/// account's MUC services from RoomsApi::mucServices(), or one typed in), our nick and a
/// RoomPreset, then RoomsApi::createRoom(). The name, when it differs from the address, is set
/// afterwards through the room's configuration (muc#roomconfig_roomname). With
/// RoomPreset::Custom the room stays locked on the server until configured, so a
/// RoomConfigDialog opens right after creation (parented to this dialog's parent, deleted on
/// close) with the name filled in.
class CreateRoomDialog : public QDialog
{
    Q_OBJECT
public:
    /// `account` preselects one of the session's accounts (empty: the first).
    explicit CreateRoomDialog(Session *session, const QString &account = {},
                              QWidget *parent = nullptr);

    /// A URL-safe localpart suggested from a room name ("Book Club!" → "book-club").
    static QString suggestLocalpart(const QString &name);

    QString account() const;
    /// localpart@service as entered (empty until both parts are there).
    QString roomAddress() const;
    RoomPreset preset() const;
    void setPreset(RoomPreset preset);

    QComboBox *accountBox() const { return m_account; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *localpartEdit() const { return m_localpart; }
    QComboBox *serviceBox() const { return m_service; }
    QLineEdit *nickEdit() const { return m_nick; }
    QPushButton *createButton() const { return m_create; }
    StatusLabel *statusLabel() const { return m_status; }
    /// The configuration dialog opened for a Custom room, while it is open.
    RoomConfigDialog *configDialog() const { return m_config; }

Q_SIGNALS:
    /// The room exists and we are its owner (emitted before any naming or configuration).
    void roomCreated(const QString &account, const QString &room);

private:
    void accountChanged();
    void updateFeedback();
    /// Plain words for what keeps the room from being created, empty when nothing.
    QString problem() const;
    void create();
    void created(const QString &account, const QString &room);
    void finishWithError(const QString &text);

    Session *m_session;
    QComboBox *m_account;
    QLineEdit *m_name;
    QLineEdit *m_localpart;
    QComboBox *m_service;
    QLineEdit *m_nick;
    QButtonGroup *m_presets;
    QLabel *m_feedback;
    StatusLabel *m_status;
    QPushButton *m_create;
    QPushButton *m_cancel;
    bool m_localpartEdited = false;
    bool m_nickEdited = false;
    QPointer<RoomConfigDialog> m_config;
};

} // namespace parla::ui
