// SPDX-License-Identifier: GPL-3.0-or-later
// Room administration dialogs over the fake session: the calls they make (with the right
// arguments), what they show when the server refuses, and the confirmation before destroying.
#include "fakesession.h"

#include "ui/affiliationsdialog.h"
#include "ui/createroomdialog.h"
#include "ui/dataformwidget.h"
#include "ui/roomconfigdialog.h"
#include "ui/roomdirectorydialog.h"
#include "ui/statuslabel.h"
#include "ui/thememanager.h"

#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace parla;
using namespace parla::ui;
using parla::test::FakeSession;

namespace {
const QString kMe = QStringLiteral("sam@parla.im");
const QString kRoom = QStringLiteral("club@conference.example.org");
const QString kService = QStringLiteral("conference.example.org");
const QString kRoomName = QStringLiteral("muc#roomconfig_roomname");

/// For looking at the dialogs: PARLA_SCREENSHOT_DIR=/tmp ctest -R roomadmin
void screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("PARLA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    w->show();
    if (QTest::qWaitForWindowExposed(w))
        w->grab().save(QStringLiteral("%1/%2.png").arg(dir, name));
}

/// Every input a person can reach has a name a screen reader can say (buttons: their text).
void checkAccessibleNames(QWidget *dialog)
{
    const QList<QWidget *> widgets = dialog->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        bool insideCombo = false;
        for (QWidget *p = w->parentWidget(); p && p != dialog; p = p->parentWidget())
            insideCombo = insideCombo || qobject_cast<QComboBox *>(p);
        // Headers and tab bars are named by their items; a combo's edit and popup by the combo.
        if (w->focusPolicy() == Qt::NoFocus || insideCombo || qobject_cast<QHeaderView *>(w) ||
            qobject_cast<QTabBar *>(w))
            continue;
        if (auto *b = qobject_cast<QAbstractButton *>(w)) {
            QVERIFY2(!b->text().isEmpty() || !b->accessibleName().isEmpty(),
                     qPrintable(b->objectName()));
            continue;
        }
        if (qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) ||
            qobject_cast<QAbstractItemView *>(w) || qobject_cast<QPlainTextEdit *>(w) ||
            qobject_cast<QTabWidget *>(w)) {
            QVERIFY2(!w->accessibleName().isEmpty(),
                     qPrintable(QStringLiteral("%1 %2").arg(
                         QString::fromLatin1(w->metaObject()->className()), w->objectName())));
        }
    }
}

xmpp::Error refusal(const QString &text)
{
    return xmpp::Error::local(text);
}

RoomListing listing(const QString &room, const QString &name, int occupants,
                    const QString &description = {}, bool password = false)
{
    RoomListing l;
    l.room = room;
    l.name = name;
    l.occupants = occupants;
    l.description = description;
    l.passwordProtected = password;
    return l;
}
} // namespace

class TestRoomAdmin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyInputHasAnAccessibleName()
    {
        FakeSession s;
        RoomConfigDialog config(&s, kMe, kRoom);
        checkAccessibleNames(&config);
        config.destroyButton()->click();
        checkAccessibleNames(config.destroyConfirmation());
        CreateRoomDialog create(&s, kMe);
        checkAccessibleNames(&create);
        RoomDirectoryDialog directory(&s, kMe);
        checkAccessibleNames(&directory);
        AffiliationsDialog affiliations(&s, kMe, kRoom);
        checkAccessibleNames(&affiliations);
    }

    // --- RoomConfigDialog ---------------------------------------------------------------

    void configDialogLoadsEditsAndSaves()
    {
        FakeSession s;
        RoomConfigDialog d(&s, kMe, kRoom);
        QCOMPARE(s.lastCall(QStringLiteral("roomConfiguration"))->args, (QStringList{kMe, kRoom}));
        auto *name = qobject_cast<QLineEdit *>(d.formWidget()->editorFor(kRoomName));
        QVERIFY(name);
        QCOMPARE(name->text(), QStringLiteral("club"));
        QVERIFY(d.saveButton()->isEnabled());
        name->clear();
        QTest::keyClicks(name, QStringLiteral("Book club"));
        QSignalSpy saved(&d, &RoomConfigDialog::configurationSaved);
        d.saveButton()->click();
        QCOMPARE(s.lastCall(QStringLiteral("submitRoomConfiguration"))->args,
                 (QStringList{kMe, kRoom}));
        const xmpp::DataForm sent = s.rooms().lastSubmittedRoomConfig;
        QCOMPARE(sent.type, xmpp::DataForm::Type::Submit);
        QCOMPARE(sent.formType(), QStringLiteral("http://jabber.org/protocol/muc#roomconfig"));
        QCOMPARE(sent.field(kRoomName)->values, QStringList{QStringLiteral("Book club")});
        QCOMPARE(sent.field(u"muc#roomconfig_whois")->values,
                 QStringList{QStringLiteral("moderators")});
        QCOMPARE(saved.count(), 1);
        QCOMPARE(d.result(), int(QDialog::Accepted));
    }

    void configDialogFitsProsodyFormInItsWidth()
    {
        // Light and dark, with Parla's style sheet: Prosody's long labels and help texts wrap
        // inside the dialog instead of widening it, and the long form scrolls vertically.
        ThemeManager theme(qApp);
        for (const auto mode : {ThemeManager::Mode::Light, ThemeManager::Mode::Dark}) {
            theme.setMode(mode);
            FakeSession s;
            RoomConfigDialog d(&s, kMe, kRoom);
            d.resize(560, 640);
            d.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d));
            auto *scroll = d.formWidget()->findChild<QScrollArea *>();
            QVERIFY(scroll);
            QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
            QCOMPARE(scroll->horizontalScrollBar()->maximum(), 0);
            const int width = scroll->viewport()->width();
            for (QWidget *w : scroll->widget()->findChildren<QWidget *>()) {
                if (w->isVisibleTo(scroll->widget()) && w->parentWidget() == scroll->widget())
                    QVERIFY2(w->geometry().right() <= width, qPrintable(w->objectName()));
            }
            // For looking at it: PARLA_SCREENSHOT_DIR=/tmp ctest -R roomadmin
            const QString dir = qEnvironmentVariable("PARLA_SCREENSHOT_DIR");
            if (!dir.isEmpty()) {
                const QString shade = theme.isDark() ? u"dark"_qs : u"light"_qs;
                d.grab().save(QStringLiteral("%1/roomconfig-%2.png").arg(dir, shade));
                scroll->widget()->grab().save(
                    QStringLiteral("%1/roomconfig-%2-full.png").arg(dir, shade));
            }
        }
    }

    void configDialogShowsLoadFailure()
    {
        FakeSession s;
        s.rooms().roomAdminFailures.insert(QStringLiteral("roomConfiguration"),
                                           refusal(QStringLiteral("Only owners may do this.")));
        RoomConfigDialog d(&s, kMe, kRoom);
        QVERIFY(d.statusLabel()->isError());
        QVERIFY(d.statusLabel()->text().contains(QStringLiteral("Only owners may do this.")));
        QVERIFY(!d.saveButton()->isEnabled());
    }

    void configDialogShowsRefusedSubmit()
    {
        FakeSession s;
        s.rooms().roomAdminFailures.insert(
            QStringLiteral("submitRoomConfiguration"),
            refusal(QStringLiteral("The history length is too long.")));
        RoomConfigDialog d(&s, kMe, kRoom);
        d.saveButton()->click();
        QVERIFY(s.callNames().contains(QStringLiteral("submitRoomConfiguration")));
        QVERIFY(d.statusLabel()->isError());
        QVERIFY(d.statusLabel()->text().contains(QStringLiteral("too long")));
        QVERIFY(d.saveButton()->isEnabled()); // fix and try again
        QCOMPARE(d.result(), int(QDialog::Rejected));
    }

    void configDialogDoesNotSendAnInvalidForm()
    {
        FakeSession s;
        xmpp::DataForm form = test::FakeRooms::sampleRoomConfig(kRoom);
        form.field(kRoomName)->required = true;
        form.field(kRoomName)->values.clear();
        s.rooms().roomConfigs.insert(kRoom, form);
        RoomConfigDialog d(&s, kMe, kRoom);
        d.saveButton()->click();
        QVERIFY(!s.callNames().contains(QStringLiteral("submitRoomConfiguration")));
        QVERIFY(d.statusLabel()->isError());
        QVERIFY(!d.formWidget()->problemLabelFor(kRoomName)->isHidden());
    }

    void destroyAsksFirstAndSendsTheReason()
    {
        FakeSession s;
        RoomConfigDialog d(&s, kMe, kRoom);
        QSignalSpy destroyed(&d, &RoomConfigDialog::roomDestroyed);
        // Cancelling the confirmation destroys nothing.
        d.destroyButton()->click();
        QVERIFY(d.destroyConfirmation());
        d.destroyConfirmation()->reject();
        QTRY_VERIFY(!d.destroyConfirmation());
        QVERIFY(!s.callNames().contains(QStringLiteral("destroyRoom")));

        d.destroyButton()->click();
        QDialog *confirm = d.destroyConfirmation();
        QVERIFY(confirm);
        QTest::keyClicks(confirm->findChild<QLineEdit *>(QStringLiteral("reasonEdit")),
                         QStringLiteral("Moved to club2"));
        confirm->findChild<QPushButton *>(QStringLiteral("confirmDestroy"))->click();
        QCOMPARE(s.lastCall(QStringLiteral("destroyRoom"))->args,
                 (QStringList{kMe, kRoom, QStringLiteral("Moved to club2")}));
        QCOMPARE(destroyed.count(), 1);
        QCOMPARE(d.result(), int(QDialog::Accepted));
    }

    void destroyFailureIsShown()
    {
        FakeSession s;
        s.rooms().roomAdminFailures.insert(QStringLiteral("destroyRoom"),
                                           refusal(QStringLiteral("You are not an owner.")));
        RoomConfigDialog d(&s, kMe, kRoom);
        d.destroyButton()->click();
        d.destroyConfirmation()
            ->findChild<QPushButton *>(QStringLiteral("confirmDestroy"))
            ->click();
        QVERIFY(d.statusLabel()->isError());
        QVERIFY(d.statusLabel()->text().contains(QStringLiteral("You are not an owner.")));
        QVERIFY(d.destroyButton()->isEnabled());
        QVERIFY(d.saveButton()->isEnabled());
    }

    // --- CreateRoomDialog ---------------------------------------------------------------

    void suggestsLocalparts()
    {
        QCOMPARE(CreateRoomDialog::suggestLocalpart(QStringLiteral("Book Club!")),
                 QStringLiteral("book-club"));
        QCOMPARE(CreateRoomDialog::suggestLocalpart(QStringLiteral("  Café  Crème -- ")),
                 QStringLiteral("cafe-creme"));
        QCOMPARE(CreateRoomDialog::suggestLocalpart(QStringLiteral("@/\"")), QString());
        QCOMPARE(CreateRoomDialog::suggestLocalpart(QString(100, u'a')).size(), 64);
    }

    void createsWithPresetAndNamesTheRoom()
    {
        FakeSession s;
        CreateRoomDialog d(&s, kMe);
        QCOMPARE(s.lastCall(QStringLiteral("mucServices"))->args, QStringList{kMe});
        QCOMPARE(d.serviceBox()->currentText(), kService);
        QCOMPARE(d.nickEdit()->text(), QStringLiteral("sam"));
        QVERIFY(!d.createButton()->isEnabled()); // no name yet
        QTest::keyClicks(d.nameEdit(), QStringLiteral("Book Club!"));
        QCOMPARE(d.localpartEdit()->text(), QStringLiteral("book-club"));
        QCOMPARE(d.roomAddress(), QStringLiteral("book-club@conference.example.org"));
        QVERIFY(d.createButton()->isEnabled());
        d.findChild<QRadioButton *>(
             QStringLiteral("preset%1").arg(static_cast<int>(RoomPreset::PrivateGroup)))
            ->click();
        QCOMPARE(d.preset(), RoomPreset::PrivateGroup);

        screenshot(&d, QStringLiteral("createroom"));
        QSignalSpy created(&d, &CreateRoomDialog::roomCreated);
        d.createButton()->click();
        const QString room = QStringLiteral("book-club@conference.example.org");
        QCOMPARE(s.lastCall(QStringLiteral("createRoom"))->args,
                 (QStringList{kMe, room, QStringLiteral("sam"),
                              QString::number(static_cast<int>(RoomPreset::PrivateGroup))}));
        QCOMPARE(created.count(), 1);
        QCOMPARE(created.first(), (QVariantList{kMe, room}));
        // The name differs from the address: set through the configuration, nothing else.
        QCOMPARE(s.lastCall(QStringLiteral("submitRoomConfiguration"))->args,
                 (QStringList{kMe, room}));
        QCOMPARE(s.rooms().lastSubmittedRoomConfig.field(kRoomName)->values,
                 QStringList{QStringLiteral("Book Club!")});
        QCOMPARE(d.result(), int(QDialog::Accepted));
    }

    void customOpensTheConfiguration()
    {
        FakeSession s;
        QWidget parent;
        CreateRoomDialog d(&s, kMe, &parent);
        QTest::keyClicks(d.nameEdit(), QStringLiteral("Secret Lab"));
        d.localpartEdit()->clear();
        QTest::keyClicks(d.localpartEdit(), QStringLiteral("lab"));
        d.nickEdit()->clear();
        QTest::keyClicks(d.nickEdit(), QStringLiteral("Sam W"));
        d.setPreset(RoomPreset::Custom);
        d.createButton()->click();
        QCOMPARE(
            s.lastCall(QStringLiteral("createRoom"))->args,
            (QStringList{kMe, QStringLiteral("lab@conference.example.org"), QStringLiteral("Sam W"),
                         QString::number(static_cast<int>(RoomPreset::Custom))}));
        RoomConfigDialog *config = d.configDialog();
        QVERIFY(config);
        QCOMPARE(config->parentWidget(), &parent);
        auto *name = qobject_cast<QLineEdit *>(config->formWidget()->editorFor(kRoomName));
        QCOMPARE(name->text(), QStringLiteral("Secret Lab")); // pre-filled, not yet sent
        QVERIFY(!s.callNames().contains(QStringLiteral("submitRoomConfiguration")));
        config->saveButton()->click();
        QCOMPARE(s.rooms().lastSubmittedRoomConfig.field(kRoomName)->values,
                 QStringList{QStringLiteral("Secret Lab")});
    }

    void cancellingTheFirstConfigurationCancelsTheRoom()
    {
        FakeSession s;
        QWidget parent;
        CreateRoomDialog d(&s, kMe, &parent);
        d.localpartEdit()->clear();
        QTest::keyClicks(d.localpartEdit(), QStringLiteral("lab"));
        d.setPreset(RoomPreset::Custom);
        d.createButton()->click();
        QPointer<RoomConfigDialog> config = d.configDialog();
        QVERIFY(config);
        QVERIFY(!s.callNames().contains(QStringLiteral("cancelRoomConfiguration")));
        config->reject(); // Cancel, Escape or the window's close button
        const auto call = s.lastCall(QStringLiteral("cancelRoomConfiguration"));
        QVERIFY(call);
        QCOMPARE(call->args, (QStringList{kMe, QStringLiteral("lab@conference.example.org")}));
        QVERIFY(!s.callNames().contains(QStringLiteral("submitRoomConfiguration")));

        // The settings of an existing room: closing them cancels nothing.
        FakeSession other;
        RoomConfigDialog settings(&other, kMe, kRoom);
        settings.reject();
        QVERIFY(!other.callNames().contains(QStringLiteral("cancelRoomConfiguration")));
    }

    void createFailureIsShown()
    {
        FakeSession s;
        s.rooms().roomAdminFailures.insert(QStringLiteral("createRoom"),
                                           refusal(QStringLiteral("The room already exists.")));
        CreateRoomDialog d(&s, kMe);
        QTest::keyClicks(d.nameEdit(), QStringLiteral("club"));
        d.createButton()->click();
        QVERIFY(d.statusLabel()->isError());
        QVERIFY(d.statusLabel()->text().contains(QStringLiteral("already exists")));
        QVERIFY(d.createButton()->isEnabled());
        QCOMPARE(d.result(), int(QDialog::Rejected));
    }

    void badAddressesAndMissingServicesAreExplained()
    {
        FakeSession s;
        s.rooms().mucServiceList.clear();
        CreateRoomDialog d(&s, kMe);
        QVERIFY(d.statusLabel()->isError()); // no service: said so, and one may be typed
        QTest::keyClicks(d.localpartEdit(), QStringLiteral("club"));
        QVERIFY(!d.createButton()->isEnabled());
        d.serviceBox()->setEditText(QStringLiteral("muc.other.example"));
        QVERIFY(d.createButton()->isEnabled());
        d.localpartEdit()->setText(QStringLiteral("a@b"));
        Q_EMIT d.localpartEdit()->textEdited(d.localpartEdit()->text());
        QVERIFY(!d.createButton()->isEnabled());
        d.createButton()->click();
        QVERIFY(!s.callNames().contains(QStringLiteral("createRoom")));
    }

    // --- RoomDirectoryDialog ------------------------------------------------------------

    void directoryListsFiltersAndJoins()
    {
        FakeSession s;
        s.rooms().roomDirectories.insert(
            kService, {listing(QStringLiteral("books@conference.example.org"),
                               QStringLiteral("Book club"), 12, QStringLiteral("We read")),
                       listing(QStringLiteral("secret@conference.example.org"),
                               QStringLiteral("Secret"), 3, {}, true),
                       listing(QStringLiteral("busy@conference.example.org"), {}, 2000,
                               QStringLiteral("Everyone"))});
        RoomDirectoryDialog d(&s, kMe);
        QCOMPARE(s.lastCall(QStringLiteral("roomDirectory"))->args, (QStringList{kMe, kService}));
        QSortFilterProxyModel *rooms = d.rooms();
        QCOMPARE(rooms->rowCount(), 3);
        // Busiest first; a nameless room shows its localpart.
        QCOMPARE(rooms->index(0, RoomDirectoryDialog::NameColumn).data().toString(),
                 QStringLiteral("busy"));
        QCOMPARE(rooms->index(0, RoomDirectoryDialog::OccupantsColumn).data().toString(),
                 QStringLiteral("2000"));
        const QModelIndex secret = rooms->index(2, RoomDirectoryDialog::NameColumn);
        QCOMPARE(secret.data().toString(), QStringLiteral("Secret"));
        QVERIFY(!secret.data(Qt::DecorationRole).value<QIcon>().isNull()); // the lock
        QVERIFY(secret.data(Qt::ToolTipRole).toString().contains(QStringLiteral("password")));
        QVERIFY(rooms->index(1, 0).data(Qt::DecorationRole).isNull());

        screenshot(&d, QStringLiteral("roomdirectory"));
        QTest::keyClicks(d.filterEdit(), QStringLiteral("READ"));
        QCOMPARE(rooms->rowCount(), 1); // matched in the description
        QCOMPARE(rooms->index(0, RoomDirectoryDialog::AddressColumn).data().toString(),
                 QStringLiteral("books@conference.example.org"));
        QSignalSpy join(&d, &RoomDirectoryDialog::joinRequested);
        d.view()->setCurrentIndex(rooms->index(0, 0));
        QVERIFY(d.joinButton()->isEnabled());
        d.joinButton()->click();
        QCOMPARE(join.count(), 1);
        QCOMPARE(join.first(), (QVariantList{kMe, QStringLiteral("books@conference.example.org")}));
    }

    void directoryOfAnotherServiceAndErrors()
    {
        FakeSession s;
        const QString other = QStringLiteral("muc.other.example");
        s.rooms().roomAdminFailures.insert(
            QStringLiteral("roomDirectory"),
            refusal(QStringLiteral("The service is not reachable.")));
        RoomDirectoryDialog d(&s, kMe);
        QVERIFY(d.statusLabel()->isError());
        QVERIFY(d.statusLabel()->text().contains(QStringLiteral("not reachable")));
        QVERIFY(!d.joinButton()->isEnabled());

        s.rooms().roomAdminFailures.clear();
        s.rooms().roomDirectories.insert(
            other, {listing(QStringLiteral("x@muc.other.example"), QStringLiteral("X"), -1)});
        d.serviceBox()->setEditText(other);
        QTest::keyClick(d.serviceBox()->lineEdit(), Qt::Key_Return);
        QCOMPARE(s.lastCall(QStringLiteral("roomDirectory"))->args, (QStringList{kMe, other}));
        QCOMPARE(d.rooms()->rowCount(), 1);
        QVERIFY(!d.statusLabel()->isError());
        // Unknown occupant counts stay blank rather than showing -1.
        QCOMPARE(d.rooms()->index(0, RoomDirectoryDialog::OccupantsColumn).data().toString(),
                 QString());
    }

    // --- AffiliationsDialog -------------------------------------------------------------

    void affiliationsListAddAndRemove()
    {
        FakeSession s;
        s.rooms().affiliations.insert(
            kRoom, {AffiliationEntry{kMe, RoomAffiliation::Owner, QStringLiteral("sam"), {}},
                    AffiliationEntry{QStringLiteral("anna@parla.im"),
                                     RoomAffiliation::Member,
                                     QStringLiteral("anna"),
                                     {}},
                    AffiliationEntry{QStringLiteral("troll@spam.example"),
                                     RoomAffiliation::Outcast,
                                     {},
                                     QStringLiteral("Spam")}});
        AffiliationsDialog d(&s, kMe, kRoom);
        // Only the tab shown is fetched.
        QCOMPARE(s.callNames().count(QStringLiteral("affiliationList")), 1);
        QCOMPARE(s.lastCall(QStringLiteral("affiliationList"))->args,
                 (QStringList{kMe, kRoom, QStringLiteral("owner")}));
        QCOMPARE(d.listOf(RoomAffiliation::Owner)->topLevelItemCount(), 1);

        d.showAffiliation(RoomAffiliation::Member);
        QCOMPARE(s.lastCall(QStringLiteral("affiliationList"))->args,
                 (QStringList{kMe, kRoom, QStringLiteral("member")}));
        QTreeWidget *members = d.listOf(RoomAffiliation::Member);
        QCOMPARE(members->topLevelItemCount(), 1);
        QCOMPARE(members->topLevelItem(0)->text(1), QStringLiteral("anna"));

        QLineEdit *address = d.addressEditOf(RoomAffiliation::Member);
        QTest::keyClicks(address, QStringLiteral("not valid@"));
        QVERIFY(!d.addButtonOf(RoomAffiliation::Member)->isEnabled());
        address->clear();
        QTest::keyClicks(address, QStringLiteral("Bob@Parla.im"));
        QVERIFY(d.addButtonOf(RoomAffiliation::Member)->isEnabled());
        QSignalSpy changed(&d, &AffiliationsDialog::affiliationChanged);
        d.addButtonOf(RoomAffiliation::Member)->click();
        QCOMPARE(s.lastCall(QStringLiteral("setAffiliation"))->args,
                 (QStringList{kMe, kRoom, QStringLiteral("bob@parla.im"), QStringLiteral("member"),
                              QString()}));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(members->topLevelItemCount(), 2); // fetched again from the server
        screenshot(&d, QStringLiteral("affiliations"));
        QVERIFY(address->text().isEmpty());

        members->topLevelItem(0)->setSelected(true); // sorted: anna first
        QVERIFY(d.removeButtonOf(RoomAffiliation::Member)->isEnabled());
        d.removeButtonOf(RoomAffiliation::Member)->click();
        QCOMPARE(s.lastCall(QStringLiteral("setAffiliation"))->args,
                 (QStringList{kMe, kRoom, QStringLiteral("anna@parla.im"), QStringLiteral("none"),
                              QString()}));
        QCOMPARE(members->topLevelItemCount(), 1);
        QCOMPARE(members->topLevelItem(0)->text(0), QStringLiteral("bob@parla.im"));
    }

    void removingSeveralAtOnce()
    {
        FakeSession s;
        for (const char *who : {"a@x.example", "b@x.example", "c@x.example"}) {
            s.rooms().affiliations[kRoom]
                << AffiliationEntry{QString::fromLatin1(who), RoomAffiliation::Admin, {}, {}};
        }
        AffiliationsDialog d(&s, kMe, kRoom);
        d.showAffiliation(RoomAffiliation::Admin);
        QTreeWidget *admins = d.listOf(RoomAffiliation::Admin);
        QCOMPARE(admins->topLevelItemCount(), 3);
        admins->topLevelItem(0)->setSelected(true);
        admins->topLevelItem(2)->setSelected(true);
        d.removeButtonOf(RoomAffiliation::Admin)->click();
        QStringList removed;
        for (const FakeSession::Call &c : s.calls) {
            if (c.name == QLatin1String("setAffiliation"))
                removed << c.args.value(2) + u' ' + c.args.value(3);
        }
        QCOMPARE(removed, (QStringList{QStringLiteral("a@x.example none"),
                                       QStringLiteral("c@x.example none")}));
        QCOMPARE(admins->topLevelItemCount(), 1);
        QCOMPARE(admins->topLevelItem(0)->text(0), QStringLiteral("b@x.example"));
    }

    void banWithReason()
    {
        FakeSession s;
        AffiliationsDialog d(&s, kMe, kRoom);
        d.showAffiliation(RoomAffiliation::Outcast);
        QVERIFY(d.reasonEditOf(RoomAffiliation::Outcast));
        QVERIFY(!d.reasonEditOf(RoomAffiliation::Member));
        QTest::keyClicks(d.addressEditOf(RoomAffiliation::Outcast),
                         QStringLiteral("troll@spam.example"));
        QTest::keyClicks(d.reasonEditOf(RoomAffiliation::Outcast), QStringLiteral("Flooding"));
        QTest::keyClick(d.reasonEditOf(RoomAffiliation::Outcast), Qt::Key_Return);
        QCOMPARE(s.lastCall(QStringLiteral("setAffiliation"))->args,
                 (QStringList{kMe, kRoom, QStringLiteral("troll@spam.example"),
                              QStringLiteral("outcast"), QStringLiteral("Flooding")}));
        QTreeWidget *banned = d.listOf(RoomAffiliation::Outcast);
        QCOMPARE(banned->topLevelItemCount(), 1);
        QCOMPARE(banned->topLevelItem(0)->text(1), QStringLiteral("Flooding"));
    }

    void affiliationErrorsAreShown()
    {
        FakeSession s;
        s.rooms().roomAdminFailures.insert(
            QStringLiteral("affiliationList"),
            refusal(QStringLiteral("You are not allowed to see this.")));
        AffiliationsDialog d(&s, kMe, kRoom);
        QVERIFY(d.statusLabel()->isError());
        QVERIFY(d.statusLabel()->text().contains(QStringLiteral("not allowed")));

        s.rooms().roomAdminFailures.clear();
        s.rooms().roomAdminFailures.insert(QStringLiteral("setAffiliation"),
                                           refusal(QStringLiteral("Owners cannot be banned.")));
        d.showAffiliation(RoomAffiliation::Outcast);
        QTest::keyClicks(d.addressEditOf(RoomAffiliation::Outcast), QStringLiteral("x@y.example"));
        d.addButtonOf(RoomAffiliation::Outcast)->click();
        QVERIFY(d.statusLabel()->isError());
        QVERIFY(d.statusLabel()->text().contains(QStringLiteral("Owners cannot be banned.")));
        // What was typed stays, to correct and retry.
        QCOMPARE(d.addressEditOf(RoomAffiliation::Outcast)->text(), QStringLiteral("x@y.example"));
    }
};

QTEST_MAIN(TestRoomAdmin)
#include "tst_roomadmin.moc"
