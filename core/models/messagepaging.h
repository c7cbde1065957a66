// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace parla::models {

/// What a conversation's message model offers beyond QAbstractItemModel's fetchMore() (which
/// loads older pages): a window around any message, and paging back towards the present.
/// MessageModel implements it; the UI reaches it with dynamic_cast on the session's model, so
/// it needs no core class.
class MessagePaging
{
public:
    virtual ~MessagePaging() = default;
    /// Makes the model hold message `id` (the database id), loading a window around it if it
    /// is not loaded. Returns its row, or -1 if the conversation has no such message.
    virtual int revealMessage(qint64 id) = 0;
    /// True while newer messages than the last row exist in the store (after a reveal).
    virtual bool canFetchNewer() const = 0;
    /// Appends the next page of newer messages.
    virtual void fetchNewer() = 0;
    /// Goes back to the newest page (e.g. when the user sends a message).
    virtual void showLatest() = 0;

protected:
    MessagePaging() = default;
    MessagePaging(const MessagePaging &) = default;
    MessagePaging &operator=(const MessagePaging &) = default;
};

} // namespace parla::models
