// SPDX-License-Identifier: GPL-3.0-or-later
#include "avatarimage.h"

#include "avatar.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageReader>

namespace parla::xmpp {

namespace {
Error invalid(const char *text)
{
    return Error{Error::Kind::Invalid, {}, QCoreApplication::translate("parla::Avatar", text)};
}
} // namespace

Result<QImage> decodeAvatar(const QByteArray &bytes, const QString &expectedHash,
                            const QSize &displaySize, const AvatarLimits &limits)
{
    if (bytes.isEmpty())
        return invalid("The avatar is empty.");
    if (bytes.size() > limits.maxBytes)
        return invalid("The avatar is too large.");
    if (!expectedHash.isEmpty() && avatarHash(bytes) != expectedHash.toLower())
        return invalid("The avatar does not match its advertised hash.");

    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    // A second guard inside Qt: never allocate more than the limits allow (32-bit pixels).
    reader.setAllocationLimit(int(qMax<qint64>(1, limits.maxPixels * 4 / (1024 * 1024)) + 1));
    if (!reader.canRead())
        return invalid("The avatar is not an image Parla can read.");
    const QSize size = reader.size(); // from the header only
    if (!size.isValid() || size.isEmpty())
        return invalid("The avatar is not an image Parla can read (no size in its header).");
    if (size.width() > limits.maxSide || size.height() > limits.maxSide ||
        qint64(size.width()) * size.height() > limits.maxPixels)
        return invalid("The avatar's dimensions are too large.");
    if (displaySize.isValid() &&
        (size.width() > displaySize.width() || size.height() > displaySize.height()))
        reader.setScaledSize(size.scaled(displaySize, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull())
        return invalid("The avatar could not be decoded.");
    return image;
}

QByteArray encodeAvatarPng(const QImage &image, int side)
{
    if (image.isNull() || side <= 0)
        return {};
    const QImage scaled =
        image.scaled(side, side, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
    const QImage cropped =
        scaled.copy((scaled.width() - side) / 2, (scaled.height() - side) / 2, side, side);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    cropped.convertToFormat(QImage::Format_ARGB32).save(&buffer, "PNG");
    return png;
}

} // namespace parla::xmpp
