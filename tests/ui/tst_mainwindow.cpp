// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakesession.h"

#include "ui/certificatedialog.h"
#include "ui/chatpanel.h"
#include "ui/mainwindow.h"
#include "ui/profilebackup.h"
#include "ui/sidebar.h"
#include "ui/storagebanner.h"
#include "ui/theme.h"
#include "ui/thememanager.h"
#include "ui/trayicon.h"
#include "ui/xmlconsole.h"

#include "core/models/roles.h"

#include <QApplication>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::models;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storageFailuresAreShownUntilDismissed()
    {
        test::FakeSession session;
        ui::MainWindow window(&session);
        window.show();
        ui::StorageBanner *banner = window.storageBanner();
        QVERIFY(banner->isHidden());
        const QString account = QStringLiteral("me@xmpp.example");
        const QString what = QStringLiteral("save the message you wrote");
        const QString disk = QStringLiteral("database or disk is full");
        Q_EMIT session.chats().storageFailed(account, what, disk);
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(what));
        QVERIFY(banner->text().contains(account));
        QVERIFY(banner->text().contains(disk));
        QVERIFY(!banner->accessibleName().isEmpty());
        // The same failure again is counted, not stacked.
        Q_EMIT session.chats().storageFailed(account, what, disk);
        QVERIFY(banner->text().contains(QStringLiteral("(2 times)")));
        QTest::mouseClick(banner->dismissButton(), Qt::LeftButton);
        QVERIFY(banner->isHidden());
        // A new failure shows again, from a fresh count.
        Q_EMIT session.chats().storageFailed(account, QStringLiteral("store messages you received"),
                                             disk);
        QVERIFY(banner->isVisible());
        QVERIFY(!banner->text().contains(QStringLiteral("times)")));
        // Damage found by the background integrity check: its own words, not "free space".
        const QString notice = QStringLiteral("Parla found damage in its database (x). Quit and "
                                              "start Parla again to repair it.");
        Q_EMIT session.chats().databaseDamaged(notice);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->text(), notice);
    }

    // Ctrl+Shift+S (and the Accounts dialog's button) asks where, backs up, and says so; a file
    // the user chose to replace is replaced only by a complete copy.
    void backupAsksWhereAndSaysHowItWent()
    {
        QTemporaryDir dir;
        test::FakeSession session;
        ui::MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QFileDialog *ask = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (ask = window.findChild<QFileDialog *>()); }, 2000));
        QCOMPARE(ask->acceptMode(), QFileDialog::AcceptSave);
        const QString chosen = dir.filePath(QStringLiteral("mine.db"));
        ask->selectFile(chosen);
        QMetaObject::invokeMethod(ask, "accept"); // what the Save button does
        QVERIFY(QFile::exists(chosen));
        QVERIFY(!QFile::exists(chosen + QStringLiteral(".partial")));
        QCOMPARE(session.calls.last().name, QStringLiteral("backupProfile"));
        QMessageBox *told = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (told = window.findChild<QMessageBox *>()); }, 2000));
        QVERIFY2(told->text().contains(chosen), qPrintable(told->text()));
        told->close();

        // Over an existing file: the old one stays until the copy is complete.
        const QString existing = dir.filePath(QStringLiteral("old.db"));
        {
            QFile old(existing);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old backup");
        }
        ui::ProfileBackup backup(&session, &window);
        QSignalSpy finished(&backup, &ui::ProfileBackup::finished);
        backup.backUpTo(existing);
        QCOMPARE(finished.count(), 1);
        QVERIFY(finished.at(0).at(0).toBool());
        QFile replaced(existing);
        QVERIFY(replaced.open(QIODevice::ReadOnly));
        QCOMPARE(replaced.readAll(), QByteArray("fake backup"));
        // A failed backup says why and leaves nothing half-written behind.
        const QString nowhere = dir.filePath(QStringLiteral("missing/folder/x.db"));
        backup.backUpTo(nowhere);
        QCOMPARE(finished.count(), 2);
        QVERIFY(!finished.at(1).at(0).toBool());
        QVERIFY(finished.at(1).at(1).toString().contains(u"could not back up"));
        QVERIFY(!QFile::exists(nowhere + QStringLiteral(".partial")));
    }

    void keyboardShortcuts()
    {
        test::FakeSession session;
        ui::MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();

        // Alt+Down opens the first conversation, again the second.
        QTest::keyClick(&window, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(window.chatPanel()->peer(), QStringLiteral("anna@parla.im"));
        QTest::keyClick(&window, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(window.chatPanel()->peer(), QStringLiteral("alex.kim@corp.example"));
        QTest::keyClick(&window, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(window.chatPanel()->peer(), QStringLiteral("anna@parla.im"));

        // Ctrl+F focuses the filter; typing filters; Escape clears.
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QLineEdit *filter = window.sidebar()->filterBox();
        QVERIFY(filter->hasFocus());
        QTest::keyClicks(filter, QStringLiteral("carla"));
        QCOMPARE(window.sidebar()->conversationList()->model()->rowCount(), 1);
        QTest::keyClick(filter, Qt::Key_Escape);
        QVERIFY(filter->text().isEmpty());

        // Ctrl+Shift+X opens the XML console of the current account.
        QTest::keyClick(&window, Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
        auto *console = window.findChild<ui::XmlConsole *>();
        QVERIFY(console);
        QCOMPARE(console->account(), QStringLiteral("sam@parla.im"));
    }

    void xmlConsoleShowsTrafficAndSendErrors()
    {
        test::FakeSession session;
        ui::XmlConsole console(&session, QStringLiteral("sam@parla.im"));
        Q_EMIT session.accounts().xmlTraffic(QStringLiteral("sam@parla.im"), true, "<presence/>");
        Q_EMIT session.accounts().xmlTraffic(QStringLiteral("other@x.example"), true, "<iq/>");
        QVERIFY(console.log()->toPlainText().contains(QStringLiteral("<presence/>")));
        QVERIFY(!console.log()->toPlainText().contains(QStringLiteral("<iq/>")));
        console.setPaused(true);
        Q_EMIT session.accounts().xmlTraffic(QStringLiteral("sam@parla.im"), false, "<message/>");
        QVERIFY(!console.log()->toPlainText().contains(QStringLiteral("<message/>")));
        console.setPaused(false); // what arrived meanwhile appears
        QVERIFY(console.log()->toPlainText().contains(QStringLiteral("<message/>")));
        console.setFilter(QStringLiteral("message"));
        QVERIFY(!console.log()->toPlainText().contains(QStringLiteral("<presence/>")));

        xmpp::Error e;
        e.text = QStringLiteral("This is not well-formed XML.");
        session.accounts().rawXmlResult = e;
        console.input()->setPlainText(QStringLiteral("<iq"));
        console.send();
        QCOMPARE(console.errorLabel()->text(),
                 QStringLiteral("Not sent: This is not well-formed XML."));
        QCOMPARE(console.input()->toPlainText(), QStringLiteral("<iq")); // kept for fixing
        session.accounts().rawXmlResult.reset();
        console.input()->setPlainText(QStringLiteral("<presence/>"));
        console.send();
        QCOMPARE(session.lastCall(QStringLiteral("sendRawXml"))->args.at(1),
                 QStringLiteral("<presence/>"));
        QVERIFY(console.input()->toPlainText().isEmpty());
    }

    void certificateDecision()
    {
        test::FakeSession session;
        xmpp::CertificateInfo info;
        info.fingerprintSha256 = QStringLiteral("AB:CD:EF:01:23:45:67:89:AB:CD:EF:01");
        info.problems = {QStringLiteral("The certificate is self-signed.")};
        {
            ui::CertificateDialog dialog(&session, QStringLiteral("sam@parla.im"), info, true);
            dialog.show();
            QStringList texts;
            for (QLabel *l : dialog.findChildren<QLabel *>())
                if (l->isVisibleTo(&dialog))
                    texts << l->text();
            QVERIFY(texts.contains(QStringLiteral("ABCDEF01 23456789 ABCDEF01")));
            QVERIFY(
                texts.join(QLatin1Char('\n')).contains(QStringLiteral("different certificate")));
            QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("trustButton")),
                              Qt::LeftButton);
            QCOMPARE(session.lastCall(QStringLiteral("decideCertificate"))->args,
                     (QStringList{QStringLiteral("sam@parla.im"), info.fingerprintSha256,
                                  QStringLiteral("pin")}));
        }
        ui::CertificateDialog dialog(&session, QStringLiteral("sam@parla.im"), info, false);
        dialog.show();
        dialog.reject(); // closing the window is a no
        QCOMPARE(session.lastCall(QStringLiteral("decideCertificate"))->args.at(2),
                 QStringLiteral("reject"));
        QCOMPARE(session.callNames().count(QStringLiteral("decideCertificate")), 2);
    }

    void themeFollowsTheSystemPalette()
    {
        auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
        ui::ThemeManager theme(app);
        theme.setMode(ui::ThemeManager::Mode::Dark);
        QVERIFY(theme.isDark());
        QVERIFY(ui::Theme::isDark(QApplication::palette()));
        theme.setMode(ui::ThemeManager::Mode::Light);
        QVERIFY(!ui::Theme::isDark(QApplication::palette()));

        // In System mode a platform palette change (here: simulated by someone else setting a
        // dark palette) switches Parla to its dark palette.
        theme.setMode(ui::ThemeManager::Mode::System);
        QPalette systemDark;
        systemDark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        QApplication::setPalette(systemDark);
        QVERIFY(theme.isDark());
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 ui::ThemeManager::darkPalette().color(QPalette::Window));
    }

    void trayIconBadge()
    {
        const QImage plain =
            ui::TrayIcon::renderIcon(0, Availability::Online).pixmap(32, 32).toImage();
        const QImage badged =
            ui::TrayIcon::renderIcon(5, Availability::Online).pixmap(32, 32).toImage();
        QVERIFY(plain != badged);
        // The badge is red in the top-right corner.
        const QColor corner = badged.pixelColor(28, 4);
        QVERIFY(corner.red() > 200 && corner.green() < 120);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
