// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "element.h"

#include <QString>

#include <deque>
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
    quint32 inboundCount() const { return m_inbound; }

    void countInbound() { ++m_inbound; }
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
    /// After <resumed/>: counting continues.
    void resume() { m_enabled = true; }

private:
    bool m_enabled = false;
    bool m_resumable = false;
    QString m_resumeId;
    int m_maxSeconds = 0;
    quint32 m_inbound = 0;
    quint32 m_outboundAcked = 0; ///< last h the server acknowledged
    std::deque<Element> m_queue;
};

} // namespace parla::xmpp
