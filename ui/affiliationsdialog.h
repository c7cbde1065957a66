// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/roomtypes.h"

#include <QDialog>

#include <vector>

class QLineEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace parla {
class Session;
}

namespace parla::ui {

class StatusLabel;

/// Who has a lasting relation with a room (XEP-0045 §9.3–9.8 admin, §10.3–10.8 owner use
/// cases): one tab each for owners, admins, members and banned people, listed with
/// RoomsApi::affiliationList() when the tab is first shown. An address can be added to the list
/// (with a reason for bans) or the selected entries removed (affiliation none), both through
/// RoomsApi::setAffiliation(); the list is fetched again after every change, so it shows what
/// the server has, not what we asked for.
class AffiliationsDialog : public QDialog
{
    Q_OBJECT
public:
    AffiliationsDialog(Session *session, const QString &account, const QString &room,
                       QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    /// Shows the tab of an affiliation (Owner, Admin, Member or Outcast).
    void showAffiliation(RoomAffiliation affiliation);
    QTreeWidget *listOf(RoomAffiliation affiliation) const;
    QLineEdit *addressEditOf(RoomAffiliation affiliation) const;
    /// The reason box (only the banned tab has one), else null.
    QLineEdit *reasonEditOf(RoomAffiliation affiliation) const;
    QPushButton *addButtonOf(RoomAffiliation affiliation) const;
    QPushButton *removeButtonOf(RoomAffiliation affiliation) const;
    StatusLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    /// The server accepted a change of `jid`'s affiliation.
    void affiliationChanged(const QString &account, const QString &room, const QString &jid,
                            parla::RoomAffiliation affiliation);

private:
    struct Page
    {
        RoomAffiliation affiliation;
        QTreeWidget *list = nullptr;
        QLineEdit *address = nullptr;
        QLineEdit *reason = nullptr;
        QPushButton *add = nullptr;
        QPushButton *remove = nullptr;
        bool loaded = false;
    };

    QWidget *makePage(Page &page);
    const Page *pageOf(RoomAffiliation affiliation) const;
    void load(Page &page);
    void add(Page &page);
    void removeSelected(Page &page);
    void change(Page &page, const QString &jid, RoomAffiliation to, const QString &reason);

    Session *m_session;
    QString m_account;
    QString m_room;
    QTabWidget *m_tabs;
    StatusLabel *m_status;
    std::vector<Page> m_pages;
};

} // namespace parla::ui
