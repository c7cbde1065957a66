// SPDX-License-Identifier: GPL-3.0-or-later
#include "occupantpanel.h"

#include "avatarpainter.h"
#include "conversationlistdelegate.h"
#include "theme.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPainter>

namespace parla::ui {

using namespace parla::models;

namespace {
constexpr int kAvatar = 26;

QString bareOf(const QString &jid)
{
    return jid.section(QLatin1Char('/'), 0, 0);
}
} // namespace

// --- OccupantFilterProxy ------------------------------------------------------------------

OccupantFilterProxy::OccupantFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0);
}

void OccupantFilterProxy::setFilterText(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_text)
        return;
    m_text = t;
    invalidateFilter();
}

bool OccupantFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    return i.data(OccupantNickRole).toString().contains(m_text, Qt::CaseInsensitive) ||
           i.data(OccupantRealJidRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool OccupantFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int l = left.data(OccupantRoleRole).toInt();
    const int r = right.data(OccupantRoleRole).toInt();
    if (l != r)
        return l > r; // moderators, participants, visitors
    return left.data(OccupantNickRole)
               .toString()
               .compare(right.data(OccupantNickRole).toString(), Qt::CaseInsensitive) < 0;
}

QVariant OccupantFilterProxy::data(const QModelIndex &index, int role) const
{
    if (role != Qt::ToolTipRole)
        return QSortFilterProxyModel::data(index, role);
    QStringList lines{index.data(OccupantNickRole).toString()};
    const QString jid = index.data(OccupantRealJidRole).toString();
    if (!jid.isEmpty())
        lines << jid;
    QStringList standing;
    const auto aff = RoomAffiliation(index.data(OccupantAffiliationRole).toInt());
    if (!affiliationText(aff).isEmpty())
        standing << affiliationText(aff);
    standing << roleText(RoomRole(index.data(OccupantRoleRole).toInt()));
    standing.removeAll(QString());
    if (!standing.isEmpty())
        lines << standing.join(QStringLiteral(" · "));
    return lines.join(QLatin1Char('\n'));
}

// --- OccupantDelegate ---------------------------------------------------------------------

QSize OccupantDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {160, qMax(kAvatar, option.fontMetrics.height()) + 10};
}

void OccupantDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const Theme theme = Theme::fromPalette(option.palette);
    paintRowBackground(painter, option);
    const QRect r = option.rect.adjusted(14, 0, -14, 0);
    const QString nick = index.data(OccupantNickRole).toString();
    const QColor color = index.data(OccupantColorRole).value<QColor>();
    const QRect avatar(r.left(), r.center().y() - kAvatar / 2 + 1, kAvatar, kAvatar);
    // Asking for the avatar is what fetches it: only visible rows ask.
    AvatarPainter::paint(painter, avatar, nick, color,
                         index.data(OccupantAvatarRole).value<QImage>());
    AvatarPainter::paintPresence(
        painter, avatar, Availability(index.data(OccupantAvailabilityRole).toInt()), theme.sidebar);

    painter->save();
    // Moderators, participants, visitors: a hairline where the role changes (rows stay uniform).
    const QModelIndex above = index.sibling(index.row() - 1, 0);
    if (above.isValid() && above.data(OccupantRoleRole) != index.data(OccupantRoleRole)) {
        QColor line = option.palette.color(QPalette::Active, QPalette::Text);
        line.setAlphaF(0.12);
        painter->setPen(line);
        painter->drawLine(r.left(), option.rect.top(), r.right(), option.rect.top());
    }
    int right = r.right();
    const auto aff = RoomAffiliation(index.data(OccupantAffiliationRole).toInt());
    const auto role = RoomRole(index.data(OccupantRoleRole).toInt());
    QString badge = affiliationText(aff);
    if (badge.isEmpty() && role == RoomRole::Moderator)
        badge = roleText(role);
    if (!badge.isEmpty()) {
        const QColor badgeColor = aff == RoomAffiliation::Owner   ? theme.accent
                                  : aff == RoomAffiliation::Admin ? theme.accent.darker(125)
                                                                  : theme.badgeMuted;
        right -= paintBadge(painter, QRect(r.left(), r.top(), r.width(), r.height()), badge,
                            badgeColor) +
                 8;
    }
    QFont f = option.font;
    if (role == RoomRole::Moderator)
        f.setWeight(QFont::DemiBold);
    painter->setFont(f);
    QString text = nick;
    if (index.data(OccupantIsSelfRole).toBool())
        text = tr("%1 (you)").arg(nick);
    QColor pen = option.palette.color(QPalette::Text);
    if (role == RoomRole::Visitor)
        pen = theme.muted; // present but without voice
    painter->setPen(pen);
    const QRect textRect(avatar.right() + 10, r.top(), right - avatar.right() - 10, r.height());
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(f).elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

// --- OccupantPanel ------------------------------------------------------------------------

OccupantPanel::OccupantPanel(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_count(new QLabel(this)), m_filter(new QLineEdit(this)),
      m_view(new QListView(this)), m_proxy(new OccupantFilterProxy(this)),
      m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("OccupantPanel"));
    setAccessibleName(tr("Occupants"));
    m_count->setObjectName(QStringLiteral("Muted"));
    m_count->setWordWrap(true);
    m_filter->setObjectName(QStringLiteral("FilterBox"));
    m_filter->setPlaceholderText(tr("Filter people"));
    m_filter->setAccessibleName(tr("Filter occupants"));
    m_filter->setClearButtonEnabled(true);
    m_view->setObjectName(QStringLiteral("OccupantList"));
    m_view->setAccessibleName(tr("Occupant list"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new OccupantDelegate(m_view));
    m_view->setUniformItemSizes(true); // no per-row measuring with thousands of occupants
    m_view->setMouseTracking(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The list sits on the panel's own background, like the sidebar's lists.
    m_view->setStyleSheet(QStringLiteral("QListView { background: transparent; border: none; }"));
    m_status->setObjectName(QStringLiteral("ErrorText"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->hide();

    auto *l = new QVBoxLayout(this);
    l->setContentsMargins(8, 10, 8, 8);
    l->setSpacing(8);
    l->addWidget(m_count);
    l->addWidget(m_filter);
    l->addWidget(m_status);
    l->addWidget(m_view, 1);
    setMinimumWidth(200);

    m_reasonPrompt = [](QWidget *owner, const QString &title) -> std::optional<QString> {
        bool ok = false;
        const QString reason = QInputDialog::getText(owner, title, tr("Reason (optional):"),
                                                     QLineEdit::Normal, {}, &ok);
        return ok ? std::optional<QString>(reason) : std::nullopt;
    };

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &OccupantFilterProxy::setFilterText);
    connect(m_filter, &QLineEdit::textChanged, this, &OccupantPanel::updateCount);
    // Down from the filter goes into the list, as in the sidebar.
    m_filter->installEventFilter(this);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QModelIndex i = m_view->indexAt(pos);
        QPoint at = pos;
        if (!i.isValid()) { // the keyboard's menu key: the current row
            i = m_view->currentIndex();
            at = m_view->visualRect(i).center();
        }
        if (!i.isValid())
            return;
        QMenu *menu = createContextMenu(i, this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(at));
    });
    // Enter / double click: mention, the most common thing to do with a name in a room.
    connect(m_view, &QListView::activated, this, [this](const QModelIndex &i) {
        Q_EMIT mentionRequested(i.data(OccupantNickRole).toString());
    });
}

void OccupantPanel::setRoom(const QString &account, const QString &room)
{
    m_account = account;
    m_room = room;
    m_status->hide();
    QAbstractItemModel *model = m_session->rooms().occupantModel(account, room);
    if (m_proxy->sourceModel())
        disconnect(m_proxy->sourceModel(), nullptr, this, nullptr);
    m_proxy->setSourceModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &OccupantPanel::updateCount);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &OccupantPanel::updateCount);
        connect(model, &QAbstractItemModel::modelReset, this, &OccupantPanel::updateCount);
    }
    updateCount();
}

void OccupantPanel::setJoined(bool joined)
{
    m_joined = joined;
    m_view->setEnabled(joined);
    updateCount();
}

void OccupantPanel::updateCount()
{
    if (!m_joined) {
        m_count->setText(tr("Not in the room: the people you last saw here"));
        return;
    }
    const int all = m_proxy->sourceModel() ? m_proxy->sourceModel()->rowCount() : 0;
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == all ? tr("%n people", nullptr, all)
                                  : tr("%1 of %n people", nullptr, all).arg(shown));
}

bool OccupantPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down && m_proxy->rowCount() > 0) {
        m_view->setFocus();
        if (!m_view->currentIndex().isValid())
            m_view->setCurrentIndex(m_proxy->index(0, 0));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QString OccupantPanel::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void OccupantPanel::showStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

QMenu *OccupantPanel::createContextMenu(const QModelIndex &index, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const QPersistentModelIndex row(index);
    const QString nick = index.data(OccupantNickRole).toString();
    const bool self = index.data(OccupantIsSelfRole).toBool();
    if (!self) {
        menu->addAction(tr("Private message"), this, [this, nick] {
            Q_EMIT privateMessageRequested(m_account, m_room + QLatin1Char('/') + nick);
        });
    }
    menu->addAction(tr("Mention"), this, [this, nick] { Q_EMIT mentionRequested(nick); });

    const RoomInfo info = m_session->rooms().roomInfo(m_account, m_room);
    if (info.state != RoomState::Joined)
        return menu; // privileges only count while we are in
    OccupantActionContext c;
    c.selfRole = info.role;
    c.selfAffiliation = info.affiliation;
    c.targetRole = RoomRole(index.data(OccupantRoleRole).toInt());
    c.targetAffiliation = RoomAffiliation(index.data(OccupantAffiliationRole).toInt());
    c.targetIsSelf = self;
    c.targetJidKnown = !index.data(OccupantRealJidRole).toString().isEmpty();
    const QList<OccupantAction> actions = allowedActions(c);
    if (!actions.isEmpty())
        menu->addSeparator();
    for (OccupantAction a : actions) {
        QAction *act = menu->addAction(actionText(a), this, [this, a, row] {
            if (row.isValid())
                perform(a, row);
        });
        act->setData(int(a));
    }
    return menu;
}

void OccupantPanel::perform(OccupantAction action, const QModelIndex &index)
{
    const QString nick = index.data(OccupantNickRole).toString();
    const QString jid = bareOf(index.data(OccupantRealJidRole).toString());
    QString reason;
    if (actionTakesReason(action)) {
        const std::optional<QString> r =
            m_reasonPrompt(this, QString(actionText(action)).remove(QStringLiteral("…")) +
                                     QStringLiteral(" ") + nick);
        if (!r)
            return;
        reason = *r;
    }
    auto role = [&](RoomRole r) {
        return m_session->rooms().setOccupantRole(m_account, m_room, nick, r, reason);
    };
    auto affiliation = [&](RoomAffiliation a) {
        return m_session->rooms().setAffiliation(m_account, m_room, jid, a, reason);
    };
    Task<xmpp::Result<xmpp::Success>> task = [&] {
        switch (action) {
        case OccupantAction::Kick:
            return role(RoomRole::None);
        case OccupantAction::GrantVoice:
        case OccupantAction::RevokeModerator:
            return role(RoomRole::Participant);
        case OccupantAction::RevokeVoice:
            return role(RoomRole::Visitor);
        case OccupantAction::GrantModerator:
            return role(RoomRole::Moderator);
        case OccupantAction::Ban:
            return affiliation(RoomAffiliation::Outcast);
        case OccupantAction::MakeMember:
            return affiliation(RoomAffiliation::Member);
        case OccupantAction::RevokeMembership:
            return affiliation(RoomAffiliation::None);
        case OccupantAction::MakeAdmin:
            return affiliation(RoomAffiliation::Admin);
        case OccupantAction::MakeOwner:
            return affiliation(RoomAffiliation::Owner);
        }
        return role(RoomRole::Participant);
    }();
    showStatus({});
    const QString what = QString(actionText(action)).remove(QStringLiteral("…"));
    task.then(this, [this, what, nick](const xmpp::Result<xmpp::Success> &result) {
        if (!xmpp::isOk(result))
            showStatus(
                tr("%1 %2 did not work: %3").arg(what, nick, std::get<xmpp::Error>(result).text));
    });
}

} // namespace parla::ui
