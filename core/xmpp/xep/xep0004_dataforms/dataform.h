// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../element.h"
#include "types/registrationform.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace parla::xmpp {

/// One field of a XEP-0004 data form (§3.2).
struct DataFormField
{
    /// XEP-0004 §3.3 field types; a field without 'type' is text-single.
    enum class Type
    {
        Boolean,
        Fixed,
        Hidden,
        JidMulti,
        JidSingle,
        ListMulti,
        ListSingle,
        TextMulti,
        TextPrivate,
        TextSingle,
    };
    struct Option
    {
        QString label;
        QString value;
        bool operator==(const Option &) const = default;
    };

    Type type = Type::TextSingle;
    QString var;
    QString label;
    QString description; ///< <desc/>
    bool required = false;
    QStringList values; ///< one <value/> each; multi types may have several
    std::vector<Option> options;

    QString value() const { return values.value(0); }
    bool isMulti() const
    {
        return type == Type::JidMulti || type == Type::ListMulti || type == Type::TextMulti;
    }

    static QString typeToString(Type type);
    static std::optional<Type> typeFromString(QStringView text);

    /// Total: a <field/> of an unknown type yields nothing.
    static std::optional<DataFormField> fromElement(const Element &field);
    Element toElement() const;

    /// Reduces the field to what a generic renderer needs (parla::FormField): jid-single and
    /// text-single become Text, text-private Password, list-single and list-multi List,
    /// text-multi and jid-multi MultiText; several values are joined with '\n'; a boolean's
    /// value is normalised to "true" or "false".
    FormField toFormField() const;
    /// Takes the value a person entered into the reduced field (inverse of toFormField): for
    /// multi types the value is split at '\n', a boolean becomes "1" or "0".
    void setValueFrom(const FormField &filled);

    bool operator==(const DataFormField &) const = default;
};

/// A XEP-0004 data form, <x xmlns='jabber:x:data'/>.
struct DataForm
{
    enum class Type
    {
        Form,
        Submit,
        Cancel,
        Result
    };

    Type type = Type::Form;
    QString title;
    QStringList instructions;
    std::vector<DataFormField> fields;
    /// Multi-item results (§3.4): the <reported/> columns and each <item/>'s fields.
    std::vector<DataFormField> reported;
    std::vector<std::vector<DataFormField>> items;

    /// The hidden FORM_TYPE field's value (XEP-0068), empty if none.
    QString formType() const;
    const DataFormField *field(QStringView var) const;
    DataFormField *field(QStringView var);

    static std::optional<DataForm> fromElement(const Element &x);
    Element toElement() const;

    /// A type='submit' copy carrying only what the receiver needs back (§3.1: var and values;
    /// fixed fields are dropped).
    DataForm toSubmit() const;

    bool operator==(const DataForm &) const = default;
};

} // namespace parla::xmpp
