// SPDX-License-Identifier: GPL-3.0-or-later
#include "iqtracker.h"

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcIq, "parla.xmpp.iq")

namespace parla::xmpp {

IqTracker::~IqTracker()
{
    for (auto &p : m_pending)
        delete p.timer;
}

Task<Result<Element>> IqTracker::track(const Element &iq, std::chrono::milliseconds timeout)
{
    const QString id = iq.attribute(u"id");
    Pending pending;
    pending.to = Jid::fromString(iq.attribute(u"to"));
    pending.timer = new QTimer(this);
    pending.timer->setSingleShot(true);
    connect(pending.timer, &QTimer::timeout, this, [this, id] {
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        Pending p = std::move(*it);
        m_pending.erase(it);
        p.timer->deleteLater();
        p.promise.finish(Error{Error::Kind::Timeout, {}, tr("No answer in time.")});
    });
    pending.timer->start(timeout);
    auto task = pending.promise.task();
    m_pending.insert(id, std::move(pending));
    return task;
}

bool IqTracker::isFromExpectedEntity(const QString &fromText, const Jid &to, const Jid &own)
{
    // RFC 6120 §8.1.2.1 and §10.3.3.
    const Jid from = Jid::fromString(fromText);
    if (!to.isValid() || to == own.bare())
        return fromText.isEmpty() || from == own.bare() || from == own || from == own.domainJid();
    return from == to;
}

bool IqTracker::handleResponse(const Element &iq, const Jid &ownFullJid)
{
    const QString id = iq.attribute(u"id");
    auto it = m_pending.find(id);
    if (it == m_pending.end()) {
        qCDebug(lcIq) << "IQ response with unknown id ignored" << id;
        return false;
    }
    if (!isFromExpectedEntity(iq.attribute(u"from"), it->to, ownFullJid)) {
        qCWarning(lcIq) << "IQ response from" << iq.attribute(u"from") << "for a request to"
                        << it->to.toString() << "ignored (spoofed?)";
        return true;
    }
    Pending pending = std::move(*it);
    m_pending.erase(it);
    delete pending.timer;
    if (iq.attribute(u"type") == u"result")
        pending.promise.finish(iq);
    else
        pending.promise.finish(
            Error::fromStanza(StanzaError::fromStanza(iq).value_or(StanzaError{})));
    return true;
}

void IqTracker::failAll(const Error &error)
{
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto &p : pending) {
        delete p.timer;
        p.promise.finish(error);
    }
}

} // namespace parla::xmpp
