// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../extension.h"
#include "../../result.h"
#include "../../task.h"
#include "mucadmin.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace parla::xmpp {

/// Room administration, XEP-0045 §8–§10 (muc#admin, muc#owner), the room directory (§6),
/// MUC service discovery (§6.1) and XEP-0425 moderation requests.
///
/// Stateless: every request is one IQ (or a bounded fan-out of disco#info IQs) through the
/// client's IQ tracker, so answers are matched by id and by the room asked and time out.
/// Errors carry plain words (mucadmin::describeError). It handles no stanzas; joining rooms
/// is the group-chat manager's business.
class MucAdminManager : public Extension
{
    Q_OBJECT
public:
    /// How many disco#info requests the directory keeps in flight at once: a service with a
    /// thousand rooms must not put a thousand IQs on the wire at once.
    static constexpr int kDiscoConcurrency = 6;

    explicit MucAdminManager(QObject *parent = nullptr);

    /// §10.2: the room's configuration form.
    Task<Result<DataForm>> requestConfiguration(const Jid &room);
    /// §10.2: submits the (filled) configuration form.
    Task<Result<Success>> submitConfiguration(const Jid &room, const DataForm &form);
    /// §10.1.2: accepts the defaults of a new (locked) room.
    Task<Result<Success>> createInstantRoom(const Jid &room);
    /// §10.1.3: cancels the initial configuration (the service destroys the locked room).
    Task<Result<Success>> cancelConfiguration(const Jid &room);
    /// §10.9: destroys the room, optionally pointing occupants to `alternate`.
    Task<Result<Success>> destroyRoom(const Jid &room, const QString &reason,
                                      const Jid &alternate = {});
    /// §8: kick (None), voice (Participant), revoke voice (Visitor), moderator.
    Task<Result<Success>> setRole(const Jid &room, const QString &nick, RoomRole role,
                                  const QString &reason = {});
    /// §9, §10: ban (Outcast), member, admin, owner, or None.
    Task<Result<Success>> setAffiliation(const Jid &room, const Jid &jid,
                                         RoomAffiliation affiliation, const QString &reason = {});
    /// §9.5, §10.5, §10.8: everyone with `affiliation`.
    Task<Result<QList<AffiliationEntry>>> affiliationList(const Jid &room,
                                                          RoomAffiliation affiliation);
    /// XEP-0425 §4: asks the room to retract the message it numbered `stanzaId`.
    Task<Result<Success>> moderate(const Jid &room, const QString &stanzaId,
                                   const QString &reason = {});
    /// Whether the room exists (disco#info answers, item-not-found means no; §6.4).
    Task<Result<bool>> roomExists(const Jid &room);

    /// §6.3: the rooms a MUC service lists (its disco#items; hidden rooms are not listed by
    /// the service), each completed with its disco#info (§6.4, muc#roominfo), at most
    /// kDiscoConcurrency at a time. A room whose info fails keeps its item name.
    Task<Result<QList<RoomListing>>> roomDirectory(const Jid &service);
    /// §6.1: the items of our server whose disco#info has the MUC feature.
    Task<Result<QStringList>> mucServices();

private:
    using InfoResults = std::vector<std::optional<DiscoInfo>>;
    /// disco#info of each of `jids`, at most kDiscoConcurrency in flight; `done` gets them in
    /// order (nullopt where a request failed).
    void fetchInfos(std::vector<Jid> jids, std::function<void(InfoResults)> done);
    Task<Result<Success>> request(Element iq, mucadmin::Action action,
                                  RoomAffiliation target = RoomAffiliation::None);
};

} // namespace parla::xmpp
