// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../result.h"

#include <QByteArray>
#include <QImage>
#include <QSize>

namespace parla::xmpp {

/// What an avatar may cost us. An avatar is someone else's file: a PNG header may claim
/// 65535×65535 pixels (16 GiB decoded), so the header is read and judged before decoding.
struct AvatarLimits
{
    qint64 maxBytes = 1024 * 1024;    ///< encoded size
    int maxSide = 4096;               ///< width or height in the header
    qint64 maxPixels = 4096LL * 4096; ///< width × height in the header
};

/// Checks and decodes an avatar (XEP-0084 §4.2.1, XEP-0153 §3.1); safe to run on any thread.
///
/// In order, refusing with Error::Kind::Invalid at the first failure, before any pixel is
/// decoded: the size of `bytes`; their SHA-1 against `expectedHash` (the advertised id; empty
/// skips the check, for our own files); the image header (format known, dimensions within
/// the limits). Then decodes, scaled to fit `displaySize` (if valid) while decoding.
Result<QImage> decodeAvatar(const QByteArray &bytes, const QString &expectedHash,
                            const QSize &displaySize, const AvatarLimits &limits = {});

/// Our own avatar for publishing: the picture scaled (and centre-cropped) to side × side, PNG.
QByteArray encodeAvatarPng(const QImage &image, int side = 192);

} // namespace parla::xmpp
