// SPDX-License-Identifier: GPL-3.0-or-later
#include "dataform.h"

#include "../../namespaces.h"

namespace parla::xmpp {

namespace {
struct TypeName
{
    DataFormField::Type type;
    const char16_t *name;
};
constexpr TypeName kFieldTypes[] = {
    {DataFormField::Type::Boolean, u"boolean"},
    {DataFormField::Type::Fixed, u"fixed"},
    {DataFormField::Type::Hidden, u"hidden"},
    {DataFormField::Type::JidMulti, u"jid-multi"},
    {DataFormField::Type::JidSingle, u"jid-single"},
    {DataFormField::Type::ListMulti, u"list-multi"},
    {DataFormField::Type::ListSingle, u"list-single"},
    {DataFormField::Type::TextMulti, u"text-multi"},
    {DataFormField::Type::TextPrivate, u"text-private"},
    {DataFormField::Type::TextSingle, u"text-single"},
};

struct FormTypeName
{
    DataForm::Type type;
    const char16_t *name;
};
constexpr FormTypeName kFormTypes[] = {
    {DataForm::Type::Form, u"form"},
    {DataForm::Type::Submit, u"submit"},
    {DataForm::Type::Cancel, u"cancel"},
    {DataForm::Type::Result, u"result"},
};

bool parseBoolean(QStringView text)
{
    // XEP-0004 §3.3: "0"/"false" and "1"/"true" (xs:boolean).
    const QStringView t = text.trimmed();
    return t == u"1" || t == u"true";
}

std::vector<DataFormField> parseFields(const Element &parent)
{
    std::vector<DataFormField> fields;
    for (const Element &child : parent.childrenNamed(u"field", ns::DataForms)) {
        if (auto f = DataFormField::fromElement(child))
            fields.push_back(std::move(*f));
    }
    return fields;
}
} // namespace

QString DataFormField::typeToString(Type type)
{
    for (const auto &t : kFieldTypes) {
        if (t.type == type)
            return QString::fromUtf16(t.name);
    }
    return {};
}

std::optional<DataFormField::Type> DataFormField::typeFromString(QStringView text)
{
    if (text.isEmpty())
        return Type::TextSingle;
    for (const auto &t : kFieldTypes) {
        if (text == QStringView(t.name))
            return t.type;
    }
    return std::nullopt;
}

std::optional<DataFormField> DataFormField::fromElement(const Element &field)
{
    if (!field.is(u"field", ns::DataForms))
        return std::nullopt;
    const auto type = typeFromString(field.attribute(u"type"));
    if (!type)
        return std::nullopt;
    DataFormField f;
    f.type = *type;
    f.var = field.attribute(u"var");
    // §3.2: every field except fixed MUST have a var.
    if (f.var.isEmpty() && f.type != Type::Fixed)
        return std::nullopt;
    f.label = field.attribute(u"label");
    f.description = field.childText(u"desc", ns::DataForms);
    f.required = field.hasChild(u"required", ns::DataForms);
    for (const Element &value : field.childrenNamed(u"value", ns::DataForms))
        f.values.append(value.text());
    for (const Element &option : field.childrenNamed(u"option", ns::DataForms)) {
        // §3.3: an option has exactly one value; one without is meaningless.
        if (!option.hasChild(u"value", ns::DataForms))
            continue;
        f.options.push_back(
            {option.attribute(u"label"), option.childText(u"value", ns::DataForms)});
    }
    return f;
}

Element DataFormField::toElement() const
{
    Element field(QStringLiteral("field"), ns::DataForms);
    field.setAttribute(QStringLiteral("type"), typeToString(type));
    field.setAttribute(QStringLiteral("var"), var);
    field.setAttribute(QStringLiteral("label"), label);
    if (!description.isEmpty())
        field.appendTextChild(QStringLiteral("desc"), description);
    if (required)
        field.appendChild(Element(QStringLiteral("required"), ns::DataForms));
    for (const QString &value : values)
        field.appendTextChild(QStringLiteral("value"), value);
    for (const Option &option : options) {
        Element o(QStringLiteral("option"), ns::DataForms);
        o.setAttribute(QStringLiteral("label"), option.label);
        o.appendTextChild(QStringLiteral("value"), option.value);
        field.appendChild(o);
    }
    return field;
}

FormField DataFormField::toFormField() const
{
    FormField f;
    switch (type) {
    case Type::Boolean:
        f.type = FormField::Type::Boolean;
        break;
    case Type::Fixed:
        f.type = FormField::Type::Fixed;
        break;
    case Type::Hidden:
        f.type = FormField::Type::Hidden;
        break;
    case Type::JidMulti:
    case Type::TextMulti:
        f.type = FormField::Type::MultiText;
        break;
    case Type::ListMulti:
    case Type::ListSingle:
        f.type = FormField::Type::List;
        break;
    case Type::TextPrivate:
        f.type = FormField::Type::Password;
        break;
    case Type::JidSingle:
    case Type::TextSingle:
        f.type = FormField::Type::Text;
        break;
    }
    f.var = var;
    f.label = label;
    f.required = required;
    if (type == Type::Boolean)
        f.value = values.isEmpty() ? QString()
                                   : (parseBoolean(values.first()) ? QStringLiteral("true")
                                                                   : QStringLiteral("false"));
    else
        f.value = values.join(u'\n');
    for (const Option &option : options) {
        f.options.append(option.value);
        f.optionLabels.append(option.label.isEmpty() ? option.value : option.label);
    }
    return f;
}

void DataFormField::setValueFrom(const FormField &filled)
{
    if (type == Type::Fixed)
        return;
    if (type == Type::Boolean) {
        values = {parseBoolean(filled.value) ? QStringLiteral("1") : QStringLiteral("0")};
        return;
    }
    if (isMulti()) {
        values = filled.value.split(u'\n', Qt::SkipEmptyParts);
        return;
    }
    // Single-valued types: a value with a line break is not allowed (§3.3); keep the first line.
    values =
        filled.value.isEmpty() ? QStringList() : QStringList{filled.value.section(u'\n', 0, 0)};
}

QString DataForm::formType() const
{
    const DataFormField *f = field(u"FORM_TYPE");
    return f && f->type == DataFormField::Type::Hidden ? f->value() : QString();
}

const DataFormField *DataForm::field(QStringView var) const
{
    for (const DataFormField &f : fields) {
        if (f.var == var)
            return &f;
    }
    return nullptr;
}

DataFormField *DataForm::field(QStringView var)
{
    for (DataFormField &f : fields) {
        if (f.var == var)
            return &f;
    }
    return nullptr;
}

std::optional<DataForm> DataForm::fromElement(const Element &x)
{
    if (!x.is(u"x", ns::DataForms))
        return std::nullopt;
    DataForm form;
    const QString type = x.attribute(u"type");
    bool known = false;
    for (const auto &t : kFormTypes) {
        if (type == QStringView(t.name)) {
            form.type = t.type;
            known = true;
        }
    }
    if (!known)
        return std::nullopt;
    form.title = x.childText(u"title", ns::DataForms);
    for (const Element &i : x.childrenNamed(u"instructions", ns::DataForms))
        form.instructions.append(i.text().trimmed());
    form.fields = parseFields(x);
    form.reported = parseFields(x.firstChild(u"reported", ns::DataForms));
    for (const Element &item : x.childrenNamed(u"item", ns::DataForms))
        form.items.push_back(parseFields(item));
    return form;
}

Element DataForm::toElement() const
{
    Element x(QStringLiteral("x"), ns::DataForms);
    for (const auto &t : kFormTypes) {
        if (t.type == type)
            x.setAttribute(QStringLiteral("type"), QString::fromUtf16(t.name));
    }
    if (!title.isEmpty())
        x.appendTextChild(QStringLiteral("title"), title);
    for (const QString &i : instructions)
        x.appendTextChild(QStringLiteral("instructions"), i);
    for (const DataFormField &f : fields)
        x.appendChild(f.toElement());
    if (!reported.empty()) {
        Element r(QStringLiteral("reported"), ns::DataForms);
        for (const DataFormField &f : reported)
            r.appendChild(f.toElement());
        x.appendChild(r);
    }
    for (const auto &item : items) {
        Element i(QStringLiteral("item"), ns::DataForms);
        for (const DataFormField &f : item)
            i.appendChild(f.toElement());
        x.appendChild(i);
    }
    return x;
}

DataForm DataForm::toSubmit() const
{
    DataForm submit;
    submit.type = Type::Submit;
    for (const DataFormField &f : fields) {
        if (f.type == DataFormField::Type::Fixed)
            continue;
        DataFormField s;
        s.type = f.type;
        s.var = f.var;
        s.values = f.values;
        submit.fields.push_back(std::move(s));
    }
    return submit;
}

} // namespace parla::xmpp
