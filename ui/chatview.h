// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QListView>
#include <QPersistentModelIndex>

namespace parla::ui {

class EmojiPicker;
class MessageDelegate;

/// One conversation's messages: a virtual list (ARCHITECTURE.md "Views are virtual") over the
/// session's message model, painted by MessageDelegate.
///
/// Keeps the bottom in view when new messages arrive while the user is at the bottom; loads
/// older pages with fetchMore() when scrolled near the top and keeps what the user was looking
/// at in place when they are prepended. The model's own fetch-at-end behaviour of
/// QAbstractItemView is suppressed: this model grows at the top.
class ChatView : public QListView
{
    Q_OBJECT
public:
    explicit ChatView(QWidget *parent = nullptr);

    /// Shows a message model (null clears). The account is needed for retryMessage().
    void setMessageModel(QAbstractItemModel *model, const QString &account);
    QAbstractItemModel *messageModel() const { return m_source; }
    QString account() const { return m_account; }
    MessageDelegate *messageDelegate() const { return m_delegate; }

    bool isAtBottom() const;
    void scrollToBottomNow();
    /// Scrolls to the row of a local message id if it is loaded; false otherwise.
    bool scrollToMessage(qint64 messageId);
    /// The quick reactions offered in the context menu (the emoji picker offers the rest).
    static QStringList quickReactions();
    /// Scrolls to the message with this database id, loading a window of history around it
    /// if needed (models::MessagePaging), and highlights it briefly. False if not found.
    bool showMessage(qint64 messageId);
    /// The message highlighted by the last showMessage() while the highlight lasts, else 0.
    qint64 highlightedMessage() const { return m_highlightId; }
    /// The full emoji picker for a reaction (XEP-0444) to `messageId` (the context menu's
    /// "More…"): the chosen emoji toggles that reaction.
    void openReactionPicker(qint64 messageId);
    EmojiPicker *reactionPicker() const { return m_reactionPicker; }
    /// The context menu's actions for a row (copy, retry when failed); built per request.
    QMenu *createContextMenu(const QModelIndex &index, QWidget *parent);
    /// Opens a link of a message: http(s) in the system browser, xmpp: via xmppUriActivated().
    /// Anything else (never produced by text::findLinks) is ignored.
    void activateLink(const QString &url);

Q_SIGNALS:
    /// The user asked to resend a failed message (ChatsApi::retryMessage).
    void retryRequested(const QString &account, qint64 messageId);
    /// An xmpp: link (RFC 5122) in a message was opened; the URI handler acts on it.
    void xmppUriActivated(const QUrl &uri);
    /// Context actions on a message (local ids): reply (XEP-0461), edit (XEP-0308),
    /// delete (XEP-0424, confirmed by the panel), toggle a reaction (XEP-0444).
    void replyRequested(qint64 messageId);
    void editRequested(qint64 messageId);
    void retractRequested(qint64 messageId);
    void reactionToggled(qint64 messageId, const QString &emoji);
    /// The quote of a reply was clicked; if the quoted message is loaded the view scrolls to
    /// it itself (jumping to older history is someone else's job).
    void quoteActivated(qint64 messageId);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void beforeRowsInserted(const QModelIndex &parent, int start, int end);
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void changeEvent(QEvent *event) override;

private:
    void maybeFetchOlder();
    void maybeFetchNewer();
    void copySelection();
    void applyBackground();

    QAbstractItemModel *m_source = nullptr;
    class NoAutoFetchProxy *m_proxy = nullptr;
    MessageDelegate *m_delegate = nullptr;
    QString m_account;
    bool m_wasAtBottom = true;
    /// While older rows are prepended: the row at the top of the viewport and its offset.
    QPersistentModelIndex m_anchor;
    int m_anchorOffset = 0;
    bool m_fetching = false;
    qint64 m_highlightId = 0;
    EmojiPicker *m_reactionPicker = nullptr; ///< created when first opened
    qint64 m_reactionTarget = 0;
};

} // namespace parla::ui
