// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace parla {

/// One field of a registration form (XEP-0077 legacy fields or a XEP-0004 data form),
/// reduced to what a generic form renderer needs.
struct FormField
{
    enum class Type
    {
        Text,
        Password,
        Boolean,
        List,
        Hidden,
        Fixed,
        MultiText
    };
    Type type = Type::Text;
    QString var;   ///< the field's name on the wire ("username", "password", "email", …)
    QString label; ///< plain words for a person
    QString value; ///< default / entered value
    bool required = false;
    QStringList options;      ///< for List: values
    QStringList optionLabels; ///< for List: labels (same length as options)
};

/// What a server asks for before it creates an account (XEP-0077 §3.1).
struct RegistrationForm
{
    QString domain;
    QString instructions;
    QList<FormField> fields;
    bool isDataForm = false; ///< XEP-0004 form (submitted as such) rather than legacy fields
    QString formType;        ///< FORM_TYPE hidden value, if any
    QString oobUrl;          ///< XEP-0066 URL when the server wants registration on a web page
};

} // namespace parla
