// SPDX-License-Identifier: GPL-3.0-or-later
#include "invitationbanner.h"

#include "core/session/session.h"
#include "core/xmpp/jid.h"

#include <QBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>

namespace parla::ui {

InvitationBanner::InvitationBanner(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_text(new QLabel(this)), m_more(new QLabel(this)),
      m_join(new QPushButton(tr("Join…"), this)), m_decline(new QPushButton(tr("Decline"), this))
{
    setObjectName(QStringLiteral("Banner"));
    setAttribute(Qt::WA_StyledBackground);
    setAccessibleName(tr("Room invitation"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_more->setObjectName(QStringLiteral("Muted"));
    m_join->setObjectName(QStringLiteral("Primary"));
    m_join->setAccessibleName(tr("Join the room you are invited to"));
    m_decline->setAccessibleName(tr("Decline the invitation"));
    // One line: what and who, then the answers (more waiting invitations counted).
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 8, 10, 8);
    layout->setSpacing(8);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_more);
    layout->addWidget(m_decline);
    layout->addWidget(m_join);

    m_prompt = [](QWidget *owner) -> std::optional<QString> {
        bool ok = false;
        const QString reason = QInputDialog::getText(
            owner, tr("Decline invitation"), tr("Reason (optional):"), QLineEdit::Normal, {}, &ok);
        return ok ? std::optional<QString>(reason) : std::nullopt;
    };
    connect(&session->rooms(), &RoomsApi::invitationReceived, this, &InvitationBanner::add);
    connect(m_join, &QPushButton::clicked, this, [this] {
        if (m_pending.isEmpty())
            return;
        const auto [account, invitation] = m_pending.front();
        next();
        Q_EMIT joinRequested(account, invitation);
    });
    connect(m_decline, &QPushButton::clicked, this, [this] {
        if (m_pending.isEmpty())
            return;
        const std::optional<QString> reason = m_prompt(this);
        if (!reason)
            return;
        const auto [account, invitation] = m_pending.front();
        next();
        m_session->rooms().declineInvitation(account, invitation, *reason);
    });
    refresh();
}

void InvitationBanner::add(const QString &account, const RoomInvitation &invitation)
{
    // The same room again (a repeated invitation): keep one, the newest reason.
    for (auto &[a, inv] : m_pending) {
        if (a == account && inv.room == invitation.room) {
            inv = invitation;
            refresh();
            return;
        }
    }
    m_pending.append({account, invitation});
    refresh();
}

void InvitationBanner::next()
{
    if (!m_pending.isEmpty())
        m_pending.removeFirst();
    refresh();
}

QString InvitationBanner::text() const
{
    return m_text->text();
}

void InvitationBanner::refresh()
{
    setVisible(!m_pending.isEmpty());
    if (m_pending.isEmpty())
        return;
    const RoomInvitation &inv = m_pending.front().second;
    const auto room = xmpp::Jid::fromString(inv.room);
    const QString roomText =
        room.local().isEmpty() ? inv.room : tr("“%1” (%2)").arg(room.local(), room.bareString());
    // XEP-0045 §7.8.2: a semi-anonymous room names the inviter by occupant JID; show the nick.
    const auto inviter = xmpp::Jid::fromString(inv.inviter);
    const QString who = inviter.bare() == room.bare() && !inviter.resource().isEmpty()
                            ? inviter.resource()
                            : inv.inviter;
    QString text = who.isEmpty() ? tr("You are invited to the room %1.").arg(roomText)
                                 : tr("%1 invites you to the room %2.").arg(who, roomText);
    if (!inv.reason.isEmpty())
        text += u' ' + tr("“%1”").arg(inv.reason);
    m_text->setText(text);
    m_more->setText(m_pending.size() > 1 ? tr("%n more waiting", nullptr, m_pending.size() - 1)
                                         : QString());
}

} // namespace parla::ui
