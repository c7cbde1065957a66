// SPDX-License-Identifier: GPL-3.0-or-later
#include "avatar.h"

#include "../../namespaces.h"

#include <QCryptographicHash>

namespace parla::xmpp {

QString avatarHash(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex());
}

bool normalizeAvatarHash(QString &id)
{
    if (id.size() != 40)
        return false;
    for (QChar c : id) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return false;
    }
    id = id.toLower();
    return true;
}

const AvatarInfo *AvatarMetadata::preferred() const
{
    const AvatarInfo *best = nullptr;
    for (const AvatarInfo &info : infos) {
        if (!info.url.isEmpty())
            continue;
        if (!best || (info.type == u"image/png" && best->type != u"image/png"))
            best = &info;
    }
    return best;
}

std::optional<AvatarMetadata> AvatarMetadata::fromElement(const Element &metadata)
{
    if (!metadata.is(u"metadata", ns::AvatarMetadata))
        return std::nullopt;
    AvatarMetadata result;
    for (const Element &e : metadata.childrenNamed(u"info", ns::AvatarMetadata)) {
        AvatarInfo info;
        info.id = e.attribute(u"id");
        bool ok = false;
        info.bytes = e.attribute(u"bytes").toLongLong(&ok);
        if (!ok || info.bytes <= 0 || !normalizeAvatarHash(info.id))
            continue;
        info.type = e.attribute(u"type");
        if (info.type.isEmpty())
            continue;
        info.width = qMax(0, e.attribute(u"width").toInt());
        info.height = qMax(0, e.attribute(u"height").toInt());
        info.url = e.attribute(u"url");
        result.infos.push_back(info);
    }
    return result;
}

Element AvatarMetadata::toElement() const
{
    Element metadata(QStringLiteral("metadata"), ns::AvatarMetadata);
    for (const AvatarInfo &info : infos) {
        Element e(QStringLiteral("info"), ns::AvatarMetadata);
        e.setAttribute(QStringLiteral("bytes"), QString::number(info.bytes));
        if (info.height > 0)
            e.setAttribute(QStringLiteral("height"), QString::number(info.height));
        e.setAttribute(QStringLiteral("id"), info.id);
        e.setAttribute(QStringLiteral("type"), info.type);
        e.setAttribute(QStringLiteral("url"), info.url);
        if (info.width > 0)
            e.setAttribute(QStringLiteral("width"), QString::number(info.width));
        metadata.appendChild(e);
    }
    return metadata;
}

std::optional<QByteArray> AvatarData::fromElement(const Element &data, qint64 maxBytes)
{
    if (!data.is(u"data", ns::AvatarData))
        return std::nullopt;
    const QString &text = data.text();
    // Base64 is 4 characters per 3 bytes (plus line breaks some clients add): refuse before
    // decoding what cannot fit.
    if (text.size() > (maxBytes / 3 + 1) * 4 + maxBytes / 38 + 16)
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors | QByteArray::Base64Encoding);
    if (!decoded) {
        // Line-wrapped base64 (XEP-0084 allows whitespace): strip it and try once more.
        QByteArray compact = text.toLatin1();
        compact.replace('\n', QByteArray()).replace('\r', QByteArray()).replace(' ', QByteArray());
        decoded = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    }
    if (!decoded || decoded.decoded.isEmpty() || decoded.decoded.size() > maxBytes)
        return std::nullopt;
    return decoded.decoded;
}

Element AvatarData::toElement(const QByteArray &bytes)
{
    Element data(QStringLiteral("data"), ns::AvatarData);
    data.setText(QString::fromLatin1(bytes.toBase64()));
    return data;
}

std::optional<VCardPhotoUpdate> VCardPhotoUpdate::fromElement(const Element &x)
{
    if (!x.is(u"x", ns::VCardUpdate))
        return std::nullopt;
    VCardPhotoUpdate update;
    const Element photo = x.firstChild(u"photo", ns::VCardUpdate);
    if (photo.isNull())
        return update;
    update.known = true;
    update.hash = photo.text().trimmed();
    if (!update.hash.isEmpty() && !normalizeAvatarHash(update.hash))
        return std::nullopt;
    return update;
}

Element VCardPhotoUpdate::toElement() const
{
    Element x(QStringLiteral("x"), ns::VCardUpdate);
    if (known)
        x.appendTextChild(QStringLiteral("photo"), hash);
    return x;
}

} // namespace parla::xmpp
