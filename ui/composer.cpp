// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer.h"

#include "emojicompleter.h"
#include "emojipicker.h"
#include "icons.h"
#include "messagetext.h"

#include "core/xmpp/xep/xep0085_chatstates/chatstate.h"

#include <QBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QShortcut>
#include <QTextBlock>
#include <QTimer>
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
    if (event->key() == Qt::Key_Up && event->modifiers() == Qt::NoModifier &&
        document()->isEmpty()) {
        Q_EMIT editLastRequested();
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        Q_EMIT cancelRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

Composer::Composer(QWidget *parent)
    : QWidget(parent), m_edit(new ComposerEdit(this)), m_send(new QToolButton(this)),
      m_offlineHint(new QLabel(this)), m_emojiButton(new QToolButton(this)),
      m_completer(new EmojiCompleter(m_edit)), m_contextBar(new QWidget(this)),
      m_contextLabel(new QLabel(m_contextBar)), m_pauseTimer(new QTimer(this))
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
    col->addWidget(m_contextBar);
    col->addLayout(row);

    // What the next message replies to or edits, with a way out.
    m_contextBar->setObjectName(QStringLiteral("ComposerContext"));
    m_contextLabel->setObjectName(QStringLiteral("Muted"));
    m_contextLabel->setTextFormat(Qt::PlainText);
    auto *close = new QToolButton(m_contextBar);
    close->setObjectName(QStringLiteral("ComposerContextClose"));
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Cancel (Esc)"));
    close->setAccessibleName(tr("Cancel reply or edit"));
    auto *bar = new QHBoxLayout(m_contextBar);
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_contextLabel, 1);
    bar->addWidget(close);
    m_contextBar->hide();
    connect(close, &QToolButton::clicked, this, &Composer::cancelContext);
    connect(m_edit, &ComposerEdit::cancelRequested, this, &Composer::cancelContext);
    connect(m_edit, &ComposerEdit::editLastRequested, this, &Composer::editLastRequested);

    // XEP-0085 §5.3 suggests "paused" after a short while without typing.
    m_pauseTimer->setSingleShot(true);
    m_pauseTimer->setInterval(5000);
    connect(m_pauseTimer, &QTimer::timeout, this,
            [this] { setChatState(int(xmpp::ChatState::Paused)); });
    connect(m_edit, &QPlainTextEdit::textChanged, this, &Composer::onTextChanged);

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
    if (m_editing)
        Q_EMIT editRequested(m_editing, text);
    else if (m_replyTo)
        Q_EMIT replyRequested(m_replyTo, text);
    else
        Q_EMIT sendRequested(text);
    m_replyTo = 0;
    m_editing = 0;
    m_contextBar->hide();
    m_edit->clear();
    // The message itself carries <active/>: no standalone notification needed.
    m_pauseTimer->stop();
    m_chatState = int(xmpp::ChatState::Active);
}

void Composer::startReply(qint64 id, const QString &sender, const QString &text)
{
    m_editing = 0;
    m_replyTo = id;
    m_contextLabel->setText(tr("Replying to %1: %2")
                                .arg(sender, m_contextLabel->fontMetrics().elidedText(
                                                 text.simplified(), Qt::ElideRight, 300)));
    m_contextBar->show();
    m_edit->setFocus();
}

void Composer::startEdit(qint64 id, const QString &text)
{
    m_replyTo = 0;
    m_editing = id;
    m_contextLabel->setText(tr("Editing message"));
    m_contextBar->show();
    m_edit->setPlainText(text);
    m_edit->moveCursor(QTextCursor::End);
    m_edit->setFocus();
}

void Composer::cancelContext()
{
    if (m_editing)
        m_edit->clear();
    m_replyTo = 0;
    m_editing = 0;
    m_contextBar->hide();
}

QString Composer::contextText() const
{
    return m_contextBar->isHidden() ? QString() : m_contextLabel->text();
}

void Composer::onTextChanged()
{
    if (m_edit->document()->isEmpty()) {
        m_pauseTimer->stop();
        setChatState(int(xmpp::ChatState::Active));
        return;
    }
    setChatState(int(xmpp::ChatState::Composing));
    m_pauseTimer->start();
}

void Composer::setChatState(int state)
{
    // §5.3: never the same standalone notification twice in a row.
    if (state == m_chatState)
        return;
    m_chatState = state;
    Q_EMIT chatStateChanged(state);
}

void Composer::updateSendEnabled()
{
    m_send->setEnabled(!m_edit->toPlainText().trimmed().isEmpty());
}

} // namespace parla::ui
