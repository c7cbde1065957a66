// SPDX-License-Identifier: GPL-3.0-or-later
#include "affiliationsdialog.h"

#include "icons.h"
#include "statuslabel.h"

#include "core/session/session.h"
#include "core/xmpp/jid.h"

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>

namespace parla::ui {

namespace {

QString tabTitle(RoomAffiliation a)
{
    switch (a) {
    case RoomAffiliation::Owner:
        return AffiliationsDialog::tr("&Owners");
    case RoomAffiliation::Admin:
        return AffiliationsDialog::tr("A&dmins");
    case RoomAffiliation::Member:
        return AffiliationsDialog::tr("&Members");
    case RoomAffiliation::Outcast:
        return AffiliationsDialog::tr("&Banned");
    case RoomAffiliation::None:
        break;
    }
    return {};
}

QString explanation(RoomAffiliation a)
{
    switch (a) {
    case RoomAffiliation::Owner:
        return AffiliationsDialog::tr("Owners may change the room's settings, name admins and "
                                      "destroy the room.");
    case RoomAffiliation::Admin:
        return AffiliationsDialog::tr("Admins may ban people and manage the member list.");
    case RoomAffiliation::Member:
        return AffiliationsDialog::tr("Members may enter a members-only room and keep their "
                                      "nickname.");
    case RoomAffiliation::Outcast:
        return AffiliationsDialog::tr("Banned people cannot enter the room.");
    case RoomAffiliation::None:
        break;
    }
    return {};
}

QString addLabel(RoomAffiliation a)
{
    return a == RoomAffiliation::Outcast ? AffiliationsDialog::tr("Ban")
                                         : AffiliationsDialog::tr("Add");
}

} // namespace

AffiliationsDialog::AffiliationsDialog(Session *session, const QString &account,
                                       const QString &room, QWidget *parent)
    : QDialog(parent), m_session(session), m_account(account), m_room(room),
      m_tabs(new QTabWidget(this)), m_status(new StatusLabel(this))
{
    setWindowTitle(tr("People with a role — %1").arg(room));
    m_tabs->setAccessibleName(tr("Lists"));
    m_tabs->setDocumentMode(true);
    m_pages = {Page{RoomAffiliation::Owner}, Page{RoomAffiliation::Admin},
               Page{RoomAffiliation::Member}, Page{RoomAffiliation::Outcast}};
    for (Page &page : m_pages)
        m_tabs->addTab(makePage(page), tabTitle(page.affiliation));
    // Lists are fetched when first looked at: most visits need only one of the four.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index >= 0 && index < int(m_pages.size()) && !m_pages[size_t(index)].loaded)
            load(m_pages[size_t(index)]);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->setSpacing(10);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(560, 480);
    load(m_pages.front());
}

QWidget *AffiliationsDialog::makePage(Page &page)
{
    auto *w = new QWidget(m_tabs);
    const bool banned = page.affiliation == RoomAffiliation::Outcast;
    auto *hint = new QLabel(explanation(page.affiliation), w);
    hint->setObjectName(QStringLiteral("Muted"));
    hint->setWordWrap(true);

    page.list = new QTreeWidget(w);
    page.list->setRootIsDecorated(false);
    page.list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    page.list->setHeaderLabels(banned ? QStringList{tr("Address"), tr("Reason")}
                                      : QStringList{tr("Address"), tr("Nickname")});
    page.list->header()->setStretchLastSection(true);
    page.list->setColumnWidth(0, 260);
    page.list->setAccessibleName(tabTitle(page.affiliation).remove(u'&'));

    page.address = new QLineEdit(w);
    page.address->setPlaceholderText(tr("name@example.org"));
    page.address->setAccessibleName(banned ? tr("Address to ban") : tr("Address to add"));
    if (banned) {
        page.reason = new QLineEdit(w);
        page.reason->setPlaceholderText(tr("Reason (optional)"));
        page.reason->setAccessibleName(tr("Reason for the ban"));
    }
    page.add = new QPushButton(Icons::themed(QStringLiteral("add")), addLabel(page.affiliation), w);
    page.remove = new QPushButton(Icons::themed(QStringLiteral("remove")),
                                  banned ? tr("Lift ban") : tr("Remove"), w);
    page.add->setEnabled(false);
    page.remove->setEnabled(false);

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(page.address, 2);
    if (page.reason)
        addRow->addWidget(page.reason, 2);
    addRow->addWidget(page.add);
    auto *removeRow = new QHBoxLayout;
    removeRow->addStretch(1);
    removeRow->addWidget(page.remove);
    auto *layout = new QVBoxLayout(w);
    layout->setContentsMargins(0, 10, 0, 0);
    layout->addWidget(hint);
    layout->addWidget(page.list, 1);
    layout->addLayout(removeRow);
    layout->addLayout(addRow);

    // m_pages is filled once before the pages are made and never resized: its elements stay
    // put, so the page itself can be captured.
    Page *p = &page;
    connect(page.address, &QLineEdit::textChanged, this, [this, p](const QString &text) {
        p->add->setEnabled(xmpp::Jid::parse(text.trimmed()).has_value());
        m_status->clearStatus();
    });
    connect(page.address, &QLineEdit::returnPressed, this, [this, p] { add(*p); });
    if (page.reason)
        connect(page.reason, &QLineEdit::returnPressed, this, [this, p] { add(*p); });
    connect(page.add, &QPushButton::clicked, this, [this, p] { add(*p); });
    connect(page.remove, &QPushButton::clicked, this, [this, p] { removeSelected(*p); });
    connect(page.list, &QTreeWidget::itemSelectionChanged, this,
            [p] { p->remove->setEnabled(!p->list->selectedItems().isEmpty()); });
    return w;
}

const AffiliationsDialog::Page *AffiliationsDialog::pageOf(RoomAffiliation affiliation) const
{
    for (const Page &p : m_pages) {
        if (p.affiliation == affiliation)
            return &p;
    }
    return nullptr;
}

void AffiliationsDialog::showAffiliation(RoomAffiliation affiliation)
{
    if (const Page *p = pageOf(affiliation))
        m_tabs->setCurrentWidget(p->list->parentWidget());
}

QTreeWidget *AffiliationsDialog::listOf(RoomAffiliation affiliation) const
{
    const Page *p = pageOf(affiliation);
    return p ? p->list : nullptr;
}

QLineEdit *AffiliationsDialog::addressEditOf(RoomAffiliation affiliation) const
{
    const Page *p = pageOf(affiliation);
    return p ? p->address : nullptr;
}

QLineEdit *AffiliationsDialog::reasonEditOf(RoomAffiliation affiliation) const
{
    const Page *p = pageOf(affiliation);
    return p ? p->reason : nullptr;
}

QPushButton *AffiliationsDialog::addButtonOf(RoomAffiliation affiliation) const
{
    const Page *p = pageOf(affiliation);
    return p ? p->add : nullptr;
}

QPushButton *AffiliationsDialog::removeButtonOf(RoomAffiliation affiliation) const
{
    const Page *p = pageOf(affiliation);
    return p ? p->remove : nullptr;
}

void AffiliationsDialog::load(Page &page)
{
    page.loaded = true;
    const RoomAffiliation a = page.affiliation;
    Page &p = page;
    m_status->showInfo(tr("Loading…"));
    m_session->rooms()
        .affiliationList(m_account, m_room, a)
        .then(this, [this, a, &p](const xmpp::Result<QList<AffiliationEntry>> &r) {
            if (const auto *e = std::get_if<xmpp::Error>(&r)) {
                p.loaded = false; // try again next time the tab is shown
                m_status->showError(tr("This list could not be loaded: %1").arg(e->text));
                return;
            }
            p.list->clear();
            for (const AffiliationEntry &entry : std::get<QList<AffiliationEntry>>(r)) {
                const QString second = a == RoomAffiliation::Outcast ? entry.reason : entry.nick;
                new QTreeWidgetItem(p.list, {entry.jid, second});
            }
            p.list->sortItems(0, Qt::AscendingOrder);
            p.remove->setEnabled(false);
            if (p.list->topLevelItemCount() == 0)
                m_status->showInfo(tr("Nobody is on this list."));
            else
                m_status->clearStatus();
        });
}

void AffiliationsDialog::add(Page &page)
{
    const QString text = page.address->text().trimmed();
    QString why;
    const auto jid = xmpp::Jid::parse(text, &why);
    if (!jid) {
        m_status->showError(tr("“%1” is not a valid address: %2").arg(text, why));
        page.address->setFocus();
        return;
    }
    change(page, jid->toString(), page.affiliation,
           page.reason ? page.reason->text().trimmed() : QString());
}

void AffiliationsDialog::removeSelected(Page &page)
{
    // Addresses first: each answer reloads the list, which deletes the items.
    QStringList jids;
    for (const QTreeWidgetItem *item : page.list->selectedItems())
        jids << item->text(0);
    for (const QString &jid : std::as_const(jids))
        change(page, jid, RoomAffiliation::None, QString());
}

void AffiliationsDialog::change(Page &page, const QString &jid, RoomAffiliation to,
                                const QString &reason)
{
    Page &p = page;
    m_status->showInfo(tr("Saving…"));
    m_session->rooms()
        .setAffiliation(m_account, m_room, jid, to, reason)
        .then(this, [this, &p, jid, to](const xmpp::Result<xmpp::Success> &r) {
            if (const auto *e = std::get_if<xmpp::Error>(&r)) {
                m_status->showError(tr("%1 could not be changed: %2").arg(jid, e->text));
                return;
            }
            if (to != RoomAffiliation::None) {
                p.address->clear();
                if (p.reason)
                    p.reason->clear();
            }
            Q_EMIT affiliationChanged(m_account, m_room, jid, to);
            load(p);
        });
}

} // namespace parla::ui
