// SPDX-License-Identifier: GPL-3.0-or-later
#include "registrationformwidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QUrl>

namespace parla::ui {

RegistrationFormWidget::RegistrationFormWidget(QWidget *parent)
    : QWidget(parent), m_layout(new QFormLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(10);
    m_layout->setRowWrapPolicy(QFormLayout::WrapLongRows);
}

void RegistrationFormWidget::setForm(const RegistrationForm &form)
{
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_editors.clear();
    m_form = form;

    if (!form.instructions.isEmpty()) {
        auto *l = new QLabel(form.instructions, this);
        l->setTextFormat(Qt::PlainText); // server-supplied text is never markup
        l->setWordWrap(true);
        l->setObjectName(QStringLiteral("Muted"));
        l->setAccessibleName(tr("Server instructions"));
        m_layout->addRow(l);
    }
    const QUrl oob(form.oobUrl);
    if (!form.oobUrl.isEmpty() && oob.isValid() &&
        (oob.scheme() == QLatin1String("https") || oob.scheme() == QLatin1String("http"))) {
        auto *l = new QLabel(this);
        l->setObjectName(QStringLiteral("oobLink"));
        l->setTextFormat(Qt::RichText);
        l->setText(tr("This server registers accounts on its website: %1")
                       .arg(QStringLiteral("<a href=\"%1\">%2</a>")
                                .arg(QString::fromUtf8(oob.toEncoded()).toHtmlEscaped(),
                                     form.oobUrl.toHtmlEscaped())));
        l->setOpenExternalLinks(true);
        l->setWordWrap(true);
        l->setAccessibleName(tr("Registration web page"));
        m_layout->addRow(l);
    }

    for (const FormField &f : form.fields) {
        const QString label = f.label.isEmpty() ? f.var : f.label;
        const QString shown = f.required ? label + QStringLiteral(" *") : label;
        QWidget *editor = nullptr;
        switch (f.type) {
        case FormField::Type::Hidden:
            break;
        case FormField::Type::Fixed: {
            auto *l = new QLabel(f.value, this);
            l->setTextFormat(Qt::PlainText);
            l->setWordWrap(true);
            m_layout->addRow(l);
            break;
        }
        case FormField::Type::Text:
        case FormField::Type::Password: {
            auto *e = new QLineEdit(f.value, this);
            if (f.type == FormField::Type::Password)
                e->setEchoMode(QLineEdit::Password);
            connect(e, &QLineEdit::textChanged, this, [this, e] {
                setInvalid(e, false);
                Q_EMIT edited();
            });
            editor = e;
            m_layout->addRow(shown, e);
            break;
        }
        case FormField::Type::Boolean: {
            auto *c = new QCheckBox(shown, this);
            c->setChecked(f.value == QLatin1String("1") || f.value == QLatin1String("true"));
            connect(c, &QCheckBox::toggled, this, [this, c] {
                setInvalid(c, false);
                Q_EMIT edited();
            });
            editor = c;
            m_layout->addRow(QString(), c);
            break;
        }
        case FormField::Type::List: {
            auto *c = new QComboBox(this);
            for (int i = 0; i < f.options.size(); ++i) {
                c->addItem(i < f.optionLabels.size() && !f.optionLabels[i].isEmpty()
                               ? f.optionLabels[i]
                               : f.options[i],
                           f.options[i]);
            }
            if (!f.required || !f.value.isEmpty())
                c->setCurrentIndex(qMax(0, c->findData(f.value)));
            else
                c->setCurrentIndex(-1);
            connect(c, &QComboBox::currentIndexChanged, this, [this, c] {
                setInvalid(c, false);
                Q_EMIT edited();
            });
            editor = c;
            m_layout->addRow(shown, c);
            break;
        }
        case FormField::Type::MultiText: {
            auto *e = new QPlainTextEdit(f.value, this);
            e->setTabChangesFocus(true);
            e->setFixedHeight(e->fontMetrics().lineSpacing() * 3 + 16);
            connect(e, &QPlainTextEdit::textChanged, this, [this, e] {
                setInvalid(e, false);
                Q_EMIT edited();
            });
            editor = e;
            m_layout->addRow(shown, e);
            break;
        }
        }
        if (editor) {
            editor->setObjectName(QStringLiteral("field_") + f.var);
            editor->setAccessibleName(label);
            if (f.required)
                editor->setAccessibleDescription(tr("Required"));
        }
        m_editors.append(editor);
    }
}

QWidget *RegistrationFormWidget::editorFor(const QString &var) const
{
    for (int i = 0; i < m_form.fields.size(); ++i) {
        if (m_form.fields[i].var == var)
            return m_editors.value(i);
    }
    return nullptr;
}

QString RegistrationFormWidget::valueOf(int field) const
{
    const FormField &f = m_form.fields[field];
    QWidget *w = m_editors.value(field);
    if (auto *e = qobject_cast<QLineEdit *>(w))
        return e->text();
    if (auto *c = qobject_cast<QCheckBox *>(w))
        return c->isChecked() ? QStringLiteral("1") : QStringLiteral("0");
    if (auto *c = qobject_cast<QComboBox *>(w))
        return c->currentIndex() >= 0 ? c->currentData().toString() : QString();
    if (auto *e = qobject_cast<QPlainTextEdit *>(w))
        return e->toPlainText();
    return f.value; // Hidden and Fixed keep what the server sent
}

RegistrationForm RegistrationFormWidget::filled() const
{
    RegistrationForm out = m_form;
    for (int i = 0; i < out.fields.size(); ++i)
        out.fields[i].value = valueOf(i);
    return out;
}

void RegistrationFormWidget::setInvalid(QWidget *editor, bool invalid)
{
    if (editor->property("invalid").toBool() == invalid)
        return;
    editor->setProperty("invalid", invalid);
    editor->setStyleSheet(invalid ? QStringLiteral("border: 1px solid #e5484d; border-radius: 6px;")
                                  : QString());
}

bool RegistrationFormWidget::validate(QString *message)
{
    QString first;
    QWidget *firstEditor = nullptr;
    for (int i = 0; i < m_form.fields.size(); ++i) {
        const FormField &f = m_form.fields[i];
        QWidget *editor = m_editors.value(i);
        if (!f.required || !editor)
            continue;
        const QString v = valueOf(i);
        // A required check box (terms of service) must be ticked, not merely answered.
        const bool missing =
            f.type == FormField::Type::Boolean ? v != QLatin1String("1") : v.trimmed().isEmpty();
        setInvalid(editor, missing);
        if (missing && !firstEditor) {
            firstEditor = editor;
            first = f.label.isEmpty() ? f.var : f.label;
        }
    }
    if (firstEditor) {
        firstEditor->setFocus();
        if (message)
            *message = tr("Please fill in “%1”.").arg(first);
        return false;
    }
    if (message)
        message->clear();
    return true;
}

} // namespace parla::ui
