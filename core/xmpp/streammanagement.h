// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "element.h"

#include <QString>

#include <deque>
#include <map>
#include <vector>

namespace parla::xmpp {

/// Bookkeeping of XEP-0198 (Stream Management): counts handled inbound stanzas, keeps what we
/// sent until the server acknowledges it, and remembers how to resume. No I/O: Client drives it.
class StreamManagementState
{
public:
    /// After <enabled/>: counting starts (XEP-0198 §4: both counters start at zero).
    void enable(const QString &resumeId, bool resumable, int maxSeconds);
    /// Forgets everything (graceful close, or resumption failed and the queue was taken).
    void reset();
    bool isEnabled() const { return m_enabled; }
    bool canResume() const { return m_resumable && !m_resumeId.isEmpty(); }
    const QString &resumeId() const { return m_resumeId; }
    /// Inbound stanzas counted so far (received, whether or not handled yet).
    quint32 inboundCount() const { return m_inbound; }
    /// What we may tell the server we handled (the h of <a/> and <resume/>): every stanza up
    /// to the first one still held. A stanza the owner must store first is held until its
    /// commit, so the server never drops its copy of something we did not keep.
    quint32 handledCount() const;

    void countInbound() { ++m_inbound; }
    /// Holds the stanza just counted: it is not handled until release(). Returns its number
    /// (0 if counting is off, which release() ignores).
    quint32 hold();
    /// Releases a hold taken in this session (`epoch`); true if handledCount() grew.
    bool release(quint64 epoch, quint32 seq);
    /// Changes whenever counting starts afresh (enable, reset): holds of an earlier
    /// session mean nothing to the new one.
    quint64 epoch() const { return m_epoch; }
    /// A stanza went out while enabled.
    void recordOutbound(const Element &stanza);
    /// Applies <a h='…'/> or <resumed h='…'/>: returns the stanzas now acknowledged, oldest first.
    /// An h beyond what we sent is a protocol violation: returns false in *ok.
    std::vector<Element> acknowledge(quint32 h, bool *ok);
    /// What the server has not acknowledged, oldest first (to resend after resumption).
    const std::deque<Element> &unacknowledged() const { return m_queue; }
    /// Takes the unacknowledged queue (resumption failed: the owner decides what to resend).
    std::vector<Element> takeUnacknowledged();
    /// Marks the link as interrupted while keeping the queue and counters for <resume/>.
    void suspend() { m_enabled = false; }
    /// After <resumed/>: counting continues from what we told the server we handled (it
    /// sends the rest again; holds on them stay until their own releases).
    void resume();

private:
    bool m_enabled = false;
    bool m_resumable = false;
    QString m_resumeId;
    int m_maxSeconds = 0;
    quint32 m_inbound = 0;
    quint32 m_outboundAcked = 0; ///< last h the server acknowledged
    std::deque<Element> m_queue;
    std::map<quint32, int> m_held; ///< held stanza numbers, with how many holds each
    quint64 m_epoch = 0;
};

} // namespace parla::xmpp
