// SPDX-License-Identifier: GPL-3.0-or-later
#include "chatview.h"

#include "emojipicker.h"
#include "icons.h"
#include "messagedelegate.h"
#include "messagetext.h"
#include "theme.h"

#include "core/models/messagepaging.h"
#include "core/models/roles.h"
#include "core/services/types.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QIdentityProxyModel>
#include <QMenu>
#include <QScrollBar>
#include <QTimer>
#include <QUrl>

namespace parla::ui {

using namespace parla::models;

/// QAbstractItemView calls fetchMore() when the *last* row becomes visible, which would load
/// older history whenever the user is at the bottom. This proxy hides canFetchMore() from the
/// view; ChatView asks the source itself when the *top* is reached.
class NoAutoFetchProxy : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool canFetchMore(const QModelIndex &) const override { return false; }
    void fetchMore(const QModelIndex &) override {}
};

namespace {
constexpr int kFetchThreshold = 200; // pixels from the top that trigger loading older messages
constexpr int kPickerMargin = 12;    // the reaction picker sits at the bottom-left of the view
} // namespace

ChatView::ChatView(QWidget *parent)
    : QListView(parent), m_proxy(new NoAutoFetchProxy(this)), m_delegate(new MessageDelegate(this))
{
    setAccessibleName(tr("Messages"));
    setItemDelegate(m_delegate);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setFrameShape(QFrame::NoFrame);
    setResizeMode(QListView::Adjust);
    setMouseTracking(true);
    setWordWrap(true);
    verticalScrollBar()->setSingleStep(24);
    setModel(m_proxy);
    applyBackground();
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int) {
        m_wasAtBottom = isAtBottom();
        maybeFetchOlder();
        maybeFetchNewer();
    });
    // When the view grows taller (window resize, first layout), stay at the bottom if we were.
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int) {
        if (m_anchor.isValid())
            return;
        if (m_wasAtBottom)
            scrollToBottomNow();
    });
    connect(m_proxy, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &tl, const QModelIndex &br) {
                for (int r = tl.row(); r <= br.row(); ++r)
                    m_delegate->invalidate(m_proxy->index(r, 0).data(MessageIdRole).toLongLong());
                // Heights may have changed: let the list lay out again.
                scheduleDelayedItemsLayout();
            });
    // rowsAboutToBeInserted() is not virtual in QAbstractItemView: listen to the model.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &ChatView::beforeRowsInserted);
    connect(m_proxy, &QAbstractItemModel::modelReset, m_delegate, &MessageDelegate::clearCache);
    connect(m_delegate, &MessageDelegate::linkActivated, this, &ChatView::activateLink);
    connect(m_delegate, &MessageDelegate::quoteClicked, this, [this](qint64 id) {
        // XEP-0461: jump to the quoted message, loading its part of the history if needed.
        showMessage(id);
        Q_EMIT quoteActivated(id);
    });
    connect(m_delegate, &MessageDelegate::reactionClicked, this, &ChatView::reactionToggled);
}

void ChatView::activateLink(const QString &url)
{
    const QUrl u(url, QUrl::TolerantMode);
    if (!text::isAllowedLink(u))
        return;
    if (text::isXmppUri(u))
        Q_EMIT xmppUriActivated(u);
    else
        QDesktopServices::openUrl(u);
}

void ChatView::setMessageModel(QAbstractItemModel *model, const QString &account)
{
    m_source = model;
    m_account = account;
    m_delegate->clearCache();
    m_proxy->setSourceModel(model);
    m_wasAtBottom = true;
    scrollToBottomNow();
}

bool ChatView::isAtBottom() const
{
    const QScrollBar *sb = verticalScrollBar();
    return sb->value() >= sb->maximum() - 4;
}

void ChatView::scrollToBottomNow()
{
    m_wasAtBottom = true;
    // Before the view is shown its width is not final; laying out 100,000 rows for a width
    // that changes right after would be wasted. rangeChanged scrolls down once laid out.
    if (!isVisible())
        return;
    executeDelayedItemsLayout();
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_wasAtBottom = true;
}

void ChatView::maybeFetchOlder()
{
    if (!m_source || m_fetching || verticalScrollBar()->value() > kFetchThreshold)
        return;
    if (!m_source->canFetchMore({}))
        return;
    // Nothing to anchor before the first layout: loading at value 0 of an empty view is the
    // model's first page, which the session loads itself.
    if (m_proxy->rowCount() == 0)
        return;
    m_fetching = true;
    m_source->fetchMore({});
    m_fetching = false;
}

void ChatView::maybeFetchNewer()
{
    auto *paging = dynamic_cast<models::MessagePaging *>(m_source);
    if (!paging || m_fetching || !paging->canFetchNewer() || m_proxy->rowCount() == 0)
        return;
    const QScrollBar *sb = verticalScrollBar();
    if (sb->value() < sb->maximum() - kFetchThreshold)
        return;
    m_fetching = true;
    // Appended rows must not pull the view down: the user reads towards them.
    m_wasAtBottom = false;
    paging->fetchNewer();
    m_fetching = false;
}

bool ChatView::showMessage(qint64 messageId)
{
    if (!m_source)
        return false;
    int row = -1;
    // Not yet at bottom: the reset that loads the window must not scroll to the end.
    m_wasAtBottom = false;
    if (auto *paging = dynamic_cast<models::MessagePaging *>(m_source)) {
        row = paging->revealMessage(messageId);
    } else {
        for (int r = 0; r < m_proxy->rowCount() && row < 0; ++r) {
            if (m_proxy->index(r, 0).data(MessageIdRole).toLongLong() == messageId)
                row = r;
        }
    }
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->index(row, 0);
    executeDelayedItemsLayout();
    scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_wasAtBottom = isAtBottom();
    // The highlight is the selection, cleared after a moment unless the user changed it.
    setCurrentIndex(index);
    selectionModel()->select(index, QItemSelectionModel::ClearAndSelect);
    m_highlightId = messageId;
    QTimer::singleShot(1500, this, [this, messageId] {
        if (m_highlightId != messageId)
            return;
        m_highlightId = 0;
        const QModelIndexList selected = selectionModel()->selectedRows();
        if (selected.size() == 1 && selected.first().data(MessageIdRole).toLongLong() == messageId)
            selectionModel()->clearSelection();
    });
    return true;
}

void ChatView::beforeRowsInserted(const QModelIndex &, int start, int)
{
    m_wasAtBottom = isAtBottom();
    if (start == 0 && m_proxy->rowCount() > 0) {
        m_anchor = indexAt(QPoint(viewport()->width() / 2, 1));
        if (!m_anchor.isValid())
            m_anchor = m_proxy->index(0, 0);
        m_anchorOffset = visualRect(m_anchor).top();
    }
}

void ChatView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QListView::rowsInserted(parent, start, end);
    // The row after the inserted ones may gain or lose its date chip (it depends on the row
    // before it, which the model does not know about).
    if (end + 1 < m_proxy->rowCount())
        m_delegate->invalidate(m_proxy->index(end + 1, 0).data(MessageIdRole).toLongLong());
    // Lay out now rather than later so the scroll bar's new range is known right away.
    executeDelayedItemsLayout();
    QScrollBar *sb = verticalScrollBar();
    if (m_anchor.isValid()) {
        // Older messages were prepended: keep the same content under the user's eyes.
        sb->setValue(sb->value() + visualRect(m_anchor).top() - m_anchorOffset);
        m_anchor = QPersistentModelIndex();
    } else if (m_wasAtBottom) {
        sb->setValue(sb->maximum());
    }
    m_wasAtBottom = isAtBottom();
}

void ChatView::resizeEvent(QResizeEvent *event)
{
    const bool atBottom = m_wasAtBottom;
    // Rows are laid out for the width left when the scroll bar shows, whether or not it does:
    // otherwise its appearance would change the width and re-measure every message.
    m_delegate->setViewWidth(contentsRect().width() - verticalScrollBar()->sizeHint().width());
    QListView::resizeEvent(event);
    if (atBottom)
        QTimer::singleShot(0, this, [this] { scrollToBottomNow(); });
}

void ChatView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyBackground();
    if (event->type() == QEvent::FontChange) {
        m_delegate->clearCache();
        scheduleDelayedItemsLayout();
    }
    QListView::changeEvent(event);
}

void ChatView::applyBackground()
{
    const Theme theme = Theme::fromPalette(palette());
    QPalette p = viewport()->palette();
    if (p.color(QPalette::Base) == theme.chatBackground)
        return;
    p.setColor(QPalette::Base, theme.chatBackground);
    viewport()->setPalette(p);
    viewport()->setAutoFillBackground(true);
}

void ChatView::mouseMoveEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    bool overLink = false;
    if (index.isValid()) {
        QStyleOptionViewItem opt;
        initViewItemOption(&opt);
        opt.rect = visualRect(index);
        overLink = !m_delegate->linkAt(opt, index, event->position().toPoint()).isEmpty();
    }
    viewport()->setCursor(overLink ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QListView::mouseMoveEvent(event);
}

QMenu *ChatView::createContextMenu(const QModelIndex &index, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    if (!index.isValid())
        return menu;
    QAction *copy = menu->addAction(Icons::themed(QStringLiteral("copy")), tr("&Copy text"));
    copy->setObjectName(QStringLiteral("copyAction"));
    connect(copy, &QAction::triggered, this, [this, index] {
        if (selectionModel()->selectedRows().size() > 1)
            copySelection();
        else
            QApplication::clipboard()->setText(index.data(MessageBodyRole).toString());
    });
    // Links are reachable without a mouse through the menu (Menu key / Shift+F10 on a row).
    QStyleOptionViewItem opt;
    initViewItemOption(&opt);
    const QList<text::TextLink> links = m_delegate->messageText(opt, index)->links();
    for (qsizetype i = 0; i < qMin<qsizetype>(links.size(), 5); ++i) {
        const QString url = links[i].url;
        const QString shown = QFontMetrics(menu->font()).elidedText(url, Qt::ElideMiddle, 260);
        QAction *open = menu->addAction(tr("Open link %1").arg(shown));
        open->setObjectName(QStringLiteral("openLinkAction"));
        connect(open, &QAction::triggered, this, [this, url] { activateLink(url); });
        QAction *copyLink = menu->addAction(tr("Copy link %1").arg(shown));
        copyLink->setObjectName(QStringLiteral("copyLinkAction"));
        connect(copyLink, &QAction::triggered, this,
                [url] { QApplication::clipboard()->setText(url); });
    }
    const qint64 messageId = index.data(MessageIdRole).toLongLong();
    const bool retracted = index.data(MessageRetractedRole).toBool();
    if (!retracted) {
        QAction *reply = menu->addAction(tr("Re&ply"));
        reply->setObjectName(QStringLiteral("replyAction"));
        connect(reply, &QAction::triggered, this,
                [this, messageId] { Q_EMIT replyRequested(messageId); });
        QMenu *react = menu->addMenu(tr("Re&act"));
        react->setObjectName(QStringLiteral("reactMenu"));
        for (const QString &emoji : quickReactions()) {
            QAction *a = react->addAction(emoji);
            a->setObjectName(QStringLiteral("react:") + emoji);
            connect(a, &QAction::triggered, this,
                    [this, messageId, emoji] { Q_EMIT reactionToggled(messageId, emoji); });
        }
        QAction *more = react->addAction(tr("&More…"));
        more->setObjectName(QStringLiteral("reactMore"));
        connect(more, &QAction::triggered, this,
                [this, messageId] { openReactionPicker(messageId); });
        if (index.data(MessageOutgoingRole).toBool()) {
            QAction *edit = menu->addAction(tr("&Edit"));
            edit->setObjectName(QStringLiteral("editAction"));
            connect(edit, &QAction::triggered, this,
                    [this, messageId] { Q_EMIT editRequested(messageId); });
            QAction *remove = menu->addAction(tr("&Delete for everyone…"));
            remove->setObjectName(QStringLiteral("retractAction"));
            connect(remove, &QAction::triggered, this,
                    [this, messageId] { Q_EMIT retractRequested(messageId); });
        }
    }
    if (DeliveryState(index.data(MessageStateRole).toInt()) == DeliveryState::Failed) {
        const qint64 id = index.data(MessageIdRole).toLongLong();
        QAction *retry =
            menu->addAction(Icons::themed(QStringLiteral("retry")), tr("&Retry sending"));
        retry->setObjectName(QStringLiteral("retryAction"));
        retry->setToolTip(index.data(MessageErrorRole).toString());
        connect(retry, &QAction::triggered, this,
                [this, id] { Q_EMIT retryRequested(m_account, id); });
    }
    return menu;
}

void ChatView::openReactionPicker(qint64 messageId)
{
    if (!m_reactionPicker) {
        m_reactionPicker = new EmojiPicker(this);
        m_reactionPicker->setAccessibleName(tr("Choose a reaction"));
        connect(m_reactionPicker, &EmojiPicker::emojiChosen, this, [this](const QString &emoji) {
            if (m_reactionTarget != 0)
                Q_EMIT reactionToggled(m_reactionTarget, emoji);
        });
    }
    m_reactionTarget = messageId;
    m_reactionPicker->popup(
        viewport()->mapToGlobal(QPoint(kPickerMargin, viewport()->height() - kPickerMargin)));
}

QStringList ChatView::quickReactions()
{
    return {QStringLiteral("👍"), QStringLiteral("❤️"), QStringLiteral("😂"),
            QStringLiteral("😮"), QStringLiteral("😢"),      QStringLiteral("🎉")};
}

bool ChatView::scrollToMessage(qint64 messageId)
{
    if (!model() || messageId == 0)
        return false;
    for (int r = model()->rowCount() - 1; r >= 0; --r) {
        const QModelIndex i = model()->index(r, 0);
        if (i.data(MessageIdRole).toLongLong() == messageId) {
            scrollTo(i, QAbstractItemView::PositionAtCenter);
            setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void ChatView::contextMenuEvent(QContextMenuEvent *event)
{
    QModelIndex index = indexAt(event->pos());
    QPoint at = event->globalPos();
    if (event->reason() == QContextMenuEvent::Keyboard && currentIndex().isValid()) {
        index = currentIndex();
        at = viewport()->mapToGlobal(visualRect(index).center());
    }
    QMenu *menu = createContextMenu(index, this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(at);
}

void ChatView::copySelection()
{
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (const QModelIndex &i : rows)
        lines << i.data(MessageSenderRole).toString() + QStringLiteral(": ") +
                     i.data(MessageBodyRole).toString();
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void ChatView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    QListView::keyPressEvent(event);
}

} // namespace parla::ui
