// SPDX-License-Identifier: GPL-3.0-or-later
#include "registrationmanager.h"

#include "../../client.h"
#include "../../namespaces.h"
#include "xmpp/iqutil.h"

#include <QCoreApplication>

namespace parla::xmpp {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RegistrationManager", text);
}

/// The legacy fields of §3.1 / the schema (§11), in the order a form shows them.
struct LegacyField
{
    const char16_t *var;
    const char *label;
};
constexpr LegacyField kLegacyFields[] = {
    {u"username", QT_TRANSLATE_NOOP("RegistrationManager", "User name")},
    {u"password", QT_TRANSLATE_NOOP("RegistrationManager", "Password")},
    {u"nick", QT_TRANSLATE_NOOP("RegistrationManager", "Nickname")},
    {u"name", QT_TRANSLATE_NOOP("RegistrationManager", "Full name")},
    {u"first", QT_TRANSLATE_NOOP("RegistrationManager", "Given name")},
    {u"last", QT_TRANSLATE_NOOP("RegistrationManager", "Family name")},
    {u"email", QT_TRANSLATE_NOOP("RegistrationManager", "Email address")},
    {u"address", QT_TRANSLATE_NOOP("RegistrationManager", "Street address")},
    {u"city", QT_TRANSLATE_NOOP("RegistrationManager", "City")},
    {u"state", QT_TRANSLATE_NOOP("RegistrationManager", "Region")},
    {u"zip", QT_TRANSLATE_NOOP("RegistrationManager", "Postal code")},
    {u"phone", QT_TRANSLATE_NOOP("RegistrationManager", "Telephone number")},
    {u"url", QT_TRANSLATE_NOOP("RegistrationManager", "Web page")},
    {u"date", QT_TRANSLATE_NOOP("RegistrationManager", "Date")},
    {u"misc", QT_TRANSLATE_NOOP("RegistrationManager", "Other information")},
    {u"text", QT_TRANSLATE_NOOP("RegistrationManager", "Text")},
    {u"key", nullptr}, // obsolete transaction key (§8): sent back unchanged, never shown
};

QString legacyLabel(QStringView var)
{
    for (const LegacyField &f : kLegacyFields) {
        if (var == QStringView(f.var))
            return f.label ? tr(f.label) : QString();
    }
    return {};
}

Error invalidAnswer()
{
    return {Error::Kind::Invalid, {}, tr("The server's answer could not be understood.")};
}

} // namespace

RegistrationManager::RegistrationManager(QObject *parent) : Extension(parent) {}

std::optional<DataForm> RegistrationManager::dataFormOf(const Element &query)
{
    auto form = DataForm::fromElement(query.firstChild(u"x", ns::DataForms));
    if (form && form->type == DataForm::Type::Form)
        return form;
    return std::nullopt;
}

std::optional<RegistrationForm> RegistrationManager::parseForm(const Element &query,
                                                               const QString &domain)
{
    if (!query.is(u"query", ns::Register))
        return std::nullopt;
    RegistrationForm form;
    form.domain = domain;
    form.oobUrl = query.firstChild(u"x", ns::Oob).childText(u"url", ns::Oob).trimmed();
    const QString legacyInstructions = query.childText(u"instructions", ns::Register).trimmed();

    if (const auto dataForm = dataFormOf(query)) {
        form.isDataForm = true;
        form.formType = dataForm->formType();
        QStringList instructions = dataForm->instructions;
        if (instructions.isEmpty() && !legacyInstructions.isEmpty())
            instructions.append(legacyInstructions);
        form.instructions = instructions.join(u'\n');
        for (const DataFormField &f : dataForm->fields) {
            FormField field = f.toFormField();
            // Servers often leave out labels of the standard fields (§13.4 FORM_TYPE registry).
            if (field.label.isEmpty() && field.type != FormField::Type::Hidden)
                field.label = legacyLabel(f.var);
            form.fields.append(field);
        }
        return form;
    }

    form.instructions = legacyInstructions;
    for (const Element &child : query.children()) {
        if (child.xmlns() != ns::Register)
            continue;
        const QString var = child.name();
        if (var == u"instructions" || var == u"registered" || var == u"remove")
            continue;
        bool known = false;
        for (const LegacyField &f : kLegacyFields)
            known = known || var == QStringView(f.var);
        if (!known)
            continue;
        FormField field;
        field.var = var;
        field.value = child.text();
        if (var == u"key") {
            field.type = FormField::Type::Hidden;
        } else {
            field.type = var == u"password" ? FormField::Type::Password : FormField::Type::Text;
            field.label = legacyLabel(var);
            // §3.1: the host lists exactly the fields it requires.
            field.required = true;
        }
        form.fields.append(field);
    }
    return form;
}

Element RegistrationManager::makeSubmitQuery(const RegistrationForm &filled,
                                             const std::optional<DataForm> &fetched)
{
    Element query(QStringLiteral("query"), ns::Register);
    if (!filled.isDataForm) {
        for (const FormField &f : filled.fields) {
            if (f.type == FormField::Type::Fixed || f.var.isEmpty())
                continue;
            query.appendTextChild(f.var, f.value);
        }
        return query;
    }
    DataForm form;
    const bool useFetched = fetched && fetched->formType() == filled.formType;
    if (useFetched) {
        form = *fetched;
    } else {
        // No fetched form to take the exact types from: derive them from the reduced fields.
        for (const FormField &f : filled.fields) {
            DataFormField d;
            d.var = f.var;
            switch (f.type) {
            case FormField::Type::Text:
                d.type = DataFormField::Type::TextSingle;
                break;
            case FormField::Type::Password:
                d.type = DataFormField::Type::TextPrivate;
                break;
            case FormField::Type::Boolean:
                d.type = DataFormField::Type::Boolean;
                break;
            case FormField::Type::List:
                d.type = DataFormField::Type::ListSingle;
                break;
            case FormField::Type::Hidden:
                d.type = DataFormField::Type::Hidden;
                break;
            case FormField::Type::Fixed:
                d.type = DataFormField::Type::Fixed;
                break;
            case FormField::Type::MultiText:
                d.type = DataFormField::Type::TextMulti;
                break;
            }
            form.fields.push_back(d);
        }
    }
    for (const FormField &f : filled.fields) {
        // Hidden values of the fetched form are the server's (FORM_TYPE, challenge ids): kept.
        DataFormField *d = form.field(f.var);
        if (d && (d->type != DataFormField::Type::Hidden || !useFetched))
            d->setValueFrom(f);
    }
    query.appendChild(form.toSubmit().toElement());
    return query;
}

Error RegistrationManager::describeError(const Error &error, Operation operation)
{
    if (error.kind != Error::Kind::Stanza)
        return error;
    const QString &condition = error.stanza.condition;
    QString words;
    if (condition == u"conflict") {
        words = operation == Operation::Register ? tr("That user name is taken.")
                                                 : tr("The server refused the change.");
    } else if (condition == u"not-acceptable" || condition == u"bad-request") {
        words = tr("Some required information is missing or not accepted.");
    } else if (condition == u"not-allowed" || condition == u"forbidden") {
        switch (operation) {
        case Operation::Register:
            words = tr("This server does not allow creating accounts from the app.");
            break;
        case Operation::ChangePassword:
            words = tr("This server does not allow changing the password from the app.");
            break;
        case Operation::Cancel:
            words = tr("This server does not allow deleting the account from the app.");
            break;
        }
    } else if (condition == u"resource-constraint") {
        words = tr("Too many accounts were registered from here recently. Try again later.");
    } else if (condition == u"not-authorized") {
        words = tr("The server wants more information before it does this.");
    } else if (condition == u"service-unavailable" || condition == u"feature-not-implemented") {
        words = operation == Operation::Register
                    ? tr("This server does not offer registration from the app.")
                    : tr("This server does not support this.");
    } else if (condition == u"registration-required") {
        words = tr("This account is not registered on the server.");
    } else {
        words = error.stanza.describe();
    }
    // The server's own words are often more precise ("password too weak"): add them.
    if (!error.stanza.text.isEmpty() && error.stanza.text != words)
        words = tr("%1 The server says: “%2”").arg(words, error.stanza.text);
    Error described = error;
    described.text = words;
    return described;
}

Task<Result<RegistrationForm>> RegistrationManager::fetchForm()
{
    if (!client())
        return makeReadyTask<Result<RegistrationForm>>(Error::local(tr("Not connected.")));
    Promise<Result<RegistrationForm>> promise;
    const QString domain = client()->settings().jid.domain();
    client()
        ->sendIq(makeIq(u"get", {}, Element(QStringLiteral("query"), ns::Register)))
        .then(this, [this, promise, domain](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(describeError(*error, Operation::Register));
                return;
            }
            const Element query = std::get<Element>(r).firstChild(u"query", ns::Register);
            auto form = parseForm(query, domain);
            if (!form) {
                promise.finish(invalidAnswer());
                return;
            }
            m_fetchedForm = dataFormOf(query);
            promise.finish(*form);
        });
    return promise.task();
}

Task<Result<Success>> RegistrationManager::sendSet(const Element &query, Operation operation)
{
    if (!client())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    Promise<Result<Success>> promise;
    client()
        ->sendIq(makeIq(u"set", {}, query))
        .then(this, [promise, operation](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r))
                promise.finish(describeError(*error, operation));
            else
                promise.finish(Success{});
        });
    return promise.task();
}

Task<Result<Success>> RegistrationManager::submit(const RegistrationForm &filled)
{
    return sendSet(makeSubmitQuery(filled, m_fetchedForm), Operation::Register);
}

Task<Result<Success>> RegistrationManager::changePassword(const QString &newPassword)
{
    if (!client() || !client()->boundJid().isValid())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not signed in.")));
    if (newPassword.isEmpty())
        return makeReadyTask<Result<Success>>(Error::local(tr("The new password is empty.")));
    Element query(QStringLiteral("query"), ns::Register);
    query.appendTextChild(QStringLiteral("username"), client()->boundJid().local());
    query.appendTextChild(QStringLiteral("password"), newPassword);
    return sendSet(query, Operation::ChangePassword);
}

Task<Result<Success>> RegistrationManager::cancelRegistration()
{
    if (!client() || !client()->boundJid().isValid())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not signed in.")));
    Element query(QStringLiteral("query"), ns::Register);
    query.appendChild(Element(QStringLiteral("remove"), ns::Register));
    return sendSet(query, Operation::Cancel);
}

} // namespace parla::xmpp
