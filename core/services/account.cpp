// SPDX-License-Identifier: GPL-3.0-or-later
#include "account.h"

#include "bookmarks.h"
#include "historysync.h"
#include "passwordstore.h"
#include "people.h"
#include "rooms.h"

#include "storage/database.h"
#include "xmpp/im/presence.h"
#include "xmpp/namespaces.h"
#include "xmpp/xep/xep0030_disco/discomanager.h"
#include "xmpp/xep/xep0045_muc/mucmanager.h"
#include "xmpp/xep/xep0092_version/versionmanager.h"
#include "xmpp/xep/xep0115_caps/capsmanager.h"
#include "xmpp/xep/xep0199_ping/pingmanager.h"
#include "xmpp/xep/xep0202_time/timemanager.h"
#include "xmpp/xep/xep0280_carbons/carbonsmanager.h"
#include "xmpp/xep/xep0313_mam/mammanager.h"
#include "xmpp/xep/xep0490_mds/mdsmanager.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>
#include <QUuid>

Q_LOGGING_CATEGORY(lcAccount, "parla.services.account")

namespace parla::services {

using namespace parla::xmpp;

namespace {

storage::RosterRecord toRecord(const RosterItem &item)
{
    return {item.jid.bareString(), item.name, RosterItem::subscriptionName(item.subscription),
            item.askSubscribe ? QStringLiteral("subscribe") : QString(), item.groups};
}

RosterItem fromRecord(const storage::RosterRecord &r)
{
    RosterItem item;
    item.jid = Jid::fromString(r.jid);
    item.name = r.name;
    item.subscription = RosterItem::subscriptionFromName(r.subscription);
    item.askSubscribe = r.ask == u"subscribe";
    item.groups = r.groups;
    return item;
}
} // namespace

Account::Account(const storage::AccountRecord &record, const AccountContext &context,
                 QObject *parent)
    : QObject(parent), m_record(record), m_context(context), m_messages(*context.database),
      m_rosterStore(*context.database), m_accountStore(*context.database),
      m_client(new Client(this)), m_roster(new RosterManager), m_presence(new PresenceManager),
      m_messageManager(new MessageManager), m_disco(new DiscoManager),
      m_caps(new CapsManager(m_disco, context.capsStore)), m_ping(new PingManager),
      m_incoming(new IncomingPipeline(*this, this)), m_outbox(*context.database),
      m_outgoing(new OutgoingPipeline(*this, this)), m_syncStore(*context.database),
      m_carbons(new CarbonsManager), m_mam(new MamManager), m_history(nullptr),
      m_mds(new MdsManager)
{
    // Order matters only where two managers look at the same stanza: caps sees presence
    // before the presence manager (neither consumes it).
    m_client->addExtension(m_disco);
    m_client->addExtension(m_caps);
    m_client->addExtension(m_ping);
    m_client->addExtension(new VersionManager);
    m_client->addExtension(new TimeManager);
    // Group chat before everything that reads presence or messages: a room's occupants are
    // not contacts, its messages not 1:1 ones (XEP-0045; MucManager's sender rules).
    auto *muc = new MucManager;
    m_client->addExtension(muc);
    m_rooms = new RoomManager(this, muc);
    // Before the message manager: PEP notifications arrive as messages.
    m_people = new People(m_client, m_presence, context.cacheDirectory, this);
    m_bookmarks = new Bookmarks(m_client, m_disco, this); // XEP-0402 notifications, too
    m_client->addExtension(m_roster);
    m_client->addExtension(m_presence);
    // Carbons and MAM consume their wrapper messages before the MessageManager sees them.
    m_client->addExtension(m_carbons);
    m_client->addExtension(m_mam);
    m_client->addExtension(m_mds); // before messages: it consumes its PEP notifications
    m_client->addExtension(m_messageManager);
    m_history = new HistorySync(this, this);
    connect(m_mds, &MdsManager::displayedSynced, this, &Account::onMdsDisplayed);
    m_presence->setPresenceDecorator([this](Element &presence) {
        presence.appendChild(m_caps->capsElement());          // XEP-0115 §4
        presence.appendChild(m_people->vcardUpdateElement()); // XEP-0153 §4.1
    });
    connect(m_disco, &DiscoManager::serverInfoReceived, this, [this] {
        // XEP-0359 §4: stanza-ids by our own archive are trustworthy only if it says so.
        const auto &info = m_disco->accountInfo();
        m_messageManager->setTrustOwnStanzaIds(info && info->features.contains(ns::StanzaId));
        // XEP-0280 §3: enable carbons only where the server says it can.
        const auto &server = m_disco->serverInfo();
        if (server && server->features.contains(ns::Carbons) && !m_carbons->isEnabled())
            m_carbons->enable();
        // XEP-0313 §7: our archive is on our bare JID; catch up only if it is there.
        if (info && info->features.contains(ns::Mam)) {
            m_history->start();
        } else {
            m_incoming->catchUpEnded(); // no catch-up will come
            releasePending();           // nothing can tell us what arrived: resend now
        }
    });
    connect(m_history, &HistorySync::catchUpFinished, this, &Account::releasePending);
    connect(m_carbons, &CarbonsManager::carbonReceived, this,
            [this](const Carbon &carbon) { receiveOne(carbon.message, Route::Carbon); });

    // The cached roster shows contacts before (and without) a connection.
    if (auto snapshot = m_rosterStore.load(m_record.jid); isOk(snapshot)) {
        const auto &s = std::get<storage::RosterSnapshot>(snapshot);
        for (const auto &r : s.items) {
            RosterItem item = fromRecord(r);
            if (item.jid.isValid())
                m_rosterItems.insert(item.jid.bareString(), item);
        }
        m_roster->setCachedVersion(s.version);
    }

    connect(m_client, &Client::connected, this, &Account::onConnected);
    connect(m_client, &Client::disconnected, this, &Account::onDisconnected);
    connect(m_client, &Client::messageAcknowledged, this, &Account::onMessageAcknowledged);
    connect(m_client, &Client::unacknowledgedStanzasDropped, this,
            &Account::onUnacknowledgedDropped);
    connect(m_messageManager, &MessageManager::messageReceived, this,
            [this](const ChatMessage &message) { receiveOne(message, Route::Live); });
    connect(m_messageManager, &MessageManager::messageFailed, this, &Account::onMessageFailed);

    connect(m_roster, &RosterManager::rosterReceived, this,
            [this](const QString &version, const std::vector<RosterItem> &items) {
                m_rosterItems.clear();
                QList<storage::RosterRecord> records;
                for (const RosterItem &item : items) {
                    m_rosterItems.insert(item.jid.bareString(), item);
                    records << toRecord(item);
                }
                m_rosterStore.replaceAll(m_record.jid, version, records);
                Q_EMIT rosterReset();
            });
    connect(
        m_roster, &RosterManager::itemPushed, this,
        [this](const QString &version, const RosterItem &item) { applyRosterItem(item, version); });
    connect(m_roster, &RosterManager::rosterReady, this, [this] {
        // RFC 6121 §2.2: initial presence after the roster, so that presence of contacts
        // arrives for items we know.
        m_presence->sendCurrentPresence();
        m_history->sessionAvailable(); // now the archive's answer cannot leave a hole
    });
    connect(m_presence, &PresenceManager::presenceChanged, this,
            [this](const Jid &jid) { Q_EMIT presenceChanged(jid.bareString()); });
    connect(m_presence, &PresenceManager::subscriptionRequested, this,
            [this](const Jid &jid, const QString &) {
                const QString bare = jid.bareString();
                const auto it = m_rosterItems.constFind(bare);
                // Someone we already share presence with (or asked ourselves) gets an answer
                // without bothering the user (RFC 6121 §3.1.3 pre-approval semantics).
                if (it != m_rosterItems.cend() &&
                    (it->subscription == RosterItem::Subscription::From ||
                     it->subscription == RosterItem::Subscription::Both)) {
                    m_presence->approveSubscription(jid);
                    return;
                }
                m_requests.insert(bare);
                Q_EMIT subscriptionRequested(bare);
                Q_EMIT contactChanged(bare);
            });

    connect(&m_reconnect, &ReconnectPolicy::reconnectDue, this, [this] {
        if (m_wantConnected && m_client->state() == Client::State::Disconnected)
            startConnection(m_password);
    });
}

Account::~Account()
{
    m_wantConnected = false;
    m_client->disconnect(this);
}

void Account::setRecord(const storage::AccountRecord &record)
{
    m_record = record;
    m_accountStore.save(m_record);
    Q_EMIT recordChanged();
}

void Account::connectAccount(const QString &password)
{
    m_wantConnected = true;
    m_conflictRetried = false; // the user asked: a conflict may be answered once more
    if (!password.isEmpty()) {
        startConnection(password);
        return;
    }
    setState(ConnectionState::Connecting);
    m_context.passwords->read(m_record.jid).then(this, [this](const Result<QString> &r) {
        if (!m_wantConnected)
            return;
        if (!isOk(r)) {
            setState(ConnectionState::Failed, std::get<Error>(r).text);
            return;
        }
        startConnection(std::get<QString>(r));
    });
}

void Account::startConnection(const QString &password)
{
    m_password = password;
    ConnectionSettings settings;
    settings.jid = Jid::fromString(m_record.jid);
    settings.password = password;
    settings.resource = m_freshResource.isEmpty() ? m_record.resource : m_freshResource;
    settings.host = m_record.host;
    settings.port = m_record.port;
    settings.directTls = m_record.directTls;
    settings.pinnedCertificates = m_record.pinnedCertificates;
    settings.extraCaCertificates = m_extraCas;
    m_client->setSettings(settings);
    setState(ConnectionState::Connecting);
    m_client->connectToServer();
}

void Account::disconnectAccount()
{
    m_wantConnected = false;
    m_reconnect.cancel();
    m_client->disconnectFromServer();
    setState(ConnectionState::Disconnected);
}

void Account::retry()
{
    m_wantConnected = true;
    m_conflictRetried = false; // the user asked: a conflict may be answered once more
    if (m_client->state() != Client::State::Disconnected)
        return;
    m_reconnect.cancel();
    if (m_password.isEmpty())
        connectAccount();
    else
        startConnection(m_password);
}

void Account::checkConnection()
{
    if (!m_wantConnected)
        return;
    if (m_client->state() == Client::State::Disconnected) {
        if (m_reconnect.isScheduled())
            m_reconnect.retryNow();
        return;
    }
    // A connected-looking socket after a suspend is often dead: XEP-0199 ping decides.
    m_ping->checkNow();
}

void Account::pinCertificate(const QString &fingerprint)
{
    if (!m_record.pinnedCertificates.contains(fingerprint))
        m_record.pinnedCertificates << fingerprint;
    m_accountStore.save(m_record);
    Q_EMIT recordChanged();
    retry();
}

void Account::setState(ConnectionState state, const QString &error)
{
    if (m_state == state && m_errorText == error)
        return;
    m_state = state;
    m_errorText = error;
    Q_EMIT stateChanged();
}

void Account::onConnected(bool resumed)
{
    m_reconnect.reset();
    m_lastError = {};
    setState(ConnectionState::Connected);
    // A resumed session re-sent what the server had not acknowledged (same stanzas, still in
    // flight); a new session starts from nothing, so every pending message goes out again
    // with its original id (receivers de-duplicate on it). Either way, messages written while
    // offline are sent now.
    m_outgoing->flushOutbox();
    if (resumed) {
        m_history->sessionAvailable(); // our presence lives on in the resumed session
        resendPending();               // what the resumed session re-sent stays in flight
        return;
    }
    m_inFlight.clear();
    m_outgoing->sessionLost();
    // A new session: a Pending message may have reached the server before the old one died
    // (the ack was lost, or Parla was killed). Our archive has it then, and its catch-up marks
    // it Sent; so Pending 1:1 messages wait for the catch-up, and only what it did not find
    // goes out again (the peer's de-duplication is not relied on). Messages written meanwhile
    // wait too, so they keep their order.
    m_holdPending = true;
    const int generation = ++m_holdGeneration;
    QTimer::singleShot(kCatchUpWait, this, [this, generation] {
        // No archive to ask (or no answer about one): send after a bounded wait.
        if (generation == m_holdGeneration && !m_history->isCatchingUp())
            releasePending();
    });
}

void Account::onDisconnected(const ConnectionError &error)
{
    m_lastError = error;
    m_offlineSince = QDateTime::currentDateTimeUtc();
    m_offlineSinceKnown = true;
    m_holdPending = false;
    ++m_holdGeneration;
    // Whatever was in flight stays Pending in the store. If the session can be resumed the
    // server may still acknowledge it, so the in-flight list is kept until we know.
    if (!m_client->canResume()) {
        m_inFlight.clear();
        m_outgoing->sessionLost();
    }
    m_history->sessionEnded();
    if (!m_wantConnected) {
        setState(ConnectionState::Disconnected);
        return;
    }
    if (error.kind == ConnectionError::Kind::None) {
        // The close we asked for ended, but the user wants the account back meanwhile (it
        // was enabled again while the stream was still closing): connect now.
        startConnection(m_password);
        return;
    }
    if (error.kind == ConnectionError::Kind::CertificateUntrusted ||
        error.kind == ConnectionError::Kind::CertificateChanged) {
        setState(ConnectionState::Failed, error.text);
        Q_EMIT certificateProblem(error.certificate,
                                  error.kind == ConnectionError::Kind::CertificateChanged);
        return;
    }
    if (error.kind == ConnectionError::Kind::StreamError &&
        error.streamCondition == StreamErrorCondition::Conflict) {
        // Replaced by a client that took our resource (a second Parla on this profile's
        // account, a stale session the server kept): never left dead. Once, at once, under a
        // fresh resource; if that is taken over too, the user decides (Reconnect).
        if (!m_conflictRetried) {
            m_conflictRetried = true;
            const QString base =
                m_record.resource.isEmpty() ? QStringLiteral("parla") : m_record.resource;
            m_freshResource = base + u'.' + QUuid::createUuid().toString(QUuid::Id128).left(6);
            qCInfo(lcAccount) << m_record.jid << "was replaced by another client; connecting"
                              << "again as" << m_freshResource;
            setState(ConnectionState::Connecting,
                     error.text + u' ' + tr("Connecting again as %1.").arg(m_freshResource));
            startConnection(m_password);
            return;
        }
        qCInfo(lcAccount) << m_record.jid << "was replaced again:" << error.text;
        setState(ConnectionState::Failed,
                 error.text + u' ' +
                     tr("It happened twice, so Parla stopped here: choose Reconnect to take "
                        "the account back."));
        return;
    }
    if (error.isTransient()) {
        m_reconnect.scheduleRetry();
        qCInfo(lcAccount) << m_record.jid << "lost its connection, retrying:" << error.text
                          << error.detail;
        setState(ConnectionState::Connecting,
                 error.text + u' ' +
                     tr("Trying again in %1 s.").arg(m_reconnect.secondsUntilRetry()));
        return;
    }
    qCInfo(lcAccount) << m_record.jid << "failed:" << error.text << error.detail;
    setState(ConnectionState::Failed, error.text);
}

// ---- roster ----

void Account::applyRosterItem(const RosterItem &item, const QString &version)
{
    const QString bare = item.jid.bareString();
    if (item.subscription == RosterItem::Subscription::Remove) {
        m_rosterItems.remove(bare);
        m_rosterStore.remove(m_record.jid, version, bare);
        Q_EMIT contactRemoved(bare);
        return;
    }
    m_rosterItems.insert(bare, item);
    m_rosterStore.upsert(m_record.jid, version, toRecord(item));
    Q_EMIT contactChanged(bare);
}

void Account::addContact(const QString &jid, const QString &name, const QStringList &groups)
{
    const auto parsed = Jid::parse(jid);
    if (!parsed)
        return;
    RosterItem item;
    item.jid = parsed->bare();
    item.name = name;
    item.groups = groups;
    m_roster->setItem(item);
    // RFC 6121 §3.1.1: ask to see their presence; pre-approve theirs so they see ours.
    m_presence->subscribe(item.jid);
    m_presence->approveSubscription(item.jid);
}

void Account::removeContact(const QString &jid)
{
    if (const auto parsed = Jid::parse(jid))
        m_roster->removeItem(*parsed);
}

void Account::updateContact(const QString &jid, const QString &name, const QStringList &groups)
{
    const auto it = m_rosterItems.constFind(jid);
    if (it == m_rosterItems.cend())
        return;
    RosterItem item = *it;
    item.name = name;
    item.groups = groups;
    m_roster->setItem(item);
}

void Account::answerSubscription(const QString &jid, bool accept)
{
    const auto parsed = Jid::parse(jid);
    if (!parsed)
        return;
    m_requests.remove(jid);
    if (accept) {
        m_presence->approveSubscription(*parsed);
        // Mutual by default: ask for theirs too unless we already have it.
        const auto it = m_rosterItems.constFind(jid);
        if (it == m_rosterItems.cend() || (it->subscription != RosterItem::Subscription::To &&
                                           it->subscription != RosterItem::Subscription::Both))
            m_presence->subscribe(*parsed);
    } else {
        m_presence->denySubscription(*parsed);
    }
    Q_EMIT contactChanged(jid);
}

void Account::setAvailability(Availability availability, const QString &status)
{
    if (availability == Availability::Offline) {
        m_presence->setOwnPresence(availability, status);
        disconnectAccount();
        return;
    }
    m_presence->setOwnPresence(availability, status);
    if (m_client->state() == Client::State::Disconnected)
        connectAccount(m_password);
}

Availability Account::availability() const
{
    return m_state == ConnectionState::Connected ? m_presence->ownAvailability()
                                                 : Availability::Offline;
}

// ---- messages ----

void Account::sendMessage(const QString &peer, const QString &text)
{
    const auto peerJid = Jid::parse(peer);
    if (!peerJid || text.trimmed().isEmpty())
        return;
    storeOutgoing(newOutgoing(m_rooms->conversationPeer(*peerJid), text));
}

storage::MessageRecord Account::newOutgoing(const QString &peer, const QString &text) const
{
    storage::MessageRecord record;
    record.account = m_record.jid;
    record.peer = peer;
    record.outgoing = true;
    record.senderJid =
        m_client->boundJid().isValid() ? m_client->boundJid().toString() : m_record.jid;
    record.body = text;
    record.timestamp = QDateTime::currentDateTimeUtc();
    // XEP-0359: the same value as id and origin-id, kept for every resend.
    record.messageId = Client::generateId();
    record.originId = record.messageId;
    record.state = DeliveryState::Pending;
    m_rooms->decorateOutgoing(record); // a room's: kind GroupChat, sent as our occupant
    return record;
}

namespace {

/// One account as a plug-in sees it.
class Hooks final : public AccountHooks
{
public:
    Hooks(QString jid, IncomingPipeline &in, OutgoingPipeline &out, Client &client,
          storage::Database &db, QObject *scope)
        : m_jid(std::move(jid)), m_in(in), m_out(out), m_client(client), m_db(db), m_scope(scope)
    {}
    QString jid() const override { return m_jid; }
    IncomingPipeline &incoming() override { return m_in; }
    OutgoingPipeline &outgoing() override { return m_out; }
    void addExtension(Extension *extension) override { m_client.addExtension(extension); }
    Client &client() override { return m_client; }
    storage::Database &database() override { return m_db; }
    QObject *scope() override { return m_scope; }

private:
    QString m_jid;
    IncomingPipeline &m_in;
    OutgoingPipeline &m_out;
    Client &m_client;
    storage::Database &m_db;
    QObject *m_scope;
};

} // namespace

void Account::install(AccountPlugin &plugin)
{
    Hooks hooks(m_record.jid, *m_incoming, *m_outgoing, *m_client, *m_context.database, this);
    plugin.install(hooks);
    qCInfo(lcAccount) << "plug-in" << plugin.name() << "installed";
}

OutgoingKind Account::outgoingKindOf(const storage::MessageRecord &record) const
{
    if (record.kind == storage::ConversationKind::GroupChat)
        return OutgoingKind::GroupChat;
    if (m_rooms->isRoom(Jid::fromString(record.peer).bareString()))
        return OutgoingKind::RoomPrivate; // to room@service/nick
    return OutgoingKind::Chat;
}

void Account::storeOutgoing(storage::MessageRecord record)
{
    // The pipeline persists it before it sends it (STYLE.md §8): a crash after that resends it.
    OutgoingEnvelope e;
    e.kind = outgoingKindOf(record);
    e.record = std::move(record);
    m_outgoing->send(std::move(e));
}

void Account::resendStored(const storage::MessageRecord &record)
{
    if (record.account != m_record.jid || !record.outgoing)
        return;
    OutgoingEnvelope e;
    e.kind = outgoingKindOf(record);
    e.record = record;
    e.persisted = true;
    m_outgoing->send(std::move(e));
}

bool Account::transmit(const OutgoingEnvelope &e)
{
    if (e.kind == OutgoingKind::GroupChat)
        return m_rooms->transmit(e); // Sent only when the room reflects it
    if (m_client->state() != Client::State::Connected)
        return false; // content stays Pending, an action in the outbox, until the next login
    const QString id = e.message.id;
    if (isContent(e.kind) && m_holdPending)
        return false; // onConnected: the catch-up decides what is still Pending, then in order
    if (isContent(e.kind)) {
        if (m_inFlight.contains(id))
            return true; // written this session, not yet acknowledged
        m_sentChatState.insert(e.record.peer, ChatState::Active);
        m_inFlight.insert(id, {e.record.peer, e.record.id});
    }
    if (m_client->send(e.stanza).isEmpty()) {
        m_inFlight.remove(id);
        return false;
    }
    if (!m_client->streamManagementEnabled()) {
        // Without XEP-0198 nothing will acknowledge it; written to the socket is all we know.
        QMetaObject::invokeMethod(
            this, [this, id] { onMessageAcknowledged(id); }, Qt::QueuedConnection);
    }
    return true;
}

QDateTime Account::offlineSince() const
{
    // Asked only for a delay our server added, so not at start-up: before this run's first
    // disconnect, our last session was no earlier than our newest stored message.
    if (!m_offlineSinceKnown) {
        if (auto newest = m_syncStore.newestTimestamp(m_record.jid); isOk(newest))
            m_offlineSince = std::get<QDateTime>(newest);
        m_offlineSinceKnown = true;
    }
    return m_offlineSince;
}

void Account::releasePending()
{
    if (!m_holdPending)
        return;
    m_holdPending = false;
    // After every write queued so far (the catch-up's "it was sent" updates): the writer
    // thread runs in order, so this empty write finishes after them.
    m_context.database
        ->write<Success>([](storage::Connection &) -> Result<Success> { return Success{}; })
        .then(this, [this](const Result<Success> &) {
            if (m_client->state() == Client::State::Connected && !m_holdPending)
                resendPending();
        });
}

void Account::resendPending()
{
    auto pending = m_messages.pendingOutgoing(m_record.jid);
    if (!isOk(pending))
        return;
    for (const storage::MessageRecord &record : std::get<QList<storage::MessageRecord>>(pending)) {
        if (!m_inFlight.contains(record.messageId))
            resendStored(record); // a room's waits for the join (RoomManager sends it then)
    }
}

void Account::retryMessage(qint64 id)
{
    auto found = m_messages.message(id);
    if (!isOk(found) || !std::get<std::optional<storage::MessageRecord>>(found))
        return;
    storage::MessageRecord record = *std::get<std::optional<storage::MessageRecord>>(found);
    if (record.account != m_record.jid || !record.outgoing || record.state != DeliveryState::Failed)
        return;
    m_messages.updateState(m_record.jid, record.messageId, record.peer, DeliveryState::Pending)
        .then(this, [this, record](const Result<std::optional<qint64>> &r) mutable {
            if (!written(r, tr("retry a message")) || !std::get<std::optional<qint64>>(r))
                return;
            record.state = DeliveryState::Pending;
            Q_EMIT messageStateChanged(record.id, DeliveryState::Pending, {});
            resendStored(record);
        });
}

void Account::advanceState(const QString &id, const QString &peer, DeliveryState state,
                           const QString &errorText)
{
    // The store moves the state forward only (and only for a message to `peer`); the models
    // hear about it when something really changed.
    m_messages.updateState(m_record.jid, id, peer, state, errorText)
        .then(this, [this, state, errorText](const Result<std::optional<qint64>> &r) {
            if (!written(r, tr("save a delivery state")))
                return;
            if (const auto changed = std::get<std::optional<qint64>>(r))
                Q_EMIT messageStateChanged(*changed, state, errorText);
        });
}

void Account::onUnacknowledgedDropped(const std::vector<Element> &stanzas)
{
    // The session could not be resumed: the server may or may not have had these. Messages
    // and actions are not lost: they are still Pending in the store or queued in the outbox;
    // the new session resends the actions, and the Pending messages its archive catch-up did
    // not find (onConnected). The rest (presence, requests, receipts, chat states) belonged to
    // the old session.
    int messages = 0;
    for (const Element &stanza : stanzas) {
        if (stanza.name() == u"message" && !stanza.attribute(u"id").isEmpty())
            ++messages;
    }
    qCInfo(lcAccount) << m_record.jid << "session not resumed:" << stanzas.size()
                      << "unacknowledged stanzas," << messages
                      << "messages among them go out again if they were ours to keep";
}

void Account::onMessageAcknowledged(const QString &id)
{
    m_outgoing->acknowledged(id); // an action leaves the outbox
    const auto it = m_inFlight.constFind(id);
    if (it == m_inFlight.cend())
        return;
    const auto [peer, localId] = *it;
    m_inFlight.erase(it);
    advanceState(id, peer, DeliveryState::Sent);
}

void Account::onMessageFailed(const Jid &peer, const QString &id, const StanzaError &error)
{
    // Only the peer (or its server, for "not found") may bounce a message to that peer.
    const QString text = error.describe();
    m_inFlight.remove(id);
    advanceState(id, peer.bareString(), DeliveryState::Failed, text);
}

void Account::receiveOne(const ChatMessage &message, Route route)
{
    IncomingEnvelope e;
    e.stanza = message.stanza;
    e.route = route;
    e.message = message;
    e.sender.jid = message.from;
    // XEP-0359 §4: a stanza-id counts only from our own archive, and only if our server says it
    // assigns them. The MessageManager already dropped any other on a live message; a carbon's
    // inner stanza-id is checked here, where the carbon's meaning is known.
    const bool trusted =
        route == Route::Live || (trustsOwnStanzaIds() && message.stanzaIdBy == ownJid().bare());
    if (trusted && !message.stanzaId.isEmpty()) {
        e.archive.id = message.stanzaId;
        e.archive.by = message.stanzaIdBy;
    }
    receive({std::move(e)});
}

Task<Result<QList<storage::MessageRecord>>> Account::receive(IncomingBatch batch)
{
    // XEP-0198: a message that arrived on the stream right now is acknowledged to the server
    // only once it is stored (the pipeline releases the hold after the commit), so the server
    // never drops its copy of something we failed to keep. Archive pages need no hold: the
    // archive keeps them and the cursor moves only with them.
    if (batch.size() == 1 && !isArchiveRoute(batch.front().route))
        batch.front().hold = m_client->holdInbound();
    return m_incoming->receive(std::move(batch));
}

Task<Result<QList<storage::MessageRecord>>> Account::receive(IncomingBatch batch,
                                                             const QString &cursor)
{
    return m_incoming->receive(std::move(batch), cursor);
}

// ---- PipelineHost ----

Jid Account::ownJid() const
{
    return m_client->boundJid().isValid() ? m_client->boundJid().bare()
                                          : Jid::fromString(m_record.jid);
}

QString Account::conversationFor(const Jid &other, bool outgoing, const ChatMessage &message) const
{
    const Jid peer = other.bare();
    // XEP-0045 §7.5 / XEP-0280 §6: a private message with an occupant (a full JID of a room we
    // know, or, sent by our own other client, marked with <x xmlns='…muc#user'/>) is the
    // conversation room@service/nick, never the room's group chat nor a contact's.
    const bool mucPrivate =
        other.isFull() && message.type != ChatMessage::Type::Groupchat &&
        (m_rooms->isRoom(peer.bareString()) || (outgoing && message.mucPrivate));
    return mucPrivate ? other.toString() : peer.bareString();
}

bool Account::trustsOwnStanzaIds() const
{
    return m_messageManager->trustsOwnStanzaIds();
}

void Account::sendReceipt(const ChatMessage &message)
{
    m_messageManager->sendReceipt(message);
}

void Account::chatStateObserved(const QString &peer, std::optional<ChatState> state, bool content)
{
    // XEP-0085 §5.1: after their content message we know whether they send states at all.
    if (content)
        m_chatStateSupport.insert(peer, state.has_value());
    if (state)
        Q_EMIT chatStateReceived(peer, int(*state));
    else if (content)
        Q_EMIT chatStateReceived(peer, int(ChatState::Active));
}

void Account::markSent(const storage::MessageRecord &ours)
{
    // Our own message, still Pending here, came back (a room's reflection, a carbon or our
    // archive's copy): the server has it. The store only moves states forward.
    advanceState(ours.originId.isEmpty() ? ours.messageId : ours.originId, ours.peer,
                 DeliveryState::Sent, {});
}

bool Account::cursorFollowsLive() const
{
    return m_history->hasCaughtUp();
}

void Account::reportStorageFailure(const QString &what, const QString &error)
{
    qCWarning(lcAccount) << what << "failed:" << error;
    Q_EMIT storageFailed(what, error);
}

void Account::reportStorageRecovered(const QString &what)
{
    qCInfo(lcAccount) << what << "works again";
    Q_EMIT storageRecovered(what);
}

void Account::storeLate(IncomingEnvelope envelope)
{
    envelope.store = true;
    receive({std::move(envelope)});
}

} // namespace parla::services
