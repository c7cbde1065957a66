// SPDX-License-Identifier: GPL-3.0-or-later
#include "wire.h"

#include "../namespaces.h"

namespace parla::xmpp::sasl {

QStringList mechanismsFromFeatures(const Element &features)
{
    QStringList names;
    const Element mechanisms = features.firstChild(u"mechanisms", ns::Sasl);
    for (const Element &mechanism : mechanisms.childrenNamed(u"mechanism", ns::Sasl)) {
        const QString name = mechanism.text().trimmed();
        if (!name.isEmpty() && !names.contains(name))
            names << name;
    }
    return names;
}

Element authElement(const QString &mechanism, const QByteArray &initialResponse)
{
    Element auth(QStringLiteral("auth"), ns::Sasl);
    auth.setAttribute(QStringLiteral("mechanism"), mechanism);
    auth.setText(initialResponse.isEmpty() ? QStringLiteral("=")
                                           : QString::fromLatin1(initialResponse.toBase64()));
    return auth;
}

Element responseElement(const QByteArray &data)
{
    Element response(QStringLiteral("response"), ns::Sasl);
    if (!data.isEmpty())
        response.setText(QString::fromLatin1(data.toBase64()));
    return response;
}

std::optional<QByteArray> payload(const Element &element)
{
    const QString text = element.text().trimmed();
    if (text.isEmpty() || text == u"=")
        return QByteArray();
    // Non-Latin-1 characters become '?', which strict decoding refuses as it should.
    auto decoded =
        QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

} // namespace parla::xmpp::sasl
