// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/types.h"

#include "xmpp/result.h"
#include "xmpp/xep/xep0085_chatstates/chatstate.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

class QAbstractItemModel;

namespace parla {

/// One stored message outside the item models (parla-cli's history and events).
struct StoredMessage
{
    qint64 id = 0;     ///< the store's id (what retryMessage, correctMessage, … take)
    QString peer;      ///< bare JID of the conversation (the other party, or the room)
    QString senderJid; ///< full JID of the author ('from'), or ours when we sent it
    bool outgoing = false;
    QString messageId;   ///< the stanza's 'id' attribute (RFC 6120 §8.1.3)
    QDateTime timestamp; ///< UTC
    QString body;
    DeliveryState state = DeliveryState::Pending;
};

/// The conversations part of the Session seam: the conversation list, one conversation's
/// messages, sending and the message features (XEP-0308 corrections, XEP-0424 retractions,
/// XEP-0461 replies, XEP-0444 reactions, XEP-0085 chat states), reading and muting.
///
/// A room's conversation (RoomsApi) is opened, listed and read like a 1:1 one with peer = the
/// room's bare JID (ConversationKindRole says GroupChat), and sendMessage/correctMessage/
/// retractMessage/sendReply/toggleReaction work on it too. A private message to an occupant
/// is a conversation with peer = "room@service/nick". Models use the roles of models/roles.h.
class ChatsApi : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Every conversation of every account, newest first.
    virtual QAbstractItemModel *conversationModel() = 0;
    /// One conversation's messages (owned by the session, kept while the conversation is open).
    /// Older messages load through fetchMore().
    virtual QAbstractItemModel *messageModel(const QString &account, const QString &peer) = 0;
    /// The newest `limit` stored messages of the conversation, oldest first (local history,
    /// no network).
    virtual xmpp::Result<QList<StoredMessage>> latestMessages(const QString &account,
                                                              const QString &peer, int limit) = 0;

    virtual void openConversation(const QString &account, const QString &peer) = 0;
    virtual void closeConversation(const QString &account, const QString &peer) = 0;
    /// Stores the message as Pending (messageStored() gives its id) and sends it when connected;
    /// messageStateChanged() follows it (Sent on the server's XEP-0198 ack, Delivered, Read).
    virtual void sendMessage(const QString &account, const QString &peer, const QString &text) = 0;
    /// Sends a failed message again (same id).
    virtual void retryMessage(const QString &account, qint64 messageId) = 0;
    /// The user has seen the conversation (open, window active): unread cleared, XEP-0333
    /// displayed marker sent, XEP-0490 read state published for our other devices.
    virtual void markRead(const QString &account, const QString &peer) = 0;
    /// Mutes a conversation until `until` (mutedForever() for "until I unmute"; an invalid
    /// time unmutes): no notification, no sound, no tray attention; unread counts still show.
    virtual void setConversationMuted(const QString &account, const QString &peer,
                                      const QDateTime &until) = 0;
    /// When the conversation's mute ends; invalid when it is not muted now.
    virtual QDateTime conversationMutedUntil(const QString &account, const QString &peer) = 0;
    bool isConversationMuted(const QString &account, const QString &peer)
    {
        return conversationMutedUntil(account, peer).isValid();
    }
    /// The "until I unmute" time: the end of year 9999, UTC.
    static QDateTime mutedForever() { return QDateTime(QDate(9999, 12, 31), QTime(0, 0), Qt::UTC); }

    /// XEP-0308: our message `messageId` now reads `text` (shown as edited).
    virtual void correctMessage(const QString &account, qint64 messageId, const QString &text) = 0;
    /// XEP-0424: takes back our message `messageId` (the UI asks for confirmation first).
    virtual void retractMessage(const QString &account, qint64 messageId) = 0;
    /// XEP-0461: sends `text` as a reply to the message `replyTo` of that conversation.
    virtual void sendReply(const QString &account, const QString &peer, qint64 replyTo,
                           const QString &text) = 0;
    /// XEP-0444: adds our reaction `emoji` to message `messageId`, or removes it if present.
    virtual void toggleReaction(const QString &account, qint64 messageId, const QString &emoji) = 0;
    /// XEP-0085: what the user is doing in the composer of this conversation.
    virtual void setChatState(const QString &account, const QString &peer,
                              xmpp::ChatState state) = 0;

Q_SIGNALS:
    /// Something the user should notice (for desktop notifications): a message in a
    /// conversation that is not in front of them.
    void messageNotified(const QString &account, const QString &peer, const QString &title,
                         const QString &text);
    /// A message was stored one at a time: sent by us, or received and new (messages of an
    /// archive page stored together are not announced here; the models show them).
    void messageStored(const QString &account, const parla::StoredMessage &message);
    /// A stored message's delivery state changed (errorText says why for Failed).
    void messageStateChanged(const QString &account, qint64 messageId, parla::DeliveryState state,
                             const QString &errorText);
    /// XEP-0085: the peer's chat state changed (int: xmpp::ChatState).
    void chatStateChanged(const QString &account, const QString &peer, int state);
    /// Total unread messages of the conversation list changed (tray badge).
    void unreadTotalChanged(int total);
    /// Writing something a conversation depends on failed (a full disk, a damaged database):
    /// `what` says what Parla could not do ("save the message you wrote"), `error` why, in
    /// plain words. The window shows it; nothing else tells the user.
    void storageFailed(const QString &account, const QString &what, const QString &error);
    /// What failed (storageFailed, same `what`) is written now: nothing of it was lost.
    void storageRecovered(const QString &account, const QString &what);
    /// The background integrity check found the profile's database damaged: `notice` says what
    /// and that the next start rebuilds it from what is readable (in plain words).
    void databaseDamaged(const QString &notice);
};

} // namespace parla

Q_DECLARE_METATYPE(parla::StoredMessage)
