// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types/accountspec.h"
#include "types/registrationform.h"

#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QObject>

namespace parla::xmpp {
class Client;
class RegistrationManager;
} // namespace parla::xmpp

namespace parla::services {

/// Creating an account on a server (XEP-0077 in-band registration): a short-lived,
/// unauthenticated TLS stream to ask for the form and submit it.
class Registration : public QObject
{
    Q_OBJECT
public:
    struct Created
    {
        QString jid;
        QString password;
    };

    Registration(const AccountSpec &server, const QList<QByteArray> &extraCas, QObject *parent);
    ~Registration() override;

    static QString objectNameFor(const AccountSpec &server);

    Task<xmpp::Result<RegistrationForm>> fetchForm();
    /// Submits the filled form; the result names the new account and its password.
    Task<xmpp::Result<Created>> submit(const RegistrationForm &filled);

private:
    AccountSpec m_server;
    xmpp::Client *m_client;
    xmpp::RegistrationManager *m_manager;
    RegistrationForm m_form;
};

} // namespace parla::services
