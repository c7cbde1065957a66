// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "messagestore.h"
#include "sqlite.h"

#include <QSet>

/// Parts of MessageStore (messagestore.cpp) that run inside its write jobs.
namespace parla::storage::detail {

/// Incoming messages of the conversation up to the row `upToId` become Read; how many did
/// (and which, into `changed`).
Result<int> markIncomingReadUpTo(Connection &c, const QString &account, const QString &peer,
                                 qint64 upToId, QSet<qint64> *changed = nullptr);

/// XEP-0490 marks that waited for a message of this batch (MessageStore::markReadUpToStanzaId),
/// applied in the batch's transaction; sets InsertResult::readElsewhere.
Result<xmpp::Success> applyWaitingReadMarks(Connection &c, const QList<MessageRecord> &messages,
                                            QList<InsertResult> &results);

} // namespace parla::storage::detail
