// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../element.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace parla::xmpp {

/// One <info/> of avatar metadata (XEP-0084 §4.2.1).
struct AvatarInfo
{
    QString id; ///< SHA-1 of the image bytes, 40 lowercase hex digits (validated)
    qint64 bytes = 0;
    int width = 0;  ///< 0 when not given
    int height = 0; ///< 0 when not given
    QString type;   ///< MIME type, e.g. image/png
    QString url;    ///< set when the data is not in PEP (we do not fetch those)

    bool operator==(const AvatarInfo &) const = default;
};

/// <metadata xmlns='urn:xmpp:avatar:metadata'/> (XEP-0084 §4.2). No <info/> means the
/// contact disabled their avatar (§4.5).
struct AvatarMetadata
{
    std::vector<AvatarInfo> infos;

    bool isDisabled() const { return infos.empty(); }
    /// The version we fetch: one whose data is in PEP (no url), image/png preferred (§4.2.1:
    /// every publisher MUST offer image/png). Null when none.
    const AvatarInfo *preferred() const;

    /// Total: infos with a malformed id (not a SHA-1 hex string: the id names a cache file),
    /// no bytes or no type are dropped.
    static std::optional<AvatarMetadata> fromElement(const Element &metadata);
    Element toElement() const;

    bool operator==(const AvatarMetadata &) const = default;
};

/// <data xmlns='urn:xmpp:avatar:data'>base64</data> (XEP-0084 §4.1).
struct AvatarData
{
    /// Decodes the image bytes; nullopt for the wrong element, bad base64, or more than
    /// `maxBytes` (checked on the base64 length before decoding, so a hostile item costs
    /// nothing).
    static std::optional<QByteArray> fromElement(const Element &data, qint64 maxBytes);
    static Element toElement(const QByteArray &bytes);
};

/// XEP-0153 §3.2: <x xmlns='vcard-temp:x:update'><photo>sha1</photo></x> in presence.
struct VCardPhotoUpdate
{
    /// False for <x/> without <photo/> ("not ready to advertise", §4.1): nothing to learn.
    bool known = false;
    QString hash; ///< empty with known = true: no avatar

    /// Total; a hash that is not 40 hex digits is refused.
    static std::optional<VCardPhotoUpdate> fromElement(const Element &x);
    Element toElement() const;
};

/// Lowercase hex SHA-1 of `bytes` (XEP-0084 §4.2.1 id, XEP-0153 §3.1 hash).
QString avatarHash(const QByteArray &bytes);
/// Whether `id` is a SHA-1 in hex (40 digits); lower-cases it in place when it is.
bool normalizeAvatarHash(QString &id);

} // namespace parla::xmpp
