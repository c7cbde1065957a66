// SPDX-License-Identifier: GPL-3.0-or-later
#include "storagebanner.h"

#include "core/session/session.h"

#include <QBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace parla::ui {

StorageBanner::StorageBanner(Session *session, QWidget *parent)
    : QWidget(parent), m_text(new QLabel(this)), m_dismiss(new QPushButton(tr("Dismiss"), this))
{
    setObjectName(QStringLiteral("Banner"));
    setAttribute(Qt::WA_StyledBackground);
    setAccessibleName(tr("Storage problem"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dismiss->setAccessibleName(tr("Dismiss the storage problem"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 8, 10, 8);
    layout->setSpacing(8);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_dismiss);
    connect(&session->chats(), &ChatsApi::storageFailed, this, &StorageBanner::report);
    connect(&session->chats(), &ChatsApi::storageRecovered, this, &StorageBanner::recovered);
    connect(&session->chats(), &ChatsApi::databaseDamaged, this, [this](const QString &notice) {
        m_last.clear(); // not a write that may still succeed: nothing to recover from
        m_repeats = 0;
        m_text->setText(notice);
        setVisible(true);
    });
    connect(m_dismiss, &QPushButton::clicked, this, [this] {
        m_last.clear();
        m_repeats = 0;
        setVisible(false);
    });
    setVisible(false);
}

QString StorageBanner::text() const
{
    return m_text->text();
}

void StorageBanner::report(const QString &account, const QString &what, const QString &error)
{
    const QString key = account + u'\n' + what + u'\n' + error;
    m_repeats = key == m_last ? m_repeats + 1 : 0;
    m_last = key;
    QString text = tr("Parla could not %1 for %2: %3. Check the free space on your disk.")
                       .arg(what, account, error);
    if (m_repeats > 0)
        text += u' ' + tr("(%n times)", nullptr, m_repeats + 1);
    m_text->setText(text);
    setVisible(true);
}

void StorageBanner::recovered(const QString &account, const QString &what)
{
    if (!m_last.startsWith(account + u'\n'))
        return;
    m_last.clear();
    m_repeats = 0;
    m_text->setText(tr("Parla can write again for %1: it could %2 after all; nothing was lost.")
                        .arg(account, what));
}

} // namespace parla::ui
