// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/roomtypes.h"

#include <QObject>

#include <functional>
#include <optional>

class QAction;
class QBoxLayout;
class QLabel;
class QMenu;
class QToolButton;

namespace parla {
class Session;
}

namespace parla::ui {

class ChatPanel;
class NickCompleter;
class OccupantPanel;
class RoomStateBanner;

/// The group chat parts of the chat panel (XEP-0045), shown while the open conversation is a
/// room: the subject line, the state banner, the occupant side panel (toggled from the header
/// or with Ctrl+Shift+O), the room menu (change subject, change nick, invite, room settings,
/// leave/join) and nick completion in the composer. Follows RoomsApi::roomChanged.
class RoomController : public QObject
{
    Q_OBJECT
public:
    /// Places its widgets: `names` under the title, `headerButtons` in the header row,
    /// `banner` under the header, `side` right of the messages.
    RoomController(Session *session, ChatPanel *panel, QBoxLayout *names, QBoxLayout *headerButtons,
                   QBoxLayout *banner, QBoxLayout *side);

    /// The panel opened a conversation; whether it is a room is decided here.
    void setConversation(const QString &account, const QString &peer);
    bool isRoom() const { return m_isRoom; }
    RoomInfo info() const { return m_info; }
    /// The header's second line for a room: "12 people · room@service".
    QString subtitle() const;
    RoomStateBanner *banner() const { return m_banner; }
    QLabel *subjectLabel() const { return m_subject; }
    OccupantPanel *occupantPanel() const { return m_occupants; }
    QToolButton *occupantsButton() const { return m_occupantsButton; }
    QToolButton *roomMenuButton() const { return m_menuButton; }
    NickCompleter *nickCompleter() const { return m_completer; }
    /// The room menu's entries for our current standing (built per request).
    void fillRoomMenu(QMenu *menu);
    void setOccupantsVisible(bool visible);
    /// Puts a nick into the composer at the cursor ("nick: " at the start of the message).
    void insertMention(const QString &nick);
    /// Asks the user for a line of text (nullopt: cancelled); replaceable for tests.
    using Prompt = std::function<std::optional<QString>(const QString &title, const QString &label,
                                                        const QString &initial)>;
    void setPrompt(Prompt prompt) { m_prompt = std::move(prompt); }

Q_SIGNALS:
    /// "Room settings…" (owners and admins): the configuration dialog the lead wires in.
    void roomSettingsRequested(const QString &account, const QString &room);
    /// "Members and bans…" (admins and owners): the affiliation lists.
    void affiliationsRequested(const QString &account, const QString &room);
    /// Open a conversation: a private message with an occupant (room@service/nick).
    void conversationRequested(const QString &account, const QString &peer);
    /// The join dialog for another room (a destroyed room's successor): never joined silently.
    void joinDialogRequested(const QString &account, const QString &room);

private:
    void refresh();
    QStringList occupantNicks() const;
    QStringList recentSpeakers() const;

    Session *m_session;
    ChatPanel *m_panel;
    QString m_account;
    QString m_peer;
    bool m_isRoom = false;
    bool m_occupantsWanted = true;
    RoomInfo m_info;
    QLabel *m_subject;
    RoomStateBanner *m_banner;
    OccupantPanel *m_occupants;
    QWidget *m_sideLine;
    QToolButton *m_occupantsButton;
    QToolButton *m_menuButton;
    NickCompleter *m_completer;
    Prompt m_prompt;
};

} // namespace parla::ui
