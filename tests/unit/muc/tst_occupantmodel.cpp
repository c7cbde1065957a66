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
