// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "avatar.h"

#include "../../extension.h"
#include "../../jid.h"
#include "../../result.h"
#include "../../task.h"

namespace parla::xmpp {

/// User Avatar, XEP-0084, with the XEP-0153/XEP-0398 presence hint.
///
/// Subscribes to metadata through +notify (XEP-0163 §4.4, via our disco features), tells the
/// owner of metadata events and of vcard-temp:x:update photo hashes, fetches data by item id
/// (verified against the id, which is the SHA-1 of the bytes), and publishes our own.
/// Sender rule: a metadata event is about the bare JID it comes from (PepEvent::fromMessage),
/// never about anyone named inside it.
class AvatarManager : public Extension
{
    Q_OBJECT
public:
    explicit AvatarManager(QObject *parent = nullptr);

    QStringList discoFeatures() const override;
    bool handleStanza(const Element &stanza) override;
    /// The stanza logic without a client (tests): `ownBare` stands for a missing 'from'.
    bool processStanza(const Element &stanza, const Jid &ownBare);

    /// Refuses data larger than this before decoding base64 (default 1 MiB).
    void setMaxBytes(qint64 bytes) { m_maxBytes = bytes; }

    /// The newest metadata of `owner` (XEP-0084 §4.2; XEP-0060 §6.5.7 max_items=1).
    Task<Result<AvatarMetadata>> requestMetadata(const Jid &owner);
    /// The image bytes of item `id` of `owner`'s data node, SHA-1-checked against `id`.
    Task<Result<QByteArray>> requestData(const Jid &owner, const QString &id);
    /// Publishes data then metadata (XEP-0084 §4.1, §4.2) with access_model=open; the
    /// result is the avatar's id.
    Task<Result<QString>> publish(const QByteArray &image, const QString &type, int width,
                                  int height);

Q_SIGNALS:
    /// `owner` (a bare JID) published new metadata (possibly "disabled").
    void metadataReceived(const parla::xmpp::Jid &owner,
                          const parla::xmpp::AvatarMetadata &metadata);
    /// `owner`'s presence advertised a vCard photo hash (empty: none), XEP-0153 §3.2.
    void vcardPhotoAdvertised(const parla::xmpp::Jid &owner, const QString &hash);

private:
    qint64 m_maxBytes = 1024 * 1024;
};

} // namespace parla::xmpp
