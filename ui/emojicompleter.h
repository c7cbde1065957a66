// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QListWidget;
class QPlainTextEdit;

namespace parla::ui {

/// :shortcode: completion for a text field. Typing ":" at the start of a word followed by two or
/// more shortcode characters (":smi") shows a list of matching emoji above the cursor; Up/Down
/// move, Enter or Tab replace the typed ":smi" with the emoji, Esc closes the list. Typing a
/// complete ":smile:" replaces it directly. While no list is shown, no key is touched, so Enter
/// still sends.
///
/// The list is a child of the field's window, not a popup window: the field keeps the keyboard
/// focus and the completer reads the keys through an event filter on it.
class EmojiCompleter : public QObject
{
    Q_OBJECT
public:
    explicit EmojiCompleter(QPlainTextEdit *edit);

    bool isPopupVisible() const;
    QListWidget *popup() const { return m_popup; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void update();
    void hidePopup();
    /// Replaces the ":code" before the cursor (from m_start) with an emoji.
    void insert(const QString &emoji);

    QPlainTextEdit *m_edit;
    QListWidget *m_popup = nullptr;
    int m_start = -1; ///< position of the ':' of the shortcode being typed
    bool m_inserting = false;
};

} // namespace parla::ui
