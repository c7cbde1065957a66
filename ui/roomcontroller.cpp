// SPDX-License-Identifier: GPL-3.0-or-later
#include "roomcontroller.h"

#include "chatpanel.h"
#include "chatview.h"
#include "composer.h"
#include "icons.h"
#include "invitedialog.h"
#include "modelutil.h"
#include "nickcompleter.h"
#include "occupantpanel.h"
#include "roomstatebanner.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QAction>
#include <QBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QResizeEvent>
#include <QToolButton>

namespace parla::ui {

using namespace parla::models;

namespace {

/// One line that elides to its width; the whole text stays in the tooltip.
class ElidedLabel : public QLabel
{
public:
    using QLabel::QLabel;
    void setFullText(const QString &text)
    {
        m_full = text;
        setToolTip(text);
        elide();
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        elide();
    }
    QSize minimumSizeHint() const override { return {20, QLabel::minimumSizeHint().height()}; }

private:
    void elide()
    {
        setText(fontMetrics().elidedText(m_full.simplified(), Qt::ElideRight, qMax(20, width())));
    }
    QString m_full;
};

} // namespace

RoomController::RoomController(Session *session, ChatPanel *panel, QBoxLayout *names,
                               QBoxLayout *headerButtons, QBoxLayout *banner, QBoxLayout *side)
    : QObject(panel), m_session(session), m_panel(panel), m_subject(new ElidedLabel(panel)),
      m_banner(new RoomStateBanner(panel)), m_occupants(new OccupantPanel(session, panel)),
      m_sideLine(new QFrame(panel)), m_occupantsButton(new QToolButton(panel)),
      m_menuButton(new QToolButton(panel)),
      m_completer(new NickCompleter(panel->composer()->edit()))
{
    m_subject->setObjectName(QStringLiteral("RoomSubject"));
    m_subject->setAccessibleName(tr("Room subject"));
    m_subject->setTextFormat(Qt::PlainText);
    m_subject->hide();
    names->insertWidget(1, m_subject);
    banner->addWidget(m_banner);
    m_sideLine->setObjectName(QStringLiteral("VLine"));
    side->addWidget(m_sideLine);
    side->addWidget(m_occupants);
    m_occupants->setFixedWidth(250);
    m_occupants->hide();
    m_sideLine->hide();

    m_occupantsButton->setObjectName(QStringLiteral("occupantsButton"));
    m_occupantsButton->setIcon(Icons::themed(QStringLiteral("contacts")));
    m_occupantsButton->setIconSize(QSize(20, 20));
    m_occupantsButton->setCheckable(true);
    m_occupantsButton->setChecked(true);
    m_occupantsButton->setToolTip(tr("People in this room (Ctrl+Shift+O)"));
    m_occupantsButton->setAccessibleName(tr("Show people in this room"));
    m_occupantsButton->hide();
    m_menuButton->setObjectName(QStringLiteral("roomMenuButton"));
    m_menuButton->setIcon(Icons::themed(QStringLiteral("settings")));
    m_menuButton->setIconSize(QSize(20, 20));
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setToolTip(tr("Room"));
    m_menuButton->setAccessibleName(tr("Room menu"));
    m_menuButton->hide();
    auto *menu = new QMenu(m_menuButton);
    m_menuButton->setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        menu->clear();
        fillRoomMenu(menu);
    });
    headerButtons->addWidget(m_occupantsButton);
    headerButtons->addWidget(m_menuButton);

    auto *toggle = new QAction(tr("People in this room"), panel);
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    toggle->setShortcutContext(Qt::WindowShortcut);
    panel->addAction(toggle);
    connect(toggle, &QAction::triggered, this, [this] {
        if (m_isRoom) {
            setOccupantsVisible(m_occupants->isHidden());
            if (!m_occupants->isHidden())
                m_occupants->filterEdit()->setFocus();
        }
    });
    connect(m_occupantsButton, &QToolButton::toggled, this, &RoomController::setOccupantsVisible);

    m_prompt = [this](const QString &title, const QString &label,
                      const QString &initial) -> std::optional<QString> {
        bool ok = false;
        const QString text =
            QInputDialog::getText(m_panel, title, label, QLineEdit::Normal, initial, &ok);
        return ok ? std::optional<QString>(text) : std::nullopt;
    };

    connect(m_banner, &RoomStateBanner::joinRequested, this, [this](const QString &password) {
        const QString nick =
            m_info.nick.isEmpty() ? m_account.section(QLatin1Char('@'), 0, 0) : m_info.nick;
        m_session->rooms().joinRoom(m_account, m_peer, nick, password);
    });
    connect(m_banner, &RoomStateBanner::goToRequested, this,
            [this](const QString &room) { Q_EMIT joinDialogRequested(m_account, room); });
    connect(m_occupants, &OccupantPanel::mentionRequested, this, &RoomController::insertMention);
    connect(m_occupants, &OccupantPanel::privateMessageRequested, this,
            &RoomController::conversationRequested);
    connect(&session->rooms(), &RoomsApi::roomChanged, this,
            [this](const QString &account, const QString &room) {
                if (account == m_account && room == m_peer)
                    refresh();
            });
}

void RoomController::setConversation(const QString &account, const QString &peer)
{
    m_account = account;
    m_peer = peer;
    const QModelIndex row = findRow(m_session->chats().conversationModel(), ConversationAccountRole,
                                    account, ConversationPeerRole, peer);
    // A private message (room@service/nick) is a 1:1 conversation, not the room.
    m_isRoom = !peer.contains(QLatin1Char('/')) &&
               (row.data(ConversationKindRole).toInt() == 1 ||
                m_session->rooms().roomInfo(account, peer).state != RoomState::NotJoined);
    if (m_isRoom) {
        m_occupants->setRoom(account, peer);
        m_completer->setProviders([this] { return occupantNicks(); },
                                  [this] { return recentSpeakers(); }, QString());
    } else {
        m_completer->clear();
        m_occupants->setRoom(account, QString());
    }
    refresh();
}

void RoomController::refresh()
{
    m_occupantsButton->setVisible(m_isRoom);
    m_menuButton->setVisible(m_isRoom);
    if (!m_isRoom) {
        m_info = {};
        m_subject->hide();
        m_banner->hide();
        m_occupants->hide();
        m_sideLine->hide();
        return;
    }
    m_info = m_session->rooms().roomInfo(m_account, m_peer);
    static_cast<ElidedLabel *>(m_subject)->setFullText(m_info.subject);
    m_subject->setVisible(!m_info.subject.isEmpty());
    m_banner->setInfo(m_info);
    m_occupants->setJoined(m_info.state == RoomState::Joined);
    m_completer->setProviders([this] { return occupantNicks(); },
                              [this] { return recentSpeakers(); }, m_info.nick);
    setOccupantsVisible(m_occupantsWanted);
}

QString RoomController::subtitle() const
{
    int count = m_info.occupantCount;
    if (QAbstractItemModel *m = m_session->rooms().occupantModel(m_account, m_peer))
        count = qMax(count, m->rowCount());
    if (m_info.state != RoomState::Joined)
        return m_peer;
    return tr("%n people", nullptr, count) + QStringLiteral(" · ") + m_peer;
}

void RoomController::setOccupantsVisible(bool visible)
{
    if (m_isRoom)
        m_occupantsWanted = visible;
    const bool show = visible && m_isRoom;
    m_occupants->setVisible(show);
    m_sideLine->setVisible(show);
    const QSignalBlocker block(m_occupantsButton);
    m_occupantsButton->setChecked(show);
}

void RoomController::insertMention(const QString &nick)
{
    ComposerEdit *edit = m_panel->composer()->edit();
    QTextCursor c = edit->textCursor();
    const bool lineStart = c.positionInBlock() == 0;
    c.insertText(nick + (lineStart ? QStringLiteral(": ") : QStringLiteral(" ")));
    edit->setTextCursor(c);
    edit->setFocus();
}

void RoomController::fillRoomMenu(QMenu *menu)
{
    const RoomInfo info = m_session->rooms().roomInfo(m_account, m_peer);
    const bool joined = info.state == RoomState::Joined;
    // XEP-0045 §8.1: moderators change the subject (rooms may allow more; the room decides).
    if (joined && info.role == RoomRole::Moderator) {
        menu->addAction(tr("Change subject…"), this, [this, info] {
            if (const auto s = m_prompt(tr("Change subject"), tr("Subject:"), info.subject))
                m_session->rooms().setRoomSubject(m_account, m_peer, *s);
        });
    }
    menu->addAction(tr("Change nickname…"), this, [this, info] {
        const auto nick = m_prompt(tr("Change nickname"), tr("Nickname in this room:"), info.nick);
        if (nick && !nick->trimmed().isEmpty() && *nick != info.nick)
            m_session->rooms().changeNick(m_account, m_peer, nick->trimmed());
    });
    if (joined) {
        menu->addAction(tr("Invite…"), this, [this] {
            auto *dialog = new InviteDialog(m_session, m_account, m_peer, m_panel);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        });
    }
    // §10.2: only owners configure the room; §9.5/§10.5: admins and owners edit the lists.
    if (joined && info.affiliation == RoomAffiliation::Owner) {
        menu->addAction(tr("Room settings…"), this,
                        [this] { Q_EMIT roomSettingsRequested(m_account, m_peer); });
    }
    if (joined && (info.affiliation == RoomAffiliation::Owner ||
                   info.affiliation == RoomAffiliation::Admin)) {
        menu->addAction(tr("Members and bans…"), this,
                        [this] { Q_EMIT affiliationsRequested(m_account, m_peer); });
    }
    menu->addSeparator();
    if (info.state == RoomState::Joined || info.state == RoomState::Joining) {
        menu->addAction(tr("Leave room"), this,
                        [this] { m_session->rooms().leaveRoom(m_account, m_peer); });
    } else if (info.state != RoomState::Banned && info.state != RoomState::Destroyed) {
        menu->addAction(tr("Join room"), this, [this, info] {
            const QString nick =
                info.nick.isEmpty() ? m_account.section(QLatin1Char('@'), 0, 0) : info.nick;
            m_session->rooms().joinRoom(m_account, m_peer, nick, {});
        });
    }
}

QStringList RoomController::occupantNicks() const
{
    QStringList out;
    if (QAbstractItemModel *m = m_session->rooms().occupantModel(m_account, m_peer)) {
        out.reserve(m->rowCount());
        for (int r = 0; r < m->rowCount(); ++r)
            out << m->index(r, 0).data(OccupantNickRole).toString();
    }
    return out;
}

QStringList RoomController::recentSpeakers() const
{
    QStringList out;
    QAbstractItemModel *m = m_panel->chatView()->messageModel();
    // The last few hundred messages are "recent" enough and cheap to walk.
    for (int r = m ? m->rowCount() - 1 : -1, seen = 0; r >= 0 && seen < 300; --r, ++seen) {
        const QModelIndex i = m->index(r, 0);
        if (i.data(MessageOutgoingRole).toBool())
            continue;
        const QString nick = i.data(MessageSenderNickRole).toString();
        if (!nick.isEmpty() && !out.contains(nick))
            out << nick;
    }
    return out;
}

} // namespace parla::ui
