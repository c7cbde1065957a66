// SPDX-License-Identifier: GPL-3.0-or-later
// MessageStore's read state on the writer thread: marking incoming messages read, and the
// XEP-0490 marks that wait for their message.
#include "readmarks.h"

namespace parla::storage::detail {

using xmpp::Error;

/// Incoming messages of the conversation up to the row `upToId` become Read; how many did (and
/// which, into `changed`). Without statistics the planner would walk the history index; the
/// partial unread index holds only the rows this can change.
Result<int> markIncomingReadUpTo(Connection &c, const QString &account, const QString &peer,
                                 qint64 upToId, QSet<qint64> *changed)
{
    Query q(c, "UPDATE message INDEXED BY message_unread SET state = 3 "
               "WHERE account = ?1 AND peer = ?2 AND outgoing = 0 AND state = 5 "
               "AND (timestamp, id) <= (SELECT timestamp, id FROM message WHERE id = ?3) "
               "RETURNING id");
    q.bindText(1, account).bindText(2, peer).bindInt(3, upToId);
    int count = 0;
    while (q.next()) {
        ++count;
        if (changed)
            changed->insert(q.integer(0));
    }
    if (q.failed())
        return q.error();
    return count;
}

/// XEP-0490 marks that waited for a message of this batch (MessageStore::markReadUpToStanzaId):
/// applied now, in the batch's transaction, so a message another device displayed never shows
/// as unread, not even between two commits.
Result<xmpp::Success> applyWaitingReadMarks(Connection &c, const QList<MessageRecord> &messages,
                                            QList<InsertResult> &results)
{
    {
        Query any(c, "SELECT 1 FROM read_mark_pending LIMIT 1");
        if (!any.next())
            return any.failed() ? Result<xmpp::Success>(any.error()) : xmpp::Success{};
    }
    QSet<std::pair<QString, QString>> conversations;
    for (const MessageRecord &m : messages) {
        if (!m.outgoing && !m.stanzaId.isEmpty())
            conversations.insert({m.account, m.peer});
    }
    QSet<qint64> read;
    for (const auto &[account, peer] : std::as_const(conversations)) {
        Query mark(c, "SELECT m.id FROM read_mark_pending p JOIN message m ON m.account = "
                      "p.account AND m.peer = p.peer AND m.stanza_id_by = p.by AND m.stanza_id = "
                      "p.stanza_id WHERE p.account = ?1 AND p.peer = ?2");
        mark.bindText(1, account).bindText(2, peer);
        if (!mark.next()) {
            if (mark.failed())
                return mark.error();
            continue; // still waiting for its message
        }
        const qint64 upTo = mark.integer(0);
        if (auto marked = markIncomingReadUpTo(c, account, peer, upTo, &read); !isOk(marked))
            return std::get<Error>(marked);
        Query done(c, "DELETE FROM read_mark_pending WHERE account = ?1 AND peer = ?2");
        if (!done.bindText(1, account).bindText(2, peer).exec())
            return done.error();
    }
    for (InsertResult &r : results)
        r.readElsewhere = read.contains(r.id);
    return xmpp::Success{};
}

} // namespace parla::storage::detail
