// SPDX-License-Identifier: GPL-3.0-or-later
#include "nickcompleter.h"

#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QTextBlock>

namespace parla::ui {

NickCompleter::NickCompleter(QPlainTextEdit *edit) : QObject(edit), m_edit(edit)
{
    edit->installEventFilter(this);
    // Typing anything ourselves did not insert ends a cycle.
    connect(edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_inserting)
            reset();
    });
    connect(edit, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        if (!m_inserting && m_start >= 0 &&
            m_edit->textCursor().position() != m_start + m_inserted.size())
            reset();
    });
}

void NickCompleter::setProviders(Provider occupants, Provider recentSpeakers, QString ownNick)
{
    m_occupants = std::move(occupants);
    m_recent = std::move(recentSpeakers);
    m_ownNick = std::move(ownNick);
    reset();
}

void NickCompleter::clear()
{
    setProviders({}, {}, {});
}

void NickCompleter::reset()
{
    m_cycle.clear();
    m_cycleIndex = -1;
    m_start = -1;
    m_inserted.clear();
}

QStringList NickCompleter::candidates(const QString &prefix) const
{
    if (!m_occupants)
        return {};
    QStringList present = m_occupants();
    auto matches = [&](const QString &nick) {
        return !nick.isEmpty() && nick != m_ownNick && nick.startsWith(prefix, Qt::CaseInsensitive);
    };
    QStringList out;
    if (m_recent) {
        for (const QString &nick : m_recent()) {
            if (matches(nick) && !out.contains(nick) && present.contains(nick))
                out << nick;
        }
    }
    QStringList rest;
    for (const QString &nick : present) {
        if (matches(nick) && !out.contains(nick))
            rest << nick;
    }
    std::sort(rest.begin(), rest.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    rest.erase(std::unique(rest.begin(), rest.end()), rest.end());
    return out + rest;
}

bool NickCompleter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Tab && key->modifiers() == Qt::NoModifier)
            return complete(); // false: no match, Tab moves the focus as usual
    }
    return QObject::eventFilter(watched, event);
}

bool NickCompleter::complete()
{
    if (!m_occupants)
        return false;
    QTextCursor cursor = m_edit->textCursor();
    if (cursor.hasSelection())
        return false;
    if (m_cycleIndex < 0) {
        // The word before the cursor, within the current line.
        const QString line = cursor.block().text();
        const int col = cursor.positionInBlock();
        int from = col;
        while (from > 0 && !line.at(from - 1).isSpace())
            --from;
        QString word = line.mid(from, col - from);
        if (word.startsWith(QLatin1Char('@')))
            word.remove(0, 1);
        else if (word.isEmpty())
            return false; // a bare Tab after a space is navigation
        m_cycle = candidates(word);
        if (m_cycle.isEmpty())
            return false;
        m_start = cursor.block().position() + from;
        m_inserted = line.mid(from, col - from);
        m_cycleIndex = 0;
    } else {
        m_cycleIndex = (m_cycleIndex + 1) % m_cycle.size();
    }
    const QString nick = m_cycle.at(m_cycleIndex);
    const bool lineStart = m_start == m_edit->textCursor().block().position();
    const QString text = nick + (lineStart ? QStringLiteral(": ") : QStringLiteral(" "));
    m_inserting = true;
    cursor.setPosition(m_start);
    cursor.setPosition(m_start + m_inserted.size(), QTextCursor::KeepAnchor);
    cursor.insertText(text);
    m_edit->setTextCursor(cursor);
    m_inserted = text;
    m_inserting = false;
    return true;
}

} // namespace parla::ui
