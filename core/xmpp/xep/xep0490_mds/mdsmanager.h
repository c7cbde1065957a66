// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/extension.h"
#include "xmpp/jid.h"
#include "xmpp/result.h"
#include "xmpp/task.h"

#include <optional>

namespace parla::xmpp {

/// XEP-0490 §4 one item of the PEP node urn:xmpp:mds:displayed:0: in the conversation with
/// `peer` (the item id, a bare JID) everything up to the message our archive (`by`) numbered
/// `stanzaId` has been displayed on some device of ours.
struct MdsDisplayed
{
    Jid peer;
    QString stanzaId;
    Jid by;

    /// The pubsub <item id='peer'> holding <displayed xmlns='urn:xmpp:mds:displayed:0'>.
    static std::optional<MdsDisplayed> fromItem(const Element &item);
    Element toItem() const;
    bool operator==(const MdsDisplayed &) const = default;
};

/// XEP-0490 Message Displayed Synchronization: publishes how far we have read a conversation
/// and reports what our other devices published.
///
/// Sender rule (XEP-0490 §4, XEP-0163 §4.3): notifications are accepted only from our own
/// bare JID: the node lives in our own PEP service, nobody else may speak for it.
/// We advertise urn:xmpp:mds:displayed:0+notify (XEP-0163 §4.2) so the server sends them.
class MdsManager : public Extension
{
    Q_OBJECT
public:
    explicit MdsManager(QObject *parent = nullptr);

    QStringList discoFeatures() const override;
    bool handleStanza(const Element &stanza) override;

    /// The <iq type='set'> that publishes `displayed` with the §4 publish-options
    /// (persist_items, max_items=max, send_last_published_item=never, access_model=whitelist).
    static Element makePublish(const MdsDisplayed &displayed);
    /// Publishes to our own PEP service.
    Task<Result<Success>> publish(const MdsDisplayed &displayed);

Q_SIGNALS:
    /// Another device of ours (or this one, echoed) displayed up to this message.
    void displayedSynced(const parla::xmpp::MdsDisplayed &displayed);
};

} // namespace parla::xmpp
