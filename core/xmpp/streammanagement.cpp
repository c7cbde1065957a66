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
    m_held.clear();
    ++m_epoch;
}

void StreamManagementState::reset()
{
    const quint64 epoch = m_epoch;
    *this = StreamManagementState();
    m_epoch = epoch + 1;
}

void StreamManagementState::resume()
{
    m_enabled = true;
    m_inbound = handledCount();
}

quint32 StreamManagementState::handledCount() const
{
    // Stanza n is the n-th counted; the first held one bounds what is handled. (h wraps at
    // 2^32, XEP-0198 §4; a session never lives that long, so the order is plain.)
    return m_held.empty() ? m_inbound : m_held.begin()->first - 1;
}

quint32 StreamManagementState::hold()
{
    if (!m_enabled || m_inbound == 0)
        return 0;
    ++m_held[m_inbound];
    return m_inbound;
}

bool StreamManagementState::release(quint64 epoch, quint32 seq)
{
    if (epoch != m_epoch || seq == 0)
        return false;
    const auto it = m_held.find(seq);
    if (it == m_held.end())
        return false;
    const quint32 before = handledCount();
    if (--it->second == 0)
        m_held.erase(it);
    return handledCount() != before;
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
