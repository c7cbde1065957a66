// SPDX-License-Identifier: GPL-3.0-or-later
#include "streammanagement.h"

namespace parla::xmpp {

void StreamManagementState::enable(const QString &resumeId, bool resumable, int maxSeconds)
{
    m_enabled = true;
    m_resumable = resumable;
    m_resumeId = resumeId;
    m_maxSeconds = maxSeconds;
    m_inbound = 0;
    m_outboundAcked = 0;
    m_queue.clear();
}

void StreamManagementState::reset()
{
    *this = StreamManagementState();
}

void StreamManagementState::recordOutbound(const Element &stanza)
{
    if (m_enabled)
        m_queue.push_back(stanza);
}

std::vector<Element> StreamManagementState::acknowledge(quint32 h, bool *ok)
{
    // XEP-0198 §4: h counts modulo 2^32; the difference is what is newly acknowledged.
    const quint32 newlyAcked = h - m_outboundAcked;
    std::vector<Element> acked;
    if (newlyAcked > m_queue.size()) {
        if (ok)
            *ok = false;
        return acked;
    }
    if (ok)
        *ok = true;
    acked.reserve(newlyAcked);
    for (quint32 i = 0; i < newlyAcked; ++i) {
        acked.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    m_outboundAcked = h;
    return acked;
}

std::vector<Element> StreamManagementState::takeUnacknowledged()
{
    std::vector<Element> out(std::make_move_iterator(m_queue.begin()),
                             std::make_move_iterator(m_queue.end()));
    m_queue.clear();
    return out;
}

} // namespace parla::xmpp
