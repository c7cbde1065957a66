// SPDX-License-Identifier: GPL-3.0-or-later
#include "lastactivitymanager.h"

#include "../../client.h"
#include "../../iqutil.h"
#include "../../namespaces.h"

namespace parla::xmpp {

std::optional<LastActivity> LastActivity::fromElement(const Element &query)
{
    if (!query.is(u"query", ns::LastActivity))
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = query.attribute(u"seconds").toLongLong(&ok);
    if (!ok || seconds < 0)
        return std::nullopt;
    return LastActivity{seconds, query.text().left(1024)};
}

Element LastActivity::toElement() const
{
    Element query(QStringLiteral("query"), ns::LastActivity);
    query.setAttribute(QStringLiteral("seconds"), QString::number(seconds));
    if (!status.isEmpty())
        query.setText(status);
    return query;
}

LastActivityManager::LastActivityManager(QObject *parent) : Extension(parent) {}

QStringList LastActivityManager::discoFeatures() const
{
    return m_answering ? QStringList{ns::LastActivity} : QStringList{};
}

Element LastActivityManager::makeResponse(const Element &request, const LastActivity &activity)
{
    return makeIqResult(request, activity.toElement());
}

bool LastActivityManager::handleStanza(const Element &stanza)
{
    if (!m_answering || !isIqRequest(stanza, u"get", u"query", ns::LastActivity))
        return false;
    LastActivity activity;
    activity.seconds = m_idle ? qMax<qint64>(0, m_idle()) : 0;
    client()->send(makeResponse(stanza, activity));
    return true;
}

Task<Result<LastActivity>> LastActivityManager::requestLastActivity(const Jid &jid)
{
    if (!client())
        return makeReadyTask<Result<LastActivity>>(Error::local(tr("Not connected.")));
    Promise<Result<LastActivity>> promise;
    client()
        ->sendIq(makeIq(u"get", jid.toString(), Element(QStringLiteral("query"), ns::LastActivity)))
        .then(this, [promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(*error);
            } else if (auto v = LastActivity::fromElement(
                           std::get<Element>(r).firstChild(u"query", ns::LastActivity))) {
                promise.finish(*v);
            } else {
                promise.finish(
                    Error{Error::Kind::Invalid, {}, tr("The answer could not be understood.")});
            }
        });
    return promise.task();
}

} // namespace parla::xmpp
