// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../im/message.h"
#include "../../result.h"
#include "../../task.h"
#include "../xep0059_rsm/rsm.h"

#include <QDateTime>
#include <QHash>

#include <optional>
#include <vector>

namespace parla::xmpp {

/// An archive query, XEP-0313 §4 (urn:xmpp:mam:2): the standard form fields `with`, `start`,
/// `end`, paged with XEP-0059 (`rsm`).
struct MamQuery
{
    Jid with;        ///< only messages exchanged with this JID (§4.1.1)
    QDateTime start; ///< only messages at or after (§4.1.2)
    QDateTime end;   ///< only messages at or before
    RsmRequest rsm;

    /// The <query/> child of the IQ, with the given queryid (§4.2).
    Element toElement(const QString &queryId) const;
};

/// One archived message as delivered (§4.2): <message><result queryid id><forwarded><delay/>
/// <message/></forwarded></result></message>.
struct MamResult
{
    QString queryId;
    QString id;          ///< the archive's UID of the message: its stanza-id by the archive
    QDateTime stamp;     ///< the forwarded <delay/>: when the archive received it (UTC)
    ChatMessage message; ///< the inner message; its `stamp` is set to the archive's

    /// The result inside `outer`, or nullopt when it has none, lacks an id or a valid delay, or
    /// the inner message is malformed. Whether to believe it is MamManager's decision.
    static std::optional<MamResult> fromElement(const Element &outer);
};

/// The <fin/> of a query (§4.3): whether the last page was reached, and the RSM set.
struct MamFin
{
    bool complete = false;
    RsmResult set;

    static std::optional<MamFin> fromElement(const Element &fin);
};

/// One page of a query: its results in archive order (oldest first) and the <fin/>.
struct MamPage
{
    std::vector<MamResult> items;
    bool complete = false;
    RsmResult set;
};

/// Message Archive Management, XEP-0313 (urn:xmpp:mam:2), with RSM (XEP-0059).
///
/// query() sends one page request and finishes with the page once the IQ result (<fin/>)
/// arrives; the result messages before it are collected by queryid. Must be added to the
/// Client before the MessageManager (it consumes its result messages).
///
/// Sender rule (ARCHITECTURE.md; XEP-0313 §4.2, §8): a result is accepted only for a query we
/// sent and that is still outstanding (its queryid), and only from the archive we asked: for
/// the account's own archive a result with no 'from' or our own bare JID, otherwise the asked
/// archive's JID. Anything else is swallowed and dropped: a contact must not be able to inject
/// "history".
class MamManager : public Extension
{
    Q_OBJECT
public:
    explicit MamManager(QObject *parent = nullptr);

    /// Queries `archive` (invalid = the account's own archive, §3) for one page.
    /// An 'after'/'before' id the archive no longer has gives Error::Kind::Stanza with the
    /// condition "item-not-found" (§6.1.2).
    Task<Result<MamPage>> query(const MamQuery &query, const Jid &archive = {});

    bool handleStanza(const Element &stanza) override;
    void onDisconnected() override;

    // The steps of query(), public so that they can be driven with recorded XML in tests.
    /// Registers an outstanding query and returns its <iq type='set'/> (id = queryid).
    Element prepareQuery(const MamQuery &query, const Jid &archive = {});
    /// Offers a result message; true when it is one (accepted or dropped: either way consumed).
    /// Accepted only for an outstanding queryid, from the archive that query asked.
    bool handleResult(const Element &stanza, const Jid &ownBareJid);
    /// Ends the query with the IQ's answer: the page (results collected so far) or the error.
    Result<MamPage> completeQuery(const QString &queryId, const Result<Element> &answer);

    /// Results kept per outstanding query; more is a misbehaving archive and is dropped.
    static constexpr size_t kMaxResultsPerQuery = 10000;

private:
    struct Outstanding
    {
        Jid archive; ///< invalid for our own account's archive
        std::vector<MamResult> items;
    };
    QHash<QString, Outstanding> m_queries;
};

} // namespace parla::xmpp
