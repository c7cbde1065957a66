// SPDX-License-Identifier: GPL-3.0-or-later
#include "jid.h"

#include <QCoreApplication>
#include <QUrl>

namespace parla::xmpp {

namespace {
constexpr qsizetype kMaxPartBytes = 1023;

bool hasForbiddenControl(QStringView s)
{
    for (QChar c : s) {
        const auto cat = c.category();
        if (cat == QChar::Other_Control || cat == QChar::Other_NotAssigned ||
            cat == QChar::Other_PrivateUse || c == QChar(0xFFFD))
            return true;
    }
    return false;
}

bool fail(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return false;
}

bool validateLocal(QString &local, QString *error)
{
    // RFC 7622 §3.3.1: UsernameCaseMapped (PRECIS IdentifierClass) — no spaces, no "&'/:<>@.
    local = local.normalized(QString::NormalizationForm_C).toCaseFolded();
    if (local.isEmpty())
        return fail(error, QCoreApplication::translate("Jid", "The part before @ is empty."));
    if (local.toUtf8().size() > kMaxPartBytes)
        return fail(error, QCoreApplication::translate("Jid", "The part before @ is too long."));
    for (QChar c : local) {
        if (c.isSpace() || QStringView(u"\"&'/:<>@").contains(c))
            return fail(error, QCoreApplication::translate(
                                   "Jid", "The part before @ may not contain \u201c%1\u201d.")
                                   .arg(c.isSpace() ? QStringLiteral(" ") : QString(c)));
    }
    if (hasForbiddenControl(local))
        return fail(error,
                    QCoreApplication::translate("Jid", "The part before @ has invalid characters."));
    return true;
}

bool validateDomain(QString &domain, QString *error)
{
    // RFC 7622 §3.2: a domain name (IDNA2008 U-label or A-label) or an IP literal.
    if (domain.endsWith(u'.'))
        domain.chop(1);
    domain = domain.normalized(QString::NormalizationForm_C).toLower();
    if (domain.isEmpty())
        return fail(error, QCoreApplication::translate("Jid", "The server name is missing."));
    if (domain.toUtf8().size() > kMaxPartBytes)
        return fail(error, QCoreApplication::translate("Jid", "The server name is too long."));
    if (domain.startsWith(u'[')) {
        if (!domain.endsWith(u']') || QUrl(QStringLiteral("http://") + domain).host().isEmpty())
            return fail(error, QCoreApplication::translate("Jid", "The IPv6 address is invalid."));
        return true;
    }
    for (QChar c : domain) {
        if (c.isSpace() || QStringView(u"\"&'/:<>@\\[]").contains(c) || c.unicode() < 0x20)
            return fail(error,
                        QCoreApplication::translate("Jid", "The server name has invalid characters."));
    }
    if (hasForbiddenControl(domain))
        return fail(error,
                    QCoreApplication::translate("Jid", "The server name has invalid characters."));
    if (QUrl::toAce(domain).isEmpty())
        return fail(error, QCoreApplication::translate("Jid", "The server name is not a valid domain."));
    const auto labels = domain.split(u'.');
    for (const QString &label : labels) {
        if (label.isEmpty() || label.size() > 63)
            return fail(error,
                        QCoreApplication::translate("Jid", "The server name is not a valid domain."));
    }
    return true;
}

bool validateResource(QString &resource, QString *error)
{
    // RFC 7622 §3.4: OpaqueString — any characters but controls; spaces allowed.
    resource = resource.normalized(QString::NormalizationForm_C);
    if (resource.isEmpty())
        return fail(error, QCoreApplication::translate("Jid", "The part after / is empty."));
    if (resource.toUtf8().size() > kMaxPartBytes)
        return fail(error, QCoreApplication::translate("Jid", "The part after / is too long."));
    if (hasForbiddenControl(resource))
        return fail(error,
                    QCoreApplication::translate("Jid", "The part after / has invalid characters."));
    return true;
}
} // namespace

std::optional<Jid> Jid::parse(QStringView text, QString *error)
{
    // RFC 7622 §3.1: the first '/' starts the resource; the '@' before it ends the localpart.
    QStringView rest = text;
    Jid jid;
    const qsizetype slash = rest.indexOf(u'/');
    if (slash >= 0) {
        jid.m_resource = rest.mid(slash + 1).toString();
        rest = rest.left(slash);
        if (!validateResource(jid.m_resource, error))
            return std::nullopt;
    }
    const qsizetype at = rest.indexOf(u'@');
    if (at >= 0) {
        jid.m_local = rest.left(at).toString();
        rest = rest.mid(at + 1);
        if (!validateLocal(jid.m_local, error))
            return std::nullopt;
    }
    jid.m_domain = rest.toString();
    if (!validateDomain(jid.m_domain, error))
        return std::nullopt;
    return jid;
}

Jid Jid::fromString(QStringView text)
{
    return parse(text).value_or(Jid());
}

Jid Jid::bare() const
{
    Jid j = *this;
    j.m_resource.clear();
    return j;
}

Jid Jid::domainJid() const
{
    Jid j;
    j.m_domain = m_domain;
    return j;
}

Jid Jid::withResource(QStringView resource) const
{
    Jid j = bare();
    j.m_resource = resource.toString();
    if (!isValid() || !validateResource(j.m_resource, nullptr))
        return {};
    return j;
}

QString Jid::bareString() const
{
    if (!isValid())
        return {};
    return m_local.isEmpty() ? m_domain : m_local + u'@' + m_domain;
}

QString Jid::toString() const
{
    QString s = bareString();
    if (!m_resource.isEmpty())
        s += u'/' + m_resource;
    return s;
}

} // namespace parla::xmpp
