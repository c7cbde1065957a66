// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "roompermissions.h"

#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QListView;
class QMenu;

namespace parla {
class Session;
}

namespace parla::ui {

/// The occupant model filtered by what the user types (nick or real JID, case-insensitive,
/// instant) and sorted by role (moderators, participants, visitors), then by nick. The tooltip
/// role carries the real JID when the room shows it.
class OccupantFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit OccupantFilterProxy(QObject *parent = nullptr);
    void setFilterText(const QString &text);
    QVariant data(const QModelIndex &index, int role) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
};

/// One occupant per row, all rows the same height (2,000 occupants stay smooth): avatar
/// (OccupantAvatarRole, initials as fallback), nick in the occupant's colour, an affiliation
/// badge; visitors are greyed.
class OccupantDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

/// The side panel of a room: filter line, occupant list, and the per-occupant actions
/// (private message, mention, and the moderation the room lets us do, XEP-0045 §8–10).
class OccupantPanel : public QWidget
{
    Q_OBJECT
public:
    explicit OccupantPanel(Session *session, QWidget *parent = nullptr);

    void setRoom(const QString &account, const QString &room);
    /// While we are not in the room the list is only what we last saw: greyed, and said so.
    void setJoined(bool joined);
    QString account() const { return m_account; }
    QString room() const { return m_room; }
    QLineEdit *filterEdit() const { return m_filter; }
    QListView *view() const { return m_view; }
    OccupantFilterProxy *proxy() const { return m_proxy; }
    /// The context menu for a row of the view (built per request from our current standing).
    QMenu *createContextMenu(const QModelIndex &index, QWidget *parent);
    /// The last failure of a moderation request in plain words (also shown in the panel).
    QString statusText() const;
    /// Asks for an optional reason (nullopt: cancelled); replaceable for tests.
    using ReasonPrompt = std::function<std::optional<QString>(QWidget *, const QString &title)>;
    void setReasonPrompt(ReasonPrompt prompt) { m_reasonPrompt = std::move(prompt); }
    /// Runs an action on the occupant of a view row (asks for the reason first if it takes one).
    void perform(OccupantAction action, const QModelIndex &index);

Q_SIGNALS:
    /// "Private message": a conversation with room@service/nick.
    void privateMessageRequested(const QString &account, const QString &occupantJid);
    /// "Mention": put the nick into the composer.
    void mentionRequested(const QString &nick);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCount();
    void showStatus(const QString &text);

    Session *m_session;
    QString m_account;
    QString m_room;
    QLabel *m_count;
    QLineEdit *m_filter;
    QListView *m_view;
    OccupantFilterProxy *m_proxy;
    QLabel *m_status;
    ReasonPrompt m_reasonPrompt;
    bool m_joined = true;
};

} // namespace parla::ui
