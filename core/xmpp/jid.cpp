// SPDX-License-Identifier: GPL-3.0-or-later
#include "jid.h"

#include <QCoreApplication>
#include <QUrl>

namespace parla::xmpp {

namespace {
constexpr qsizetype kMaxPartBytes = 1023;

/// Code points no JID part may contain: controls, unassigned, private use, lone surrogates and
/// U+FFFD (which marks data that was not valid text to begin with).
bool hasForbiddenCodePoint(QStringView s)
{
    for (const char32_t u : s.toUcs4()) {
        const auto cat = QChar::category(u);
        if (cat == QChar::Other_Control || cat == QChar::Other_NotAssigned ||
            cat == QChar::Other_PrivateUse || cat == QChar::Other_Surrogate || u == 0xFFFD)
            return true;
    }
    return false;
}

/// RFC 8264 §9.1 IdentifierClass, approximated: ASCII printable characters, or letters, marks
/// and digits elsewhere; no symbols, punctuation or spaces beyond ASCII, and nothing that has a
/// compatibility decomposition (RFC 7622 §3.3.1 rejects "henry\u2163").
bool isIdentifierClass(QStringView s)
{
    for (const char32_t u : s.toUcs4()) {
        if (u >= 0x21 && u <= 0x7E)
            continue;
        if (u < 0x80)
            return false;
        switch (QChar::category(u)) {
        case QChar::Letter_Lowercase:
        case QChar::Letter_Uppercase:
        case QChar::Letter_Titlecase:
        case QChar::Letter_Modifier:
        case QChar::Letter_Other:
        case QChar::Mark_NonSpacing:
        case QChar::Mark_SpacingCombining:
        case QChar::Number_DecimalDigit:
            break;
        default:
            return false;
        }
        if (QChar::decompositionTag(u) != QChar::NoDecomposition &&
            QChar::decompositionTag(u) != QChar::Canonical)
            return false;
    }
    return true;
}

/// RFC 8265 §3.3.2 width mapping: fullwidth and halfwidth forms become their ordinary forms.
QString mapWidth(QStringView s)
{
    QString out;
    out.reserve(s.size());
    for (QChar c : s) {
        if (c.unicode() >= 0xFF01 && c.unicode() <= 0xFFEE)
            out += QString(c).normalized(QString::NormalizationForm_KC);
        else
            out += c;
    }
    return out;
}

/// Every character in [lo, hi] (ASCII): the common case, where the Unicode work (width
/// mapping, normalization, code point classes) is the identity and can be skipped. A room's
/// 2,000 presences parse 2,000 JIDs; this keeps them cheap.
bool allWithin(QStringView s, char16_t lo, char16_t hi)
{
    for (QChar c : s) {
        if (c.unicode() < lo || c.unicode() > hi)
            return false;
    }
    return true;
}

/// A plain host name: letters, digits, '-' and '.', no A-label ("xn--", which is stored in its
/// U-label form by the full path).
bool isPlainHostName(QStringView s)
{
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
              u == u'-' || u == u'.'))
            return false;
    }
    return !s.contains(u"xn--", Qt::CaseInsensitive);
}

bool fail(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return false;
}

bool validateLocal(QString &local, QString *error)
{
    // RFC 7622 §3.3.1 / RFC 8265 §3.3: UsernameCaseMapped — width mapping, lower case (not case
    // folding, RFC 8265 §3.3.2), NFC; then IdentifierClass without "&'/:<>@.
    const bool ascii = allWithin(local, 0x21, 0x7E);
    local = ascii ? local.toLower()
                  : mapWidth(local).toLower().normalized(QString::NormalizationForm_C);
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
    if (!ascii && (hasForbiddenCodePoint(local) || !isIdentifierClass(local)))
        return fail(
            error, QCoreApplication::translate("Jid", "The part before @ has invalid characters."));
    return true;
}

bool validateDomain(QString &domain, QString *error)
{
    // RFC 7622 §3.2: a domain name (IDNA2008 U-label or A-label) or an IP literal.
    if (domain.endsWith(u'.'))
        domain.chop(1);
    if (isPlainHostName(domain) && !domain.isEmpty() && domain.size() <= kMaxPartBytes) {
        // ASCII letters-digits-hyphen: what IDNA would check is just the labels' lengths.
        domain = domain.toLower();
        for (QStringView label : QStringView(domain).split(u'.')) {
            if (label.isEmpty() || label.size() > 63)
                return fail(error, QCoreApplication::translate(
                                       "Jid", "The server name is not a valid domain."));
        }
        return true;
    }
    domain = domain.normalized(QString::NormalizationForm_C).toLower();
    if (domain.isEmpty())
        return fail(error, QCoreApplication::translate("Jid", "The server name is missing."));
    if (domain.toUtf8().size() > kMaxPartBytes)
        return fail(error, QCoreApplication::translate("Jid", "The server name is too long."));
    if (domain.startsWith(u'[')) {
        // RFC 7622 §3.2.1: an IPv6 literal in brackets, stored in its canonical text form so
        // that [2001:DB8:0::1] and [2001:db8::1] are the same JID.
        const QString host = QUrl(QStringLiteral("http://") + domain).host();
        if (!domain.endsWith(u']') || host.isEmpty() || !host.contains(u':'))
            return fail(error, QCoreApplication::translate("Jid", "The IPv6 address is invalid."));
        domain = u'[' + host + u']';
        return true;
    }
    for (QChar c : domain) {
        if (c.isSpace() || QStringView(u"\"&'/:<>@\\[]").contains(c) || c.unicode() < 0x20)
            return fail(error, QCoreApplication::translate(
                                   "Jid", "The server name has invalid characters."));
    }
    if (hasForbiddenCodePoint(domain))
        return fail(error,
                    QCoreApplication::translate("Jid", "The server name has invalid characters."));
    const QByteArray ace = QUrl::toAce(domain);
    if (ace.isEmpty())
        return fail(error,
                    QCoreApplication::translate("Jid", "The server name is not a valid domain."));
    const auto labels = ace.split('.');
    for (const QByteArray &label : labels) {
        if (label.isEmpty() || label.size() > 63)
            return fail(error, QCoreApplication::translate(
                                   "Jid", "The server name is not a valid domain."));
    }
    // RFC 7622 §3.2.2: A-labels are compared as U-labels, so store the U-label form.
    domain = QUrl::fromAce(ace, QUrl::IgnoreIDNWhitelist);
    if (domain.toUtf8().size() > kMaxPartBytes)
        return fail(error, QCoreApplication::translate("Jid", "The server name is too long."));
    return true;
}

bool validateResource(QString &resource, QString *error)
{
    // RFC 7622 §3.4: OpaqueString — any characters but controls; spaces allowed.
    const bool ascii = allWithin(resource, 0x20, 0x7E);
    if (!ascii)
        resource = resource.normalized(QString::NormalizationForm_C);
    if (resource.isEmpty())
        return fail(error, QCoreApplication::translate("Jid", "The part after / is empty."));
    if (resource.toUtf8().size() > kMaxPartBytes)
        return fail(error, QCoreApplication::translate("Jid", "The part after / is too long."));
    if (!ascii && hasForbiddenCodePoint(resource))
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
