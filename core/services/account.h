// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "messagepipeline.h"
#include "reconnectpolicy.h"
#include "types.h"

#include "storage/accountstore.h"
#include "storage/messagestore.h"
#include "storage/rosterstore.h"
#include "storage/syncstore.h"
#include "xmpp/client.h"
#include "xmpp/im/message.h"
#include "xmpp/im/roster.h"

#include <QHash>
#include <QObject>
#include <QSet>

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

/// How a message reached us: it decides the delivery state and what else happens (receipts,
/// the sync cursor). The direction never depends on it (see Account::handleIncoming).
enum class IncomingVia
{
    Live,       ///< addressed to this resource (RFC 6121)
    Carbon,     ///< a copy of what another of our devices sent or received (XEP-0280)
    Archive,    ///< catch-up from our archive (XEP-0313): missed while offline
    ScrollBack, ///< older history fetched from our archive while scrolling back: already read
};
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
/// a reconnect that could not resume. Incoming messages are de-duplicated by the store.
class Account : public QObject
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
    /// The one entry point for a 1:1 message, whichever way it came. Direction is
    /// `outgoing = from.bare() == our bare JID` and the conversation is the other side
    /// (`to` for outgoing, `from` for incoming). Body-less messages are dropped here (other
    /// features handle them before this point).
    void handleIncoming(const xmpp::ChatMessage &message, IncomingVia via);
    /// A page of archived messages, classified like handleIncoming and stored in one
    /// transaction (MessageStore::insertMany). Finishes with the records that were new
    /// (also announced by historyStored()).
    Task<xmpp::Result<QList<storage::MessageRecord>>>
    storeArchivePage(const std::vector<xmpp::ChatMessage> &messages, IncomingVia via);
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
    /// A message was stored (sent by us, or received and new).
    void messageStored(const parla::storage::MessageRecord &message);
    void messageStateChanged(qint64 id, parla::DeliveryState state, const QString &errorText);
    void recordChanged();
    /// A page of archived messages was stored; only the new ones, in page order.
    void historyStored(const QList<parla::storage::MessageRecord> &records);
    /// A stored message's body, edited/retracted state or reactions changed: reload it.
    void messageUpdated(qint64 id);
    /// Incoming messages of `peer` were marked read elsewhere (our other device): unread moved.
    void conversationRead(const QString &peer);
    /// XEP-0085: `peer` is typing, paused, … (int: xmpp::ChatState).
    void chatStateReceived(const QString &peer, int state);

private:
    friend class RoomManager; // stores and sends room messages through the same paths
    struct Incoming
    {
        storage::MessageRecord record;
        bool notify = true;
    };

    void setupPipeline();
    void onConnected(bool resumed);
    void onDisconnected(const xmpp::ConnectionError &error);
    void onMessageReceived(const xmpp::ChatMessage &message);
    void onMessageAcknowledged(const QString &id);
    void onReceiptReceived(const xmpp::Jid &from, const QString &id);
    void advanceState(const QString &id, const QString &peer, DeliveryState state,
                      const QString &errorText = {});
    void onMessageFailed(const xmpp::Jid &peer, const QString &id, const xmpp::StanzaError &error);
    void resendPending();
    void transmit(const storage::MessageRecord &record);
    void setState(ConnectionState state, const QString &error = {});
    /// The message features of an incoming (or our other device's, or archived) message, whose
    /// direction and peer `record` holds: returns true when it is fully handled and nothing is
    /// to be stored.
    bool handleMessageFeatures(const xmpp::ChatMessage &message, storage::MessageRecord &record,
                               IncomingVia via);
    /// XEP-0461/XEP-0333: the reply target (fallback quote stripped) and markable flag.
    static void applyReply(const xmpp::ChatMessage &message, storage::MessageRecord &record);
    /// Sends a correction/retraction/reaction now, or on the next connection when offline.
    void sendAction(const xmpp::ChatMessage &message);
    void flushPendingActions();
    void onMdsDisplayed(const xmpp::MdsDisplayed &displayed);
    bool maySeeOurPresence(const QString &peer) const;
    bool peerTakesChatStates(const QString &peer) const;
    /// A new Pending message of ours to `peer` (bare JID), with fresh id and origin-id.
    storage::MessageRecord newOutgoing(const QString &peer, const QString &text) const;
    void storeOutgoing(storage::MessageRecord record);
    void applyRosterItem(const xmpp::RosterItem &item, const QString &version);
    void startConnection(const QString &password);
    std::optional<storage::MessageRecord> classify(const xmpp::ChatMessage &message,
                                                   IncomingVia via) const;

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
    QString m_password;
    QList<QByteArray> m_extraCas;
    QHash<QString, xmpp::RosterItem> m_rosterItems;
    QSet<QString> m_requests;
    /// Outgoing stanza id → (peer, local id) until the server acknowledges it.
    QHash<QString, std::pair<QString, qint64>> m_inFlight;
    MessagePipeline<Incoming> m_incoming;
    storage::SyncStore m_syncStore;
    xmpp::CarbonsManager *m_carbons;
    xmpp::MamManager *m_mam;
    HistorySync *m_history;
    xmpp::MdsManager *m_mds;
    QList<xmpp::ChatMessage> m_pendingActions; ///< made offline, sent on the next connection
    /// XEP-0085 §5.1: whether the peer's last content message carried a chat state.
    QHash<QString, bool> m_chatStateSupport;
    QHash<QString, xmpp::ChatState> m_sentChatState;
    /// The message id of the last <displayed/> sent per peer (never twice for one message).
    QHash<QString, QString> m_displayedSent;
    Bookmarks *m_bookmarks = nullptr;
    RoomManager *m_rooms = nullptr;
};

} // namespace parla::services
