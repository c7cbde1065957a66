// SPDX-License-Identifier: GPL-3.0-or-later
// OccupantModel: a 2,000-occupant join arrives as batched model changes in sorted order
// (moderators first, then by nick), later changes and departures apply, and
// RoomManager::sameAuthor (the room's rule for corrections) compares occupant-ids first.
#include "models/occupantmodel.h"
#include "models/roles.h"
#include "services/rooms.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace parla;
using namespace parla::services;

namespace {
OccupantState occupant(const QString &nick, RoomRole role)
{
    OccupantState s;
    s.occupant.nick = nick;
    s.occupant.role = role;
    s.occupant.occupantId = u"id-"_qs + nick;
    return s;
}
} // namespace

class TestOccupantModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bigJoinIsBatched()
    {
        Room room(xmpp::Jid::fromString(u"big@conference.localhost"));
        models::OccupantModel model(&room, nullptr);
        QAbstractItemModelTester tester(&model);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        for (int i = 0; i < 2000; ++i)
            Q_EMIT room.occupantUpdated(
                occupant(u"user%1"_qs.arg(i, 4, 10, QChar(u'0')),
                         i % 100 == 0 ? RoomRole::Moderator : RoomRole::Participant));
        // 2,000 presences: applied in batches of 500 (never one change per presence).
        QCOMPARE(model.rowCount(), 2000);
        QVERIFY(inserts.size() + resets.size() <= 4);
        QCOMPARE(model.pendingUpdates(), 0);
        // Moderators first, then participants, each by nick.
        QCOMPARE(model.index(0, 0).data(models::OccupantNickRole).toString(), u"user0000"_qs);
        QCOMPARE(model.index(19, 0).data(models::OccupantNickRole).toString(), u"user1900"_qs);
        QCOMPARE(model.index(20, 0).data(models::OccupantNickRole).toString(), u"user0001"_qs);
        QCOMPARE(model.index(20, 0).data(models::OccupantRoleRole).toInt(),
                 int(RoomRole::Participant));
    }

    void changesApplyAfterTheInterval()
    {
        Room room(xmpp::Jid::fromString(u"small@conference.localhost"));
        models::OccupantModel model(&room, nullptr);
        QAbstractItemModelTester tester(&model);
        Q_EMIT room.occupantUpdated(occupant(u"bob"_qs, RoomRole::Participant));
        Q_EMIT room.occupantUpdated(occupant(u"alice"_qs, RoomRole::Participant));
        QCOMPARE(model.rowCount(), 0); // queued, not yet applied
        QVERIFY(QTest::qWaitFor([&] { return model.rowCount() == 2; }, 2000));
        QCOMPARE(model.index(0, 0).data(models::OccupantNickRole).toString(), u"alice"_qs);
        // bob becomes moderator (moves up), alice leaves, carol arrives.
        Q_EMIT room.occupantUpdated(occupant(u"bob"_qs, RoomRole::Moderator));
        Q_EMIT room.occupantRemoved(u"alice"_qs);
        Q_EMIT room.occupantUpdated(occupant(u"carol"_qs, RoomRole::Visitor));
        model.flush();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(models::OccupantNickRole).toString(), u"bob"_qs);
        QCOMPARE(model.index(1, 0).data(models::OccupantNickRole).toString(), u"carol"_qs);
        QCOMPARE(model.index(1, 0).data(models::OccupantIdRole).toString(), u"id-carol"_qs);
        // Leaving the room empties the list.
        Q_EMIT room.occupantsCleared();
        QCOMPARE(model.rowCount(), 0);
    }

    void churnMatchesAReferenceList()
    {
        // Random joins, role changes, status updates and departures in batches of every size
        // (single inserts, merges, same-row updates, moves): after each flush the model must be
        // exactly the reference list sorted the model's way (moderators first, then by nick).
        Room room(xmpp::Jid::fromString(u"churn@conference.localhost"));
        models::OccupantModel model(&room, nullptr);
        QAbstractItemModelTester tester(&model);
        QMap<QString, RoomRole> reference;
        quint32 seed = 20261125;
        const auto next = [&seed](quint32 n) {
            seed = seed * 1103515245u + 12345u;
            return (seed >> 8) % n;
        };
        const RoomRole roles[] = {RoomRole::Visitor, RoomRole::Participant, RoomRole::Moderator};
        for (int round = 0; round < 60; ++round) {
            const int updates = round % 7 == 0 ? 300 : int(next(20)) + 1;
            for (int u = 0; u < updates; ++u) {
                // Nicks differing only in case test the tie-break of the sort.
                const QString nick = (next(2) ? u"Nick%1"_qs : u"nick%1"_qs).arg(next(400));
                if (reference.contains(nick) && next(4) == 0) {
                    reference.remove(nick);
                    Q_EMIT room.occupantRemoved(nick);
                } else {
                    const RoomRole role = roles[next(3)];
                    reference.insert(nick, role);
                    Q_EMIT room.occupantUpdated(occupant(nick, role));
                }
            }
            model.flush();
            std::vector<OccupantState> expected;
            for (auto it = reference.cbegin(); it != reference.cend(); ++it)
                expected.push_back(occupant(it.key(), it.value()));
            std::sort(expected.begin(), expected.end(),
                      [](const OccupantState &a, const OccupantState &b) {
                          if (a.occupant.role != b.occupant.role)
                              return a.occupant.role > b.occupant.role;
                          const int c = QString::compare(a.occupant.nick, b.occupant.nick,
                                                         Qt::CaseInsensitive);
                          return c != 0 ? c < 0 : a.occupant.nick < b.occupant.nick;
                      });
            QCOMPARE(model.rowCount(), int(expected.size()));
            for (int i = 0; i < model.rowCount(); ++i) {
                QCOMPARE(model.index(i, 0).data(models::OccupantNickRole).toString(),
                         expected[std::size_t(i)].occupant.nick);
                QCOMPARE(model.index(i, 0).data(models::OccupantRoleRole).toInt(),
                         int(expected[std::size_t(i)].occupant.role));
            }
        }
        QVERIFY(reference.size() > 100); // the churn really built a crowd
    }

    void sameAuthorPrefersOccupantIds()
    {
        storage::MessageRecord a, b;
        a.senderJid = b.senderJid = u"room@conference.localhost/bob"_qs;
        QVERIFY(RoomManager::sameAuthor(a, b)); // no ids: the nick decides
        a.occupantId = u"x"_qs;
        b.occupantId = u"y"_qs;
        QVERIFY(!RoomManager::sameAuthor(a, b)); // same nick, another occupant
        b.occupantId = u"x"_qs;
        b.senderJid = u"room@conference.localhost/bobby"_qs;
        QVERIFY(RoomManager::sameAuthor(a, b)); // renamed, same occupant
        b.occupantId.clear();
        QVERIFY(!RoomManager::sameAuthor(a, b));
    }
};

QTEST_GUILESS_MAIN(TestOccupantModel)
#include "tst_occupantmodel.moc"
