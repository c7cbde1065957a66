// SPDX-License-Identifier: GPL-3.0-or-later
#include "xmlconsole.h"

#include "icons.h"
#include "theme.h"

#include "core/session/session.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBlock>
#include <QTime>

namespace parla::ui {

namespace {
constexpr int kMaxEntries = 5000; // a busy account must not grow the console without bound
}

XmlConsole::XmlConsole(Session *session, const QString &account, QWidget *parent)
    : QWidget(parent, Qt::Window), m_session(session), m_account(account),
      m_log(new QPlainTextEdit(this)), m_input(new QPlainTextEdit(this)),
      m_filterEdit(new QLineEdit(this)), m_pause(new QCheckBox(tr("&Pause"), this)),
      m_error(new QLabel(this))
{
    setWindowTitle(tr("XML console — %1").arg(account));
    setWindowIcon(Icons::themed(QStringLiteral("console")));
    resize(820, 620);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_log->setReadOnly(true);
    m_log->setFont(mono);
    m_log->setMaximumBlockCount(kMaxEntries * 4);
    m_log->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_log->setAccessibleName(tr("Traffic"));
    m_log->setObjectName(QStringLiteral("consoleLog"));

    m_filterEdit->setObjectName(QStringLiteral("FilterBox"));
    m_filterEdit->setPlaceholderText(tr("Filter (text contained in the stanza)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setAccessibleName(tr("Filter traffic"));
    auto *clearButton = new QPushButton(tr("C&lear"), this);
    clearButton->setAccessibleName(tr("Clear traffic"));
    m_pause->setToolTip(tr("Stop showing new traffic (it is still collected)"));

    m_input->setFont(mono);
    m_input->setPlaceholderText(tr("<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>"));
    m_input->setAccessibleName(tr("Raw XML to send"));
    m_input->setFixedHeight(QFontMetrics(mono).lineSpacing() * 4 + 16);
    m_input->setTabChangesFocus(true);
    auto *sendButton = new QPushButton(Icons::themed(QStringLiteral("send")), tr("&Send"), this);
    sendButton->setToolTip(tr("Send the stanza (Ctrl+Enter)"));
    m_error->setObjectName(QStringLiteral("ErrorText"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(m_filterEdit, 1);
    top->addWidget(m_pause);
    top->addWidget(clearButton);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_input, 1);
    bottom->addWidget(sendButton, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(top);
    layout->addWidget(m_log, 1);
    layout->addWidget(m_error);
    layout->addLayout(bottom);

    connect(&session->accounts(), &AccountsApi::xmlTraffic, this, &XmlConsole::onTraffic);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &XmlConsole::setFilter);
    connect(m_pause, &QCheckBox::toggled, this, &XmlConsole::setPaused);
    connect(clearButton, &QPushButton::clicked, this, &XmlConsole::clear);
    connect(sendButton, &QPushButton::clicked, this, &XmlConsole::send);
    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_input);
    sendShortcut->setContext(Qt::WidgetShortcut);
    connect(sendShortcut, &QShortcut::activated, this, &XmlConsole::send);
}

void XmlConsole::onTraffic(const QString &account, bool incoming, const QByteArray &xml)
{
    if (account != m_account)
        return;
    Entry e{incoming, QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")),
            QString::fromUtf8(xml)};
    m_entries.append(e);
    if (m_entries.size() > kMaxEntries)
        m_entries.removeFirst();
    if (!m_paused)
        appendEntry(e);
}

void XmlConsole::appendEntry(const Entry &e)
{
    if (!m_filter.isEmpty() && !e.xml.contains(m_filter, Qt::CaseInsensitive))
        return;
    const Theme theme = Theme::fromPalette(palette());
    // Incoming in the accent colour, outgoing in green; both with a direction/time header.
    const QColor colour = e.incoming
                              ? theme.accent
                              : (theme.dark ? QColor(0x5f, 0xd0, 0x8a) : QColor(0x1f, 0x8a, 0x4c));
    QScrollBar *sb = m_log->verticalScrollBar();
    const bool atBottom = sb->value() == sb->maximum();
    QTextCursor c(m_log->document());
    c.movePosition(QTextCursor::End);
    if (!m_log->document()->isEmpty())
        c.insertBlock();
    QTextCharFormat header;
    header.setForeground(theme.muted);
    c.insertText((e.incoming ? QStringLiteral("◀ in  ") : QStringLiteral("▶ out ")) + e.time,
                 header);
    c.insertBlock();
    QTextCharFormat body;
    body.setForeground(colour);
    c.insertText(e.xml, body); // insertText: plain text, never interpreted as markup
    if (atBottom)
        sb->setValue(sb->maximum());
}

void XmlConsole::rerender()
{
    m_log->clear();
    for (const Entry &e : std::as_const(m_entries))
        appendEntry(e);
}

void XmlConsole::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    m_pause->setChecked(paused);
    if (!paused)
        rerender(); // show what arrived meanwhile
}

void XmlConsole::setFilter(const QString &text)
{
    m_filter = text.trimmed();
    rerender();
}

void XmlConsole::clear()
{
    m_entries.clear();
    m_log->clear();
}

void XmlConsole::send()
{
    const QString xml = m_input->toPlainText().trimmed();
    if (xml.isEmpty())
        return;
    const auto result = m_session->accounts().sendRawXml(m_account, xml);
    if (const auto *error = std::get_if<xmpp::Error>(&result)) {
        m_error->setText(tr("Not sent: %1").arg(error->text));
        m_error->show();
        return;
    }
    m_error->hide();
    m_input->clear();
}

} // namespace parla::ui
