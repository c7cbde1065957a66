// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace parla {
class Session;
}

namespace parla::ui {

class StatusLabel;

/// Browses the public rooms of a group chat service (XEP-0045 §6.3, RoomsApi::roomDirectory()):
/// a service picker filled from RoomsApi::mucServices() (any other service can be typed), a
/// filter over name, address and description as one types, and a sortable table with a lock
/// on rooms that need a password or membership. Join (or Enter / double-click on a row) emits
/// joinRequested(); the dialog stays open so several rooms can be picked.
class RoomDirectoryDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        AddressColumn,
        OccupantsColumn,
        DescriptionColumn,
        ColumnCount
    };

    RoomDirectoryDialog(Session *session, const QString &account, QWidget *parent = nullptr);

    /// Lists the rooms of `service` (also what Enter in the service box does).
    void showService(const QString &service);

    QComboBox *serviceBox() const { return m_service; }
    QLineEdit *filterEdit() const { return m_filter; }
    QTreeView *view() const { return m_view; }
    /// The filtered, sorted rows the view shows.
    QSortFilterProxyModel *rooms() const { return m_proxy; }
    QPushButton *joinButton() const { return m_join; }
    StatusLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    /// The person wants to join `room` (bare JID) with `account`.
    void joinRequested(const QString &account, const QString &room);

private:
    void joinSelected();
    QString selectedRoom() const;
    void updateCount();

    Session *m_session;
    QString m_account;
    QString m_shown; ///< the service whose rooms are (being) listed
    QComboBox *m_service;
    QLineEdit *m_filter;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    StatusLabel *m_status;
    QPushButton *m_join;
};

} // namespace parla::ui
