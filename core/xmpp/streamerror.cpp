// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamerror.h"

#include <array>
#include <utility>

namespace parla::xmpp {

namespace {
constexpr std::array<std::pair<StreamErrorCondition, const char16_t *>, 25> kNames{{
    {StreamErrorCondition::BadFormat, u"bad-format"},
    {StreamErrorCondition::BadNamespacePrefix, u"bad-namespace-prefix"},
    {StreamErrorCondition::Conflict, u"conflict"},
    {StreamErrorCondition::ConnectionTimeout, u"connection-timeout"},
    {StreamErrorCondition::HostGone, u"host-gone"},
    {StreamErrorCondition::HostUnknown, u"host-unknown"},
    {StreamErrorCondition::ImproperAddressing, u"improper-addressing"},
    {StreamErrorCondition::InternalServerError, u"internal-server-error"},
    {StreamErrorCondition::InvalidFrom, u"invalid-from"},
    {StreamErrorCondition::InvalidNamespace, u"invalid-namespace"},
    {StreamErrorCondition::InvalidXml, u"invalid-xml"},
    {StreamErrorCondition::NotAuthorized, u"not-authorized"},
    {StreamErrorCondition::NotWellFormed, u"not-well-formed"},
    {StreamErrorCondition::PolicyViolation, u"policy-violation"},
    {StreamErrorCondition::RemoteConnectionFailed, u"remote-connection-failed"},
    {StreamErrorCondition::Reset, u"reset"},
    {StreamErrorCondition::ResourceConstraint, u"resource-constraint"},
    {StreamErrorCondition::RestrictedXml, u"restricted-xml"},
    {StreamErrorCondition::SeeOtherHost, u"see-other-host"},
    {StreamErrorCondition::SystemShutdown, u"system-shutdown"},
    {StreamErrorCondition::UndefinedCondition, u"undefined-condition"},
    {StreamErrorCondition::UnsupportedEncoding, u"unsupported-encoding"},
    {StreamErrorCondition::UnsupportedFeature, u"unsupported-feature"},
    {StreamErrorCondition::UnsupportedStanzaType, u"unsupported-stanza-type"},
    {StreamErrorCondition::UnsupportedVersion, u"unsupported-version"},
}};
} // namespace

QString streamErrorConditionName(StreamErrorCondition condition)
{
    for (const auto &[c, name] : kNames) {
        if (c == condition)
            return QString::fromUtf16(name);
    }
    return QStringLiteral("undefined-condition");
}

StreamErrorCondition streamErrorConditionFromName(QStringView name)
{
    for (const auto &[c, n] : kNames) {
        if (name == QStringView(n))
            return c;
    }
    return StreamErrorCondition::UndefinedCondition;
}

} // namespace parla::xmpp
