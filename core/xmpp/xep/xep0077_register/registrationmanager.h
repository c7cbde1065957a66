// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../result.h"
#include "../../task.h"
#include "../xep0004_dataforms/dataform.h"
#include "types/registrationform.h"

#include <optional>

namespace parla::xmpp {

/// In-Band Registration, XEP-0077.
///
/// Before login (a Client with ConnectionSettings::registrationOnly, connected after TLS):
/// fetchForm() asks the server what it needs (§3.1), submit() sends the filled form back.
/// Logged in: changePassword() (§3.3) and cancelRegistration() (§3.2).
///
/// The IQs carry no 'to': they are for the server we are connected to, and §3.2 says a
/// removal "SHOULD NOT include a 'from' or 'to' address" (servers route 'to'-less IQs from an
/// unauthenticated stream to their registration handler as well).
class RegistrationManager : public Extension
{
    Q_OBJECT
public:
    explicit RegistrationManager(QObject *parent = nullptr);

    /// Asks the server for its registration form (§3.1).
    Task<Result<RegistrationForm>> fetchForm();
    /// Registers with the filled form (§3.1). The data form fetched last is reused for the
    /// field types; legacy forms are sent as legacy fields, never both (§6 "Precedence").
    Task<Result<Success>> submit(const RegistrationForm &filled);
    /// Changes the logged-in account's password (§3.3).
    Task<Result<Success>> changePassword(const QString &newPassword);
    /// Deletes the logged-in account on the server (§3.2); the server then ends the stream.
    Task<Result<Success>> cancelRegistration();

    /// The operation an error belongs to, for describeError().
    enum class Operation
    {
        Register,
        ChangePassword,
        Cancel
    };
    /// The server's error in plain words for a person (conflict → "That user name is taken.").
    /// Errors that are not stanza errors are returned unchanged.
    static Error describeError(const Error &error, Operation operation);

    /// Converts the server's <query xmlns='jabber:iq:register'/> into a form a person can fill
    /// in (§6 precedence: a data form wins over legacy fields; an OOB URL is kept either way).
    static std::optional<RegistrationForm> parseForm(const Element &query, const QString &domain);
    /// The data form in `query`, if any (what submit() uses to keep the exact field types).
    static std::optional<DataForm> dataFormOf(const Element &query);
    /// The <query/> to send for a filled form; `fetched` is the data form it came from, if any.
    static Element makeSubmitQuery(const RegistrationForm &filled,
                                   const std::optional<DataForm> &fetched);

private:
    Task<Result<Success>> sendSet(const Element &query, Operation operation);

    std::optional<DataForm> m_fetchedForm;
};

} // namespace parla::xmpp
