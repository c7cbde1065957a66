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
            if (info.hasFeature(ns::Mam) && room->state() == RoomState::Joined) {
                const auto newest = m_account->syncStore().newestStanzaId(
                    m_account->jid(), room->m_info.room, room->m_info.room);
                const QString after = isOk(newest) ? std::get<QString>(newest) : QString();
                if (!after.isEmpty())
                    return catchUpFromArchive(room, after, 0, generation);
            }
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
                    const auto newest =
                        m_account->syncStore().newestTimestamp(m_account->jid(), room->m_info.room);
                    if (isOk(newest) && std::get<QDateTime>(newest).isValid())
                        recordArchiveGap(room, std::get<QDateTime>(newest));
                }
                qCInfo(lcRooms) << "room archive catch-up failed:" << e->text;
                return syncDone(key, generation);
            }
            const MamPage &page = std::get<MamPage>(res);
            QList<storage::MessageRecord> records;
            std::vector<MucMessage> actions;
            std::vector<std::pair<QString, QString>> tombstones; // stanza-id, reason
            for (const MamResult &item : page.items) {
                MucMessage m;
                m.message = item.message;
                if (m.message.moderation && m.message.from == room->m_jid) {
                    actions.push_back(m); // XEP-0424 §7: the archived moderation announcement
                    continue;
                }
                if (!m.message.from.isFull() || m.message.from.bare() != room->m_jid)
                    continue;                 // only occupants' messages of this room
                m.message.stanzaId = item.id; // §4.2: the archive's id is the room's stanza-id
                m.message.stanzaIdBy = room->m_jid;
                storage::MessageRecord record = recordFor(room, m);
                if (m.message.moderation && m.message.moderation->tombstone) {
                    // XEP-0425 §6: the room's archive already replaced it; a copy we stored
                    // live is wiped the same way below.
                    record.body.clear();
                    record.retracted = record.moderated = true;
                    record.moderationReason = m.message.moderation->reason;
                    records.append(record);
                    tombstones.emplace_back(item.id, record.moderationReason);
                } else if (m.message.correction || m.message.retraction || m.message.reactions)
                    actions.push_back(m);
                else if (!record.body.isEmpty())
                    records.append(record);
            }
            m_account->messages().insertMany(records).then(
                this, [this, records, guard, key, actions, tombstones, page, pages, after,
                       generation](const Result<QList<storage::InsertResult>> &inserted) {
                    if (!isOk(inserted) || !guard)
                        return syncDone(key, generation);
                    const auto &results = std::get<QList<storage::InsertResult>>(inserted);
                    QList<storage::MessageRecord> stored;
                    for (qsizetype i = 0; i < results.size() && i < records.size(); ++i) {
                        if (results[i].inserted) {
                            storage::MessageRecord rec = records[i];
                            rec.id = results[i].id;
                            stored.append(rec);
                        }
                    }
                    if (!stored.isEmpty())
                        Q_EMIT m_account->historyStored(stored);
                    for (const auto &[stanzaId, reason] : tombstones)
                        applyModeration(guard, stanzaId, reason);
                    for (const MucMessage &m : actions)
                        onMessage(guard->m_jid, m);
                    if (generation != m_syncGeneration || page.complete ||
                        page.set.last.isEmpty() || page.set.last == after)
                        return syncDone(key, generation);
                    if (pages + 1 < m_mamMaxPages)
                        return catchUpFromArchive(guard, page.set.last, pages + 1, generation);
                    // The page limit stops us before the archive's end: what lies between the
                    // last archived message we took and the live ones is missing. Say so
                    // (a gap after that message) instead of showing a silent hole.
                    QDateTime last;
                    for (const storage::MessageRecord &rec : records)
                        last = std::max(last, rec.timestamp);
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
    // Announced once written, so a model that reloads its gaps on the signal sees it; the
    // same signal as 1:1 catch-up (MessageModel listens to it).
    m_account->syncStore()
        .addGap(m_account->jid(), peer, after)
        .then(this, [this, peer, after](const Result<Success> &res) {
            if (isOk(res))
                Q_EMIT m_account->historySync()->gapRecorded(peer, after);
        });
}

} // namespace parla::services
