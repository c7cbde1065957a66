// SPDX-License-Identifier: GPL-3.0-or-later
#include "xmppuri.h"

#include "xmpp/jid.h"

#include <QObject>
#include <QStringDecoder>
#include <QUrl>

#include <optional>

namespace parla::services {

using xmpp::Error;

namespace {

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

/// RFC 3986 §2.1 percent-decoding of one component of an IRI. Characters outside ASCII are
/// taken as they are (RFC 3987 IRIs); the decoded octets must form UTF-8 (RFC 5122 §2.7.1).
std::optional<QString> percentDecode(QStringView in)
{
    QByteArray bytes;
    bytes.reserve(in.size());
    qsizetype i = 0;
    while (i < in.size()) {
        if (in[i] != u'%') {
            // A run of literal characters is converted at once, so surrogate pairs stay whole.
            qsizetype j = i;
            while (j < in.size() && in[j] != u'%')
                ++j;
            bytes += in.mid(i, j - i).toUtf8();
            i = j;
            continue;
        }
        if (i + 2 >= in.size())
            return std::nullopt;
        const int hi = hexValue(in[i + 1].unicode());
        const int lo = hexValue(in[i + 2].unicode());
        if (hi < 0 || lo < 0)
            return std::nullopt;
        bytes += char(hi * 16 + lo);
        i += 3;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString out = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return out;
}

bool hasControl(const QString &s, bool allowWhitespace)
{
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (allowWhitespace && (u == u'\n' || u == u'\r' || u == u'\t'))
            continue;
        if (u < 0x20 || u == 0x7f)
            return true;
    }
    return false;
}

XmppUri::Action actionFor(const QString &type)
{
    using A = XmppUri::Action;
    // Query types are case-sensitive tokens registered with the XMPP Registrar (XEP-0147 §3).
    static const QList<QPair<QString, A>> known = {
        {QStringLiteral("message"), A::Message},
        {QStringLiteral("roster"), A::Roster},
        {QStringLiteral("subscribe"), A::Subscribe},
        {QStringLiteral("unsubscribe"), A::Unsubscribe},
        {QStringLiteral("remove"), A::Remove},
        {QStringLiteral("join"), A::Join},
    };
    if (type.isEmpty())
        return A::None;
    for (const auto &[name, action] : known) {
        if (name == type)
            return action;
    }
    return A::Unknown;
}

} // namespace

QString XmppUri::value(const QString &key) const
{
    for (const auto &[k, v] : parameters) {
        if (k == key)
            return v;
    }
    return {};
}

QString XmppUri::bareJid() const
{
    return xmpp::Jid::fromString(jid).bareString();
}

xmpp::Result<XmppUri> XmppUri::parse(const QString &input)
{
    if (input.size() > kMaxLength)
        return Error::local(QObject::tr("The xmpp: link is too long."));
    const QString text = input.trimmed();
    const QLatin1String scheme("xmpp:");
    if (!text.startsWith(scheme, Qt::CaseInsensitive)) // RFC 3986 §3.1: schemes ignore case
        return Error::local(QObject::tr("This is not an xmpp: link."));
    QStringView rest = QStringView(text).mid(scheme.size());

    // The fragment (RFC 5122 §2.3 "ifragment") carries nothing Parla uses.
    if (const qsizetype hash = rest.indexOf(u'#'); hash >= 0)
        rest = rest.left(hash);
    QStringView query;
    if (const qsizetype q = rest.indexOf(u'?'); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    // RFC 5122 §2.3 authority form: xmpp://account@host/target. §2.5: the application may
    // ignore the authority; Parla picks the account itself.
    if (rest.startsWith(u"//")) {
        rest = rest.mid(2);
        const qsizetype slash = rest.indexOf(u'/');
        if (slash < 0)
            return Error::local(QObject::tr("The xmpp: link names an account but no address."));
        rest = rest.mid(slash + 1);
    }
    if (rest.isEmpty())
        return Error::local(QObject::tr("The xmpp: link has no address."));

    // Split before decoding (RFC 5122 §2.7.1) so encoded '@' and '/' stay in their part.
    QStringView resourcePart;
    bool hasResource = false;
    if (const qsizetype slash = rest.indexOf(u'/'); slash >= 0) {
        resourcePart = rest.mid(slash + 1);
        rest = rest.left(slash);
        hasResource = true;
    }
    QStringView nodePart;
    bool hasNode = false;
    if (const qsizetype at = rest.indexOf(u'@'); at >= 0) {
        nodePart = rest.left(at);
        rest = rest.mid(at + 1);
        hasNode = true;
    }
    const auto node = percentDecode(nodePart);
    const auto domain = percentDecode(rest);
    const auto resource = percentDecode(resourcePart);
    if (!node || !domain || !resource)
        return Error::local(QObject::tr("The xmpp: link has a broken %-escape."));
    if (hasControl(*node, false) || hasControl(*domain, false) || hasControl(*resource, false))
        return Error::local(QObject::tr("The xmpp: link has control characters in its address."));
    // RFC 7622 §3.3.1: a localpart never holds '@' or '/'; the domain neither (§3.2).
    if (node->contains(u'@') || node->contains(u'/') || domain->contains(u'@') ||
        domain->contains(u'/'))
        return Error::local(QObject::tr("The xmpp: link's address is not valid."));
    if ((hasNode && node->isEmpty()) || (hasResource && resource->isEmpty()))
        return Error::local(QObject::tr("The xmpp: link's address is not valid."));

    QString composed = *domain;
    if (hasNode)
        composed = *node + QLatin1Char('@') + composed;
    if (hasResource)
        composed += QLatin1Char('/') + *resource;
    QString why;
    const auto jid = xmpp::Jid::parse(composed, &why);
    if (!jid)
        return Error::local(QObject::tr("The xmpp: link's address is not valid: %1").arg(why));

    XmppUri uri;
    uri.jid = jid->toString();
    if (!query.isEmpty()) {
        // XEP-0147 §2: querytype *( ";" key "=" value ).
        const auto pieces = query.split(u';');
        const auto type = percentDecode(pieces.front());
        if (!type || hasControl(*type, false))
            return Error::local(QObject::tr("The xmpp: link has a broken %-escape."));
        uri.queryType = *type;
        for (qsizetype i = 1; i < pieces.size(); ++i) {
            const QStringView pair = pieces[i];
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf(u'=');
            const auto key = percentDecode(eq < 0 ? pair : pair.left(eq));
            const auto value = percentDecode(eq < 0 ? QStringView() : pair.mid(eq + 1));
            if (!key || !value)
                return Error::local(QObject::tr("The xmpp: link has a broken %-escape."));
            // A body may span lines; nothing may carry NUL or other control characters,
            // which XML 1.0 cannot transport anyway.
            if (hasControl(*key, false) || hasControl(*value, true))
                return Error::local(QObject::tr("The xmpp: link has control characters."));
            uri.parameters.append({*key, *value});
        }
    }
    uri.action = actionFor(uri.queryType);
    return uri;
}

QString XmppUri::toString() const
{
    const auto j = xmpp::Jid::fromString(jid);
    // RFC 5122 §2.3: sub-delims may stay literal in the path; everything else is escaped.
    const QByteArray subDelims("!$&'()*+,;=");
    QString out = QStringLiteral("xmpp:");
    if (!j.local().isEmpty())
        out +=
            QString::fromLatin1(QUrl::toPercentEncoding(j.local(), subDelims)) + QLatin1Char('@');
    out += QString::fromLatin1(QUrl::toPercentEncoding(j.domain(), subDelims));
    if (!j.resource().isEmpty())
        out += QLatin1Char('/') +
               QString::fromLatin1(QUrl::toPercentEncoding(j.resource(), subDelims + ":@"));
    // Parameters are written even without a query type ("xmpp:a@b?;k=v" parses to exactly that).
    if (!queryType.isEmpty() || !parameters.isEmpty()) {
        out += QLatin1Char('?') + QString::fromLatin1(QUrl::toPercentEncoding(queryType));
        for (const auto &[k, v] : parameters)
            out += QLatin1Char(';') + QString::fromLatin1(QUrl::toPercentEncoding(k)) +
                   QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(v));
    }
    return out;
}

} // namespace parla::services
