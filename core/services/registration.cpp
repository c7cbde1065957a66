// SPDX-License-Identifier: GPL-3.0-or-later
#include "registration.h"

#include "xmpp/client.h"
#include "xmpp/xep/xep0077_register/registrationmanager.h"

#include <QCoreApplication>

namespace parla::services {

using namespace parla::xmpp;

Registration::Registration(const AccountSpec &server, const QList<QByteArray> &extraCas,
                           QObject *parent)
    : QObject(parent), m_server(server), m_client(new Client(this)),
      m_manager(new RegistrationManager)
{
    setObjectName(objectNameFor(server));
    m_client->addExtension(m_manager);
    ConnectionSettings settings;
    // The domain part only: we have no account yet (XEP-0077 §3.1).
    settings.jid = Jid::fromString(server.jid).domainJid();
    settings.host = server.host;
    settings.port = server.port;
    settings.directTls = server.directTls;
    settings.extraCaCertificates = extraCas;
    settings.registrationOnly = true;
    settings.streamManagement = false;
    m_client->setSettings(settings);
}

Registration::~Registration()
{
    m_client->disconnectFromServer();
}

QString Registration::objectNameFor(const AccountSpec &server)
{
    return QStringLiteral("registration:") + Jid::fromString(server.jid).domain();
}

Task<Result<RegistrationForm>> Registration::fetchForm()
{
    Promise<Result<RegistrationForm>> promise;
    auto *context = new QObject(this);
    connect(m_client, &Client::disconnected, context,
            [promise, context](const ConnectionError &e) mutable {
                promise.finish(
                    Error::local(e.text.isEmpty() ? tr("The connection closed.") : e.text));
                context->deleteLater();
            });
    connect(m_client, &Client::connected, context, [this, promise, context]() mutable {
        m_manager->fetchForm().then(
            this, [this, promise, context](const Result<RegistrationForm> &r) mutable {
                if (isOk(r))
                    m_form = std::get<RegistrationForm>(r);
                promise.finish(r);
                context->deleteLater();
            });
    });
    m_client->connectToServer();
    return promise.task();
}

Task<Result<Registration::Created>> Registration::submit(const RegistrationForm &filled)
{
    Promise<Result<Created>> promise;
    if (!m_client->isConnected()) {
        promise.finish(Error::local(tr("The connection to the server was lost; try again.")));
        return promise.task();
    }
    QString username;
    QString password;
    for (const FormField &f : filled.fields) {
        if (f.var == u"username")
            username = f.value;
        else if (f.var == u"password")
            password = f.value;
    }
    const auto jid = Jid::parse(username + u'@' + m_client->settings().jid.domain());
    if (!jid || username.isEmpty() || password.isEmpty()) {
        promise.finish(Error::local(tr("Choose a valid user name and a password.")));
        return promise.task();
    }
    const QString bare = jid->bareString();
    m_manager->submit(filled).then(this,
                                   [promise, bare, password](const Result<Success> &r) mutable {
                                       if (!isOk(r))
                                           promise.finish(std::get<Error>(r));
                                       else
                                           promise.finish(Created{bare, password});
                                   });
    return promise.task();
}

} // namespace parla::services
