// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchdialog.h"

#include "modelutil.h"
#include "theme.h"
#include "timeformat.h"

#include "core/models/roles.h"
#include "core/session/session.h"

#include <QBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace parla::ui {

using namespace parla::models;

namespace {

/// Two lines per hit: contact and time, then the snippet with its matches highlighted. The
/// snippet goes through QTextLayout as plain text: nothing in it is interpreted.
class SearchHitDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        const int line = option.fontMetrics.lineSpacing();
        return {option.rect.width(), line * 2 + 14};
    }

    void paint(QPainter *p, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, p, opt.widget);

        const bool selected = option.state & QStyle::State_Selected;
        const QPalette &pal = option.palette;
        const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
        const QRect r = option.rect.adjusted(10, 6, -10, -6);
        const int line = option.fontMetrics.lineSpacing();

        p->save();
        QFont bold = option.font;
        bold.setBold(true);
        p->setFont(bold);
        p->setPen(text);
        const QString time = shortTimestamp(index.data(SearchDialog::HitTimeRole).toDateTime());
        const int timeWidth = option.fontMetrics.horizontalAdvance(time) + 8;
        const QRect titleRect(r.left(), r.top(), r.width() - timeWidth, line);
        p->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(bold).elidedText(index.data(SearchDialog::HitTitleRole).toString(),
                                                  Qt::ElideRight, titleRect.width()));
        p->setFont(option.font);
        p->drawText(QRect(r.right() - timeWidth, r.top(), timeWidth, line),
                    Qt::AlignRight | Qt::AlignVCenter, time);

        // The snippet on one line; highlighted ranges bold on the highlight colour.
        QString snippet = index.data(SearchDialog::HitSnippetRole).toString();
        snippet.replace(QLatin1Char('\n'), QLatin1Char(' '));
        QTextLayout layout(snippet, option.font, p->device());
        QList<QTextLayout::FormatRange> formats;
        const auto matches = index.data(SearchDialog::HitMatchesRole).toList();
        for (const QVariant &v : matches) {
            const QPoint m = v.toPoint();
            QTextLayout::FormatRange range;
            range.start = m.x();
            range.length = m.y();
            range.format.setFontWeight(QFont::Bold);
            if (!selected) {
                QColor mark = pal.color(QPalette::Highlight);
                mark.setAlpha(70);
                range.format.setBackground(mark);
            }
            formats.append(range);
        }
        layout.setFormats(formats);
        QTextOption textOption;
        textOption.setWrapMode(QTextOption::NoWrap);
        layout.setTextOption(textOption);
        layout.beginLayout();
        QTextLine tl = layout.createLine();
        if (tl.isValid())
            tl.setLineWidth(r.width());
        layout.endLayout();
        p->setPen(text);
        p->setClipRect(QRect(r.left(), r.top() + line, r.width(), line + 2));
        layout.draw(p, QPointF(r.left(), r.top() + line + 2));
        p->restore();
    }
};

} // namespace

SearchDialog::SearchDialog(Session *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_query(new QLineEdit(this)),
      m_results(new QListView(this)), m_status(new QLabel(this)),
      m_model(new QStandardItemModel(this)), m_debounce(new QTimer(this))
{
    setWindowTitle(tr("Search messages"));
    resize(560, 520);
    m_query->setPlaceholderText(tr("Search all conversations"));
    m_query->setAccessibleName(tr("Search messages"));
    m_query->setClearButtonEnabled(true);
    m_query->installEventFilter(this);
    m_results->setModel(m_model);
    m_results->setItemDelegate(new SearchHitDelegate(m_results));
    m_results->setAccessibleName(tr("Search results"));
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setUniformItemSizes(true);
    m_results->installEventFilter(this);
    m_status->setObjectName(QStringLiteral("Muted"));
    m_status->setAccessibleName(tr("Search status"));
    m_status->setTextFormat(Qt::PlainText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(m_query);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_status);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &SearchDialog::searchNow);
    connect(m_query, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_results, &QListView::activated, this, &SearchDialog::activate);
    connect(m_results, &QListView::doubleClicked, this, &SearchDialog::activate);
}

void SearchDialog::searchNow()
{
    m_debounce->stop();
    const quint64 generation = ++m_generation;
    const QString text = m_query->text();
    if (text.trimmed().isEmpty()) {
        m_activateWhenDone = false;
        m_model->clear();
        m_status->clear();
        return;
    }
    m_session->search()
        .searchMessages(text, {}, kResultLimit)
        .then(this, [this, generation](const xmpp::Result<QList<SearchHit>> &result) {
            if (generation != m_generation)
                return; // the user typed on; a newer search is on its way
            m_model->clear();
            if (!xmpp::isOk(result)) {
                m_status->setText(std::get<xmpp::Error>(result).text);
                return;
            }
            const auto &hits = std::get<QList<SearchHit>>(result);
            for (const SearchHit &hit : hits) {
                auto *item = new QStandardItem;
                const QString title = contactName(hit.account, hit.peer);
                item->setData(hit.account, HitAccountRole);
                item->setData(hit.peer, HitPeerRole);
                item->setData(hit.messageId, HitMessageIdRole);
                item->setData(title, HitTitleRole);
                item->setData(hit.timestamp, HitTimeRole);
                item->setData(hit.snippet, HitSnippetRole);
                QVariantList matches;
                for (const SearchMatch &m : hit.matches)
                    matches.append(QPoint(m.start, m.length));
                item->setData(matches, HitMatchesRole);
                // What a screen reader says for the row.
                item->setData(
                    tr("%1, %2: %3").arg(title, shortTimestamp(hit.timestamp), hit.snippet),
                    Qt::AccessibleTextRole);
                item->setToolTip(hit.peer);
                m_model->appendRow(item);
            }
            m_status->setText(hits.isEmpty() ? tr("No messages found.")
                                             : tr("%n message(s)", nullptr, int(hits.size())));
            if (!hits.isEmpty())
                m_results->setCurrentIndex(m_model->index(0, 0));
            if (std::exchange(m_activateWhenDone, false))
                activate(m_results->currentIndex());
        });
}

QString SearchDialog::contactName(const QString &account, const QString &peer) const
{
    const QModelIndex contact = findRow(m_session->people().rosterModel(), ContactAccountRole,
                                        account, ContactJidRole, peer);
    const QString name = contact.data(ContactNameRole).toString();
    return name.isEmpty() ? peer : name;
}

void SearchDialog::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    Q_EMIT messageChosen(index.data(HitAccountRole).toString(), index.data(HitPeerRole).toString(),
                         index.data(HitMessageIdRole).toLongLong());
    hide();
}

bool SearchDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QDialog::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    if (watched == m_query) {
        // Type, arrow through the results, Enter to jump: never a need to leave the field.
        switch (key->key()) {
        case Qt::Key_Down:
        case Qt::Key_Up: {
            const int step = key->key() == Qt::Key_Down ? 1 : -1;
            const int row =
                std::clamp(m_results->currentIndex().row() + step, 0, m_model->rowCount() - 1);
            if (m_model->rowCount() > 0)
                m_results->setCurrentIndex(m_model->index(row, 0));
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (m_debounce->isActive()) { // Enter right after typing: jump once the results come
                m_activateWhenDone = true;
                searchNow();
            } else {
                activate(m_results->currentIndex());
            }
            return true;
        default:
            break;
        }
    } else if (watched == m_results &&
               (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
        activate(m_results->currentIndex());
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace parla::ui
