// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../result.h"
#include "../../task.h"
#include "discoinfo.h"

#include <QHash>

#include <functional>
#include <optional>
#include <vector>

namespace parla::xmpp {

/// Service discovery, XEP-0030 (with XEP-0128 extended information).
///
/// Answers disco#info queries addressed to us with our identity (client/pc "Parla") and the
/// features of every extension on the client; answers disco#items with an empty list. Asks
/// other entities (requestInfo / requestItems) and caches info answers by (JID, node) for the
/// session. Once connected (not after a resumption) it fetches the server's and the account's
/// own info and emits serverInfoReceived().
class DiscoManager : public Extension
{
    Q_OBJECT
public:
    explicit DiscoManager(QObject *parent = nullptr);

    QStringList discoFeatures() const override;
    bool handleStanza(const Element &stanza) override;
    void onConnected(bool resumed) override;
    void onDisconnected() override;

    /// Our identity (XEP-0030 §3.1); category "client", type "pc" and name "Parla" by default.
    void setIdentity(const DiscoIdentity &identity);
    /// XEP-0128 forms to add to our info (e.g. urn:xmpp:dataforms:softwareinfo).
    void setExtendedInfo(const std::vector<Element> &forms);
    /// Decides which nodes are answered with our own info besides the empty node: the caps
    /// manager accepts its '<node>#<ver>' (XEP-0115 §6.2). Other nodes get item-not-found.
    void setOwnNodeMatcher(std::function<bool(QStringView node)> matcher);

    /// What we answer for disco#info: identity, features of all extensions (sorted), forms.
    DiscoInfo ownInfo() const;
    /// The reply to a disco#info or disco#items request addressed to us (pure, for tests).
    Element makeResponse(const Element &request) const;

    /// Asks `jid` for its info at `node`; answered from the session cache when possible.
    Task<Result<DiscoInfo>> requestInfo(const Jid &jid, const QString &node = {});
    Task<Result<DiscoItems>> requestItems(const Jid &jid, const QString &node = {});
    /// The cached info of (jid, node), if it was fetched during this session.
    std::optional<DiscoInfo> cachedInfo(const Jid &jid, const QString &node = {}) const;

    /// The server's info (XEP-0030 of the domain) once fetched after connecting.
    const std::optional<DiscoInfo> &serverInfo() const { return m_serverInfo; }
    /// The account's own bare JID info (PEP identity, XEP-0163 §1) once fetched.
    const std::optional<DiscoInfo> &accountInfo() const { return m_accountInfo; }

Q_SIGNALS:
    /// Both the server's and the account's info were asked for after connecting; each is set
    /// in serverInfo()/accountInfo() unless its request failed.
    void serverInfoReceived();

private:
    using CacheKey = std::pair<Jid, QString>;
    void fetchServerInfo();

    DiscoIdentity m_identity;
    std::vector<Element> m_extendedInfo;
    std::function<bool(QStringView)> m_ownNodeMatcher;
    QHash<CacheKey, DiscoInfo> m_cache;
    QHash<CacheKey, std::vector<Promise<Result<DiscoInfo>>>> m_pendingInfo;
    std::optional<DiscoInfo> m_serverInfo;
    std::optional<DiscoInfo> m_accountInfo;
    int m_generation = 0; ///< bumped on disconnect so late answers of an old session are dropped
};

} // namespace parla::xmpp
