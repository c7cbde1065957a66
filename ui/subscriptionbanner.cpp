// SPDX-License-Identifier: GPL-3.0-or-later
#include "subscriptionbanner.h"

#include "rosterproxymodels.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace parla::ui {

using namespace parla::models;

SubscriptionBanner::SubscriptionBanner(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_requests(new RosterFilterProxy(this)),
      m_text(new QLabel(this)), m_more(new QLabel(this)),
      m_accept(new QPushButton(tr("Accept"), this)),
      m_decline(new QPushButton(tr("Decline"), this)), m_block(new QPushButton(tr("Block"), this)),
      m_report(new QPushButton(tr("Report spam"), this))
{
    setObjectName(QStringLiteral("Banner"));
    setAttribute(Qt::WA_StyledBackground);
    setAccessibleName(tr("Contact request"));
    m_requests->setRequestsOnly(true);
    m_requests->setSourceModel(session->people().rosterModel());

    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_more->setObjectName(QStringLiteral("Muted"));
    m_more->setTextFormat(Qt::PlainText);
    m_accept->setObjectName(QStringLiteral("Primary"));
    m_accept->setAccessibleName(tr("Accept contact request"));
    m_decline->setAccessibleName(tr("Decline contact request"));

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_more, 1);
    m_block->setAccessibleName(tr("Block whoever asks"));
    m_report->setAccessibleName(tr("Report spam and block"));
    buttons->addWidget(m_report);
    buttons->addWidget(m_block);
    buttons->addWidget(m_decline);
    buttons->addWidget(m_accept);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(8);
    layout->addWidget(m_text);
    layout->addLayout(buttons);

    connect(m_accept, &QPushButton::clicked, this, [this] { answer(true); });
    connect(m_decline, &QPushButton::clicked, this, [this] { answer(false); });
    connect(m_block, &QPushButton::clicked, this, [this] { blockFirst(false); });
    connect(m_report, &QPushButton::clicked, this, [this] { blockFirst(true); });
    connect(m_requests, &QAbstractItemModel::rowsInserted, this, &SubscriptionBanner::refresh);
    connect(m_requests, &QAbstractItemModel::rowsRemoved, this, &SubscriptionBanner::refresh);
    connect(m_requests, &QAbstractItemModel::modelReset, this, &SubscriptionBanner::refresh);
    connect(m_requests, &QAbstractItemModel::layoutChanged, this, &SubscriptionBanner::refresh);
    connect(m_requests, &QAbstractItemModel::dataChanged, this, &SubscriptionBanner::refresh);
    refresh();
}

int SubscriptionBanner::pendingCount() const
{
    return m_requests->rowCount();
}

void SubscriptionBanner::refresh()
{
    const int n = m_requests->rowCount();
    setVisible(n > 0);
    if (n == 0)
        return;
    const QModelIndex first = m_requests->index(0, 0);
    const QString name = first.data(ContactNameRole).toString();
    const QString jid = first.data(ContactJidRole).toString();
    m_text->setText(name.isEmpty() || jid.startsWith(name)
                        ? tr("%1 wants to see when you're online.").arg(jid)
                        : tr("%1 (%2) wants to see when you're online.").arg(name, jid));
    m_more->setText(n > 1 ? tr("+%n more", nullptr, n - 1) : QString());
}

void SubscriptionBanner::answer(bool accept)
{
    if (m_requests->rowCount() == 0)
        return;
    const QModelIndex first = m_requests->index(0, 0);
    m_session->people().answerSubscription(first.data(ContactAccountRole).toString(),
                                           first.data(ContactJidRole).toString(), accept);
}

void SubscriptionBanner::blockFirst(bool reportSpam)
{
    if (m_requests->rowCount() == 0)
        return;
    const QModelIndex first = m_requests->index(0, 0);
    const QString account = first.data(ContactAccountRole).toString();
    const QString jid = first.data(ContactJidRole).toString();
    // Declining first: a blocked stranger's request must not stay open (and the server drops
    // their further presence once the block is in place).
    m_session->people().answerSubscription(account, jid, false);
    m_session->people().block(account, jid, reportSpam);
}

} // namespace parla::ui
