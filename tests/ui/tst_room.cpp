// SPDX-License-Identifier: GPL-3.0-or-later
// The group chat UI over the fake session: room header and state banner, occupant list and its
// role-gated actions, nick completion, invitations, CAPTCHAs, the join dialog and ?join links,
// mention highlighting and the room look in the conversation list.
#include "fakesession.h"

#include "ui/affiliationsdialog.h"
#include "ui/challengedialog.h"
#include "ui/chatpanel.h"
#include "ui/chatview.h"
#include "ui/composer.h"
#include "ui/conversationlistdelegate.h"
#include "ui/invitationbanner.h"
#include "ui/invitedialog.h"
#include "ui/joinroomdialog.h"
#include "ui/mainwindow.h"
#include "ui/messagedelegate.h"
#include "ui/nickcompleter.h"
#include "ui/occupantpanel.h"
#include "ui/roomconfigdialog.h"
#include "ui/roomcontroller.h"
#include "ui/roompermissions.h"
#include "ui/roomstatebanner.h"
#include "ui/thememanager.h"

#include "core/models/roles.h"

#include <QApplication>
#include <QBoxLayout>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace parla;
using namespace parla::ui;
using namespace parla::models;

namespace {

const QString kMe = QStringLiteral("sam@parla.im");
const QString kRoom = QStringLiteral("chess@conference.parla.im");

/// The rooms fake with the administration calls recorded (those live in another helper's file).
class RoomAdminFake : public test::FakeRooms
{
public:
    using FakeRooms::FakeRooms;
    QStringList adminCalls;
    std::optional<xmpp::Result<xmpp::Success>> adminResult;

    Task<xmpp::Result<xmpp::Success>> setOccupantRole(const QString &, const QString &room,
                                                      const QString &nick, RoomRole role,
                                                      const QString &reason) override
    {
        adminCalls << QStringLiteral("role %1 %2 %3 %4").arg(room, nick).arg(int(role)).arg(reason);
        return makeReadyTask<xmpp::Result<xmpp::Success>>(adminResult.value_or(xmpp::Success{}));
    }
    Task<xmpp::Result<xmpp::Success>> setAffiliation(const QString &, const QString &room,
                                                     const QString &jid, RoomAffiliation aff,
                                                     const QString &reason) override
    {
        adminCalls << QStringLiteral("aff %1 %2 %3 %4").arg(room, jid).arg(int(aff)).arg(reason);
        return makeReadyTask<xmpp::Result<xmpp::Success>>(adminResult.value_or(xmpp::Success{}));
    }
};

/// The fake session with RoomAdminFake as its rooms.
class RoomFake : public test::FakeSession
{
public:
    explicit RoomFake(QObject *parent = nullptr, bool populate = true)
        : FakeSession(parent, populate)
    {
        setRooms(std::make_unique<RoomAdminFake>(*this));
    }
    RoomAdminFake &rooms() override { return static_cast<RoomAdminFake &>(FakeSession::rooms()); }
};

RoomInfo roomInfo(RoomState state, RoomRole role = RoomRole::Participant,
                  RoomAffiliation affiliation = RoomAffiliation::None)
{
    RoomInfo info;
    info.room = kRoom;
    info.name = QStringLiteral("Chess club");
    info.subject = QStringLiteral("Friday blitz at 19:00 — bring your clocks; the long rules "
                                  "discussion is pinned in the wiki");
    info.nick = QStringLiteral("sam");
    info.state = state;
    info.role = role;
    info.affiliation = affiliation;
    info.nonAnonymous = true;
    return info;
}

RoomOccupant occupant(const QString &nick, RoomRole role, RoomAffiliation aff,
                      const QString &jid = {})
{
    RoomOccupant o;
    o.nick = nick;
    o.role = role;
    o.affiliation = aff;
    o.realJid = jid;
    return o;
}

QList<RoomOccupant> sampleOccupants()
{
    return {occupant(QStringLiteral("sam"), RoomRole::Moderator, RoomAffiliation::Owner,
                     kMe + QStringLiteral("/laptop")),
            occupant(QStringLiteral("anna"), RoomRole::Participant, RoomAffiliation::Member,
                     QStringLiteral("anna@parla.im/phone")),
            occupant(QStringLiteral("andrew"), RoomRole::Participant, RoomAffiliation::None,
                     QStringLiteral("andrew@xmpp.example/pc")),
            occupant(QStringLiteral("bob"), RoomRole::Visitor, RoomAffiliation::None),
            occupant(QStringLiteral("dmitri"), RoomRole::Moderator, RoomAffiliation::Admin,
                     QStringLiteral("dmitri@xmpp.example/x"))};
}

QStringList actionTexts(QMenu *menu)
{
    QStringList out;
    for (QAction *a : menu->actions()) {
        if (!a->isSeparator())
            out << a->text();
    }
    return out;
}

QModelIndex rowOfNick(OccupantPanel *panel, const QString &nick)
{
    for (int r = 0; r < panel->proxy()->rowCount(); ++r) {
        const QModelIndex i = panel->proxy()->index(r, 0);
        if (i.data(OccupantNickRole).toString() == nick)
            return i;
    }
    return {};
}

QAction *actionNamed(QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions()) {
        if (a->text() == text)
            return a;
    }
    return nullptr;
}

} // namespace

class TestRoomUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headerShowsNameSubjectAndCount()
    {
        RoomFake session;
        session.rooms().addRoom(kMe, roomInfo(RoomState::Joined), sampleOccupants());
        ChatPanel panel(&session);
        panel.resize(900, 600);
        panel.openConversation(kMe, kRoom);
        RoomController *room = panel.room();
        QVERIFY(room->isRoom());
        QVERIFY(!room->occupantsButton()->isHidden());
        QCOMPARE(room->subjectLabel()->toolTip(), roomInfo(RoomState::Joined).subject);
        QVERIFY(room->subtitle().contains(QStringLiteral("5 people")));
        QVERIFY(room->banner()->isHidden()); // joined: nothing to say
        // The people panel: the header button and Ctrl+Shift+O toggle it.
        QVERIFY(!room->occupantPanel()->isHidden());
        room->occupantsButton()->click();
        QVERIFY(room->occupantPanel()->isHidden());
        QAction *toggle = nullptr;
        for (QAction *a : panel.actions()) {
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O))
                toggle = a;
        }
        QVERIFY(toggle);
        toggle->trigger();
        QVERIFY(!room->occupantPanel()->isHidden());
        QVERIFY(room->occupantsButton()->isChecked());
        // The subject follows roomChanged.
        session.rooms().setRoomSubject(kMe, kRoom, QStringLiteral("Endgames"));
        QCOMPARE(room->subjectLabel()->toolTip(), QStringLiteral("Endgames"));
        // A 1:1 conversation has none of it.
        panel.openConversation(kMe, QStringLiteral("anna@parla.im"));
        QVERIFY(!room->isRoom());
        QVERIFY(room->occupantsButton()->isHidden());
        QVERIFY(room->occupantPanel()->isHidden());
        QVERIFY(room->subjectLabel()->isHidden());
    }

    void bannerForEveryState()
    {
        RoomFake session;
        session.rooms().addRoom(kMe, roomInfo(RoomState::Joined), sampleOccupants());
        ChatPanel panel(&session);
        panel.openConversation(kMe, kRoom);
        RoomStateBanner *banner = panel.room()->banner();
        QSignalSpy goTo(panel.room(), &RoomController::joinDialogRequested);

        auto set = [&](RoomState state, const QString &why = {}, const QString &alt = {}) {
            RoomInfo info = roomInfo(state);
            info.errorText = why;
            info.alternateRoom = alt;
            session.rooms().setRoomInfo(kMe, info);
        };
        set(RoomState::NotJoined);
        QVERIFY(!banner->isHidden());
        QVERIFY(!banner->isError());
        QCOMPARE(banner->actionButton()->text(), QStringLiteral("Join"));
        banner->actionButton()->click();
        QCOMPARE(session.lastCall(QStringLiteral("joinRoom"))->args,
                 (QStringList{kMe, kRoom, QStringLiteral("sam"), QString()}));

        set(RoomState::Joining);
        QVERIFY(banner->text().contains(QStringLiteral("Joining")));
        QVERIFY(banner->actionButton()->isHidden());

        set(RoomState::Error, QStringLiteral("The server stopped answering."));
        QVERIFY(banner->isError());
        QVERIFY(banner->text().contains(QStringLiteral("The server stopped answering.")));
        QCOMPARE(banner->actionButton()->text(), QStringLiteral("Rejoin"));
        QVERIFY(banner->passwordEdit()->isHidden());

        set(RoomState::Error, QStringLiteral("This room needs a password."));
        QVERIFY(!banner->passwordEdit()->isHidden());
        banner->passwordEdit()->setText(QStringLiteral("s3cret"));
        banner->actionButton()->click();
        QCOMPARE(session.lastCall(QStringLiteral("joinRoom"))->args.at(3),
                 QStringLiteral("s3cret"));

        set(RoomState::Error, QStringLiteral("Only members may enter (registration required)."));
        QVERIFY(banner->text().contains(QStringLiteral("ask one of its admins")));

        set(RoomState::Kicked, QStringLiteral("by dmitri: flooding"));
        QVERIFY(banner->text().contains(QStringLiteral("by dmitri: flooding")));
        QCOMPARE(banner->actionButton()->text(), QStringLiteral("Rejoin"));

        set(RoomState::Banned, QStringLiteral("spam"));
        QVERIFY(banner->text().contains(QStringLiteral("banned")));
        QVERIFY(banner->actionButton()->isHidden());

        set(RoomState::Destroyed, QStringLiteral("moved"),
            QStringLiteral("chess2@conference.parla.im"));
        QVERIFY(banner->text().contains(QStringLiteral("no longer exists")));
        QCOMPARE(banner->actionButton()->text(),
                 QStringLiteral("Go to chess2@conference.parla.im"));
        const int joinsBefore = int(session.calls.size());
        banner->actionButton()->click();
        QCOMPARE(goTo.size(), 1);
        QCOMPARE(goTo.at(0).at(1).toString(), QStringLiteral("chess2@conference.parla.im"));
        QCOMPARE(int(session.calls.size()), joinsBefore); // no silent join

        set(RoomState::Joined);
        QVERIFY(banner->isHidden());
    }

    void occupantFilterOnTwoThousand()
    {
        RoomFake session;
        session.rooms().addRoom(kMe, roomInfo(RoomState::Joined), sampleOccupants(), 2000);
        OccupantPanel panel(&session);
        panel.setRoom(kMe, kRoom);
        QVERIFY(panel.view()->uniformItemSizes());
        QCOMPARE(panel.proxy()->rowCount(), 2005);
        // Moderators first, then participants, visitors last.
        QCOMPARE(panel.proxy()->index(0, 0).data(OccupantNickRole).toString(),
                 QStringLiteral("dmitri"));
        QCOMPARE(panel.proxy()->index(2004, 0).data(OccupantNickRole).toString(),
                 QStringLiteral("bob"));
        // Down from the filter line goes into the list.
        QTest::keyClick(panel.filterEdit(), Qt::Key_Down);
        QCOMPARE(panel.view()->currentIndex().row(), 0);
        panel.filterEdit()->setText(QStringLiteral("GUEST19"));
        QCOMPARE(panel.proxy()->rowCount(), 100); // guest1900 … guest1999
        panel.filterEdit()->setText(QStringLiteral("0042@crowd"));
        QCOMPARE(panel.proxy()->rowCount(), 1); // by real JID
        QCOMPARE(panel.proxy()->index(0, 0).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("guest0042\nguest0042@crowd.example\nParticipant"));
        panel.filterEdit()->clear();
        QCOMPARE(panel.proxy()->rowCount(), 2005);
    }

    void permissionRules()
    {
        OccupantActionContext c;
        c.selfRole = RoomRole::Moderator;
        c.targetRole = RoomRole::Participant;
        c.targetJidKnown = true;
        // An unaffiliated moderator: kick and devoice the unaffiliated, nothing else.
        QCOMPARE(allowedActions(c),
                 (QList<OccupantAction>{OccupantAction::RevokeVoice, OccupantAction::Kick}));
        c.targetAffiliation = RoomAffiliation::Member; // higher than us (§8.2)
        QVERIFY(allowedActions(c).isEmpty());
        c.selfAffiliation = RoomAffiliation::Admin;
        c.targetAffiliation = RoomAffiliation::Owner;
        c.targetRole = RoomRole::Moderator;
        QVERIFY(!isAllowed(OccupantAction::Kick, c));
        QVERIFY(!isAllowed(OccupantAction::Ban, c));
        QVERIFY(!isAllowed(OccupantAction::RevokeModerator, c)); // §9.7
        QVERIFY(!isAllowed(OccupantAction::MakeAdmin, c));       // owners only (§10.6)
        c.selfAffiliation = RoomAffiliation::Owner;
        c.targetAffiliation = RoomAffiliation::Member;
        c.targetRole = RoomRole::Participant;
        QVERIFY(isAllowed(OccupantAction::MakeAdmin, c));
        QVERIFY(isAllowed(OccupantAction::MakeOwner, c));
        QVERIFY(isAllowed(OccupantAction::Ban, c));
        c.targetJidKnown = false; // semi-anonymous room: no affiliation changes
        QVERIFY(!isAllowed(OccupantAction::Ban, c));
        QVERIFY(isAllowed(OccupantAction::Kick, c));
        c.targetIsSelf = true;
        QVERIFY(allowedActions(c).isEmpty());
    }

    void menuEntriesFollowOurStanding()
    {
        RoomFake session;
        session.rooms().addRoom(
            kMe, roomInfo(RoomState::Joined, RoomRole::Participant, RoomAffiliation::None),
            sampleOccupants());
        OccupantPanel panel(&session);
        panel.setRoom(kMe, kRoom);
        const QModelIndex andrew = rowOfNick(&panel, QStringLiteral("andrew"));
        std::unique_ptr<QMenu> menu(panel.createContextMenu(andrew, nullptr));
        QCOMPARE(actionTexts(menu.get()),
                 (QStringList{QStringLiteral("Private message"), QStringLiteral("Mention")}));

        session.rooms().setRoomInfo(
            kMe, roomInfo(RoomState::Joined, RoomRole::Moderator, RoomAffiliation::Owner));
        menu.reset(panel.createContextMenu(rowOfNick(&panel, QStringLiteral("anna")), nullptr));
        QCOMPARE(actionTexts(menu.get()),
                 (QStringList{QStringLiteral("Private message"), QStringLiteral("Mention"),
                              QStringLiteral("Revoke voice…"), QStringLiteral("Make moderator"),
                              QStringLiteral("Revoke membership…"), QStringLiteral("Make admin"),
                              QStringLiteral("Make owner"), QStringLiteral("Kick…"),
                              QStringLiteral("Ban…")}));
        // Our own row: no private message, no moderation.
        menu.reset(panel.createContextMenu(rowOfNick(&panel, QStringLiteral("sam")), nullptr));
        QCOMPARE(actionTexts(menu.get()), QStringList{QStringLiteral("Mention")});
        // Not joined: privileges do not count.
        session.rooms().setRoomInfo(
            kMe, roomInfo(RoomState::Kicked, RoomRole::Moderator, RoomAffiliation::Owner));
        menu.reset(panel.createContextMenu(rowOfNick(&panel, QStringLiteral("anna")), nullptr));
        QCOMPARE(actionTexts(menu.get()).size(), 2);
    }

    void menuActionsCallTheSession()
    {
        RoomFake session;
        session.rooms().addRoom(
            kMe, roomInfo(RoomState::Joined, RoomRole::Moderator, RoomAffiliation::Owner),
            sampleOccupants());
        OccupantPanel panel(&session);
        panel.setRoom(kMe, kRoom);
        std::optional<QString> answer = QStringLiteral("flooding");
        panel.setReasonPrompt([&](QWidget *, const QString &) { return answer; });

        std::unique_ptr<QMenu> menu(
            panel.createContextMenu(rowOfNick(&panel, QStringLiteral("andrew")), nullptr));
        actionNamed(menu.get(), QStringLiteral("Kick…"))->trigger();
        QCOMPARE(session.rooms().adminCalls.last(),
                 QStringLiteral("role %1 andrew 0 flooding").arg(kRoom));
        actionNamed(menu.get(), QStringLiteral("Ban…"))->trigger();
        // Bans name the bare JID (§9.1).
        QCOMPARE(session.rooms().adminCalls.last(),
                 QStringLiteral("aff %1 andrew@xmpp.example 1 flooding").arg(kRoom));
        actionNamed(menu.get(), QStringLiteral("Make member"))->trigger();
        QCOMPARE(session.rooms().adminCalls.last(),
                 QStringLiteral("aff %1 andrew@xmpp.example 2 ").arg(kRoom));
        menu.reset(panel.createContextMenu(rowOfNick(&panel, QStringLiteral("bob")), nullptr));
        actionNamed(menu.get(), QStringLiteral("Grant voice"))->trigger();
        QCOMPARE(session.rooms().adminCalls.last(), QStringLiteral("role %1 bob 2 ").arg(kRoom));
        // Cancelling the reason prompt cancels the action.
        answer.reset();
        const int before = int(session.rooms().adminCalls.size());
        menu.reset(panel.createContextMenu(rowOfNick(&panel, QStringLiteral("andrew")), nullptr));
        actionNamed(menu.get(), QStringLiteral("Kick…"))->trigger();
        QCOMPARE(int(session.rooms().adminCalls.size()), before);
        // A refusal is shown in plain words.
        answer = QString();
        session.rooms().adminResult =
            xmpp::Error::local(QStringLiteral("You are not allowed to do that."));
        actionNamed(menu.get(), QStringLiteral("Kick…"))->trigger();
        QVERIFY(panel.statusText().contains(QStringLiteral("You are not allowed to do that.")));
        QVERIFY(panel.statusText().contains(QStringLiteral("andrew")));
    }

    void privateMessageAndMentionFromTheList()
    {
        RoomFake session;
        session.rooms().addRoom(kMe, roomInfo(RoomState::Joined), sampleOccupants());
        MainWindow window(&session);
        window.openConversation(kMe, kRoom);
        OccupantPanel *panel = window.chatPanel()->room()->occupantPanel();
        std::unique_ptr<QMenu> menu(
            panel->createContextMenu(rowOfNick(panel, QStringLiteral("anna")), nullptr));
        actionNamed(menu.get(), QStringLiteral("Mention"))->trigger();
        QCOMPARE(window.chatPanel()->composer()->edit()->toPlainText(), QStringLiteral("anna: "));
        actionNamed(menu.get(), QStringLiteral("Private message"))->trigger();
        QCOMPARE(window.chatPanel()->peer(), kRoom + QStringLiteral("/anna"));
        QVERIFY(!window.chatPanel()->room()->isRoom()); // a PM is a 1:1 conversation
    }

    void roomMenu()
    {
        RoomFake session;
        session.rooms().addRoom(
            kMe, roomInfo(RoomState::Joined, RoomRole::Moderator, RoomAffiliation::Owner),
            sampleOccupants());
        MainWindow window(&session);
        window.openConversation(kMe, kRoom);
        RoomController *room = window.chatPanel()->room();
        QStringList answers{QStringLiteral("New subject")};
        room->setPrompt([&](const QString &, const QString &, const QString &) {
            return std::optional<QString>(answers.takeFirst());
        });
        QSignalSpy settings(&window, &MainWindow::roomSettingsRequested);
        QMenu menu;
        room->fillRoomMenu(&menu);
        QCOMPARE(actionTexts(&menu),
                 (QStringList{QStringLiteral("Change subject…"), QStringLiteral("Change nickname…"),
                              QStringLiteral("Invite…"), QStringLiteral("Room settings…"),
                              QStringLiteral("Members and bans…"), QStringLiteral("Leave room")}));
        actionNamed(&menu, QStringLiteral("Change subject…"))->trigger();
        QCOMPARE(session.lastCall(QStringLiteral("setRoomSubject"))->args.at(2),
                 QStringLiteral("New subject"));
        actionNamed(&menu, QStringLiteral("Invite…"))->trigger();
        auto *invite = window.findChild<InviteDialog *>();
        QVERIFY(invite);
        invite->jidEdit()->setText(QStringLiteral("juliet@"));
        QVERIFY(!invite->inviteButton()->isEnabled());
        invite->jidEdit()->setText(QStringLiteral("juliet@capulet.lit/balcony"));
        invite->reasonEdit()->setText(QStringLiteral("join us"));
        invite->inviteButton()->click();
        QCOMPARE(session.lastCall(QStringLiteral("inviteToRoom"))->args,
                 (QStringList{kMe, kRoom, QStringLiteral("juliet@capulet.lit"),
                              QStringLiteral("join us")}));
        actionNamed(&menu, QStringLiteral("Room settings…"))->trigger();
        QCOMPARE(settings.size(), 1);
        QVERIFY(window.findChild<RoomConfigDialog *>()); // the lead's wiring in MainWindow
        actionNamed(&menu, QStringLiteral("Members and bans…"))->trigger();
        QVERIFY(window.findChild<AffiliationsDialog *>());
        actionNamed(&menu, QStringLiteral("Leave room"))->trigger();
        QVERIFY(session.lastCall(QStringLiteral("leaveRoom")));
        // A participant sees no subject or settings entry; not joined: Join instead of Leave.
        QMenu after;
        room->fillRoomMenu(&after);
        QCOMPARE(actionTexts(&after),
                 (QStringList{QStringLiteral("Change nickname…"), QStringLiteral("Join room")}));
    }

    void nickCompletionCyclesAndLeavesTabAlone()
    {
        RoomFake session;
        session.rooms().addRoom(kMe, roomInfo(RoomState::Joined), sampleOccupants());
        session.rooms().receiveInRoom(kMe, kRoom, QStringLiteral("andrew"),
                                      QStringLiteral("hi all"));
        QWidget window;
        auto *panel = new ChatPanel(&session, &window);
        auto *after = new QPushButton(QStringLiteral("next"), &window);
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(panel);
        layout->addWidget(after);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        panel->openConversation(kMe, kRoom);
        ComposerEdit *edit = panel->composer()->edit();
        edit->setFocus();
        QVERIFY(edit->hasFocus());

        QTest::keyClicks(edit, QStringLiteral("an"));
        QTest::keyClick(edit, Qt::Key_Tab);
        // Recent speakers first, then alphabetical; at the start of the message with ": ".
        QCOMPARE(edit->toPlainText(), QStringLiteral("andrew: "));
        QTest::keyClick(edit, Qt::Key_Tab);
        QCOMPARE(edit->toPlainText(), QStringLiteral("anna: "));
        QTest::keyClick(edit, Qt::Key_Tab);
        QCOMPARE(edit->toPlainText(), QStringLiteral("andrew: "));
        QVERIFY(edit->hasFocus());
        QTest::keyClicks(edit, QStringLiteral("ask @B"));
        QTest::keyClick(edit, Qt::Key_Tab);
        QCOMPARE(edit->toPlainText(), QStringLiteral("andrew: ask bob "));
        // Our own nick is never offered; no match: Tab moves the focus on.
        QTest::keyClicks(edit, QStringLiteral("sa"));
        QTest::keyClick(edit, Qt::Key_Tab);
        QCOMPARE(edit->toPlainText(), QStringLiteral("andrew: ask bob sa"));
        QVERIFY(!edit->hasFocus()); // on to the next widget of the focus chain
        QVERIFY(QApplication::focusWidget() != nullptr);
        // An empty field: Tab is navigation too.
        edit->setFocus();
        edit->clear();
        QTest::keyClick(edit, Qt::Key_Tab);
        QVERIFY(!edit->hasFocus());
        // "@" alone offers everyone, the latest speaker first.
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("@"));
        QTest::keyClick(edit, Qt::Key_Tab);
        QCOMPARE(edit->toPlainText(), QStringLiteral("andrew: "));
        QVERIFY(edit->hasFocus());
        edit->clear();
        // 1:1 chats have no completion at all.
        panel->openConversation(kMe, QStringLiteral("anna@parla.im"));
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("an"));
        QTest::keyClick(edit, Qt::Key_Tab);
        QCOMPARE(edit->toPlainText(), QStringLiteral("an"));
        QVERIFY(!edit->hasFocus());
    }

    void invitationBannerJoinAndDecline()
    {
        RoomFake session;
        MainWindow window(&session);
        InvitationBanner *banner = window.invitationBanner();
        QVERIFY(banner->isHidden());
        RoomInvitation inv;
        inv.room = kRoom;
        inv.inviter = QStringLiteral("dmitri@xmpp.example");
        inv.reason = QStringLiteral("blitz tonight");
        inv.password = QStringLiteral("pawn");
        Q_EMIT session.rooms().invitationReceived(kMe, inv);
        RoomInvitation second = inv;
        second.room = QStringLiteral("go@conference.parla.im");
        Q_EMIT session.rooms().invitationReceived(kMe, second);
        QVERIFY(!banner->isHidden());
        QCOMPARE(banner->pendingCount(), 2);
        QVERIFY(banner->text().contains(inv.inviter));
        QVERIFY(banner->text().contains(kRoom));
        QVERIFY(banner->text().contains(inv.reason));

        banner->joinButton()->click();
        JoinRoomDialog *dialog = window.joinRoomDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->roomEdit()->text(), kRoom);
        QCOMPARE(dialog->passwordEdit()->text(), QStringLiteral("pawn"));
        QVERIFY(!session.lastCall(QStringLiteral("joinRoom"))); // only prefilled
        dialog->reject();

        banner->setReasonPrompt([](QWidget *) { return std::optional<QString>(u"busy"_qs); });
        QVERIFY(banner->text().contains(QStringLiteral("go@conference.parla.im")));
        banner->declineButton()->click();
        QCOMPARE(session.lastCall(QStringLiteral("declineInvitation"))->args,
                 (QStringList{kMe, QStringLiteral("go@conference.parla.im"), inv.inviter,
                              QStringLiteral("busy")}));
        QVERIFY(banner->isHidden());

        // A semi-anonymous room names the inviter by occupant JID (XEP-0045 §7.8.2): the
        // banner shows the nick, not room@service/nick.
        RoomInvitation viaRoom = inv;
        viaRoom.inviter = kRoom + QStringLiteral("/dmitri");
        Q_EMIT session.rooms().invitationReceived(kMe, viaRoom);
        QVERIFY(banner->text().startsWith(QStringLiteral("dmitri invites you")));
        QVERIFY(!banner->text().contains(viaRoom.inviter));
    }

    void challengeDialogAnswers()
    {
        RoomFake session;
        MainWindow window(&session);
        RoomChallenge c;
        c.room = kRoom;
        xmpp::DataFormField type;
        type.type = xmpp::DataFormField::Type::Hidden;
        type.var = QStringLiteral("FORM_TYPE");
        type.values = {QStringLiteral("urn:xmpp:captcha")};
        xmpp::DataFormField ocr;
        ocr.var = QStringLiteral("ocr");
        ocr.label = QStringLiteral("Enter the text you see");
        c.form.fields = {type, ocr};
        QImage image(120, 40, QImage::Format_RGB32);
        image.fill(Qt::white);
        QBuffer png(&c.image);
        png.open(QIODevice::WriteOnly);
        image.save(&png, "PNG");
        c.fallbackUrl = QStringLiteral("https://captcha.parla.im/solve?id=1");
        Q_EMIT session.rooms().challengeReceived(kMe, c);
        auto *dialog = window.findChild<ChallengeDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->hasImage());
        QVERIFY(dialog->fallbackLink());
        QVERIFY(!dialog->answerField(QStringLiteral("FORM_TYPE")));
        dialog->answerField(QStringLiteral("ocr"))->setText(QStringLiteral("7GJQ"));
        dialog->accept();
        QCOMPARE(session.lastCall(QStringLiteral("answerChallenge"))->args,
                 (QStringList{kMe, kRoom, QStringLiteral("FORM_TYPE=urn:xmpp:captcha"),
                              QStringLiteral("ocr=7GJQ")}));
    }

    void joinDialogValidatesAndBookmarks()
    {
        RoomFake session;
        JoinRoomDialog dialog(&session);
        QSignalSpy joined(&dialog, &JoinRoomDialog::joined);
        QCOMPARE(dialog.accountBox()->currentText(), kMe);
        QCOMPARE(dialog.nickEdit()->text(), QStringLiteral("sam")); // the account's localpart
        QVERIFY(!dialog.joinButton()->isEnabled());
        for (const char *bad : {"not a room", "conference.parla.im", "chess@conference.parla.im/x",
                                "@conference.parla.im"}) {
            dialog.roomEdit()->setText(QString::fromUtf8(bad));
            QVERIFY2(!dialog.joinButton()->isEnabled(), bad);
            QVERIFY(!dialog.problem().isEmpty());
        }
        dialog.roomEdit()->setText(kRoom);
        QVERIFY(dialog.joinButton()->isEnabled());
        dialog.nickEdit()->clear();
        QVERIFY(!dialog.joinButton()->isEnabled());
        dialog.nickEdit()->setText(QStringLiteral("Sam W"));
        dialog.passwordEdit()->setText(QStringLiteral("pawn"));
        dialog.bookmarkBox()->setChecked(true);
        dialog.joinButton()->click();
        QCOMPARE(session.lastCall(QStringLiteral("setBookmark"))->args,
                 (QStringList{kMe, kRoom, QString(), QStringLiteral("Sam W"),
                              QStringLiteral("pawn"), QStringLiteral("autojoin")}));
        QCOMPARE(session.lastCall(QStringLiteral("joinRoom"))->args,
                 (QStringList{kMe, kRoom, QStringLiteral("Sam W"), QStringLiteral("pawn")}));
        QCOMPARE(joined.size(), 1);

        // A bookmark's nick is the default for its room; unticked: no bookmark written.
        JoinRoomDialog again(&session);
        again.prefill(kMe, kRoom);
        QCOMPARE(again.nickEdit()->text(), QStringLiteral("Sam W"));
        QVERIFY(again.bookmarkBox()->isChecked());
        again.bookmarkBox()->setChecked(false);
        const int bookmarks = int(session.callNames().count(QStringLiteral("setBookmark")));
        again.joinButton()->click();
        QCOMPARE(int(session.callNames().count(QStringLiteral("setBookmark"))), bookmarks);
    }

    void joinDialogOpensTheRoom()
    {
        RoomFake session;
        MainWindow window(&session);
        JoinRoomDialog *dialog = window.showJoinRoomDialog();
        dialog->roomEdit()->setText(kRoom);
        dialog->joinButton()->click();
        QCOMPARE(window.chatPanel()->peer(), kRoom);
        QVERIFY(window.chatPanel()->room()->isRoom());
        QVERIFY(window.chatPanel()->room()->banner()->text().contains(QStringLiteral("Joining")));
    }

    void joinUriOpensTheDialogPrefilled()
    {
        RoomFake session;
        MainWindow window(&session);
        QString why;
        QVERIFY(window.openUri(QStringLiteral("xmpp:chess@conference.parla.im?join;password=pawn"),
                               &why));
        JoinRoomDialog *dialog = window.joinRoomDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->roomEdit()->text(), kRoom);
        QCOMPARE(dialog->passwordEdit()->text(), QStringLiteral("pawn"));
        QCOMPARE(dialog->accountBox()->currentText(), kMe); // the connected account
        QVERIFY(!session.lastCall(QStringLiteral("joinRoom")));
    }

    void mentionsAreHighlighted()
    {
        RoomFake session;
        session.rooms().addRoom(kMe, roomInfo(RoomState::Joined), sampleOccupants());
        // Not the first message of the day (no date chip above either row).
        session.rooms().receiveInRoom(kMe, kRoom, QStringLiteral("bob"), QStringLiteral("morning"));
        const qint64 plain = session.rooms().receiveInRoom(kMe, kRoom, QStringLiteral("anna"),
                                                           QStringLiteral("sam, your move"), false);
        const qint64 mention = session.rooms().receiveInRoom(
            kMe, kRoom, QStringLiteral("anna"), QStringLiteral("sam, your move"), true);
        test::FakeMessageModel *model = session.chats().fakeMessages(kMe, kRoom);
        MessageDelegate delegate;
        delegate.setViewWidth(500);
        auto render = [&](qint64 id, const QPalette &palette) {
            const QModelIndex i = model->indexForId(id);
            QStyleOptionViewItem option;
            option.palette = palette;
            option.font = QApplication::font();
            option.fontMetrics = QFontMetrics(option.font);
            option.rect = QRect(QPoint(0, 0), delegate.sizeHint(option, i));
            QImage img(option.rect.size(), QImage::Format_ARGB32);
            img.fill(Qt::transparent);
            QPainter p(&img);
            delegate.paint(&p, option, i);
            return img;
        };
        for (const QPalette &pal : {ThemeManager::lightPalette(), ThemeManager::darkPalette()}) {
            // Same text, same author, same time; only MessageMentionsMeRole differs.
            model->setData(model->indexForId(mention),
                           model->indexForId(plain).data(MessageTimeRole), MessageTimeRole);
            model->setData(model->indexForId(mention), true, MessageFirstInGroupRole);
            model->setData(model->indexForId(plain), true, MessageFirstInGroupRole);
            const QImage plainImg = render(plain, pal);
            const QImage mentionImg = render(mention, pal);
            QCOMPARE(plainImg.size(), mentionImg.size());
            QVERIFY(plainImg != mentionImg);
        }
        QCOMPARE(model->indexForId(mention).data(MessageSenderNickRole).toString(),
                 QStringLiteral("anna"));
    }

    void conversationListShowsRoomState()
    {
        RoomFake session;
        session.rooms().addRoom(kMe, roomInfo(RoomState::Joined), sampleOccupants());
        QAbstractItemModel *conversations = session.chats().conversationModel();
        const QModelIndex row = conversations->index(0, 0);
        QCOMPARE(row.data(ConversationKindRole).toInt(), 1);
        ConversationListDelegate delegate;
        auto render = [&] {
            QStyleOptionViewItem option;
            option.palette = ThemeManager::lightPalette();
            option.font = QApplication::font();
            option.fontMetrics = QFontMetrics(option.font);
            option.rect = QRect(QPoint(0, 0), delegate.sizeHint(option, row));
            QImage img(option.rect.size(), QImage::Format_ARGB32);
            img.fill(Qt::white);
            QPainter p(&img);
            delegate.paint(&p, option, row);
            return img;
        };
        const QImage joined = render();
        RoomInfo info = roomInfo(RoomState::Error);
        info.errorText = QStringLiteral("gone");
        session.rooms().setRoomInfo(kMe, info);
        QCOMPARE(row.data(ConversationRoomStateRole).toInt(), int(RoomState::Error));
        QVERIFY(render() != joined);
        QCOMPARE(ConversationListDelegate::roomStateText(RoomState::Kicked),
                 QStringLiteral("Removed from the room"));
        QVERIFY(ConversationListDelegate::roomStateText(RoomState::Joined).isEmpty());
    }

    void screenshots()
    {
        // The room view in both palettes, grabbed for a look (and checked to differ).
        QImage shots[2];
        for (int dark = 0; dark < 2; ++dark) {
            qApp->setPalette(dark ? ThemeManager::darkPalette() : ThemeManager::lightPalette());
            qApp->setStyleSheet(ThemeManager::styleSheet(dark));
            RoomFake session;
            RoomInfo info =
                roomInfo(RoomState::Joined, RoomRole::Moderator, RoomAffiliation::Owner);
            session.rooms().addRoom(kMe, info, sampleOccupants(), 40);
            session.rooms().receiveInRoom(kMe, kRoom, QStringLiteral("anna"),
                                          QStringLiteral("Who's bringing the clocks on Friday?"));
            session.rooms().receiveInRoom(kMe, kRoom, QStringLiteral("dmitri"),
                                          QStringLiteral("sam, can you bring yours? Mine broke."),
                                          true);
            session.rooms().receiveInRoom(kMe, kRoom, QStringLiteral("andrew"),
                                          QStringLiteral("I have two, no worries"));
            MainWindow window(&session);
            window.resize(1280, 760);
            window.show();
            window.openConversation(kMe, kRoom);
            RoomInvitation inv;
            inv.room = QStringLiteral("go@conference.parla.im");
            inv.inviter = QStringLiteral("hana@jabber.example");
            inv.reason = QStringLiteral("Tournament planning");
            Q_EMIT session.rooms().invitationReceived(kMe, inv);
            QTest::qWait(50);
            shots[dark] = window.grab().toImage();
            const QString dir = qEnvironmentVariable("PARLA_SCREENSHOT_DIR");
            if (!dir.isEmpty())
                shots[dark].save(dir + (dark ? u"/room-dark.png"_qs : u"/room-light.png"_qs));
            // A banner variant: kicked.
            RoomInfo kicked = info;
            kicked.state = RoomState::Kicked;
            kicked.errorText = QStringLiteral("by dmitri: please keep it on topic");
            session.rooms().setRoomInfo(kMe, kicked);
            QTest::qWait(20);
            if (!dir.isEmpty())
                window.grab().toImage().save(
                    dir + (dark ? u"/room-kicked-dark.png"_qs : u"/room-kicked-light.png"_qs));
            QVERIFY(!window.chatPanel()->room()->banner()->isHidden());
            JoinRoomDialog *join = window.showJoinRoomDialog(kMe, QStringLiteral("go@"));
            QTest::qWait(20);
            QVERIFY(!join->joinButton()->isEnabled());
            if (!dir.isEmpty())
                join->grab().save(dir + (dark ? u"/join-dark.png"_qs : u"/join-light.png"_qs));
            join->close();
        }
        qApp->setStyleSheet({});
        QVERIFY(!shots[0].isNull());
        QVERIFY(shots[0] != shots[1]);
    }
};

QTEST_MAIN(TestRoomUi)
#include "tst_room.moc"
