// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QObject;

namespace parla::storage {
class Database;
}

namespace parla::xmpp {
class Client;
class Extension;
} // namespace parla::xmpp

namespace parla::services {

class IncomingPipeline;
class OutgoingPipeline;

/// What a plug-in may use of one account (docs/architecture.md "Extending Parla"). Everything
/// a library outside core/ (omemo/, jingle/) adds to an account goes through here:
///
/// - steps in the message pipelines, for every route both ways (decrypt in the incoming
///   Decrypt stage, encrypt in the outgoing Encrypt stage, or any other stage);
/// - stanza handlers and disco/caps features: an xmpp::Extension (its handleStanza() sees
///   every stanza that is not an IQ response, its discoFeatures() are advertised);
/// - per-account services: QObjects parented to scope(), which ends with the account;
/// - tables of its own in the profile's database.
class AccountHooks
{
public:
    virtual ~AccountHooks() = default;
    /// The account's bare JID.
    virtual QString jid() const = 0;
    virtual IncomingPipeline &incoming() = 0;
    virtual OutgoingPipeline &outgoing() = 0;
    /// Takes ownership; the extension sees stanzas after core's own.
    virtual void addExtension(xmpp::Extension *extension) = 0;
    /// The stream, to send stanzas and follow its state (connected, disconnected).
    virtual xmpp::Client &client() = 0;
    virtual storage::Database &database() = 0;
    /// Parent of the plug-in's per-account objects: deleted with the account.
    virtual QObject *scope() = 0;
};

/// A library's way into every account: installed once per account, when the account is
/// created (and into the accounts that already exist when the plug-in is added). Installed
/// from app/ and cli/ (AppSession::addPlugin), never from core/.
class AccountPlugin
{
public:
    virtual ~AccountPlugin() = default;
    /// For logs: "OMEMO".
    virtual QString name() const = 0;
    virtual void install(AccountHooks &account) = 0;
};

} // namespace parla::services
