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

Q_SIGNALS:
    /// The user sends this text (trimmed, never empty).
    void sendRequested(const QString &text);

private:
    void submit();
    void updateSendEnabled();

    ComposerEdit *m_edit;
    QToolButton *m_send;
    QLabel *m_offlineHint;
    QToolButton *m_emojiButton;
    EmojiPicker *m_picker = nullptr; ///< created when first opened
    EmojiCompleter *m_completer;
};

} // namespace parla::ui
