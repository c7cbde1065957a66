// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsession.h"

#include "services/messagesearch.h"
#include "services/passwordstore.h"
#include "services/reconnectpolicy.h"
#include "services/registration.h"
#include "services/rooms.h"
#include "services/storedcapsstore.h"

#include "models/accountlistmodel.h"
#include "models/conversationlistmodel.h"
#include "models/messagemodel.h"
#include "models/rostermodel.h"
#include "storage/database.h"
#include "storage/mutestore.h"
#include "xmpp/im/presence.h"

#include <QCoreApplication>
#include <QDir>

namespace parla::services {

using namespace parla::xmpp;

namespace {} // namespace

AppSession::AppSession(const QString &profileDirectory, std::unique_ptr<PasswordStore> passwords,
                       QObject *parent)
    : Session(parent), m_profile(profileDirectory), m_passwords(std::move(passwords)),
      m_accountModel(new models::AccountListModel(this)),
      m_rosterModel(new models::RosterModel(this)),
      m_conversationModel(new models::ConversationListModel(this))
{
    m_passwords->setParent(nullptr);
    if (!QDir().mkpath(profileDirectory)) {
        m_openError = tr("The profile folder %1 cannot be created.").arg(profileDirectory);
        return;
    }
    auto db = storage::Database::open(QDir(profileDirectory).filePath(QStringLiteral("parla.db")));
    if (!isOk(db)) {
        m_openError = std::get<Error>(db).text;
        return;
    }
    m_db = std::move(std::get<std::unique_ptr<storage::Database>>(db));
    m_capsStore = std::make_unique<StoredCapsStore>(*m_db);
    m_search = new MessageSearch(m_db->path(), this);
    connect(m_conversationModel, &models::ConversationListModel::totalUnreadChanged, this,
            &Session::unreadTotalChanged);

    m_reveal = loadRevealSettings();
    storage::AccountStore store(*m_db);
    if (auto records = store.list(); isOk(records)) {
        for (const auto &record : std::get<QList<storage::AccountRecord>>(records))
            createAccount(record);
    }
    m_wake = new WakeDetector(this);
    connect(m_wake, &WakeDetector::connectivityMayHaveChanged, this, [this] {
        for (Account *a : accounts())
            a->checkConnection();
    });
}

AppSession::~AppSession()
{
    for (Account *a : accounts())
        a->disconnectAccount();
    for (const auto &[key, model] : m_messageModels)
        delete model;
    m_messageModels.clear();
    delete m_search; // its thread reads the database file
    m_search = nullptr;
    // Accounts (children) go before the database they write to.
    for (Account *a : accounts())
        delete a;
    if (m_db)
        m_db->flush();
}

void AppSession::start()
{
    for (Account *a : accounts()) {
        if (a->record().enabled)
            a->connectAccount();
    }
}

void AppSession::setExtraCaCertificates(const QList<QByteArray> &pems)
{
    m_extraCas = pems;
    // Accounts read from the profile were created in the constructor, before this call could
    // happen: without this they would never trust the CA and a reopened profile fails TLS.
    for (Account *a : accounts())
        a->setExtraCaCertificates(pems);
}

Account *AppSession::account(const QString &jid) const
{
    return m_accountModel->find(jid);
}

std::vector<Account *> AppSession::accounts() const
{
    return m_accountModel->accounts();
}

Account *AppSession::createAccount(const storage::AccountRecord &record)
{
    AccountContext context;
    context.database = m_db.get();
    context.passwords = m_passwords.get();
    context.capsStore = m_capsStore.get();
    context.cacheDirectory = m_profile + QStringLiteral("/cache/avatars");
    auto *account = new Account(record, context, this);
    wirePeople(account);
    wireBookmarks(account);
    wireRooms(account);
    account->setExtraCaCertificates(m_extraCas);
    m_accountModel->addAccount(account);
    m_rosterModel->addAccount(account);
    m_conversationModel->addAccount(account);
    const QString jid = record.jid;
    if (auto mutes = storage::MuteStore(*m_db).load(jid); isOk(mutes)) {
        for (const auto &[peer, until] :
             std::get<QHash<QString, QDateTime>>(mutes).asKeyValueRange())
            m_conversationModel->setMutedUntil(jid, peer, until);
    }
    connect(account, &Account::certificateProblem, this,
            [this, jid](const CertificateInfo &info, bool changed) {
                Q_EMIT certificateDecisionNeeded(jid, info, changed);
            });
    connect(account, &Account::subscriptionRequested, this,
            [this, jid](const QString &from) { Q_EMIT subscriptionRequested(jid, from); });
    connect(account->client(), &Client::xmlReceived, this,
            [this, jid](const QByteArray &xml) { Q_EMIT xmlTraffic(jid, true, xml); });
    connect(account->client(), &Client::xmlSent, this,
            [this, jid](const QByteArray &xml) { Q_EMIT xmlTraffic(jid, false, xml); });
    connect(account, &Account::messagesStored, this,
            [this, jid](const QList<storage::MessageRecord> &records, Route route) {
                // History (archives, scroll-back) is old news; what just arrived notifies.
                if (isArchiveRoute(route))
                    return;
                for (const storage::MessageRecord &r : records)
                    notifyMessage(jid, r);
            });
    connect(
        account, &Account::chatStateReceived, this,
        [this, jid](const QString &peer, int state) { Q_EMIT chatStateChanged(jid, peer, state); });
    connect(account, &Account::conversationRead, this, [this, account](const QString &peer) {
        // XEP-0490/0333 from our other device: the unread count here drops too.
        auto unread = account->messages().unreadCount(account->jid(), peer);
        if (isOk(unread))
            m_conversationModel->setUnread(account, peer, std::get<int>(unread));
    });
    return account;
}

void AppSession::notifyMessage(const QString &jid, const storage::MessageRecord &r)
{
    // Whether to show it (window focus, open chat) is the UI's decision.
    if (r.outgoing)
        return;
    if (r.kind == storage::ConversationKind::GroupChat) {
        notifyRoomMessage(jid, r); // rooms notify only when we are mentioned
        return;
    }
    QString title = r.peer;
    if (auto *a = account(jid)) {
        const auto it = a->roster().constFind(r.peer);
        if (it != a->roster().cend() && !it->name.isEmpty())
            title = it->name;
    }
    Q_EMIT messageNotified(jid, r.peer, title, r.body);
}

storage::AccountRecord AppSession::recordFromSpec(const AccountSpec &spec) const
{
    storage::AccountRecord record;
    record.jid = Jid::fromString(spec.jid).bareString();
    record.resource = spec.resource.isEmpty()
                          ? QStringLiteral("parla.") + Client::generateId().left(6)
                          : spec.resource;
    record.host = spec.host;
    record.port = spec.port;
    record.directTls = spec.directTls;
    record.enabled = true;
    record.sortOrder = int(accounts().size());
    return record;
}

Account *AppSession::addAccountRecord(const storage::AccountRecord &record, const QString &password)
{
    if (account(record.jid))
        removeAccount(record.jid);
    storage::AccountStore(*m_db).save(record);
    m_passwords->write(record.jid, password);
    return createAccount(record);
}

QAbstractItemModel *AppSession::accountModel()
{
    return m_accountModel;
}
QAbstractItemModel *AppSession::rosterModel()
{
    return m_rosterModel;
}
QAbstractItemModel *AppSession::conversationModel()
{
    return m_conversationModel;
}

QAbstractItemModel *AppSession::messageModel(const QString &accountJid, const QString &peer)
{
    Account *a = account(accountJid);
    if (!a)
        return nullptr;
    auto &model = m_messageModels[{accountJid, peer}];
    if (!model)
        model = new models::MessageModel(a, peer, this);
    return model;
}

Task<Result<Success>> AppSession::addAccount(const AccountSpec &spec, const QString &password)
{
    QString why;
    const auto jid = Jid::parse(spec.jid, &why);
    if (!jid || jid->local().isEmpty())
        return makeReadyTask<Result<Success>>(
            Error::local(why.isEmpty() ? tr("Enter an address like name@example.org.") : why));
    if (password.isEmpty())
        return makeReadyTask<Result<Success>>(Error::local(tr("Enter the password.")));
    if (account(jid->bareString()))
        return makeReadyTask<Result<Success>>(
            Error::local(tr("%1 is already added.").arg(jid->bareString())));

    AccountSpec normalized = spec;
    normalized.jid = jid->bareString();
    storage::AccountRecord record = recordFromSpec(normalized);
    Account *a = addAccountRecord(record, password);
    Promise<Result<Success>> promise;
    // Finish on the first outcome: logged in, or an error the user must act on.
    auto *context = new QObject(a);
    connect(a, &Account::stateChanged, context, [a, promise, context]() mutable {
        if (a->state() == ConnectionState::Connected) {
            promise.finish(Success{});
            context->deleteLater();
        } else if (a->state() == ConnectionState::Failed ||
                   (a->state() == ConnectionState::Connecting && !a->errorText().isEmpty())) {
            promise.finish(Error::local(a->errorText()));
            context->deleteLater();
        }
    });
    a->connectAccount(password);
    return promise.task();
}

Task<Result<RegistrationForm>> AppSession::fetchRegistrationForm(const AccountSpec &server)
{
    auto *registration = new Registration(server, m_extraCas, this);
    auto task = registration->fetchForm();
    task.then(registration, [registration](const Result<RegistrationForm> &r) {
        if (!isOk(r))
            registration->deleteLater();
    });
    return task;
}

Task<Result<Success>> AppSession::registerAccount(const AccountSpec &server,
                                                  const RegistrationForm &filled)
{
    auto *registration = findChild<Registration *>(Registration::objectNameFor(server));
    if (!registration)
        return makeReadyTask<Result<Success>>(
            Error::local(tr("The registration form has expired. Fetch it again.")));
    Promise<Result<Success>> promise;
    registration->submit(filled).then(this, [this, registration, promise, server](
                                                const Result<Registration::Created> &r) mutable {
        registration->deleteLater();
        if (!isOk(r)) {
            promise.finish(std::get<Error>(r));
            return;
        }
        const auto &created = std::get<Registration::Created>(r);
        AccountSpec spec = server;
        spec.jid = created.jid;
        addAccount(spec, created.password).then(this, [promise](const Result<Success> &s) mutable {
            promise.finish(s);
        });
    });
    return promise.task();
}

void AppSession::removeAccount(const QString &jid)
{
    Account *a = account(jid);
    if (!a)
        return;
    a->disconnectAccount();
    for (auto it = m_messageModels.begin(); it != m_messageModels.end();) {
        if (it->first.first == jid) {
            delete it->second;
            it = m_messageModels.erase(it);
        } else {
            ++it;
        }
    }
    m_conversationModel->removeAccount(a);
    m_rosterModel->removeAccount(a);
    m_accountModel->removeAccount(a);
    storage::AccountStore(*m_db).remove(jid);
    m_passwords->remove(jid);
    a->deleteLater();
}

void AppSession::setAccountEnabled(const QString &jid, bool enabled)
{
    Account *a = account(jid);
    if (!a)
        return;
    auto record = a->record();
    record.enabled = enabled;
    a->setRecord(record);
    if (enabled)
        a->connectAccount();
    else
        a->disconnectAccount();
}

void AppSession::retryAccount(const QString &jid)
{
    if (Account *a = account(jid))
        a->retry();
}

void AppSession::setAvailability(const QString &jid, Availability availability,
                                 const QString &status)
{
    if (jid.isEmpty()) {
        for (Account *a : accounts())
            a->setAvailability(availability, status);
        return;
    }
    if (Account *a = account(jid))
        a->setAvailability(availability, status);
}

void AppSession::decideCertificate(const QString &jid, const QString &fingerprint, bool pin)
{
    Account *a = account(jid);
    if (a && pin)
        a->pinCertificate(fingerprint);
}

void AppSession::addContact(const QString &jid, const QString &contact, const QString &name,
                            const QStringList &groups)
{
    if (Account *a = account(jid))
        a->addContact(contact, name, groups);
}

void AppSession::removeContact(const QString &jid, const QString &contact)
{
    if (Account *a = account(jid))
        a->removeContact(contact);
}

void AppSession::renameContact(const QString &jid, const QString &contact, const QString &name)
{
    if (Account *a = account(jid)) {
        const auto it = a->roster().constFind(contact);
        a->updateContact(contact, name, it != a->roster().cend() ? it->groups : QStringList());
    }
}

void AppSession::setContactGroups(const QString &jid, const QString &contact,
                                  const QStringList &groups)
{
    if (Account *a = account(jid)) {
        const auto it = a->roster().constFind(contact);
        a->updateContact(contact, it != a->roster().cend() ? it->name : QString(), groups);
    }
}

void AppSession::answerSubscription(const QString &jid, const QString &contact, bool accept)
{
    if (Account *a = account(jid))
        a->answerSubscription(contact, accept);
}

void AppSession::openConversation(const QString &jid, const QString &peer)
{
    Account *a = account(jid);
    if (!a)
        return;
    // Listed even before the first message; marking read is the UI's call (only when the
    // conversation is really in front of the user).
    m_conversationModel->ensureConversation(a, Jid::fromString(peer).bareString());
    // An open room is joined and caught up before the other autojoin rooms (RoomManager).
    a->rooms()->setOpen(Jid::fromString(peer).bareString(), true);
}

void AppSession::closeConversation(const QString &jid, const QString &peer)
{
    if (Account *a = account(jid))
        a->rooms()->setOpen(Jid::fromString(peer).bareString(), false);
    const auto it = m_messageModels.find({jid, peer});
    if (it != m_messageModels.end()) {
        it->second->deleteLater();
        m_messageModels.erase(it);
    }
}

void AppSession::sendMessage(const QString &jid, const QString &peer, const QString &text)
{
    if (Account *a = account(jid))
        a->sendMessage(peer, text);
}

void AppSession::retryMessage(const QString &jid, qint64 messageId)
{
    if (Account *a = account(jid))
        a->retryMessage(messageId);
}

void AppSession::markRead(const QString &jid, const QString &peer)
{
    Account *a = account(jid);
    if (!a)
        return;
    m_conversationModel->setUnread(a, peer, 0);
    auto latest = a->messages().latest(jid, peer, 1);
    if (isOk(latest) && !std::get<QList<storage::MessageRecord>>(latest).isEmpty())
        a->messages().markRead(jid, peer,
                               std::get<QList<storage::MessageRecord>>(latest).back().id);
    a->markDisplayed(peer);
}

void AppSession::correctMessage(const QString &jid, qint64 messageId, const QString &text)
{
    if (Account *a = account(jid))
        a->correctMessage(messageId, text);
}

void AppSession::retractMessage(const QString &jid, qint64 messageId)
{
    if (Account *a = account(jid))
        a->retractMessage(messageId);
}

void AppSession::sendReply(const QString &jid, const QString &peer, qint64 replyTo,
                           const QString &text)
{
    if (Account *a = account(jid))
        a->sendReply(peer, replyTo, text);
}

void AppSession::toggleReaction(const QString &jid, qint64 messageId, const QString &emoji)
{
    if (Account *a = account(jid))
        a->toggleReaction(messageId, emoji);
}

void AppSession::setChatState(const QString &jid, const QString &peer, xmpp::ChatState state)
{
    if (Account *a = account(jid))
        a->sendChatState(peer, state);
}

void AppSession::setConversationMuted(const QString &jid, const QString &peer,
                                      const QDateTime &until)
{
    if (!account(jid))
        return;
    const QString bare = Jid::fromString(peer).bareString();
    const QDateTime stored =
        until.isValid() && until > QDateTime::currentDateTimeUtc() ? until.toUTC() : QDateTime();
    m_conversationModel->setMutedUntil(jid, bare, stored);
    storage::MuteStore(*m_db).setMutedUntil(jid, bare, stored);
}

QDateTime AppSession::conversationMutedUntil(const QString &jid, const QString &peer)
{
    return m_conversationModel->mutedUntil(jid, Jid::fromString(peer).bareString());
}

Result<Success> AppSession::sendRawXml(const QString &jid, const QString &xml)
{
    Account *a = account(jid);
    if (!a)
        return Error::local(tr("No such account."));
    if (!a->client()->isConnected())
        return Error::local(tr("The account is not connected."));
    // Parsed inside a jabber:client wrapper so that a typed <message/> gets the stream's
    // default namespace, as it would on the wire.
    const Element wrapper = Element::fromXml(QByteArrayLiteral("<wrapper xmlns='jabber:client'>") +
                                             xml.toUtf8() + "</wrapper>");
    if (wrapper.isNull() || wrapper.children().size() != 1)
        return Error::local(tr("That is not one well-formed XML element."));
    a->client()->send(wrapper.children().front());
    return Success{};
}

Task<Result<QList<SearchHit>>> AppSession::searchMessages(const QString &text,
                                                          const SearchFilter &filter, int limit)
{
    if (!m_search)
        return makeReadyTask<Result<QList<SearchHit>>>(Error::local(m_openError));
    return m_search->search(text, filter, limit);
}

} // namespace parla::services
