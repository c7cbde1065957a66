// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer.h"

#include "emojicompleter.h"
#include "emojipicker.h"
#include "icons.h"
#include "messagetext.h"

#include <QBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QShortcut>
#include <QTextBlock>
#include <QToolButton>

namespace parla::ui {

namespace {
constexpr int kMaxLines = 6;
}

ComposerEdit::ComposerEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("ComposerEdit"));
    setAccessibleName(tr("Message"));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    document()->setDocumentMargin(4);
    // Grow with the content; QPlainTextEdit's document reports its size in lines.
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            [this] { updateGeometry(); });
}

int ComposerEdit::heightForLines(int lines) const
{
    const QFontMetrics fm(font());
    // contentsMargins() already hold the stylesheet's border and padding.
    const QMargins m = contentsMargins();
    return lines * fm.lineSpacing() + int(2 * document()->documentMargin()) + m.top() + m.bottom() +
           4;
}

QSize ComposerEdit::sizeHint() const
{
    // Visual lines (wrapped), not paragraphs.
    int lines = 0;
    for (QTextBlock b = document()->begin(); b.isValid(); b = b.next())
        lines += qMax(1, b.layout() ? b.layout()->lineCount() : 1);
    return {QPlainTextEdit::sizeHint().width(), heightForLines(qBound(1, lines, kMaxLines))};
}

QSize ComposerEdit::minimumSizeHint() const
{
    return {60, heightForLines(1)};
}

void ComposerEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier | Qt::AltModifier |
                                         Qt::MetaModifier))) {
        Q_EMIT submitted();
        return;
    }
    if (enter && (event->modifiers() & Qt::ShiftModifier)) {
        insertPlainText(QStringLiteral("\n"));
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

Composer::Composer(QWidget *parent)
    : QWidget(parent), m_edit(new ComposerEdit(this)), m_send(new QToolButton(this)),
      m_offlineHint(new QLabel(this)), m_emojiButton(new QToolButton(this)),
      m_completer(new EmojiCompleter(m_edit))
{
    setObjectName(QStringLiteral("ComposerBar"));
    setAttribute(Qt::WA_StyledBackground);
    m_send->setObjectName(QStringLiteral("SendButton"));
    m_send->setIcon(Icons::tinted(QStringLiteral("send"), Qt::white));
    m_send->setIconSize(QSize(20, 20));
    m_send->setFixedSize(36, 36);
    m_send->setToolTip(tr("Send (Enter)"));
    m_send->setAccessibleName(tr("Send message"));
    m_send->setCursor(Qt::PointingHandCursor);

    m_offlineHint->setObjectName(QStringLiteral("Muted"));
    m_offlineHint->setText(tr("You're offline. Messages you write now are sent when you're "
                              "back online."));
    m_offlineHint->setWordWrap(true);
    m_offlineHint->setAccessibleName(tr("Offline notice"));
    m_offlineHint->hide();

    m_edit->setFont(MessageText::withEmojiFallback(m_edit->font()));
    m_emojiButton->setObjectName(QStringLiteral("EmojiButton"));
    m_emojiButton->setText(QStringLiteral("🙂"));
    QFont emojiFont = MessageText::withEmojiFallback(m_emojiButton->font());
    emojiFont.setPointSizeF(emojiFont.pointSizeF() * 1.5);
    m_emojiButton->setFont(emojiFont);
    m_emojiButton->setFixedSize(36, 36);
    m_emojiButton->setToolTip(tr("Emoji (Ctrl+.)"));
    m_emojiButton->setAccessibleName(tr("Insert emoji"));
    m_emojiButton->setCursor(Qt::PointingHandCursor);
    connect(m_emojiButton, &QToolButton::clicked, this, &Composer::openEmojiPicker);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period), this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &Composer::openEmojiPicker);

    auto *row = new QHBoxLayout;
    row->setSpacing(8);
    row->addWidget(m_emojiButton, 0, Qt::AlignBottom);
    row->addWidget(m_edit, 1);
    row->addWidget(m_send, 0, Qt::AlignBottom);
    auto *col = new QVBoxLayout(this);
    col->setContentsMargins(16, 8, 16, 12);
    col->setSpacing(6);
    col->addWidget(m_offlineHint);
    col->addLayout(row);

    connect(m_edit, &ComposerEdit::submitted, this, &Composer::submit);
    connect(m_send, &QToolButton::clicked, this, &Composer::submit);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &Composer::updateSendEnabled);
    setFocusProxy(m_edit);
    updateSendEnabled();
}

void Composer::setOffline(bool offline)
{
    m_offlineHint->setVisible(offline);
}

bool Composer::isOfflineHintVisible() const
{
    return !m_offlineHint->isHidden();
}

void Composer::setPlaceholder(const QString &peerName)
{
    m_edit->setPlaceholderText(peerName.isEmpty() ? tr("Write a message…")
                                                  : tr("Message %1").arg(peerName));
}

void Composer::openEmojiPicker()
{
    if (!m_picker) {
        m_picker = new EmojiPicker(this);
        connect(m_picker, &EmojiPicker::emojiChosen, this, [this](const QString &emoji) {
            m_edit->insertPlainText(emoji);
            m_edit->setFocus(Qt::PopupFocusReason);
        });
    }
    m_picker->popup(m_emojiButton->mapToGlobal(QPoint(0, -6)));
}

void Composer::submit()
{
    const QString text = m_edit->toPlainText().trimmed();
    if (text.isEmpty())
        return;
    Q_EMIT sendRequested(text);
    m_edit->clear();
}

void Composer::updateSendEnabled()
{
    m_send->setEnabled(!m_edit->toPlainText().trimmed().isEmpty());
}

} // namespace parla::ui
