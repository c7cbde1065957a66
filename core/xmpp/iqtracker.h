// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "element.h"
#include "jid.h"
#include "result.h"
#include "task.h"

#include <QHash>
#include <QObject>

#include <chrono>

class QTimer;

namespace parla::xmpp {

/// The IQ requests waiting for their answer (RFC 6120 §8.2.3): each has an id, the entity
/// asked, a timeout and a promise. An answer is accepted only with the right id *and* from the
/// entity asked; a request to our own server (no 'to', or our bare JID) may be answered with no
/// 'from', our bare or full JID, or our domain.
class IqTracker : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~IqTracker() override;

    /// Starts waiting for the answer to `iq` (whose id must be unique, see contains()).
    Task<Result<Element>> track(const Element &iq, std::chrono::milliseconds timeout);
    bool contains(const QString &id) const { return m_pending.contains(id); }

    /// Offers an IQ result/error. Returns true when it belonged to a request — including a
    /// forged one from the wrong entity, which is swallowed and logged (the request keeps
    /// waiting for the real answer).
    bool handleResponse(const Element &iq, const Jid &ownFullJid);
    /// Finishes every request with the error (the stream ended).
    void failAll(const Error &error);

private:
    struct Pending
    {
        Jid to;
        Promise<Result<Element>> promise;
        QTimer *timer = nullptr;
    };
    static bool isFromExpectedEntity(const QString &fromText, const Jid &to, const Jid &own);

    QHash<QString, Pending> m_pending;
};

} // namespace parla::xmpp
