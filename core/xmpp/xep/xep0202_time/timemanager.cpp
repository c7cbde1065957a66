// SPDX-License-Identifier: GPL-3.0-or-later
#include "timemanager.h"

#include "../../client.h"
#include "../../namespaces.h"
#include "../xep0082_datetime/datetime.h"
#include "xmpp/iqutil.h"

namespace parla::xmpp {

std::optional<EntityTime> EntityTime::fromElement(const Element &time)
{
    if (!time.is(u"time", ns::Time))
        return std::nullopt;
    const auto offset = datetime::parseTimeZoneOffset(time.childText(u"tzo", ns::Time).trimmed());
    const auto utc = datetime::parseDateTime(time.childText(u"utc", ns::Time).trimmed());
    if (!offset || !utc)
        return std::nullopt;
    return EntityTime{*utc, *offset};
}

Element EntityTime::toElement() const
{
    Element time(QStringLiteral("time"), ns::Time);
    time.appendTextChild(QStringLiteral("tzo"), datetime::formatTimeZoneOffset(offsetFromUtc));
    time.appendTextChild(QStringLiteral("utc"), datetime::formatDateTime(utc));
    return time;
}

TimeManager::TimeManager(QObject *parent) : Extension(parent) {}

QStringList TimeManager::discoFeatures() const
{
    return m_answering ? QStringList{ns::Time} : QStringList{};
}

Element TimeManager::makeResponse(const Element &request, const QDateTime &now)
{
    // Whole seconds: nobody needs our clock's milliseconds.
    QDateTime utc = now.toUTC();
    utc.setTime(QTime(utc.time().hour(), utc.time().minute(), utc.time().second()));
    return makeIqResult(request, EntityTime{utc, now.offsetFromUtc()}.toElement());
}

bool TimeManager::handleStanza(const Element &stanza)
{
    if (!m_answering || !isIqRequest(stanza, u"get", u"time", ns::Time))
        return false;
    client()->send(makeResponse(stanza, QDateTime::currentDateTime()));
    return true;
}

Task<Result<EntityTime>> TimeManager::requestTime(const Jid &jid)
{
    if (!client())
        return makeReadyTask<Result<EntityTime>>(Error::local(tr("Not connected.")));
    Promise<Result<EntityTime>> promise;
    client()
        ->sendIq(makeIq(u"get", jid.toString(), Element(QStringLiteral("time"), ns::Time)))
        .then(this, [promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(*error);
            } else if (auto t = EntityTime::fromElement(
                           std::get<Element>(r).firstChild(u"time", ns::Time))) {
                promise.finish(*t);
            } else {
                promise.finish(Error{
                    Error::Kind::Invalid, {}, QObject::tr("The answer could not be understood.")});
            }
        });
    return promise.task();
}

} // namespace parla::xmpp
