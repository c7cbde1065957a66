// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;

namespace parla {
class Session;
}

namespace parla::ui {

class RosterFilterProxy;

/// An in-list banner for presence subscription requests (RFC 6121 §3.1.3): "x wants to see
/// when you're online" with Accept / Decline. Shows the oldest open request and how many more
/// wait; hidden when none.
class SubscriptionBanner : public QWidget
{
    Q_OBJECT
public:
    explicit SubscriptionBanner(Session *session, QWidget *parent = nullptr);

    int pendingCount() const;
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *declineButton() const { return m_decline; }
    /// A stranger's request: block them (XEP-0191), or report spam and block (XEP-0377).
    QPushButton *blockButton() const { return m_block; }
    QPushButton *reportButton() const { return m_report; }

private:
    void refresh();
    void answer(bool accept);
    void blockFirst(bool reportSpam);

    Session *m_session;
    RosterFilterProxy *m_requests;
    QLabel *m_text;
    QLabel *m_more;
    QPushButton *m_accept;
    QPushButton *m_decline;
    QPushButton *m_block;
    QPushButton *m_report;
};

} // namespace parla::ui
