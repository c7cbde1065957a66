// SPDX-License-Identifier: GPL-3.0-or-later
#include "roomstatebanner.h"

#include "icons.h"
#include "theme.h"

#include <QBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>

namespace parla::ui {

bool roomNeedsPassword(const RoomInfo &info)
{
    if (info.state != RoomState::Error)
        return false;
    // The core words a not-authorized join error with "password" (XEP-0045 §7.2.5).
    return info.errorText.contains(QStringLiteral("password"), Qt::CaseInsensitive);
}

bool roomNeedsMembership(const RoomInfo &info)
{
    if (info.state != RoomState::Error)
        return false;
    return info.errorText.contains(QStringLiteral("member"), Qt::CaseInsensitive) ||
           info.errorText.contains(QStringLiteral("registration"), Qt::CaseInsensitive);
}

RoomStateBanner::RoomStateBanner(QWidget *parent)
    : QWidget(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_password(new QLineEdit(this)), m_action(new QPushButton(this))
{
    setObjectName(QStringLiteral("RoomStateBanner"));
    setAccessibleName(tr("Room state"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_icon->setFixedSize(18, 18);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Room password"));
    m_password->setAccessibleName(tr("Room password"));
    m_password->setMaximumWidth(200);
    m_action->setObjectName(QStringLiteral("Primary"));
    auto *l = new QHBoxLayout(this);
    l->setContentsMargins(14, 8, 10, 8);
    l->setSpacing(10);
    l->addWidget(m_icon, 0, Qt::AlignVCenter);
    l->addWidget(m_text, 1);
    l->addWidget(m_password);
    l->addWidget(m_action);
    connect(m_action, &QPushButton::clicked, this, [this] {
        if (m_info.state == RoomState::Destroyed)
            Q_EMIT goToRequested(m_info.alternateRoom);
        else
            Q_EMIT joinRequested(m_password->isHidden() ? QString() : m_password->text());
    });
    connect(m_password, &QLineEdit::returnPressed, m_action, &QPushButton::click);
    hide();
}

QString RoomStateBanner::text() const
{
    return m_text->text();
}

void RoomStateBanner::setInfo(const RoomInfo &info)
{
    m_info = info;
    QString text;
    QString action;
    bool password = false;
    m_error = true;
    const QString why = info.errorText;
    switch (info.state) {
    case RoomState::Joined:
        hide();
        return;
    case RoomState::NotJoined:
        m_error = false;
        text = tr("You are not in this room. Messages you write wait until you join.");
        action = tr("Join");
        password = info.passwordProtected;
        break;
    case RoomState::Joining:
        m_error = false;
        text = tr("Joining the room…");
        break;
    case RoomState::Error:
        if (roomNeedsPassword(info)) {
            text = tr("This room needs a password.") + u' ' + why;
            action = tr("Join");
            password = true;
        } else if (roomNeedsMembership(info)) {
            text = tr("Only members may enter this room; ask one of its admins to add you.") +
                   u' ' + why;
            action = tr("Try again");
        } else {
            text = why.isEmpty() ? tr("You are no longer in this room.")
                                 : tr("You are no longer in this room: %1").arg(why);
            action = tr("Rejoin");
            password = info.passwordProtected;
        }
        break;
    case RoomState::Kicked:
        text = why.isEmpty() ? tr("You were removed from this room.")
                             : tr("You were removed from this room: %1").arg(why);
        action = tr("Rejoin");
        break;
    case RoomState::Banned:
        text = why.isEmpty() ? tr("You are banned from this room.")
                             : tr("You are banned from this room: %1").arg(why);
        break;
    case RoomState::Destroyed:
        text = why.isEmpty() ? tr("This room no longer exists.")
                             : tr("This room no longer exists: %1").arg(why);
        if (!info.alternateRoom.isEmpty())
            action = tr("Go to %1").arg(info.alternateRoom);
        break;
    }
    m_text->setText(text.trimmed());
    m_action->setText(action);
    m_action->setVisible(!action.isEmpty());
    m_action->setAccessibleName(action);
    m_password->setVisible(password);
    const QColor iconColor =
        m_error ? Theme::fromPalette(palette()).error : Theme::fromPalette(palette()).muted;
    m_icon->setPixmap(
        Icons::tinted(m_error ? QStringLiteral("error") : QStringLiteral("clock"), iconColor)
            .pixmap(18, 18));
    show();
    update();
}

void RoomStateBanner::paintEvent(QPaintEvent *)
{
    // A tinted strip with an accent edge: red-ish for trouble, neutral while joining.
    const Theme t = Theme::fromPalette(palette());
    const QColor edge = m_error ? t.error : t.accent;
    QColor fill = edge;
    fill.setAlphaF(t.dark ? 0.16 : 0.10);
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Window));
    p.fillRect(rect(), fill);
    p.fillRect(QRect(0, 0, 3, height()), edge);
}

} // namespace parla::ui
