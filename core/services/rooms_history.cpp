// SPDX-License-Identifier: GPL-3.0-or-later
// RoomManager's part for a room's info and history after joining: disco#info (features, name,
// occupant-id assignment) and the XEP-0313 catch-up from the room's archive, page by page, with
// the moderation announcements and tombstones it carries (XEP-0425 §6) and a gap recorded
// when it stops before the archive's end.
#include "account.h"
#include "historysync.h"
#include "rooms.h"

#include "xmpp/namespaces.h"
#include "xmpp/xep/xep0030_disco/discomanager.h"
#include "xmpp/xep/xep0313_mam/mammanager.h"
#include "xmpp/xep/xep0421_occupantid/occupantid.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcRooms)

namespace parla::services {

using namespace parla::xmpp;

void RoomManager::fetchRoomInfo(Room *r)
{
    QPointer<Room> guard(r);
    const QString key = r->m_info.room;
    const quint64 generation = m_syncGeneration;
    m_account->disco()->requestInfo(r->m_jid).then(
        this, [this, guard, key, generation](const Result<DiscoInfo> &res) {
            if (!guard || !isOk(res))
                return syncDone(key, generation);
            Room *room = guard;
            const DiscoInfo &info = std::get<DiscoInfo>(res);
            room->m_features = info.features;
            for (const DiscoIdentity &id : info.identities) {
                if (id.category == u"conference" && !id.name.isEmpty())
                    room->m_info.name = id.name;
            }
            room->m_info.nonAnonymous = info.hasFeature(u"muc_nonanonymous");
            room->m_info.membersOnly = info.hasFeature(u"muc_membersonly");
            room->m_info.moderated = info.hasFeature(u"muc_moderated");
            room->m_info.passwordProtected = info.hasFeature(u"muc_passwordprotected");
            if (info.hasFeature(mucns::OccupantId))
                m_muc->setAssignsOccupantIds(room->m_jid, true);
            Q_EMIT room->changed();
            // From where we were when the join went out: the live messages and reflections
            // stored since (this answer comes after them) carry newer room stanza-ids, and
            // starting after those would skip everything said while we were away.
            if (info.hasFeature(ns::Mam) && room->state() == RoomState::Joined &&
                !room->m_archiveResume.isEmpty())
                return catchUpFromArchive(room, room->m_archiveResume, 0, generation);
            syncDone(key, generation);
        });
}

void RoomManager::catchUpFromArchive(Room *r, const QString &after, int pages, quint64 generation)
{
    MamQuery query;
    query.rsm.max = m_mamPageSize;
    query.rsm.after = after;
    QPointer<Room> guard(r);
    const QString key = r->m_info.room;
    m_account->mam()
        ->query(query, r->m_jid)
        .then(this, [this, guard, key, after, pages, generation](const Result<MamPage> &res) {
            if (!guard || generation != m_syncGeneration)
                return syncDone(key, generation);
            Room *room = guard;
            if (const auto *e = std::get_if<Error>(&res)) {
                // XEP-0313 §6.2.3: the archive no longer has our cursor. What lies between is
                // unknown: a gap is shown after our newest message instead of silence.
                if (e->kind == Error::Kind::Stanza && e->stanza.condition == u"item-not-found") {
                    // After the message our cursor named (the room's archive stamped it), else
                    // our newest; never a time in the future.
                    auto &store = m_account->syncStore();
                    const QString roomJid = room->m_info.room;
                    const auto cursorTime = store.timeOfStanzaId(m_account->jid(), roomJid, after);
                    const auto newest = store.newestTimestamp(m_account->jid(), roomJid);
                    QDateTime at = isOk(cursorTime) ? std::get<QDateTime>(cursorTime) : QDateTime();
                    if (!at.isValid() && isOk(newest))
                        at = std::get<QDateTime>(newest);
                    if (at.isValid())
                        recordArchiveGap(room, std::min(at, QDateTime::currentDateTimeUtc()));
                }
                qCInfo(lcRooms) << "room archive catch-up failed:" << e->text;
                return syncDone(key, generation);
            }
            const MamPage &page = std::get<MamPage>(res);
            // The page enters the account's one pipeline as a batch (one transaction):
            // occupants' messages of this room, and the room's own moderation announcements
            // and tombstones (XEP-0425 §6), which its moderation handler applies.
            const bool occupantIds = m_muc->assignsOccupantIds(room->m_jid);
            IncomingBatch batch;
            batch.reserve(page.items.size());
            QDateTime last;
            for (const MamResult &item : page.items) {
                const ChatMessage &m = item.message;
                if (m.from.bare() != room->m_jid || (!m.from.isFull() && !m.moderation))
                    continue; // only this room's occupants, and the room itself
                const QString occupantId =
                    occupantIds ? OccupantId::fromStanza(m.stanza) : QString();
                IncomingEnvelope e = envelopeFor(room, m, occupantId, Route::RoomArchive);
                // §4.2: the archive's id is the room's stanza-id, its stamp the room's time.
                e.archive = {item.id, room->m_jid, item.stamp};
                batch.push_back(std::move(e));
                last = std::max(last, item.stamp);
            }
            m_account->receive(std::move(batch))
                .then(this, [this, guard, key, page, pages, after, generation,
                             last](const Result<QList<storage::MessageRecord>> &stored) {
                    if (!isOk(stored) || !guard)
                        return syncDone(key, generation);
                    if (generation != m_syncGeneration || page.complete ||
                        page.set.last.isEmpty() || page.set.last == after)
                        return syncDone(key, generation);
                    if (pages + 1 < m_mamMaxPages)
                        return catchUpFromArchive(guard, page.set.last, pages + 1, generation);
                    // The page limit stops us before the archive's end: what lies between the
                    // last archived message we took and the live ones is missing. Say so
                    // (a gap after that message) instead of showing a silent hole.
                    if (last.isValid())
                        recordArchiveGap(guard, last);
                    syncDone(key, generation);
                });
        });
}

void RoomManager::recordArchiveGap(Room *r, const QDateTime &after)
{
    const QString peer = r->m_info.room;
    qCInfo(lcRooms) << "room archive catch-up left a gap in" << peer << "after" << after;
    // HistorySync records it and announces it, as it does for 1:1 catch-up (MessageModel
    // listens to its gapRecorded()).
    m_account->historySync()->recordGap(peer, after);
}

} // namespace parla::services
