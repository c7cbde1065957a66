// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../jid.h"
#include "../../result.h"
#include "../../task.h"
#include "../xep0377_reporting/spamreport.h"

#include <QSet>

#include <optional>

namespace parla::xmpp {

/// Blocking Command, XEP-0191: the server-side blocklist, kept in sync by pushes.
///
/// Sender rule (§3.3, like roster pushes): a block/unblock push is accepted only from our own
/// account (no 'from', or our bare JID). Anyone else's is not handled, so the client answers
/// service-unavailable and the list is unchanged.
class BlockingManager : public Extension
{
    Q_OBJECT
public:
    explicit BlockingManager(QObject *parent = nullptr);

    bool handleStanza(const Element &stanza) override;
    /// Asks for the list after every new session (a resumed one kept its pushes).
    void onConnected(bool resumed) override;
    void onDisconnected() override {}

    /// Applies a push if it is one and comes from `ownBare` (or no 'from'); true if applied.
    bool processPush(const Element &stanza, const Jid &ownBare);

    const QSet<QString> &blocklist() const { return m_blocklist; }
    bool isBlocked(const QString &jid) const { return m_blocklist.contains(jid); }
    bool hasBlocklist() const { return m_received; }

    Task<Result<QSet<QString>>> requestBlocklist();
    /// XEP-0191 §3.3; with a report, XEP-0377 §5 (one item per JID, each with the report).
    Task<Result<Success>> block(const QStringList &jids,
                                const std::optional<SpamReport> &report = std::nullopt);
    /// §3.4; an empty list unblocks everyone (§3.5).
    Task<Result<Success>> unblock(const QStringList &jids);

    /// The payloads, for tests against the XEP's examples.
    static Element blockElement(const QStringList &jids, const std::optional<SpamReport> &report);
    static Element unblockElement(const QStringList &jids);

Q_SIGNALS:
    void blocklistChanged();

private:
    Task<Result<Success>> sendSet(const Element &payload);

    QSet<QString> m_blocklist;
    bool m_received = false;
};

} // namespace parla::xmpp
