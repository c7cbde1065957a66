// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "messagepipeline.h"
#include "pipeline/accountplugin.h"
#include "pipeline/incomingpipeline.h"
#include "pipeline/outgoingpipeline.h"
#include "pipeline/pipelinehost.h"
#include "reconnectpolicy.h"
#include "types.h"

#include "storage/accountstore.h"
#include "storage/messagestore.h"
#include "storage/outboxstore.h"
#include "storage/rosterstore.h"
#include "storage/syncstore.h"
#include "xmpp/client.h"
#include "xmpp/im/message.h"
#include "xmpp/im/roster.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <chrono>

namespace parla::xmpp {
class PresenceManager;
class PingManager;
class DiscoManager;
class CapsManager;
class CapsStore;
class VersionManager;
class TimeManager;
class CarbonsManager;
class MamManager;
class MdsManager;
struct MdsDisplayed;
} // namespace parla::xmpp

namespace parla::services {

class PasswordStore;
class HistorySync;
class RoomManager;

class People;
class Bookmarks;

/// Everything the core needs for one account, passed in by the owner (no singletons).
struct AccountContext
{
    storage::Database *database = nullptr;
    PasswordStore *passwords = nullptr;
    xmpp::CapsStore *capsStore = nullptr; ///< shared XEP-0115 cache (may be null)
    QString cacheDirectory; ///< the profile's cache (avatars by hash); empty: memory only
};

/// One account: a Client with its managers, its stores, the message pipeline, and the policy
/// that keeps it connected.
///
/// Messages are never lost: what the user sends is stored as Pending before it is written to
/// the stream, marked Sent on the stream-management ack, and sent again with the same id after
/// a reconnect that could not resume. Every incoming message, whatever its route, goes through
/// the account's one IncomingPipeline (receive()); the store de-duplicates.
class Account : public QObject, private PipelineHost
{
    Q_OBJECT
public:
    Account(const storage::AccountRecord &record, const AccountContext &context,
            QObject *parent = nullptr);
    ~Account() override;

    const storage::AccountRecord &record() const { return m_record; }
    QString jid() const { return m_record.jid; }
    xmpp::Client *client() const { return m_client; }
    xmpp::PresenceManager *presence() const { return m_presence; }
    xmpp::RosterManager *rosterManager() const { return m_roster; }
    xmpp::DiscoManager *disco() const { return m_disco; }
    xmpp::CapsManager *caps() const { return m_caps; }
    xmpp::PingManager *ping() const { return m_ping; }
    /// Avatars, profiles, contact details, blocking (people.h).
    People *people() const { return m_people; }
    /// Room bookmarks (XEP-0402 / XEP-0048), see bookmarks.h.
    Bookmarks *bookmarks() const { return m_bookmarks; }

    ConnectionState state() const { return m_state; }
    /// Plain words for the last error (empty when fine).
    QString errorText() const { return m_errorText; }
    const xmpp::ConnectionError &lastError() const { return m_lastError; }
    int secondsUntilRetry() const { return m_reconnect.secondsUntilRetry(); }

    /// Connects with the password from the store (or the one given, e.g. right after adding).
    void connectAccount(const QString &password = {});
    void disconnectAccount();
    /// Reconnect now, skipping the back-off.
    void retry();
    /// After a suspend or a network change: check the link now.
    void checkConnection();
    void setRecord(const storage::AccountRecord &record);
    /// Trust this certificate (pin its fingerprint) and reconnect.
    void pinCertificate(const QString &fingerprint);
    /// Extra CA certificates trusted for this account (tests, private CAs), PEM.
    void setExtraCaCertificates(const QList<QByteArray> &pems) { m_extraCas = pems; }

    // Roster
    const QHash<QString, xmpp::RosterItem> &roster() const { return m_rosterItems; }
    const QSet<QString> &subscriptionRequests() const { return m_requests; }
    void addContact(const QString &jid, const QString &name, const QStringList &groups);
    void removeContact(const QString &jid);
    void updateContact(const QString &jid, const QString &name, const QStringList &groups);
    void answerSubscription(const QString &jid, bool accept);
    void setAvailability(Availability availability, const QString &status);
    Availability availability() const;

    // Messages
    /// Stores the message as pending, then sends it when connected (else on reconnect).
    void sendMessage(const QString &peer, const QString &text);
    void retryMessage(qint64 id);
    storage::MessageStore &messages() { return m_messages; }

    // History sync (XEP-0280 carbons, XEP-0313 MAM)
    xmpp::CarbonsManager *carbons() const { return m_carbons; }
    xmpp::MamManager *mam() const { return m_mam; }
    HistorySync *historySync() const { return m_history; }
    storage::SyncStore &syncStore() { return m_syncStore; }
    /// The one way in for messages, whatever their route (live, carbons, archives, rooms,
    /// room history, room private messages): the envelopes of one batch pass the incoming
    /// pipeline's stages and are stored in one transaction. Finishes with the records that were
    /// new (also announced by messagesStored()), or the storage error.
    Task<xmpp::Result<QList<storage::MessageRecord>>> receive(IncomingBatch batch);
    /// A page of our own archive's catch-up: `cursor` is written in the page's transaction.
    Task<xmpp::Result<QList<storage::MessageRecord>>> receive(IncomingBatch batch,
                                                              const QString &cursor);
    /// The pipeline itself, for plug-ins that add steps to its stages.
    IncomingPipeline *incoming() const { return m_incoming; }
    /// The one way out (compose, encrypt, persist, send), for plug-ins that add steps.
    OutgoingPipeline *outgoing() const { return m_outgoing; }
    /// Lets a plug-in (omemo/, jingle/, a test) add its pipeline steps, stanza handlers,
    /// features and services to this account (AccountHooks).
    void install(AccountPlugin &plugin);
    /// Sends again a message of ours already stored Pending (a room flushes what was written
    /// before it was joined), through the outgoing pipeline.
    void resendStored(const storage::MessageRecord &record);
    // Message features (account_features.cpp)
    /// XEP-0308: replaces the text of our message `id` (ours, not retracted) and sends the
    /// correction; the first text stays in storage.
    void correctMessage(qint64 id, const QString &text);
    /// XEP-0424: retracts our message `id` (with the XEP-0428 fallback body) and wipes it.
    void retractMessage(qint64 id);
    /// XEP-0424 §business-id: the id a retraction of `message` names (a room's stanza-id in a
    /// group chat that assigned one, else the message's 'id').
    static QString retractionRef(const storage::MessageRecord &message);
    /// XEP-0461: sends `text` as a reply to message `replyTo` of the conversation with `peer`.
    void sendReply(const QString &peer, qint64 replyTo, const QString &text);
    /// XEP-0444: adds or removes our reaction `emoji` on message `id` and sends our whole set.
    void toggleReaction(qint64 id, const QString &emoji);
    /// XEP-0085: our chat state towards `peer`; standalone notifications go only to peers that
    /// support chat states and never repeat (§5.1, §5.3).
    void sendChatState(const QString &peer, xmpp::ChatState state);
    /// The user has seen the conversation: XEP-0333 <displayed/> for the newest markable
    /// incoming message (to contacts who may see our presence) and XEP-0490 sync.
    void markDisplayed(const QString &peer);
    xmpp::MdsManager *mds() const { return m_mds; }
    /// Group chat (XEP-0045): the rooms of this account (rooms.h).
    RoomManager *rooms() const { return m_rooms; }

Q_SIGNALS:
    void stateChanged();
    void certificateProblem(const parla::xmpp::CertificateInfo &info, bool changedSincePinned);
    void rosterReset();
    void contactChanged(const QString &jid);
    void contactRemoved(const QString &jid);
    void presenceChanged(const QString &jid);
    void subscriptionRequested(const QString &jid);
    /// Messages were stored: new ones only, in the order of their batch (a live message, an
    /// archive page, or one we just wrote, Route::Outgoing).
    void messagesStored(const QList<parla::storage::MessageRecord> &records,
                        parla::services::Route route);
    /// Messages that came while we were away (offline delivery) and that our archive's catch-up
    /// had stored first, so messagesStored() announced them as history: news all the same
    /// (notifications, `parla-cli listen`), not new rows.
    void arrivedWhileAway(const QList<parla::storage::MessageRecord> &records);
    void messageStateChanged(qint64 id, parla::DeliveryState state, const QString &errorText);
    void recordChanged();
    /// A stored message's body, edited/retracted state or reactions changed: reload it.
    void messageUpdated(qint64 id);
    /// Incoming messages of `peer` were marked read elsewhere (our other device): unread moved.
    void conversationRead(const QString &peer);
    /// XEP-0085: `peer` is typing, paused, … (int: xmpp::ChatState).
    void chatStateReceived(const QString &peer, int state);
    /// Writing something a message depends on failed (a full disk, a damaged database): the
    /// user is told in the window, not only in a log (`what` and `error` in plain words).
    void storageFailed(const QString &what, const QString &error);
    /// What failed (storageFailed) is written now: nothing of it was lost.
    void storageRecovered(const QString &what);

private:
    void onConnected(bool resumed);
    void onDisconnected(const xmpp::ConnectionError &error);
    void onMessageAcknowledged(const QString &id);
    void onUnacknowledgedDropped(const std::vector<xmpp::Element> &stanzas);
    void advanceState(const QString &id, const QString &peer, DeliveryState state,
                      const QString &errorText = {});
    void onMessageFailed(const xmpp::Jid &peer, const QString &id, const xmpp::StanzaError &error);
    void resendPending();
    /// The new session's catch-up is done (or there is none): Pending messages go out.
    void releasePending();
    void setState(ConnectionState state, const QString &error = {});
    /// A live 1:1 message or a carbon, into the pipeline.
    void receiveOne(const xmpp::ChatMessage &message, Route route);

    // PipelineHost (what the incoming pipeline and its feature handlers may ask of us)
    QObject *context() override { return this; }
    QString accountJid() const override { return m_record.jid; }
    xmpp::Jid ownJid() const override;
    storage::MessageStore &messageStore() override { return m_messages; }
    QString conversationFor(const xmpp::Jid &other, bool outgoing,
                            const xmpp::ChatMessage &message) const override;
    bool trustsOwnStanzaIds() const override;
    QDateTime offlineSince() const override;
    bool maySeeOurPresence(const QString &peer) const override;
    void sendReceipt(const xmpp::ChatMessage &message) override;
    void notifyStored(const QList<storage::MessageRecord> &records, Route route) override
    {
        Q_EMIT messagesStored(records, route);
    }
    void notifyArrivedWhileAway(const QList<storage::MessageRecord> &records) override
    {
        Q_EMIT arrivedWhileAway(records);
    }
    void notifyUpdated(qint64 id) override { Q_EMIT messageUpdated(id); }
    void notifyStateChanged(qint64 id, DeliveryState state, const QString &error) override
    {
        Q_EMIT messageStateChanged(id, state, error);
    }
    void notifyConversationRead(const QString &peer) override { Q_EMIT conversationRead(peer); }
    void chatStateObserved(const QString &peer, std::optional<xmpp::ChatState> state,
                           bool content) override;
    void markSent(const storage::MessageRecord &ours) override;
    void advanceDelivery(const QString &ref, const QString &peer, DeliveryState state) override
    {
        advanceState(ref, peer, state, {});
    }
    bool cursorFollowsLive() const override;
    void reportStorageFailure(const QString &what, const QString &error) override;
    void reportStorageRecovered(const QString &what) override;
    /// Whether a store write succeeded; a failure is reported as "could not <what>".
    template <typename T>
    bool written(const xmpp::Result<T> &r, const QString &what)
    {
        if (const auto *error = std::get_if<xmpp::Error>(&r)) {
            reportStorageFailure(what, error->text);
            return false;
        }
        return true;
    }
    void storeLate(IncomingEnvelope envelope) override;
    storage::OutboxStore &outbox() override { return m_outbox; }
    bool transmit(const OutgoingEnvelope &envelope) override;

    /// Sends a correction, retraction, reaction or displayed marker through the outgoing
    /// pipeline: kept in the outbox until the server has it, so one made offline (or before
    /// a crash) goes out with the next connection.
    void sendAction(const xmpp::ChatMessage &message);
    void onMdsDisplayed(const xmpp::MdsDisplayed &displayed);
    bool peerTakesChatStates(const QString &peer) const;
    /// A new Pending message of ours to `peer` (bare JID), with fresh id and origin-id.
    storage::MessageRecord newOutgoing(const QString &peer, const QString &text) const;
    void storeOutgoing(storage::MessageRecord record);
    OutgoingKind outgoingKindOf(const storage::MessageRecord &record) const;
    void applyRosterItem(const xmpp::RosterItem &item, const QString &version);
    void startConnection(const QString &password);

    storage::AccountRecord m_record;
    AccountContext m_context;
    storage::MessageStore m_messages;
    storage::RosterStore m_rosterStore;
    storage::AccountStore m_accountStore;
    xmpp::Client *m_client;
    xmpp::RosterManager *m_roster;
    xmpp::PresenceManager *m_presence;
    xmpp::MessageManager *m_messageManager;
    xmpp::DiscoManager *m_disco;
    xmpp::CapsManager *m_caps;
    xmpp::PingManager *m_ping;
    People *m_people = nullptr;
    ReconnectPolicy m_reconnect;
    ConnectionState m_state = ConnectionState::Disconnected;
    QString m_errorText;
    xmpp::ConnectionError m_lastError;
    bool m_wantConnected = false;
    /// A new session holds Pending 1:1 messages until its archive catch-up has run.
    bool m_holdPending = false;
    int m_holdGeneration = 0;
    /// RFC 6120 §4.9.3.3: another client took our resource. We come back once under a fresh
    /// one (m_freshResource); a second conflict is left to the user.
    bool m_conflictRetried = false;
    QString m_freshResource;
    static constexpr std::chrono::milliseconds kCatchUpWait{10000};
    /// When the last session ended: in this run, the disconnect; before, the newest stored
    /// message (we were online then), looked up on first use.
    mutable QDateTime m_offlineSince;
    mutable bool m_offlineSinceKnown = false;
    QString m_password;
    QList<QByteArray> m_extraCas;
    QHash<QString, xmpp::RosterItem> m_rosterItems;
    QSet<QString> m_requests;
    /// Outgoing stanza id → (peer, local id) until the server acknowledges it.
    QHash<QString, std::pair<QString, qint64>> m_inFlight;
    IncomingPipeline *m_incoming;
    storage::OutboxStore m_outbox;
    OutgoingPipeline *m_outgoing;
    storage::SyncStore m_syncStore;
    xmpp::CarbonsManager *m_carbons;
    xmpp::MamManager *m_mam;
    HistorySync *m_history;
    xmpp::MdsManager *m_mds;
    /// XEP-0085 §5.1: whether the peer's last content message carried a chat state.
    QHash<QString, bool> m_chatStateSupport;
    QHash<QString, xmpp::ChatState> m_sentChatState;
    /// The message id of the last <displayed/> sent per peer (never twice for one message).
    QHash<QString, QString> m_displayedSent;
    Bookmarks *m_bookmarks = nullptr;
    RoomManager *m_rooms = nullptr;
};

} // namespace parla::services
