// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../element.h"
#include "../../jid.h"

#include <QMap>

#include <optional>
#include <vector>

namespace parla::xmpp {

/// One item of a PEP node (XEP-0060 §6.5, XEP-0163): its id and its payload (may be null).
struct PepItem
{
    QString id;
    Element payload;
};

/// A PEP notification (XEP-0163 §4.3): <message><event xmlns='…pubsub#event'><items node=…/>.
struct PepEvent
{
    /// Whose node this is. XEP-0163 §4.3.3: the notification comes from the account's bare
    /// JID; a stanza without 'from' comes from our own account (RFC 6120 §8.1.2.1).
    Jid owner;
    QString node;
    std::vector<PepItem> items;
    QStringList retracted;

    /// Total. Refuses (nullopt) anything but a notification from a *bare* JID (or none, then
    /// `ownBare` is the owner): the 'from' bare JID is whose data it is, and a full JID is a
    /// client, not a PEP service, so it may not speak for anyone's node.
    static std::optional<PepEvent> fromMessage(const Element &message, const Jid &ownBare);
};

/// Builders for the pubsub requests the PEP managers send (XEP-0060 §6.5, §7.1).
namespace pep {
/// <pubsub><items node=… [max_items]><item id=…/></items></pubsub> (id may be empty).
Element itemsRequest(const QString &node, const QString &itemId = {});
/// <pubsub><publish node=…><item id=…>payload</item></publish>[publish-options]</pubsub>.
/// `options` become a XEP-0004 submit form with FORM_TYPE pubsub#publish-options (§7.1.5).
Element publishRequest(const QString &node, const QString &itemId, const Element &payload,
                       const QMap<QString, QString> &options = {});
/// The payloads of the items of an items result (<pubsub><items><item>…).
std::vector<PepItem> itemsFromResult(const Element &iqResult, const QString &node);
} // namespace pep

} // namespace parla::xmpp
