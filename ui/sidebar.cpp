// SPDX-License-Identifier: GPL-3.0-or-later
#include "sidebar.h"

#include "accountstrip.h"
#include "conversationfilterproxy.h"
#include "conversationlistdelegate.h"
#include "icons.h"
#include "mutemenu.h"
#include "rosterview.h"
#include "statusselector.h"
#include "subscriptionbanner.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QBoxLayout>
#include <QButtonGroup>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>

namespace parla::ui {

using namespace parla::models;

Sidebar::Sidebar(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_filter(new QLineEdit(this)),
      m_chatsButton(new QToolButton(this)), m_contactsButton(new QToolButton(this)),
      m_stack(new QStackedWidget(this)), m_conversations(new QListView(this)),
      m_conversationProxy(new ConversationFilterProxy(this)),
      m_roster(new RosterView(session, this)), m_strip(new AccountStrip(session, this)),
      m_banner(new SubscriptionBanner(session, this))
{
    setObjectName(QStringLiteral("Sidebar"));
    setAttribute(Qt::WA_StyledBackground);
    setMinimumWidth(260);

    // Top bar: availability, new chat, accounts.
    auto *status = new StatusSelector(session, {}, this);
    auto *newChat = new QToolButton(this);
    newChat->setIcon(Icons::themed(QStringLiteral("new-chat")));
    newChat->setToolTip(tr("New chat (Ctrl+N)"));
    newChat->setAccessibleName(tr("New chat"));
    auto *accounts = new QToolButton(this);
    accounts->setIcon(Icons::themed(QStringLiteral("settings")));
    accounts->setToolTip(tr("Accounts (Ctrl+,)"));
    accounts->setAccessibleName(tr("Accounts"));
    for (QToolButton *b : {newChat, accounts})
        b->setIconSize(QSize(20, 20));
    auto *top = new QHBoxLayout;
    top->setContentsMargins(10, 10, 10, 6);
    top->addWidget(status);
    top->addStretch();
    top->addWidget(newChat);
    top->addWidget(accounts);

    m_filter->setObjectName(QStringLiteral("FilterBox"));
    m_filter->setPlaceholderText(tr("Search"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(Icons::themed(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_filter->setAccessibleName(tr("Filter chats and contacts"));
    m_filter->setToolTip(tr("Filter by name or address (Ctrl+F, Escape clears)"));
    m_filter->installEventFilter(this);

    // Segmented switch Chats | Contacts.
    auto *segments = new QWidget(this);
    segments->setObjectName(QStringLiteral("SegmentBox"));
    segments->setAttribute(Qt::WA_StyledBackground);
    auto *group = new QButtonGroup(this);
    const QList<QPair<QToolButton *, QString>> buttons = {{m_chatsButton, tr("Chats")},
                                                          {m_contactsButton, tr("Contacts")}};
    auto *seg = new QHBoxLayout(segments);
    seg->setContentsMargins(3, 3, 3, 3);
    seg->setSpacing(2);
    for (const auto &[b, text] : buttons) {
        b->setObjectName(QStringLiteral("Segment"));
        b->setText(text);
        b->setCheckable(true);
        b->setAccessibleName(text);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        group->addButton(b);
        seg->addWidget(b);
    }
    m_chatsButton->setChecked(true);
    m_chatsButton->setToolTip(tr("Conversations"));
    m_contactsButton->setToolTip(tr("Contacts and requests"));

    m_conversationProxy->setSourceModel(session->chats().conversationModel());
    m_conversations->setModel(m_conversationProxy);
    m_conversations->setItemDelegate(new ConversationListDelegate(m_conversations));
    m_conversations->setFrameShape(QFrame::NoFrame);
    m_conversations->setMouseTracking(true);
    m_conversations->setUniformItemSizes(true);
    m_conversations->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_conversations->setAccessibleName(tr("Conversations"));
    m_conversations->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(
        m_conversations, &QListView::customContextMenuRequested, this, [this](const QPoint &pos) {
            const QModelIndex i = m_conversations->indexAt(pos);
            if (!i.isValid())
                return;
            const QString account = i.data(ConversationAccountRole).toString();
            const QString peer = i.data(ConversationPeerRole).toString();
            auto *menu = new QMenu(this);
            menu->setAttribute(Qt::WA_DeleteOnClose);
            connect(menu->addAction(tr("Mark as &read")), &QAction::triggered, this,
                    [this, account, peer] { m_session->chats().markRead(account, peer); });
            addMuteActions(menu, m_session, account, peer);
            connect(menu->addAction(Icons::themed(QStringLiteral("close")), tr("&Close chat")),
                    &QAction::triggered, this,
                    [this, account, peer] { m_session->chats().closeConversation(account, peer); });
            menu->popup(m_conversations->viewport()->mapToGlobal(pos));
        });
    m_stack->addWidget(m_conversations);
    m_stack->addWidget(m_roster);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addWidget(m_strip);
    auto *pad = new QVBoxLayout;
    pad->setContentsMargins(10, 0, 10, 0);
    pad->setSpacing(8);
    pad->addWidget(m_filter);
    pad->addWidget(segments);
    pad->addWidget(m_banner);
    layout->addLayout(pad);
    layout->addWidget(m_stack, 1);

    connect(newChat, &QToolButton::clicked, this, &Sidebar::newChatRequested);
    connect(accounts, &QToolButton::clicked, this, &Sidebar::accountsRequested);
    connect(m_strip, &AccountStrip::accountsDialogRequested, this, &Sidebar::accountsRequested);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_conversationProxy->setFilterText(text);
        m_roster->setFilterText(text);
    });
    connect(m_chatsButton, &QToolButton::toggled, this,
            [this](bool on) { m_stack->setCurrentIndex(on ? 0 : 1); });
    connect(m_conversations->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    Q_EMIT conversationActivated(current.data(ConversationAccountRole).toString(),
                                                 current.data(ConversationPeerRole).toString());
            });
    connect(m_roster, &RosterView::conversationRequested, this,
            [this](const QString &account, const QString &jid) {
                setPage(Page::Chats);
                Q_EMIT conversationActivated(account, jid);
            });
}

void Sidebar::setPage(Page page)
{
    (page == Page::Chats ? m_chatsButton : m_contactsButton)->setChecked(true);
}

Sidebar::Page Sidebar::page() const
{
    return m_chatsButton->isChecked() ? Page::Chats : Page::Contacts;
}

void Sidebar::stepConversation(int delta)
{
    setPage(Page::Chats);
    const int n = m_conversationProxy->rowCount();
    if (n == 0)
        return;
    const int current = m_conversations->currentIndex().isValid()
                            ? m_conversations->currentIndex().row()
                            : (delta > 0 ? -1 : n);
    const int next = qBound(0, current + delta, n - 1);
    m_conversations->setCurrentIndex(m_conversationProxy->index(next, 0));
}

void Sidebar::selectConversation(const QString &account, const QString &peer)
{
    for (int r = 0; r < m_conversationProxy->rowCount(); ++r) {
        const QModelIndex i = m_conversationProxy->index(r, 0);
        if (i.data(ConversationAccountRole).toString() == account &&
            i.data(ConversationPeerRole).toString() == peer) {
            QSignalBlocker block(m_conversations->selectionModel());
            m_conversations->setCurrentIndex(i);
            m_conversations->viewport()->update();
            return;
        }
    }
}

bool Sidebar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && !m_filter->text().isEmpty()) {
            m_filter->clear();
            return true;
        }
        // Down from the filter box walks into the visible list.
        if (key->key() == Qt::Key_Down) {
            QAbstractItemView *list = page() == Page::Chats
                                          ? static_cast<QAbstractItemView *>(m_conversations)
                                          : static_cast<QAbstractItemView *>(m_roster->view());
            list->setFocus();
            if (!list->currentIndex().isValid() && list->model()->rowCount() > 0)
                list->setCurrentIndex(list->model()->index(0, 0));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace parla::ui
