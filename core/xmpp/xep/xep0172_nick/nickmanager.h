// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../jid.h"
#include "../../result.h"
#include "../../task.h"

#include <optional>

namespace parla::xmpp {

/// <nick xmlns='http://jabber.org/protocol/nick'/> (XEP-0172 §4). Total; cut to 256
/// characters, whitespace trimmed; an empty nick means "none".
std::optional<QString> nicknameFromElement(const Element &nick);
Element nicknameElement(const QString &nick);

/// User Nickname, XEP-0172 §4.5: contacts' nicknames through PEP (+notify), and ours.
/// Sender rule: a nickname event is the nickname of the bare JID it comes from.
class NickManager : public Extension
{
    Q_OBJECT
public:
    explicit NickManager(QObject *parent = nullptr);

    QStringList discoFeatures() const override;
    bool handleStanza(const Element &stanza) override;
    bool processStanza(const Element &stanza, const Jid &ownBare);

    /// Publishes our nickname (XEP-0172 §4.5, access_model=presence: contacts only).
    Task<Result<Success>> publish(const QString &nick);
    /// Asks for `jid`'s nickname node (empty when none).
    Task<Result<QString>> requestNickname(const Jid &jid);

Q_SIGNALS:
    void nicknameReceived(const parla::xmpp::Jid &owner, const QString &nick);
};

} // namespace parla::xmpp
