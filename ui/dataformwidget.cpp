// SPDX-License-Identifier: GPL-3.0-or-later
#include "dataformwidget.h"

#include "core/xmpp/jid.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyle>
#include <QStyleOptionButton>

#include <algorithm>

namespace parla::ui {

using xmpp::DataFormField;
using Type = xmpp::DataFormField::Type;

namespace {

/// Server text in a label with a buddy or on a check box would lose its '&' to a mnemonic.
QString noMnemonic(QString text)
{
    return text.replace(QLatin1Char('&'), QLatin1String("&&"));
}

QString fieldName(const DataFormField &f)
{
    return f.label.isEmpty() ? f.var : f.label;
}

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setTextFormat(Qt::PlainText); // server-supplied text is never markup
    l->setWordWrap(true);
    return l;
}

/// Non-empty lines of a multi-line editor, trimmed (jid-multi) or as typed (text-multi).
QStringList lines(const QString &text, bool trim)
{
    QStringList out;
    const QStringList all = text.split(QLatin1Char('\n'));
    for (const QString &line : all) {
        const QString v = trim ? line.trimmed() : line;
        if (!v.trimmed().isEmpty())
            out << v;
    }
    return out;
}

/// Where a check box's text starts, so the help under it lines up with the text.
int checkBoxTextIndent(QWidget *box)
{
    QStyleOptionButton option;
    option.initFrom(box);
    return box->style()->subElementRect(QStyle::SE_CheckBoxContents, &option, box).left();
}

bool isTrue(const QString &v)
{
    return v == QLatin1String("1") || v == QLatin1String("true");
}

} // namespace

DataFormWidget::DataFormWidget(QWidget *parent) : QWidget(parent), m_scroll(new QScrollArea(this))
{
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the fields, not the scroll area
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
    setForm({});
}

void DataFormWidget::setForm(const xmpp::DataForm &form)
{
    m_form = form;
    m_rows.assign(form.fields.size(), Row{});
    // A fresh content widget: children are created in visual order, which makes the default
    // tab chain (creation order) match what is seen.
    delete m_scroll->takeWidget();
    m_content = new QWidget;
    m_content->setObjectName(QStringLiteral("DataFormContent"));
    auto *v = new QVBoxLayout(m_content);
    v->setContentsMargins(2, 2, 12, 2); // room for the vertical scroll bar
    v->setSpacing(4);

    if (!form.title.isEmpty()) {
        auto *title = plainLabel(form.title, m_content);
        title->setObjectName(QStringLiteral("FormTitle"));
        QFont font = title->font();
        font.setPointSizeF(font.pointSizeF() * 1.25);
        font.setWeight(QFont::DemiBold);
        title->setFont(font);
        title->setAccessibleName(tr("Form title"));
        v->addWidget(title);
    }
    for (const QString &line : form.instructions) {
        auto *l = plainLabel(line, m_content);
        l->setObjectName(QStringLiteral("Muted"));
        l->setAccessibleName(tr("Instructions"));
        v->addWidget(l);
    }

    for (int i = 0; i < int(form.fields.size()); ++i) {
        const DataFormField &f = form.fields[size_t(i)];
        if (f.type == Type::Hidden)
            continue; // kept in m_form, returned unchanged by filled()
        if (f.type == Type::Fixed) {
            const QString text = f.values.join(QLatin1Char('\n'));
            auto *l = plainLabel(text, m_content);
            // Prosody heads the groups of muc#roomconfig with short fixed fields; longer ones
            // are explanations.
            const bool heading = text.size() <= 60 && !text.contains(QLatin1Char('\n'));
            l->setObjectName(heading ? QStringLiteral("FormSection") : QStringLiteral("Muted"));
            if (heading) {
                QFont font = l->font();
                font.setWeight(QFont::DemiBold);
                l->setFont(font);
                l->setContentsMargins(0, 12, 0, 0);
                l->setAccessibleName(tr("Section: %1").arg(text));
            }
            v->addWidget(l);
            continue;
        }

        const QString name = fieldName(f);
        const QString shown = f.required ? name + QStringLiteral(" *") : name;
        QWidget *editor = makeEditor(f, i);
        v->addSpacing(8);
        if (f.type != Type::Boolean) {
            auto *label = plainLabel(noMnemonic(shown), m_content);
            label->setBuddy(editor);
            label->setObjectName(QStringLiteral("FieldLabel"));
            v->addWidget(label);
        }
        v->addWidget(editor);
        editor->setObjectName(QStringLiteral("field_") + f.var);
        editor->setAccessibleName(f.required ? tr("%1, required").arg(name) : name);
        if (!f.description.isEmpty()) {
            editor->setToolTip(f.description);
            editor->setAccessibleDescription(f.description);
            auto *help = plainLabel(f.description, m_content);
            help->setObjectName(QStringLiteral("Muted"));
            if (f.type == Type::Boolean) // under the check box's text, not its box
                help->setContentsMargins(checkBoxTextIndent(editor), 0, 0, 0);
            v->addWidget(help);
        }
        auto *problem = plainLabel(QString(), m_content);
        problem->setObjectName(QStringLiteral("ErrorText"));
        problem->setAccessibleName(tr("Problem with %1").arg(name));
        problem->hide();
        v->addWidget(problem);
        m_rows[size_t(i)] = Row{editor, problem};
    }
    v->addStretch(1);
    m_scroll->setWidget(m_content);
}

QWidget *DataFormWidget::makeEditor(const DataFormField &f, int index)
{
    const auto changed = [this, index] { fieldEdited(index); };
    switch (f.type) {
    case Type::Boolean: {
        auto *c = new QCheckBox(
            noMnemonic(f.required ? fieldName(f) + QStringLiteral(" *") : fieldName(f)), m_content);
        c->setChecked(isTrue(f.value()));
        connect(c, &QCheckBox::toggled, this, changed);
        return c;
    }
    case Type::ListSingle: {
        auto *c = new QComboBox(m_content);
        for (const DataFormField::Option &o : f.options)
            c->addItem(o.label.isEmpty() ? o.value : o.label, o.value);
        // A current value the options do not list is kept, so saving changes nothing unasked.
        if (!f.value().isEmpty() && c->findData(f.value()) < 0)
            c->addItem(f.value(), f.value());
        c->setPlaceholderText(tr("Choose…"));
        c->setCurrentIndex(f.value().isEmpty() ? -1 : c->findData(f.value()));
        connect(c, &QComboBox::currentIndexChanged, this, changed);
        return c;
    }
    case Type::ListMulti: {
        auto *list = new QListWidget(m_content);
        auto add = [list, &f](const QString &label, const QString &value) {
            auto *item = new QListWidgetItem(label, list);
            item->setData(Qt::UserRole, value);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(f.values.contains(value) ? Qt::Checked : Qt::Unchecked);
        };
        for (const DataFormField::Option &o : f.options)
            add(o.label.isEmpty() ? o.value : o.label, o.value);
        for (const QString &value : f.values) {
            if (std::none_of(f.options.begin(), f.options.end(),
                             [&value](const auto &o) { return o.value == value; }))
                add(value, value);
        }
        const int rows = qBound(1, list->count(), 8);
        list->setFixedHeight(rows * list->sizeHintForRow(0) + 2 * list->frameWidth() + 4);
        // Checks are the value; a selection highlight on top would only compete with them.
        list->setSelectionMode(QAbstractItemView::NoSelection);
        if (list->count() > 0)
            list->setCurrentRow(0, QItemSelectionModel::NoUpdate);
        connect(list, &QListWidget::itemChanged, this, changed);
        return list;
    }
    case Type::JidMulti:
    case Type::TextMulti: {
        auto *e = new QPlainTextEdit(f.values.join(QLatin1Char('\n')), m_content);
        e->setTabChangesFocus(true); // keyboard users must be able to leave it
        e->setFixedHeight(e->fontMetrics().lineSpacing() * 4 + 16);
        if (f.type == Type::JidMulti)
            e->setPlaceholderText(tr("One address per line, like name@example.org"));
        connect(e, &QPlainTextEdit::textChanged, this, changed);
        return e;
    }
    case Type::JidSingle:
    case Type::TextPrivate:
    case Type::TextSingle:
    case Type::Fixed:
    case Type::Hidden:
        break;
    }
    auto *e = new QLineEdit(f.value(), m_content);
    if (f.type == Type::TextPrivate)
        e->setEchoMode(QLineEdit::Password);
    if (f.type == Type::JidSingle) {
        e->setPlaceholderText(tr("name@example.org"));
        // Check the address once the person leaves the field, not at every keystroke.
        connect(e, &QLineEdit::editingFinished, this,
                [this, index] { showProblem(index, problemWith(index)); });
    }
    connect(e, &QLineEdit::textChanged, this, changed);
    return e;
}

void DataFormWidget::fieldEdited(int index)
{
    // Once a problem is shown, it goes away as soon as it is fixed (and is updated if not).
    const Row &row = m_rows[size_t(index)];
    if (row.problem && !row.problem->isHidden())
        showProblem(index, problemWith(index));
    Q_EMIT edited();
}

QStringList DataFormWidget::valuesOf(int index) const
{
    const DataFormField &f = m_form.fields[size_t(index)];
    QWidget *w = m_rows[size_t(index)].editor;
    if (!w)
        return f.values; // hidden and fixed: as the server sent them
    switch (f.type) {
    case Type::Boolean:
        return {static_cast<QCheckBox *>(w)->isChecked() ? QStringLiteral("1")
                                                         : QStringLiteral("0")};
    case Type::ListSingle: {
        auto *c = static_cast<QComboBox *>(w);
        return c->currentIndex() >= 0 ? QStringList{c->currentData().toString()} : QStringList{};
    }
    case Type::ListMulti: {
        auto *list = static_cast<QListWidget *>(w);
        QStringList out;
        for (int r = 0; r < list->count(); ++r) {
            if (list->item(r)->checkState() == Qt::Checked)
                out << list->item(r)->data(Qt::UserRole).toString();
        }
        return out;
    }
    case Type::JidMulti:
    case Type::TextMulti: {
        const QString text = static_cast<QPlainTextEdit *>(w)->toPlainText();
        if (f.type == Type::JidMulti)
            return lines(text, true);
        return text.isEmpty() ? QStringList{} : text.split(QLatin1Char('\n'));
    }
    case Type::JidSingle: {
        const QString text = static_cast<QLineEdit *>(w)->text().trimmed();
        return text.isEmpty() ? QStringList{} : QStringList{text};
    }
    case Type::TextPrivate:
    case Type::TextSingle: {
        const QString text = static_cast<QLineEdit *>(w)->text();
        return text.isEmpty() ? QStringList{} : QStringList{text};
    }
    case Type::Fixed:
    case Type::Hidden:
        break;
    }
    return f.values;
}

QString DataFormWidget::problemWith(int index) const
{
    const DataFormField &f = m_form.fields[size_t(index)];
    if (!m_rows[size_t(index)].editor)
        return {};
    const QStringList values = valuesOf(index);
    // XEP-0004 §3.2: a required field needs a value; a check box always has one.
    const bool empty = std::all_of(values.begin(), values.end(),
                                   [](const QString &v) { return v.trimmed().isEmpty(); });
    if (f.required && f.type != Type::Boolean && empty) {
        switch (f.type) {
        case Type::ListSingle:
            return tr("Choose one of the options.");
        case Type::ListMulti:
            return tr("Choose at least one option.");
        default:
            return tr("This field is required.");
        }
    }
    if (f.type == Type::JidSingle || f.type == Type::JidMulti) {
        for (const QString &v : values) {
            QString why;
            if (!xmpp::Jid::parse(v, &why)) {
                return f.type == Type::JidSingle
                           ? tr("This is not a valid address: %1").arg(why)
                           : tr("“%1” is not a valid address: %2").arg(v, why);
            }
        }
    }
    return {};
}

void DataFormWidget::showProblem(int index, const QString &problem)
{
    const Row &row = m_rows[size_t(index)];
    if (!row.problem)
        return;
    row.problem->setText(problem);
    row.problem->setVisible(!problem.isEmpty());
    const DataFormField &f = m_form.fields[size_t(index)];
    const QString name = fieldName(f);
    const QString base = f.required ? tr("%1, required").arg(name) : name;
    // Screen readers read the name when focus arrives: say what is wrong there too.
    row.editor->setAccessibleName(problem.isEmpty() ? base
                                                    : tr("%1, invalid: %2").arg(base, problem));
    row.editor->setProperty("invalid", !problem.isEmpty());
}

xmpp::DataForm DataFormWidget::filled() const
{
    xmpp::DataForm out = m_form;
    for (int i = 0; i < int(out.fields.size()); ++i)
        out.fields[size_t(i)].values = valuesOf(i);
    return out;
}

bool DataFormWidget::isValid() const
{
    for (int i = 0; i < int(m_form.fields.size()); ++i) {
        if (!problemWith(i).isEmpty())
            return false;
    }
    return true;
}

bool DataFormWidget::validate(QString *message)
{
    int first = -1;
    QString firstProblem;
    for (int i = 0; i < int(m_form.fields.size()); ++i) {
        const QString problem = problemWith(i);
        showProblem(i, problem);
        if (!problem.isEmpty() && first < 0) {
            first = i;
            firstProblem = problem;
        }
    }
    if (message) {
        *message = first < 0
                       ? QString()
                       : tr("%1: %2").arg(fieldName(m_form.fields[size_t(first)]), firstProblem);
    }
    if (first < 0)
        return true;
    QWidget *editor = m_rows[size_t(first)].editor;
    editor->setFocus(Qt::OtherFocusReason);
    m_scroll->ensureWidgetVisible(editor);
    return false;
}

int DataFormWidget::indexOf(const QString &var) const
{
    for (int i = 0; i < int(m_form.fields.size()); ++i) {
        if (!var.isEmpty() && m_form.fields[size_t(i)].var == var)
            return i;
    }
    return -1;
}

QWidget *DataFormWidget::editorFor(const QString &var) const
{
    const int i = indexOf(var);
    return i < 0 ? nullptr : m_rows[size_t(i)].editor;
}

QLabel *DataFormWidget::problemLabelFor(const QString &var) const
{
    const int i = indexOf(var);
    return i < 0 ? nullptr : m_rows[size_t(i)].problem;
}

} // namespace parla::ui
