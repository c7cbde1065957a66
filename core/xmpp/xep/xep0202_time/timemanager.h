// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../jid.h"
#include "../../result.h"
#include "../../task.h"

#include <QDateTime>

#include <optional>

namespace parla::xmpp {

/// The payload of a urn:xmpp:time answer (XEP-0202 §3).
struct EntityTime
{
    QDateTime utc;         ///< the entity's clock, in UTC
    int offsetFromUtc = 0; ///< its time zone offset in seconds (<tzo/>)

    /// The entity's wall-clock time, with its own offset.
    QDateTime localTime() const { return utc.toOffsetFromUtc(offsetFromUtc); }

    /// Parses <time xmlns='urn:xmpp:time'><tzo/><utc/></time>; both are REQUIRED (§3).
    static std::optional<EntityTime> fromElement(const Element &time);
    Element toElement() const;

    bool operator==(const EntityTime &) const = default;
};

/// Entity Time, XEP-0202: answers with our clock and time zone offset, asks others theirs.
class TimeManager : public Extension
{
    Q_OBJECT
public:
    explicit TimeManager(QObject *parent = nullptr);

    QStringList discoFeatures() const override;
    bool handleStanza(const Element &stanza) override;

    /// Our answer for the moment `now` (its offset from UTC becomes <tzo/>).
    static Element makeResponse(const Element &request, const QDateTime &now);

    Task<Result<EntityTime>> requestTime(const Jid &jid);

    /// Off: requests are not handled, so the client answers service-unavailable (RFC 6120
    /// §8.4) and the feature is not advertised; the user chose not to reveal this.
    void setAnswering(bool answer) { m_answering = answer; }
    bool isAnswering() const { return m_answering; }

private:
    bool m_answering = true;
};

} // namespace parla::xmpp
