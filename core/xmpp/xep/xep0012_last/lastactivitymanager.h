// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../jid.h"
#include "../../result.h"
#include "../../task.h"

#include <functional>
#include <optional>

namespace parla::xmpp {

/// <query xmlns='jabber:iq:last' seconds='…'>status</query> (XEP-0012 §2–§4).
struct LastActivity
{
    /// Asked of a full JID: idle time; of a bare JID (the server answers): seconds since the
    /// last logout; of a server: its uptime.
    qint64 seconds = 0;
    QString status;

    /// Total: 'seconds' is REQUIRED and must be a non-negative integer.
    static std::optional<LastActivity> fromElement(const Element &query);
    Element toElement() const;

    bool operator==(const LastActivity &) const = default;
};

/// Last Activity, XEP-0012: answers "how long idle" for our resource when the user allows it
/// (§7 "Security Considerations": idle time reveals presence at the keyboard), and asks others.
/// When answering is off the manager does not handle the request, so the client answers
/// service-unavailable (RFC 6120 §8.4) and the feature is not advertised.
class LastActivityManager : public Extension
{
    Q_OBJECT
public:
    explicit LastActivityManager(QObject *parent = nullptr);

    QStringList discoFeatures() const override;
    bool handleStanza(const Element &stanza) override;

    void setAnswering(bool answer) { m_answering = answer; }
    bool isAnswering() const { return m_answering; }
    /// Where our idle seconds come from (the UI's input idle time); none: 0.
    void setIdleProvider(std::function<qint64()> provider) { m_idle = std::move(provider); }

    static Element makeResponse(const Element &request, const LastActivity &activity);

    Task<Result<LastActivity>> requestLastActivity(const Jid &jid);

private:
    bool m_answering = true;
    std::function<qint64()> m_idle;
};

} // namespace parla::xmpp
