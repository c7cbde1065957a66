// SPDX-License-Identifier: GPL-3.0-or-later
// `parla --demo` end to end, as main.cpp wires it but without widgets: the demo's Prosody
// starts, alice signs in, bob greets her, and bob's mediated invitation to the lounge arrives
// naming the room; alice joins through the rooms service and finds the room as the demo
// promises (bob as owner, carol, dave and erin, their lines, bob's welcome once).
#include "app/demo.h"

#include "models/roles.h"
#include "services/passwordstore.h"
#include "session/appsession.h"

#include <QAbstractItemModel>
#include <QSignalSpy>
#include <QTest>

using namespace parla;
using namespace parla::services;

namespace {

QStringList bodies(QAbstractItemModel *model)
{
    QStringList out;
    for (int i = 0; model && i < model->rowCount(); ++i)
        out << model->index(i, 0).data(models::MessageBodyRole).toString();
    return out;
}

QStringList nicks(QAbstractItemModel *model)
{
    QStringList out;
    for (int i = 0; model && i < model->rowCount(); ++i)
        out << model->index(i, 0).data(Qt::DisplayRole).toString();
    return out;
}

} // namespace

class TestDemo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aliceIsGreetedInvitedAndJoinsTheLounge()
    {
        app::DemoEnvironment demo;
        QVERIFY2(demo.start(), qPrintable(demo.errorString()));
        AppSession session(demo.profileDirectory(), std::make_unique<MemoryPasswordStore>());
        QVERIFY(session.isOpen());
        QSignalSpy invitations(&session.rooms(), &RoomsApi::invitationReceived);
        demo.addAccounts(&session);
        session.start();

        // Bob greets alice in their 1:1 chat.
        QAbstractItemModel *chat = session.chats().messageModel(demo.aliceJid(), demo.bobJid());
        QVERIFY(chat);
        QVERIFY(QTest::qWaitFor([&] { return chat->rowCount() >= 1; }, 20000));
        QVERIFY(bodies(chat).first().startsWith(QStringLiteral("Hi Alice!")));

        // Bob's invitation names the lounge and bob (as the room names him).
        QVERIFY(QTest::qWaitFor([&] { return !invitations.isEmpty(); }, 20000));
        const auto invitation = invitations.first().at(1).value<RoomInvitation>();
        QVERIFY(invitation.room.startsWith(QStringLiteral("lounge@")));
        QVERIFY2(invitation.inviter.endsWith(QStringLiteral("bob")),
                 qPrintable(invitation.inviter));
        QCOMPARE(invitations.first().at(0).toString(), demo.aliceJid());

        session.rooms().joinRoom(demo.aliceJid(), invitation.room, QStringLiteral("alice"), {});
        QVERIFY(QTest::qWaitFor(
            [&] {
                return session.rooms().roomInfo(demo.aliceJid(), invitation.room).state ==
                       RoomState::Joined;
            },
            20000));
        QAbstractItemModel *occupants =
            session.rooms().occupantModel(demo.aliceJid(), invitation.room);
        QVERIFY(occupants);
        QTRY_COMPARE_WITH_TIMEOUT(occupants->rowCount(), 5, 10000);
        for (const char *nick : {"bob", "carol", "dave", "erin"})
            QVERIFY2(nicks(occupants).join(u',').contains(QLatin1String(nick)),
                     qPrintable(nicks(occupants).join(u',')));
        QCOMPARE(session.rooms().roomInfo(demo.aliceJid(), invitation.room).subject,
                 QStringLiteral("Parla demo lounge: say hello!"));

        // The guests' lines (room history on join or live) and bob's welcome, each once.
        QAbstractItemModel *room = session.chats().messageModel(demo.aliceJid(), invitation.room);
        QVERIFY(room);
        QVERIFY(QTest::qWaitFor(
            [&] {
                const QString all = bodies(room).join(u'\n');
                return all.contains(QStringLiteral("Morning all")) &&
                       all.contains(QStringLiteral("Welcome to the lounge, alice!"));
            },
            20000));
        const QStringList lines = bodies(room);
        QCOMPARE(lines.filter(QStringLiteral("Welcome to the lounge")).size(), 1);
        QCOMPARE(lines.filter(QStringLiteral("Morning all")).size(), 1);
        for (int i = 0; i < room->rowCount(); ++i) {
            const QModelIndex row = room->index(i, 0);
            if (row.data(models::MessageBodyRole).toString().startsWith(u"Welcome"))
                QVERIFY(row.data(models::MessageMentionsMeRole).toBool()); // "alice" is named
        }
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
