// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../xep0054_vcard/vcard.h"

namespace parla::xmpp {

/// vCard4 over XMPP, XEP-0292: the same fields as VCard, as <vcard xmlns='…vcard-4.0'/>
/// (RFC 6351) in the PEP node urn:xmpp:vcard4 (§3). The photo is not carried here (avatars
/// are XEP-0084's business).
namespace vcard4 {
/// Total: nullopt only for the wrong element; text fields cut to 4096 characters.
std::optional<VCard> fromElement(const Element &vcard);
Element toElement(const VCard &vcard);
} // namespace vcard4

/// Fetches and publishes vCard4 through PEP (XEP-0292 §3.1, §3.2).
class VCard4Manager : public Extension
{
    Q_OBJECT
public:
    explicit VCard4Manager(QObject *parent = nullptr);

    /// An item-not-found or empty node is an empty VCard.
    Task<Result<VCard>> requestVCard(const Jid &jid);
    /// Publishes to our node with access_model=open (item id 'current', §3.2).
    Task<Result<Success>> publish(const VCard &vcard);
};

} // namespace parla::xmpp
