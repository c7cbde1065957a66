// SPDX-License-Identifier: GPL-3.0-or-later
// A logged-in AppSession for integration tests: a profile in `profileDirectory`, the fixture's
// CA trusted, `user@host` added (which connects it). Header-only: the tests link parla_core.
#pragma once

#include "core/services/passwordstore.h"
#include "core/session/appsession.h"
#include "tests/support/await.h"
#include "tests/support/localprosody.h"

#include <memory>

namespace parla::testing {

/// nullptr (with the reason warned by await) when the account could not be added.
inline std::unique_ptr<services::AppSession>
loginSession(const LocalProsody &server, const QString &profileDirectory, const QString &user,
             const QString &password, const QString &resource = QStringLiteral("desk"))
{
    auto s = std::make_unique<services::AppSession>(
        profileDirectory, std::make_unique<services::MemoryPasswordStore>());
    s->setExtraCaCertificates({server.caCertificatePem()});
    AccountSpec spec;
    spec.jid = user + u'@' + server.host();
    spec.host = LocalProsody::address();
    spec.port = server.c2sPort();
    spec.resource = resource;
    if (!await(s->accounts().addAccount(spec, password)))
        return nullptr;
    return s;
}

} // namespace parla::testing
