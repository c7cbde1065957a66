// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../jid.h"
#include "../xep0030_disco/discoinfo.h"
#include "capsstore.h"

#include <QCryptographicHash>
#include <QHash>
#include <QList>
#include <QPointer>

#include <memory>
#include <optional>

namespace parla::xmpp {

class DiscoManager;

/// Entity capabilities, XEP-0115.
///
/// Outgoing: capsElement() is the <c/> to put into our presence; its 'ver' is computed from
/// DiscoManager::ownInfo() (§5.1), and DiscoManager answers queries for '<node>#<ver>'.
///
/// Incoming: presence with <c/> is looked at but never consumed. A known ver is answered from
/// memory or the CapsStore; an unknown one is asked of the entity (disco#info at node#ver,
/// once per ver however many entities advertise it), verified (§5.4) and only then stored.
/// capsResolved() tells when an entity's capabilities become known.
class CapsManager : public Extension
{
    Q_OBJECT
public:
    /// The node we advertise (§4: the software's URI).
    static inline const QString ParlaNode = QStringLiteral("https://parla.im");

    /// `disco` must outlive the manager (both are owned by the Client). `store` may be null
    /// (an in-memory store is used then); otherwise it must outlive the manager.
    CapsManager(DiscoManager *disco, CapsStore *store = nullptr, QObject *parent = nullptr);
    ~CapsManager() override;

    QStringList discoFeatures() const override;
    bool handleStanza(const Element &stanza) override;
    void onDisconnected() override;

    /// Our verification string (SHA-1, §5.1) for the current set of features.
    QString ownVerificationString() const;
    /// <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://parla.im' ver='…'/>.
    Element capsElement() const;

    /// The capabilities of an entity that sent presence with caps this session, if known.
    std::optional<DiscoInfo> infoFor(const Jid &fullJid);

    /// What §5.4 concludes about a disco#info answer for an advertised (hash, ver).
    enum class Check
    {
        Valid,           ///< well-formed and the hash matches: may be cached for everyone
        HashMismatch,    ///< well-formed, but another ver: MUST NOT be cached globally
        IllFormed,       ///< duplicates (§5.4 3.3–3.5) or '<' in a hashed string: discarded
        UnsupportedHash, ///< we do not do this hash: associate with that entity only
    };
    /// The hash function named by a caps 'hash' attribute (IANA textual names), if supported.
    /// MD5 is deliberately not: its preimage resistance is too weak to trust a global cache.
    static std::optional<QCryptographicHash::Algorithm> hashAlgorithm(QStringView hash);
    /// §5.1 verification string; nullopt when the info is ill-formed (§5.4) or the hash unknown.
    static std::optional<QString> verificationString(const DiscoInfo &info,
                                                     QStringView hash = u"sha-1");
    static Check check(const DiscoInfo &info, QStringView hash, QStringView ver);

Q_SIGNALS:
    /// The capabilities of `fullJid` became known (from memory, the store, or a verified query).
    void capsResolved(const parla::xmpp::Jid &fullJid, const parla::xmpp::DiscoInfo &info);

private:
    using VerKey = std::pair<QString, QString>; // (hash, ver)
    struct EntityCaps
    {
        QString hash;
        QString ver;
        QString node;
        /// Info that holds for this entity only (unsupported hash or a mismatching answer).
        std::optional<DiscoInfo> ownInfo;
    };

    void resolve(const Jid &jid);
    std::optional<DiscoInfo> knownInfo(const VerKey &key);
    void query(const Jid &jid, const VerKey &key);
    void queryNextWaiting(const VerKey &key);
    bool stillAdvertises(const Jid &jid, const VerKey &key) const;

    QPointer<DiscoManager> m_disco; ///< may die first: both are children of the Client
    std::unique_ptr<InMemoryCapsStore> m_ownStore;
    CapsStore *m_store;
    QHash<Jid, EntityCaps> m_entities;
    QHash<VerKey, DiscoInfo> m_verified; ///< memory layer over the store
    QHash<VerKey, QList<Jid>> m_waiting; ///< entities waiting for a ver; the first is asked
    int m_generation = 0;
};

} // namespace parla::xmpp
