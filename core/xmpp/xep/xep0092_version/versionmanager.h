// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../jid.h"
#include "../../result.h"
#include "../../task.h"

#include <optional>

namespace parla::xmpp {

/// The payload of a jabber:iq:version answer (XEP-0092 §2).
struct SoftwareVersion
{
    QString name;
    QString version;
    QString os; ///< optional

    /// Parses <query xmlns='jabber:iq:version'/>; name and version are REQUIRED in a result.
    static std::optional<SoftwareVersion> fromElement(const Element &query);
    Element toElement() const;

    bool operator==(const SoftwareVersion &) const = default;
};

/// Software Version, XEP-0092: tells others our name and version (the operating system only
/// when the user allows it, §3 "Security Considerations"), and asks others theirs.
class VersionManager : public Extension
{
    Q_OBJECT
public:
    explicit VersionManager(QObject *parent = nullptr);

    QStringList discoFeatures() const override;
    bool handleStanza(const Element &stanza) override;

    /// Defaults to "Parla" and QCoreApplication::applicationVersion().
    void setName(const QString &name) { m_name = name; }
    void setVersion(const QString &version) { m_version = version; }
    void setRevealOperatingSystem(bool reveal) { m_revealOs = reveal; }
    bool revealsOperatingSystem() const { return m_revealOs; }
    /// Off: requests are not handled, so the client answers service-unavailable (RFC 6120
    /// §8.4) and the feature is not advertised; the user chose not to reveal this.
    void setAnswering(bool answer) { m_answering = answer; }
    bool isAnswering() const { return m_answering; }

    /// What we answer: name, version and, when allowed, QSysInfo::prettyProductName().
    SoftwareVersion ownVersion() const;
    static Element makeResponse(const Element &request, const SoftwareVersion &version);

    Task<Result<SoftwareVersion>> requestVersion(const Jid &jid);

private:
    QString m_name;
    QString m_version;
    bool m_revealOs = false;
    bool m_answering = true;
};

} // namespace parla::xmpp
