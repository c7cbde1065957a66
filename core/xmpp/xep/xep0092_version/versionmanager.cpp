// SPDX-License-Identifier: GPL-3.0-or-later
#include "versionmanager.h"

#include "../../client.h"
#include "../../namespaces.h"
#include "xmpp/iqutil.h"

#include <QCoreApplication>
#include <QSysInfo>

namespace parla::xmpp {

std::optional<SoftwareVersion> SoftwareVersion::fromElement(const Element &query)
{
    if (!query.is(u"query", ns::Version))
        return std::nullopt;
    SoftwareVersion v{query.childText(u"name", ns::Version),
                      query.childText(u"version", ns::Version),
                      query.childText(u"os", ns::Version)};
    if (v.name.isEmpty())
        return std::nullopt;
    return v;
}

Element SoftwareVersion::toElement() const
{
    Element query(QStringLiteral("query"), ns::Version);
    query.appendTextChild(QStringLiteral("name"), name);
    query.appendTextChild(QStringLiteral("version"), version);
    if (!os.isEmpty())
        query.appendTextChild(QStringLiteral("os"), os);
    return query;
}

VersionManager::VersionManager(QObject *parent) : Extension(parent), m_name(QStringLiteral("Parla"))
{}

QStringList VersionManager::discoFeatures() const
{
    return m_answering ? QStringList{ns::Version} : QStringList{};
}

SoftwareVersion VersionManager::ownVersion() const
{
    SoftwareVersion v;
    v.name = m_name;
    v.version = m_version.isEmpty() ? QCoreApplication::applicationVersion() : m_version;
    if (v.version.isEmpty())
        v.version = QStringLiteral("unknown");
    if (m_revealOs)
        v.os = QSysInfo::prettyProductName();
    return v;
}

Element VersionManager::makeResponse(const Element &request, const SoftwareVersion &version)
{
    return makeIqResult(request, version.toElement());
}

bool VersionManager::handleStanza(const Element &stanza)
{
    if (!m_answering || !isIqRequest(stanza, u"get", u"query", ns::Version))
        return false;
    client()->send(makeResponse(stanza, ownVersion()));
    return true;
}

Task<Result<SoftwareVersion>> VersionManager::requestVersion(const Jid &jid)
{
    if (!client())
        return makeReadyTask<Result<SoftwareVersion>>(Error::local(tr("Not connected.")));
    Promise<Result<SoftwareVersion>> promise;
    client()
        ->sendIq(makeIq(u"get", jid.toString(), Element(QStringLiteral("query"), ns::Version)))
        .then(this, [promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(*error);
            } else if (auto v = SoftwareVersion::fromElement(
                           std::get<Element>(r).firstChild(u"query", ns::Version))) {
                promise.finish(*v);
            } else {
                promise.finish(Error{
                    Error::Kind::Invalid, {}, QObject::tr("The answer could not be understood.")});
            }
        });
    return promise.task();
}

} // namespace parla::xmpp
