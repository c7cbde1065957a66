// SPDX-License-Identifier: GPL-3.0-or-later
#include "emojipicker.h"

#include "emojicatalog.h"
#include "messagetext.h"

#include <QBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QTabBar>

namespace parla::ui {

namespace {
constexpr int kCell = 40;
constexpr int kColumns = 9;
} // namespace

EmojiPicker::EmojiPicker(QWidget *parent)
    : QFrame(parent, Qt::Popup), m_search(new QLineEdit(this)), m_tabs(new QTabBar(this)),
      m_grid(new QListWidget(this))
{
    setObjectName(QStringLiteral("EmojiPicker"));
    setAccessibleName(tr("Emoji picker"));
    setFrameShape(QFrame::StyledPanel);

    m_search->setObjectName(QStringLiteral("FilterBox"));
    m_search->setPlaceholderText(tr("Search emoji"));
    m_search->setAccessibleName(tr("Search emoji"));
    m_search->setClearButtonEnabled(true);

    const EmojiCatalog &catalog = EmojiCatalog::instance();
    m_tabs->setAccessibleName(tr("Emoji categories"));
    m_tabs->setExpanding(false);
    m_tabs->setDrawBase(false);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setFont(MessageText::withEmojiFallback(font()));
    m_tabs->addTab(QStringLiteral("🕘"));
    m_tabs->setTabToolTip(0, tr("Recently used"));
    m_tabs->setAccessibleTabName(0, tr("Recently used"));
    for (const QString &category : catalog.categories()) {
        const QList<const Emoji *> list = catalog.inCategory(category);
        const int tab = m_tabs->addTab(list.isEmpty() ? category : list.first()->text);
        m_tabs->setTabToolTip(tab, category);
        m_tabs->setAccessibleTabName(tab, category);
    }
    m_tabs->setStyleSheet(QStringLiteral("QTabBar::tab { padding: 4px 6px; }"));

    m_grid->setObjectName(QStringLiteral("EmojiGrid"));
    m_grid->setAccessibleName(tr("Emoji"));
    m_grid->setViewMode(QListView::IconMode);
    m_grid->setMovement(QListView::Static);
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setUniformItemSizes(true);
    m_grid->setGridSize(QSize(kCell, kCell));
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QFont big = MessageText::withEmojiFallback(font());
    big.setPointSizeF(big.pointSizeF() * 1.7);
    m_grid->setFont(big);
    m_grid->setFixedWidth(kColumns * kCell + 26); // room for the scroll bar
    m_grid->setMinimumHeight(6 * kCell);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(m_search);
    layout->addWidget(m_tabs);
    layout->addWidget(m_grid, 1);

    connect(m_search, &QLineEdit::textChanged, this, &EmojiPicker::applySearch);
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int tab) {
        if (m_search->text().trimmed().isEmpty())
            showCategory(tab);
    });
    connect(m_grid, &QListWidget::itemActivated, this, [this] { chooseCurrent(); });
    connect(m_grid, &QListWidget::itemClicked, this, [this] { chooseCurrent(); });
    m_search->installEventFilter(this);
    m_grid->installEventFilter(this);
    setFocusProxy(m_search);
}

void EmojiPicker::popup(const QPoint &bottomLeft)
{
    adjustSize();
    move(bottomLeft - QPoint(0, sizeHint().height()));
    show();
    m_search->setFocus(Qt::PopupFocusReason);
}

void EmojiPicker::showEvent(QShowEvent *event)
{
    m_search->clear();
    // Start with the recently used emoji, or the first category when there are none yet.
    const int tab = EmojiRecents::load().isEmpty() ? 1 : 0;
    if (m_tabs->currentIndex() == tab)
        showCategory(tab);
    else
        m_tabs->setCurrentIndex(tab);
    QFrame::showEvent(event);
}

void EmojiPicker::showCategory(int tab)
{
    if (m_tabs->currentIndex() != tab) {
        m_tabs->setCurrentIndex(tab); // calls back here
        return;
    }
    QStringList list;
    if (tab == 0) {
        list = EmojiRecents::load();
    } else {
        for (const Emoji *e : EmojiCatalog::instance().inCategory(m_tabs->tabToolTip(tab)))
            list << e->text;
    }
    fill(list);
}

void EmojiPicker::applySearch()
{
    const QString q = m_search->text().trimmed();
    if (q.isEmpty()) {
        showCategory(m_tabs->currentIndex());
        return;
    }
    QStringList list;
    for (const Emoji *e : EmojiCatalog::instance().search(q))
        list << e->text;
    fill(list);
}

void EmojiPicker::fill(const QStringList &emoji)
{
    const EmojiCatalog &catalog = EmojiCatalog::instance();
    m_grid->clear();
    for (const QString &text : emoji) {
        auto *item = new QListWidgetItem(text, m_grid);
        item->setTextAlignment(Qt::AlignCenter);
        item->setSizeHint(QSize(kCell, kCell));
        if (const Emoji *e = catalog.byText(text)) {
            item->setData(Qt::AccessibleTextRole, e->name);
            item->setToolTip(e->shortcodes.isEmpty()
                                 ? e->name
                                 : QStringLiteral(":%1:  %2").arg(e->shortcodes.first(), e->name));
        }
    }
    if (m_grid->count() > 0)
        m_grid->setCurrentRow(0);
}

void EmojiPicker::chooseCurrent()
{
    const QListWidgetItem *item = m_grid->currentItem();
    if (!item)
        return;
    const QString emoji = item->text();
    EmojiRecents::add(emoji);
    hide();
    Q_EMIT emojiChosen(emoji);
}

bool EmojiPicker::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    if (key->key() == Qt::Key_Escape) {
        hide();
        return true;
    }
    if (watched == m_search) {
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            chooseCurrent(); // the first (best) match
            return true;
        case Qt::Key_Down:
        case Qt::Key_Tab:
            m_grid->setFocus(Qt::TabFocusReason);
            return true;
        default:
            break;
        }
    } else if (watched == m_grid) {
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            chooseCurrent();
            return true;
        }
        if (key->key() == Qt::Key_Up && m_grid->currentRow() < kColumns) {
            m_search->setFocus(Qt::BacktabFocusReason);
            return true;
        }
        // Typing in the grid searches.
        if (!key->text().isEmpty() && key->text().at(0).isPrint() &&
            !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
            m_search->setFocus(Qt::OtherFocusReason);
            m_search->insert(key->text());
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace parla::ui
