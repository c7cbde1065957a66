// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/roomtypes.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;

namespace parla {
class Session;
}

namespace parla::ui {

/// Room invitations (XEP-0045 §7.8, XEP-0249) waiting for an answer, one at a time with a count
/// of the rest: who invites us to which room and why, with Join (→ the join dialog, prefilled:
/// never a silent join) and Decline (optional reason → RoomsApi::declineInvitation). Hidden while
/// none waits.
class InvitationBanner : public QWidget
{
    Q_OBJECT
public:
    explicit InvitationBanner(Session *session, QWidget *parent = nullptr);

    int pendingCount() const { return int(m_pending.size()); }
    QString text() const;
    QPushButton *joinButton() const { return m_join; }
    QPushButton *declineButton() const { return m_decline; }
    /// Asks for an optional decline reason (nullopt: cancelled); replaceable for tests.
    using ReasonPrompt = std::function<std::optional<QString>(QWidget *)>;
    void setReasonPrompt(ReasonPrompt prompt) { m_prompt = std::move(prompt); }

Q_SIGNALS:
    /// Join pressed: open the join dialog for this room (password of the invitation given).
    void joinRequested(const QString &account, const parla::RoomInvitation &invitation);

private:
    void add(const QString &account, const RoomInvitation &invitation);
    void refresh();
    void next();

    Session *m_session;
    QList<std::pair<QString, RoomInvitation>> m_pending;
    QLabel *m_text;
    QLabel *m_more;
    QPushButton *m_join;
    QPushButton *m_decline;
    ReasonPrompt m_prompt;
};

} // namespace parla::ui
