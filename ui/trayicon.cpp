// SPDX-License-Identifier: GPL-3.0-or-later
#include "trayicon.h"

#include "icons.h"
#include "statusselector.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QAbstractItemModel>
#include <QMenu>
#include <QPainter>

namespace parla::ui {

using namespace parla::models;

TrayIcon::TrayIcon(Session *session, QObject *parent) : QSystemTrayIcon(parent), m_session(session)
{
    auto *menu = new QMenu;
    connect(this, &QObject::destroyed, menu, &QObject::deleteLater);
    QAction *toggle = menu->addAction(tr("&Show / hide Parla"));
    connect(toggle, &QAction::triggered, this, &TrayIcon::toggleWindowRequested);
    QMenu *status = StatusSelector::createMenu(session, {}, menu);
    menu->addMenu(status);
    menu->addSeparator();
    QAction *quit = menu->addAction(tr("&Quit"));
    connect(quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    setContextMenu(menu);

    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            Q_EMIT toggleWindowRequested();
    });
    // Counted from the conversation list, which knows which conversations are muted.
    QAbstractItemModel *conversations = session->chats().conversationModel();
    connect(conversations, &QAbstractItemModel::dataChanged, this, &TrayIcon::recount);
    connect(conversations, &QAbstractItemModel::rowsInserted, this, &TrayIcon::recount);
    connect(conversations, &QAbstractItemModel::rowsRemoved, this, &TrayIcon::recount);
    connect(conversations, &QAbstractItemModel::modelReset, this, &TrayIcon::recount);
    recount();
    QAbstractItemModel *accounts = session->accounts().accountModel();
    connect(accounts, &QAbstractItemModel::dataChanged, this, &TrayIcon::refresh);
    connect(accounts, &QAbstractItemModel::rowsInserted, this, &TrayIcon::refresh);
    connect(accounts, &QAbstractItemModel::rowsRemoved, this, &TrayIcon::refresh);
    refresh();
}

void TrayIcon::recount()
{
    QAbstractItemModel *m = m_session->chats().conversationModel();
    int unread = 0;
    bool attention = false;
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex i = m->index(r, 0);
        const int n = i.data(ConversationUnreadRole).toInt();
        unread += n;
        attention = attention || (n > 0 && !i.data(ConversationMutedRole).toBool());
    }
    if (unread == m_unread && attention == m_attention)
        return;
    m_unread = unread;
    m_attention = attention;
    refresh();
}

Availability TrayIcon::ownAvailability() const
{
    QAbstractItemModel *m = m_session->accounts().accountModel();
    Availability best = Availability::Offline;
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex i = m->index(r, 0);
        if (ConnectionState(i.data(AccountStateRole).toInt()) == ConnectionState::Connected) {
            const auto a = Availability(i.data(AccountAvailabilityRole).toInt());
            if (best == Availability::Offline || a == Availability::Online)
                best = a;
        }
    }
    return best;
}

void TrayIcon::refresh()
{
    const Availability a = ownAvailability();
    setIcon(renderIcon(m_unread, a, m_attention));
    setToolTip(m_unread > 0 ? tr("Parla — %n unread message(s)", nullptr, m_unread)
                            : tr("Parla — %1").arg(availabilityText(a)));
}

QIcon TrayIcon::renderIcon(int unread, Availability availability, bool attention)
{
    QIcon out;
    const QIcon base = Icons::coloured(QStringLiteral("tray"));
    for (int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        base.paint(&p, QRect(0, 0, size, size));
        if (availability == Availability::Offline) {
            // Offline: the icon fades so the tray shows at a glance that nothing arrives.
            p.setCompositionMode(QPainter::CompositionMode_DestinationIn);
            p.fillRect(pm.rect(), QColor(0, 0, 0, 110));
            p.setCompositionMode(QPainter::CompositionMode_SourceOver);
        } else {
            const qreal d = size * 0.34;
            const QRectF dot(size - d - 0.5, size - d - 0.5, d, d);
            p.setPen(QPen(Qt::white, qMax(1.0, size / 20.0)));
            p.setBrush(availabilityColor(availability));
            p.drawEllipse(dot);
        }
        if (unread > 0) {
            const QString text = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
            QFont f;
            f.setPixelSize(qMax(7, int(size * 0.42)));
            f.setBold(true);
            const QFontMetricsF fm(f);
            const qreal h = size * 0.55;
            const qreal w = qMax(h, fm.horizontalAdvance(text) + size * 0.18);
            const QRectF badge(size - w, 0, w, h);
            p.setPen(Qt::NoPen);
            p.setBrush(attention ? QColor(0xe5, 0x48, 0x4d) : QColor(0x8a, 0x90, 0x98));
            p.drawRoundedRect(badge, h / 2, h / 2);
            p.setFont(f);
            p.setPen(Qt::white);
            p.drawText(badge, Qt::AlignCenter, text);
        }
        p.end();
        out.addPixmap(pm);
    }
    return out;
}

} // namespace parla::ui
