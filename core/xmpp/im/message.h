// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"
#include "xmpp/extension.h"
#include "xmpp/jid.h"
#include "xmpp/stanzaerror.h"
#include "xmpp/xep/xep0085_chatstates/chatstate.h"
#include "xmpp/xep/xep0308_correction/correction.h"
#include "xmpp/xep/xep0333_markers/chatmarker.h"
#include "xmpp/xep/xep0424_retraction/retraction.h"
#include "xmpp/xep/xep0425_moderation/moderation.h"
#include "xmpp/xep/xep0428_fallback/fallback.h"
#include "xmpp/xep/xep0444_reactions/reactions.h"
#include "xmpp/xep/xep0461_replies/reply.h"

#include <QDateTime>

#include <optional>

namespace parla::xmpp {

/// A 1:1 message as the pipeline sees it (RFC 6121 §5, XEP-0359 ids, XEP-0203 delay).
struct ChatMessage
{
    enum class Type
    {
        Chat,
        Normal,
        Headline,
        Groupchat,
        Error
    };
    Type type = Type::Chat;
    Jid from;
    Jid to;
    QString id;       ///< the stanza's id attribute
    QString originId; ///< XEP-0359 <origin-id/>, chosen by the sender
    QString stanzaId; ///< XEP-0359 <stanza-id/>, assigned by `stanzaIdBy`
    Jid stanzaIdBy;
    QString body; ///< plain text, never markup
    QString thread;
    QDateTime stamp; ///< XEP-0203 delay, UTC; null when live
    Jid stampBy;     ///< the delay's 'from': who delayed it (whether to believe `stamp`, §4)
    bool receiptRequested = false; ///< XEP-0184 <request/>
    QString receiptFor;            ///< XEP-0184 <received id='…'/>: the id it confirms
    std::optional<StanzaError> error;
    // Message features (each value type lives with its XEP in core/xmpp/xep/).
    std::optional<ChatState> chatState;   ///< XEP-0085
    bool markable = false;                ///< XEP-0333 <markable/>
    std::optional<ChatMarker> marker;     ///< XEP-0333 received/displayed/acknowledged
    std::optional<Correction> correction; ///< XEP-0308 <replace/>
    std::optional<Retraction> retraction; ///< XEP-0424 <retract/>
    std::optional<Reply> reply;           ///< XEP-0461 <reply/>
    QList<Fallback> fallbacks;            ///< XEP-0428
    std::optional<Reactions> reactions;   ///< XEP-0444
    std::optional<Moderation> moderation; ///< XEP-0425 (believed only from the room itself)
    bool storeHint = false;               ///< XEP-0334 <store/>
    bool noStoreHint = false;             ///< XEP-0334 <no-store/>
    /// XEP-0045 §7.5: <x xmlns='http://jabber.org/protocol/muc#user'/> marks a private message
    /// with a room occupant, so that our other clients file its carbon (XEP-0280 §6) under
    /// room@service/nick and not under the room.
    bool mucPrivate = false;
    /// An end-to-end encrypted payload (XEP-0384 OMEMO, XEP-0373, XEP-0027) is present: the
    /// incoming pipeline's decrypt stage, not the body, says what the message is.
    bool encrypted = false;
    /// The element this message was read from (implicitly shared, so keeping it is cheap): the
    /// incoming pipeline's stages see what ChatMessage does not model, <encrypted/> first.
    Element stanza;

    /// Whether it carries anything besides a body that the account acts on (a body-less
    /// marker, receipt, chat state, reaction, retraction or encrypted payload still reaches
    /// the account).
    bool hasFeaturePayload() const
    {
        return chatState || marker || correction || retraction || reactions ||
               !receiptFor.isEmpty() || encrypted;
    }

    static std::optional<ChatMessage> fromElement(const Element &message);
    Element toElement() const;
};

/// The namespace of an end-to-end encrypted payload `message` carries (XEP-0384 OMEMO 0.3 and
/// 2, XEP-0373 OpenPGP, XEP-0027), or an empty string.
QString encryptedPayloadNamespace(const Element &message);

/// Receives and sends 1:1 messages. Incoming chat/normal messages with a body, and error
/// bounces of messages we sent, become signals; groupchat and headline are left to others.
///
/// A <stanza-id/> is kept only when its 'by' is our own bare JID, the archive of a 1:1
/// conversation (XEP-0359 §4: a stanza-id is trustworthy only from an entity we trust to
/// assign it, and only if that entity advertises urn:xmpp:sid:0 — checked by the caller with
/// setTrustOwnStanzaIds()).
class MessageManager : public Extension
{
    Q_OBJECT
public:
    explicit MessageManager(QObject *parent = nullptr);

    /// Whether the account's server advertises urn:xmpp:sid:0 (set after disco).
    void setTrustOwnStanzaIds(bool trust) { m_trustStanzaIds = trust; }
    bool trustsOwnStanzaIds() const { return m_trustStanzaIds; }

    /// Sends the message (its id and origin-id must be set by the caller: the pipeline stores
    /// them first). Returns false when not connected.
    bool send(const ChatMessage &message);

    bool handleStanza(const Element &stanza) override;
    QStringList discoFeatures() const override;

    /// XEP-0184 §5.1: confirms receipt of `message` to its sender.
    void sendReceipt(const ChatMessage &message);

Q_SIGNALS:
    /// A chat or normal message with a body or a feature payload (receipts included: whether
    /// their sender may confirm anything is decided by the account's pipeline, which knows the
    /// conversation).
    void messageReceived(const parla::xmpp::ChatMessage &message);
    /// The server or the peer bounced a message we sent (type='error', same id).
    void messageFailed(const parla::xmpp::Jid &peer, const QString &id,
                       const parla::xmpp::StanzaError &error);

private:
    bool m_trustStanzaIds = false;
};

} // namespace parla::xmpp
