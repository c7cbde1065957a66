// SPDX-License-Identifier: GPL-3.0-or-later
// People UI over the fake session: contact details, own profile, blocklist, and the block /
// report actions of the chat header and of a stranger's subscription request.
#include "fakesession.h"

#include "ui/blocklistdialog.h"
#include "ui/chatpanel.h"
#include "ui/contactdetailsdialog.h"
#include "ui/profiledialog.h"
#include "ui/subscriptionbanner.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace parla;
using namespace parla::ui;
using parla::test::FakeSession;

namespace {
const QString kMe = QStringLiteral("sam@parla.im");
const QString kAnna = QStringLiteral("anna@parla.im");
} // namespace

class TestPeopleUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void contactDetailsShowsProfileAndResources()
    {
        FakeSession session;
        ContactDetails d;
        d.profile.fullName = QStringLiteral("Anna Berg");
        d.profile.email = QStringLiteral("anna@example.org");
        d.resources.append({QStringLiteral("phone"),
                            QStringLiteral("Conversations"),
                            QStringLiteral("2.16"),
                            {},
                            QDateTime::currentDateTimeUtc().toOffsetFromUtc(7200),
                            600});
        d.resources.append({QStringLiteral("laptop"), {}, {}, {}, {}, -1});
        session.people().details.insert(kAnna, d);
        session.people().avatars.insert(kAnna, QImage(64, 64, QImage::Format_RGB32));

        ContactDetailsDialog dialog(&session, kMe, kAnna);
        QCOMPARE(session.lastCall(QStringLiteral("fetchContactDetails"))->args,
                 (QStringList{kMe, kAnna}));
        QCOMPARE(dialog.fieldText(QStringLiteral("fullName")), u"Anna Berg"_qs);
        QCOMPARE(dialog.fieldText(QStringLiteral("email")), u"anna@example.org"_qs);
        QTreeWidget *list = dialog.resourceList();
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(0), u"phone"_qs);
        QCOMPARE(list->topLevelItem(0)->text(1), u"Conversations"_qs);
        QCOMPARE(list->topLevelItem(0)->text(2), u"2.16"_qs);
        QCOMPARE(list->topLevelItem(0)->text(5), ContactDetailsDialog::durationText(600));
        QCOMPARE(list->topLevelItem(1)->text(1), u"—"_qs); // did not answer

        // Block from the dialog; the button becomes Unblock with the list.
        QCOMPARE(dialog.blockButton()->text(), u"Block"_qs);
        dialog.blockButton()->click();
        QCOMPARE(session.lastCall(QStringLiteral("block"))->args, (QStringList{kMe, kAnna, {}}));
        QCOMPARE(dialog.blockButton()->text(), u"Unblock"_qs);
        dialog.blockButton()->click();
        QVERIFY(session.lastCall(QStringLiteral("unblock")));
    }

    void contactDetailsOfflineShowsLastSeen()
    {
        FakeSession session;
        ContactDetails d;
        d.lastSeenSecondsAgo = 3 * 3600;
        session.people().details.insert(kAnna, d);
        ContactDetailsDialog dialog(&session, kMe, kAnna);
        QVERIFY(
            dialog.lastSeenLabel()->text().contains(ContactDetailsDialog::durationText(3 * 3600)));
    }

    void profileDialogLoadsEditsAndPublishes()
    {
        FakeSession session;
        Profile mine;
        mine.fullName = QStringLiteral("Sam Weber");
        mine.nickname = QStringLiteral("sam");
        session.people().profiles.insert(kMe, mine);
        session.people().reveal = RevealSettings{true, false, true, true};

        ProfileDialog dialog(&session, kMe);
        QCOMPARE(dialog.field(QStringLiteral("fullName"))->text(), u"Sam Weber"_qs);
        QCOMPARE(dialog.field(QStringLiteral("nickname"))->text(), u"sam"_qs);
        QVERIFY(dialog.revealVersion()->isChecked());
        QVERIFY(!dialog.revealOs()->isChecked());

        dialog.field(QStringLiteral("email"))->setText(QStringLiteral("sam@example.org"));
        dialog.noteEdit()->setPlainText(QStringLiteral("Hello"));
        dialog.revealIdle()->setChecked(false);
        dialog.revealTime()->setChecked(false);
        QImage picture(500, 300, QImage::Format_RGB32);
        picture.fill(Qt::green);
        dialog.setAvatarImage(picture);
        dialog.saveButton()->click();

        QCOMPARE(session.lastCall(QStringLiteral("setRevealSettings"))->args,
                 (QStringList{u"1"_qs, u"0"_qs, u"0"_qs, u"0"_qs}));
        QCOMPARE(session.people().lastPublishedAvatar.size(), picture.size());
        const auto published = session.lastCall(QStringLiteral("publishProfile"));
        QVERIFY(published);
        QCOMPARE(published->args,
                 (QStringList{
                     kMe, u"Sam Weber"_qs, u"sam"_qs, u"sam@example.org"_qs, {}, {}, u"Hello"_qs}));
        // The avatar goes first (the profile keeps the vCard photo it set).
        QVERIFY(session.callNames().indexOf(u"publishAvatar"_qs) <
                session.callNames().indexOf(u"publishProfile"_qs));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void blocklistDialogListsAddsAndRemoves()
    {
        FakeSession session;
        session.people().blocklists.insert(kMe, {u"spam@bad.example"_qs});
        BlocklistDialog dialog(&session, kMe);
        QCOMPARE(dialog.list()->count(), 1);
        dialog.addressEdit()->setText(QStringLiteral("  troll@bad.example "));
        dialog.blockButton()->click();
        QCOMPARE(session.lastCall(QStringLiteral("block"))->args,
                 (QStringList{kMe, u"troll@bad.example"_qs, {}}));
        QCOMPARE(dialog.list()->count(), 2);
        QVERIFY(!dialog.unblockButton()->isEnabled());
        dialog.list()->item(0)->setSelected(true);
        QVERIFY(dialog.unblockButton()->isEnabled());
        dialog.unblockButton()->click();
        QCOMPARE(session.lastCall(QStringLiteral("unblock"))->args,
                 (QStringList{kMe, u"spam@bad.example"_qs}));
        QCOMPARE(dialog.list()->count(), 1);
        QCOMPARE(dialog.list()->item(0)->text(), u"troll@bad.example"_qs);
    }

    void chatHeaderBlockAndReport()
    {
        FakeSession session;
        ChatPanel panel(&session);
        panel.openConversation(kMe, kAnna);
        QMenu *menu = panel.peopleMenuButton()->menu();
        QVERIFY(menu);
        auto action = [&](const char *name) {
            return menu->findChild<QAction *>(QString::fromLatin1(name));
        };
        QVERIFY(action("block") && action("reportSpam") && action("contactDetails"));
        action("block")->trigger();
        QCOMPARE(session.lastCall(QStringLiteral("block"))->args, (QStringList{kMe, kAnna, {}}));
        Q_EMIT menu->aboutToShow();
        QCOMPARE(action("block")->text(), u"Unblock"_qs);
        action("block")->trigger();
        QCOMPARE(session.lastCall(QStringLiteral("unblock"))->args, (QStringList{kMe, kAnna}));
        action("reportSpam")->trigger();
        QCOMPARE(session.lastCall(QStringLiteral("block"))->args,
                 (QStringList{kMe, kAnna, u"spam"_qs}));
        // Details opens the dialog for this contact.
        action("contactDetails")->trigger();
        QCOMPARE(session.lastCall(QStringLiteral("fetchContactDetails"))->args,
                 (QStringList{kMe, kAnna}));
        qDeleteAll(panel.window()->findChildren<ContactDetailsDialog *>());
    }

    void strangerRequestBlockedOrReported()
    {
        FakeSession session; // tobias@ and ursula@ ask to see our presence
        SubscriptionBanner banner(&session);
        QVERIFY(banner.pendingCount() >= 1);
        QVERIFY(banner.blockButton() && banner.reportButton());
        banner.reportButton()->click();
        const auto report = session.lastCall(QStringLiteral("block"));
        QVERIFY(report);
        QCOMPARE(report->args.value(2), u"spam"_qs);
        const QString stranger = report->args.value(1);
        // Declined as well, so the request does not stay open.
        const auto answer = session.lastCall(QStringLiteral("answerSubscription"));
        QVERIFY(answer);
        QVERIFY(answer->args.contains(stranger));
        banner.blockButton()->click();
        QCOMPARE(session.lastCall(QStringLiteral("block"))->args.value(2), QString());
    }
};

QTEST_MAIN(TestPeopleUi)
#include "tst_people.moc"
