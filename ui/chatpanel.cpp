// SPDX-License-Identifier: GPL-3.0-or-later
#include "chatpanel.h"

#include "avatarpainter.h"
#include "chatview.h"
#include "composer.h"
#include "icons.h"
#include "modelutil.h"
#include "mutemenu.h"
#include "peopleactions.h"
#include "roomcontroller.h"
#include "theme.h"

#include "core/models/messagepaging.h"
#include "core/models/roles.h"
#include "core/session/session.h"

#include <QBoxLayout>
#include <QEvent>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QToolButton>

namespace parla::ui {

using namespace parla::models;

namespace {

/// The header's round avatar; repaints from the panel's current data.
class HeaderAvatar : public QWidget
{
public:
    explicit HeaderAvatar(QWidget *parent) : QWidget(parent) { setFixedSize(40, 40); }
    QString name;
    QColor color;
    QImage picture;
    Availability availability = Availability::Offline;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        const QRect r(0, 0, 40, 40);
        AvatarPainter::paint(&p, r, name, color, picture);
        AvatarPainter::paintPresence(&p, r, availability, palette().color(QPalette::Window));
    }
};

QFrame *hline(QWidget *parent)
{
    auto *f = new QFrame(parent);
    f->setObjectName(QStringLiteral("HLine"));
    f->setFrameShape(QFrame::NoFrame);
    return f;
}

} // namespace

ChatPanel::ChatPanel(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_avatar(new HeaderAvatar(this)),
      m_title(new QLabel(this)), m_subtitle(new QLabel(this)), m_view(new ChatView(this)),
      m_composer(new Composer(this)), m_muteButton(new QToolButton(this)),
      m_peopleMenu(new QToolButton(this)), m_typing(new QLabel(this))
{
    auto *header = new QWidget(this);
    header->setObjectName(QStringLiteral("ChatHeader"));
    header->setAttribute(Qt::WA_StyledBackground);
    m_title->setObjectName(QStringLiteral("ChatTitle"));
    m_title->setAccessibleName(tr("Contact name"));
    m_title->setTextFormat(Qt::PlainText);
    m_subtitle->setObjectName(QStringLiteral("Muted"));
    m_subtitle->setAccessibleName(tr("Presence and address"));
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *names = new QVBoxLayout;
    names->setSpacing(1);
    names->addWidget(m_title);
    names->addWidget(m_subtitle);
    m_typing->setObjectName(QStringLiteral("TypingIndicator"));
    m_typing->setTextFormat(Qt::PlainText);
    m_typing->setAccessibleName(tr("Typing indicator"));
    m_typing->hide();
    names->addWidget(m_typing);
    auto *hl = new QHBoxLayout(header);
    hl->setContentsMargins(16, 10, 16, 10);
    hl->setSpacing(12);
    hl->addWidget(m_avatar);
    hl->addLayout(names, 1);
    m_muteButton->setObjectName(QStringLiteral("muteButton"));
    m_muteButton->setAutoRaise(true);
    m_muteButton->setPopupMode(QToolButton::InstantPopup);
    m_muteButton->setIconSize(QSize(20, 20));
    auto *muteMenu = new QMenu(m_muteButton);
    m_muteButton->setMenu(muteMenu);
    connect(muteMenu, &QMenu::aboutToShow, this, [this, muteMenu] {
        muteMenu->clear(); // built fresh: the mute may have ended meanwhile
        addMuteActions(muteMenu, m_session, m_account, m_peer);
    });
    hl->addWidget(m_muteButton);
    hl->addWidget(m_peopleMenu);
    setupPeopleMenu(this, m_session, m_peopleMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addWidget(hline(this));
    // Group chats: a state banner under the header, the occupant list right of the messages.
    auto *bannerRow = new QVBoxLayout;
    layout->addLayout(bannerRow);
    auto *body = new QHBoxLayout;
    body->setSpacing(0);
    auto *column = new QVBoxLayout;
    column->setSpacing(0);
    column->addWidget(m_view, 1);
    column->addWidget(m_composer);
    body->addLayout(column, 1);
    layout->addLayout(body, 1);
    m_room = new RoomController(session, this, names, hl, bannerRow, body);
    connect(&m_session->rooms(), &RoomsApi::roomChanged, this,
            [this](const QString &account, const QString &room) {
                if (account == m_account && room == m_peer)
                    refreshHeader();
            });

    connect(m_composer, &Composer::sendRequested, this, [this](const QString &text) {
        if (!m_peer.isEmpty()) {
            // After a jump into older history, the sent message shows with the newest ones.
            if (auto *paging = dynamic_cast<models::MessagePaging *>(m_view->messageModel()))
                paging->showLatest();
            m_session->chats().sendMessage(m_account, m_peer, text);
            m_view->scrollToBottomNow();
        }
    });
    connect(m_view, &ChatView::retryRequested, &m_session->chats(), &ChatsApi::retryMessage);

    auto refreshOn = [this](QAbstractItemModel *model, auto slot) {
        connect(model, &QAbstractItemModel::dataChanged, this, slot);
        connect(model, &QAbstractItemModel::modelReset, this, slot);
    };
    refreshOn(m_session->chats().conversationModel(), [this] { refreshHeader(); });
    refreshOn(m_session->people().rosterModel(), [this] { refreshHeader(); });
    refreshOn(m_session->accounts().accountModel(), [this] { refreshAccountState(); });
    connect(&m_session->people(), &PeopleApi::avatarChanged, this,
            [this](const QString &account, const QString &jid) {
                if (account == m_account && jid == m_peer)
                    refreshHeader();
            });
    setupMessageFeatures();
}

QString ChatPanel::typingText() const
{
    return m_typing->isHidden() ? QString() : m_typing->text();
}

QModelIndex ChatPanel::rowOfMessage(qint64 id) const
{
    QAbstractItemModel *m = m_view->messageModel();
    if (!m || id == 0)
        return {};
    for (int r = m->rowCount() - 1; r >= 0; --r) {
        const QModelIndex i = m->index(r, 0);
        if (i.data(MessageIdRole).toLongLong() == id)
            return i;
    }
    return {};
}

void ChatPanel::setupMessageFeatures()
{
    m_confirmRetract = [](QWidget *parent) {
        return QMessageBox::question(parent, tr("Delete message"),
                                     tr("Delete this message for everyone? Clients that do not "
                                        "support deleting will still show it.")) ==
               QMessageBox::Yes;
    };
    // Replies and corrections (XEP-0461, XEP-0308) from the composer.
    connect(m_composer, &Composer::replyRequested, this,
            [this](qint64 replyTo, const QString &text) {
                if (m_peer.isEmpty())
                    return;
                m_session->chats().sendReply(m_account, m_peer, replyTo, text);
                m_view->scrollToBottomNow();
            });
    connect(m_composer, &Composer::editRequested, this, [this](qint64 id, const QString &text) {
        m_session->chats().correctMessage(m_account, id, text);
    });
    connect(m_composer, &Composer::editLastRequested, this, [this] {
        QAbstractItemModel *m = m_view->messageModel();
        for (int r = m ? m->rowCount() - 1 : -1; r >= 0; --r) {
            const QModelIndex i = m->index(r, 0);
            if (i.data(MessageOutgoingRole).toBool()) {
                if (!i.data(MessageRetractedRole).toBool())
                    m_composer->startEdit(i.data(MessageIdRole).toLongLong(),
                                          i.data(MessageBodyRole).toString());
                return;
            }
        }
    });
    connect(m_composer, &Composer::chatStateChanged, this, [this](int state) {
        if (!m_peer.isEmpty())
            m_session->chats().setChatState(m_account, m_peer, xmpp::ChatState(state));
    });
    // Context actions of the view.
    connect(m_view, &ChatView::replyRequested, this, [this](qint64 id) {
        const QModelIndex i = rowOfMessage(id);
        if (i.isValid())
            m_composer->startReply(id, i.data(MessageSenderRole).toString(),
                                   i.data(MessageBodyRole).toString());
    });
    connect(m_view, &ChatView::editRequested, this, [this](qint64 id) {
        const QModelIndex i = rowOfMessage(id);
        if (i.isValid())
            m_composer->startEdit(id, i.data(MessageBodyRole).toString());
    });
    connect(m_view, &ChatView::retractRequested, this, [this](qint64 id) {
        if (m_confirmRetract && m_confirmRetract(this))
            m_session->chats().retractMessage(m_account, id);
    });
    connect(m_view, &ChatView::reactionToggled, this, [this](qint64 id, const QString &emoji) {
        m_session->chats().toggleReaction(m_account, id, emoji);
    });
    // XEP-0085: the peer's typing, shown under the name.
    connect(&m_session->chats(), &ChatsApi::chatStateChanged, this,
            [this](const QString &account, const QString &peer, int state) {
                if (account != m_account || peer != m_peer)
                    return;
                const bool typing = xmpp::ChatState(state) == xmpp::ChatState::Composing;
                m_typing->setText(typing ? tr("%1 is typing…").arg(m_title->text()) : QString());
                m_typing->setVisible(typing);
            });
}

void ChatPanel::showEvent(QShowEvent *event)
{
    // The window is only known once the panel is placed in it.
    window()->installEventFilter(this);
    QWidget::showEvent(event);
}

void ChatPanel::openConversation(const QString &account, const QString &peer)
{
    if (account == m_account && peer == m_peer)
        return;
    m_account = account;
    m_peer = peer;
    m_typing->hide();
    m_composer->cancelContext();
    m_session->chats().openConversation(account, peer);
    m_conversation = findRow(m_session->chats().conversationModel(), ConversationAccountRole,
                             account, ConversationPeerRole, peer);
    m_contact = findRow(m_session->people().rosterModel(), ContactAccountRole, account,
                        ContactJidRole, peer);
    m_accountRow = findRow(m_session->accounts().accountModel(), AccountJidRole, account);
    m_view->setMessageModel(m_session->chats().messageModel(account, peer), account);
    m_room->setConversation(account, peer);
    if (QAbstractItemModel *m = m_view->messageModel()) {
        connect(m, &QAbstractItemModel::rowsInserted, this, &ChatPanel::markReadIfVisible,
                Qt::UniqueConnection);
    }
    refreshHeader();
    refreshAccountState();
    markReadIfVisible();
    m_composer->setFocus(); // ready to type, as in every chat app
}

bool ChatPanel::showMessage(qint64 messageId)
{
    return m_view->showMessage(messageId);
}

void ChatPanel::refreshHeader()
{
    if (m_peer.isEmpty())
        return;
    if (!m_contact.isValid())
        m_contact = findRow(m_session->people().rosterModel(), ContactAccountRole, m_account,
                            ContactJidRole, m_peer);
    QString name = m_conversation.data(ConversationTitleRole).toString();
    if (name.isEmpty())
        name = m_contact.data(ContactNameRole).toString();
    if (name.isEmpty())
        name = m_peer;
    QColor color = m_conversation.data(ConversationColorRole).value<QColor>();
    if (!color.isValid())
        color = m_contact.data(ContactColorRole).value<QColor>();
    const auto availability =
        Availability((m_contact.isValid() ? m_contact.data(ContactAvailabilityRole)
                                          : m_conversation.data(ConversationAvailabilityRole))
                         .toInt());
    const QString status = m_contact.data(ContactStatusTextRole).toString();

    auto *avatar = static_cast<HeaderAvatar *>(m_avatar);
    avatar->name = name;
    avatar->color = color;
    avatar->availability = availability;
    avatar->picture = m_session->people().avatar(m_account, m_peer, 80);
    avatar->update();
    m_title->setText(name);
    QString sub = availabilityText(availability);
    if (!status.isEmpty())
        sub += QStringLiteral(" · ") + status;
    sub += QStringLiteral(" · ") + m_peer;
    if (m_room->isRoom())
        sub = m_room->subtitle(); // no presence: people count and address
    m_peopleMenu->setVisible(!m_room->isRoom());
    m_subtitle->setText(sub);
    m_subtitle->setToolTip(m_peer);
    m_composer->setPlaceholder(name);
    const bool muted = m_conversation.data(ConversationMutedRole).toBool();
    m_muteButton->setIcon(Icons::themed(muted ? QStringLiteral("muted") : QStringLiteral("bell")));
    m_muteButton->setToolTip(muted ? tr("Muted: no notifications or sounds") : tr("Mute"));
    m_muteButton->setAccessibleName(muted ? tr("Muted") : tr("Mute"));
}

void ChatPanel::prefillComposer(const QString &text)
{
    ComposerEdit *edit = m_composer->edit();
    edit->setPlainText(text);
    edit->moveCursor(QTextCursor::End);
    edit->setFocus();
}

void ChatPanel::refreshAccountState()
{
    if (!m_accountRow.isValid())
        m_accountRow = findRow(m_session->accounts().accountModel(), AccountJidRole, m_account);
    const auto state = ConnectionState(m_accountRow.data(AccountStateRole).toInt());
    m_composer->setOffline(!m_account.isEmpty() && state != ConnectionState::Connected);
}

void ChatPanel::markReadIfVisible()
{
    if (!m_peer.isEmpty() && isVisible() && window()->isActiveWindow())
        m_session->chats().markRead(m_account, m_peer);
}

bool ChatPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::WindowActivate)
        markReadIfVisible();
    return QWidget::eventFilter(watched, event);
}

} // namespace parla::ui
