// SPDX-License-Identifier: GPL-3.0-or-later
#include "emojicompleter.h"

#include "emojicatalog.h"
#include "messagetext.h"

#include <QKeyEvent>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTextBlock>

namespace parla::ui {

namespace {
constexpr int kMinChars = 2;
constexpr int kMaxShortcode = 40;

bool isShortcodeChar(QChar c)
{
    return (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('_') ||
           c == QLatin1Char('+') || c == QLatin1Char('-');
}
} // namespace

EmojiCompleter::EmojiCompleter(QPlainTextEdit *edit) : QObject(edit), m_edit(edit)
{
    m_edit->installEventFilter(this);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &EmojiCompleter::update);
    connect(m_edit, &QPlainTextEdit::cursorPositionChanged, this, &EmojiCompleter::update);
}

bool EmojiCompleter::isPopupVisible() const
{
    return m_popup && m_popup->isVisible();
}

void EmojiCompleter::hidePopup()
{
    if (m_popup)
        m_popup->hide();
}

void EmojiCompleter::update()
{
    if (m_inserting)
        return;
    const QTextCursor cursor = m_edit->textCursor();
    const QString block = cursor.block().text();
    const int pos = cursor.positionInBlock();
    // Walk back over shortcode characters to a ':' that starts a word.
    int i = pos;
    bool closed = false; // ":smile:" typed out in full
    if (i > 0 && block[i - 1] == QLatin1Char(':')) {
        closed = true;
        --i;
    }
    const int end = i;
    while (i > 0 && end - i <= kMaxShortcode && isShortcodeChar(block[i - 1]))
        --i;
    const bool atWordStart =
        i >= 1 && block[i - 1] == QLatin1Char(':') && (i == 1 || block[i - 2].isSpace());
    const QString code = block.mid(i, end - i).toLower();
    if (!atWordStart || code.size() < kMinChars) {
        hidePopup();
        return;
    }
    m_start = cursor.block().position() + i - 1;
    const EmojiCatalog &catalog = EmojiCatalog::instance();
    if (closed) {
        hidePopup();
        if (const Emoji *e = catalog.byShortcode(code))
            insert(e->text);
        return;
    }
    const QList<const Emoji *> matches = catalog.completions(code);
    if (matches.isEmpty()) {
        hidePopup();
        return;
    }
    if (!m_popup) {
        m_popup = new QListWidget(m_edit->window());
        m_popup->setObjectName(QStringLiteral("EmojiCompletions"));
        m_popup->setAccessibleName(tr("Emoji suggestions"));
        m_popup->setFocusPolicy(Qt::NoFocus);
        m_popup->setFont(MessageText::withEmojiFallback(m_edit->font()));
        m_popup->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        m_popup->setFrameShape(QFrame::StyledPanel);
        connect(m_popup, &QListWidget::itemClicked, this,
                [this](QListWidgetItem *item) { insert(item->data(Qt::UserRole).toString()); });
    }
    m_popup->clear();
    for (const Emoji *e : matches) {
        const QString code0 = e->shortcodes.isEmpty() ? e->name : e->shortcodes.first();
        auto *item = new QListWidgetItem(QStringLiteral("%1  :%2:").arg(e->text, code0), m_popup);
        item->setData(Qt::UserRole, e->text);
        item->setData(Qt::AccessibleTextRole, QStringLiteral(":%1: %2").arg(code0, e->name));
    }
    m_popup->setCurrentRow(0);
    const int rowH = m_popup->sizeHintForRow(0);
    const int h = rowH * int(matches.size()) + 2 * m_popup->frameWidth() + 2;
    const int w = qMax(220, m_popup->sizeHintForColumn(0) + 24);
    QWidget *window = m_edit->window();
    const QPoint at = m_edit->viewport()->mapTo(window, m_edit->cursorRect().topLeft());
    m_popup->setGeometry(qBound(0, at.x() - 8, qMax(0, window->width() - w)),
                         qMax(0, at.y() - h - 4), w, h);
    m_popup->show();
    m_popup->raise();
}

void EmojiCompleter::insert(const QString &emoji)
{
    if (m_start < 0)
        return;
    QTextCursor cursor = m_edit->textCursor();
    const int end = cursor.position();
    m_inserting = true;
    cursor.setPosition(m_start);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    cursor.insertText(emoji);
    m_edit->setTextCursor(cursor);
    m_inserting = false;
    m_start = -1;
    hidePopup();
    EmojiRecents::add(emoji);
}

bool EmojiCompleter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::FocusOut)
        hidePopup();
    if (watched != m_edit || event->type() != QEvent::KeyPress || !isPopupVisible())
        return QObject::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    switch (key->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const int n = m_popup->count();
        const int step = key->key() == Qt::Key_Up ? -1 : 1;
        m_popup->setCurrentRow((m_popup->currentRow() + step + n) % n);
        return true;
    }
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Tab:
        if (QListWidgetItem *item = m_popup->currentItem())
            insert(item->data(Qt::UserRole).toString());
        return true;
    case Qt::Key_Escape:
        hidePopup();
        return true;
    default:
        return QObject::eventFilter(watched, event);
    }
}

} // namespace parla::ui
