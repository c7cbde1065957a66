// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPlainTextEdit>
#include <QWidget>

class QLabel;
class QToolButton;

namespace parla::ui {

class EmojiCompleter;
class EmojiPicker;

/// The text field of the composer: Enter sends, Shift+Enter inserts a line break, and it grows
/// with its content up to about six lines.
class ComposerEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit ComposerEdit(QWidget *parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void submitted();
    /// Up arrow in an empty field: edit the last message (XEP-0308).
    void editLastRequested();
    void cancelRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    int heightForLines(int lines) const;
};

/// Writes a message: field, send button and, while the account is offline, the reassurance that
/// the message is queued (Parla never refuses to accept a message: it is stored and sent later).
class Composer : public QWidget
{
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

    ComposerEdit *edit() const { return m_edit; }
    QToolButton *sendButton() const { return m_send; }
    /// Shows or hides the "sent when you're back online" hint.
    void setOffline(bool offline);
    bool isOfflineHintVisible() const;
    void setPlaceholder(const QString &peerName);
    /// Opens the emoji picker above the emoji button (also Ctrl+.); the choice is inserted at the
    /// cursor.
    void openEmojiPicker();
    QToolButton *emojiButton() const { return m_emojiButton; }
    EmojiPicker *emojiPicker() const { return m_picker; }
    EmojiCompleter *emojiCompleter() const { return m_completer; }

    /// XEP-0461: the next message answers message `id` (the bar above shows whom and what).
    void startReply(qint64 id, const QString &sender, const QString &text);
    /// XEP-0308: the field holds our message `id` for editing; sending corrects it.
    void startEdit(qint64 id, const QString &text);
    /// Back to a plain new message (Escape, or the bar's close button).
    void cancelContext();
    qint64 replyTarget() const { return m_replyTo; }
    qint64 editTarget() const { return m_editing; }
    QString contextText() const;

Q_SIGNALS:
    /// The user sends this text (trimmed, never empty).
    void sendRequested(const QString &text);
    void replyRequested(qint64 replyTo, const QString &text);
    void editRequested(qint64 messageId, const QString &text);
    /// Up in an empty field: the panel finds our last message and calls startEdit().
    void editLastRequested();
    /// XEP-0085: composing while typing, paused after a pause, active when sent or cleared.
    void chatStateChanged(int state);

private:
    void submit();
    void updateSendEnabled();
    void onTextChanged();
    void setChatState(int state);

    ComposerEdit *m_edit;
    QToolButton *m_send;
    QLabel *m_offlineHint;
    QToolButton *m_emojiButton;
    EmojiPicker *m_picker = nullptr; ///< created when first opened
    EmojiCompleter *m_completer;
    QWidget *m_contextBar;
    QLabel *m_contextLabel;
    qint64 m_replyTo = 0;
    qint64 m_editing = 0;
    class QTimer *m_pauseTimer;
    int m_chatState = 0; ///< xmpp::ChatState::Active
};

} // namespace parla::ui
