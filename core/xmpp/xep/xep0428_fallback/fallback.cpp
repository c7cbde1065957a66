// SPDX-License-Identifier: GPL-3.0-or-later
#include "fallback.h"

#include "xmpp/namespaces.h"

namespace parla::xmpp {

namespace {
/// The UTF-16 index of code point number `cp` of `text`, or -1 past the end.
qsizetype utf16Index(const QString &text, int cp)
{
    qsizetype i = 0;
    for (int n = 0; n < cp; ++n) {
        if (i >= text.size())
            return -1;
        i +=
            (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
                ? 2
                : 1;
    }
    return i <= text.size() ? i : -1;
}
} // namespace

std::optional<Fallback> Fallback::fromElement(const Element &element)
{
    if (!element.is(u"fallback", ns::Fallback))
        return std::nullopt;
    Fallback f;
    f.forNamespace = element.attribute(u"for");
    if (f.forNamespace.isEmpty())
        return std::nullopt;
    const Element body = element.firstChild(u"body", ns::Fallback);
    if (!body.isNull() && (body.hasAttribute(u"start") || body.hasAttribute(u"end"))) {
        bool okStart = false;
        bool okEnd = false;
        const uint start = body.attribute(u"start").toUInt(&okStart);
        const uint end = body.attribute(u"end").toUInt(&okEnd);
        if (!okStart || !okEnd || start > end || end > uint(INT_MAX))
            return std::nullopt;
        f.bodyRange = std::pair{int(start), int(end)};
    }
    return f;
}

QList<Fallback> Fallback::fromMessage(const Element &message)
{
    QList<Fallback> out;
    for (const Element &child : message.childrenNamed(u"fallback", ns::Fallback)) {
        if (auto f = fromElement(child))
            out << *f;
        if (out.size() >= 16)
            break; // more is no honest message
    }
    return out;
}

Element Fallback::toElement() const
{
    Element e(QStringLiteral("fallback"), ns::Fallback);
    e.setAttribute(QStringLiteral("for"), forNamespace);
    if (bodyRange) {
        Element body(QStringLiteral("body"), ns::Fallback);
        body.setAttribute(QStringLiteral("start"), QString::number(bodyRange->first));
        body.setAttribute(QStringLiteral("end"), QString::number(bodyRange->second));
        e.appendChild(body);
    }
    return e;
}

QString Fallback::strip(const QString &body, const QList<Fallback> &fallbacks,
                        QStringView forNamespace)
{
    // Collect UTF-16 ranges, then cut from the back so earlier indexes stay valid.
    QList<std::pair<qsizetype, qsizetype>> cuts;
    for (const Fallback &f : fallbacks) {
        if (f.forNamespace != forNamespace)
            continue;
        if (!f.bodyRange)
            return {};
        const qsizetype from = utf16Index(body, f.bodyRange->first);
        const qsizetype to = utf16Index(body, f.bodyRange->second);
        if (from < 0 || to < 0 || from > to)
            continue;
        cuts.append({from, to});
    }
    std::sort(cuts.begin(), cuts.end());
    QString out = body;
    qsizetype covered = body.size() + 1;
    for (auto it = cuts.crbegin(); it != cuts.crend(); ++it) {
        const qsizetype end = std::min(it->second, covered);
        if (it->first < end)
            out.remove(it->first, end - it->first);
        covered = std::min(covered, it->first);
    }
    return out;
}

QString Fallback::extract(const QString &body, const QList<Fallback> &fallbacks,
                          QStringView forNamespace)
{
    QList<std::pair<qsizetype, qsizetype>> parts;
    for (const Fallback &f : fallbacks) {
        if (f.forNamespace != forNamespace)
            continue;
        if (!f.bodyRange)
            return body;
        const qsizetype from = utf16Index(body, f.bodyRange->first);
        const qsizetype to = utf16Index(body, f.bodyRange->second);
        if (from >= 0 && to >= from)
            parts.append({from, to});
    }
    std::sort(parts.begin(), parts.end());
    QString out;
    qsizetype done = 0;
    for (const auto &[from, to] : parts) {
        const qsizetype start = std::max(from, done);
        if (start < to)
            out += body.mid(start, to - start);
        done = std::max(done, to);
    }
    return out;
}

int Fallback::codePointLength(const QString &text)
{
    int n = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text.at(i).isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate()))
            ++n;
    }
    return n;
}

} // namespace parla::xmpp
