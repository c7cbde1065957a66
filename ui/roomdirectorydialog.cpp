// SPDX-License-Identifier: GPL-3.0-or-later
#include "roomdirectorydialog.h"

#include "icons.h"
#include "statuslabel.h"

#include "core/session/session.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>

namespace parla::ui {

namespace {
constexpr int kRoomRole = Qt::UserRole + 1; ///< bare JID on every cell of a row
constexpr int kSortRole = Qt::UserRole + 2;
} // namespace

RoomDirectoryDialog::RoomDirectoryDialog(Session *session, const QString &account, QWidget *parent)
    : QDialog(parent), m_session(session), m_account(account), m_service(new QComboBox(this)),
      m_filter(new QLineEdit(this)), m_model(new QStandardItemModel(0, ColumnCount, this)),
      m_proxy(new QSortFilterProxyModel(this)), m_view(new QTreeView(this)),
      m_status(new StatusLabel(this)), m_join(new QPushButton(tr("Join"), this))
{
    setWindowTitle(tr("Find group chats — %1").arg(account));
    m_service->setEditable(true);
    m_service->setInsertPolicy(QComboBox::NoInsert);
    m_service->setAccessibleName(tr("Group chat service"));
    m_service->setMinimumContentsLength(22);
    auto *serviceLabel = new QLabel(tr("&Service"), this);
    serviceLabel->setBuddy(m_service);
    m_filter->setObjectName(QStringLiteral("FilterBox"));
    m_filter->setPlaceholderText(tr("Filter by name, address or description"));
    m_filter->setAccessibleName(tr("Filter rooms"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(Icons::themed(QStringLiteral("search")), QLineEdit::LeadingPosition);

    m_model->setHorizontalHeaderLabels({tr("Name"), tr("Address"), tr("People"), tr("About")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1); // every column
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(kSortRole);
    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Rooms"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true); // thousands of rooms stay quick
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(OccupantsColumn, Qt::DescendingOrder); // busiest first
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(NameColumn, 190);
    m_view->setColumnWidth(AddressColumn, 220);
    m_view->setColumnWidth(OccupantsColumn, 70);
    m_join->setEnabled(false);
    m_join->setDefault(true);

    auto *top = new QHBoxLayout;
    top->addWidget(serviceLabel);
    top->addWidget(m_service, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_join, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_join, &QPushButton::clicked, this, &RoomDirectoryDialog::joinSelected);
    connect(m_view, &QTreeView::activated, this, &RoomDirectoryDialog::joinSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_join->setEnabled(!selectedRoom().isEmpty()); });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
        updateCount();
    });
    connect(m_service, &QComboBox::activated, this,
            [this] { showService(m_service->currentText()); });
    connect(m_service->lineEdit(), &QLineEdit::returnPressed, this,
            [this] { showService(m_service->currentText()); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->setSpacing(10);
    layout->addLayout(top);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(760, 520);

    m_status->showInfo(tr("Looking for group chat services…"));
    m_session->rooms().mucServices(account).then(this, [this](const xmpp::Result<QStringList> &r) {
        if (const auto *e = std::get_if<xmpp::Error>(&r)) {
            m_status->showError(
                tr("Could not find this server's group chat services: %1 You can type one above.")
                    .arg(e->text));
            return;
        }
        const QStringList services = std::get<QStringList>(r);
        if (services.isEmpty()) {
            m_status->showError(tr("This server offers no group chat service. You can type "
                                   "another server's above, like conference.example.org."));
            return;
        }
        m_service->addItems(services);
        showService(services.first());
    });
}

void RoomDirectoryDialog::showService(const QString &service)
{
    const QString s = service.trimmed();
    if (s.isEmpty())
        return;
    m_shown = s;
    if (m_service->currentText() != s)
        m_service->setCurrentText(s);
    m_model->removeRows(0, m_model->rowCount());
    m_join->setEnabled(false);
    m_status->showInfo(tr("Loading the rooms of %1…").arg(s));
    m_session->rooms()
        .roomDirectory(m_account, s)
        .then(this, [this, s](const xmpp::Result<QList<RoomListing>> &r) {
            if (s != m_shown)
                return; // another service was picked meanwhile
            if (const auto *e = std::get_if<xmpp::Error>(&r)) {
                m_status->showError(tr("The rooms of %1 could not be listed: %2").arg(s, e->text));
                return;
            }
            const QIcon lock = Icons::themed(QStringLiteral("lock"));
            m_view->setSortingEnabled(false); // insert first, sort once
            for (const RoomListing &l : std::get<QList<RoomListing>>(r)) {
                QList<QStandardItem *> row;
                const QString name = l.name.isEmpty() ? l.room.section(u'@', 0, 0) : l.name;
                auto *nameItem = new QStandardItem(name);
                nameItem->setData(name.toLower(), kSortRole);
                QStringList locks;
                if (l.passwordProtected)
                    locks << tr("needs a password");
                if (l.membersOnly)
                    locks << tr("members only");
                if (!locks.isEmpty()) {
                    nameItem->setIcon(lock);
                    const QString why = locks.join(tr(", "));
                    nameItem->setToolTip(why);
                    nameItem->setData(tr("%1, %2").arg(name, why), Qt::AccessibleTextRole);
                }
                auto *address = new QStandardItem(l.room);
                address->setData(l.room, kSortRole);
                auto *people =
                    new QStandardItem(l.occupants >= 0 ? QString::number(l.occupants) : QString());
                people->setData(l.occupants, kSortRole);
                people->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                auto *about = new QStandardItem(l.description.simplified());
                about->setToolTip(l.description);
                about->setData(l.description.toLower(), kSortRole);
                row << nameItem << address << people << about;
                for (QStandardItem *item : row)
                    item->setData(l.room, kRoomRole);
                m_model->appendRow(row);
            }
            m_view->setSortingEnabled(true);
            updateCount();
            if (m_proxy->rowCount() > 0)
                m_view->setCurrentIndex(m_proxy->index(0, 0));
        });
}

void RoomDirectoryDialog::updateCount()
{
    if (m_shown.isEmpty() || m_status->isError())
        return;
    const int all = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (all == 0)
        m_status->showInfo(tr("%1 lists no public rooms.").arg(m_shown));
    else if (shown == 0)
        m_status->showInfo(tr("No room matches “%1”.").arg(m_filter->text().trimmed()));
    else if (shown < all)
        m_status->showInfo(tr("%1 of %2 rooms").arg(shown).arg(all));
    else
        m_status->showInfo(all == 1 ? tr("1 room") : tr("%1 rooms").arg(all));
}

QString RoomDirectoryDialog::selectedRoom() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(kRoomRole).toString();
}

void RoomDirectoryDialog::joinSelected()
{
    const QString room = selectedRoom();
    if (!room.isEmpty())
        Q_EMIT joinRequested(m_account, room);
}

} // namespace parla::ui
