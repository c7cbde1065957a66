// SPDX-License-Identifier: GPL-3.0-or-later
// parla-ui-preview [--dark|--light] [--screenshot FILE] [--contacts] [--dialog NAME]
// Shows MainWindow over FakeSession. With --screenshot it grabs the window after layout and
// exits, so the look can be checked under Xvfb without a core.
#include "fakesession.h"
#include "stylingsamples.h"

#include "ui/accountsdialog.h"
#include "ui/addaccountdialog.h"
#include "ui/certificatedialog.h"
#include "ui/composer.h"
#include "ui/mainwindow.h"
#include "ui/sidebar.h"
#include "ui/thememanager.h"
#include "ui/xmlconsole.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLineEdit>
#include <QScreen>
#include <QTimeZone>
#include <QTimer>

using namespace parla;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("parla-ui-preview"));
    QCommandLineParser cli;
    cli.addOption(QCommandLineOption(QStringLiteral("dark")));
    cli.addOption(QCommandLineOption(QStringLiteral("light")));
    cli.addOption(QCommandLineOption(QStringLiteral("contacts")));
    cli.addOption(QCommandLineOption(QStringLiteral("styling"))); // styled sample messages
    cli.addOption(QCommandLineOption(QStringLiteral("emoji")));   // opens the emoji picker
    cli.addOption(
        {QStringLiteral("screenshot"), QStringLiteral("PNG file"), QStringLiteral("file")});
    cli.addOption({QStringLiteral("dialog"), QStringLiteral("accounts|add|register|cert|console"),
                   QStringLiteral("name")});
    cli.process(app);

    ui::ThemeManager theme(&app);
    if (cli.isSet(QStringLiteral("dark")))
        theme.setMode(ui::ThemeManager::Mode::Dark);
    else if (cli.isSet(QStringLiteral("light")))
        theme.setMode(ui::ThemeManager::Mode::Light);

    test::FakeSession session;
    session.chats().simulateDelivery = true;
    ui::MainWindow window(&session);
    window.resize(1240, 780);
    window.show();
    window.openConversation(QStringLiteral("sam@parla.im"), QStringLiteral("anna@parla.im"));
    if (cli.isSet(QStringLiteral("contacts")))
        window.sidebar()->setPage(ui::Sidebar::Page::Contacts);

    if (cli.isSet(QStringLiteral("styling")))
        test::appendStylingSamples(session.chats().fakeMessages(QStringLiteral("sam@parla.im"),
                                                                QStringLiteral("anna@parla.im")));
    if (cli.isSet(QStringLiteral("emoji")))
        QTimer::singleShot(300, &window, [&window] {
            if (auto *composer = window.findChild<ui::Composer *>())
                composer->openEmojiPicker();
        });

    QWidget *grabTarget = &window;
    const QString dialog = cli.value(QStringLiteral("dialog"));
    if (dialog == QLatin1String("accounts")) {
        auto *d = new ui::AccountsDialog(&session, &window);
        d->show();
        grabTarget = d;
    } else if (dialog == QLatin1String("add") || dialog == QLatin1String("register")) {
        auto *d = new ui::AddAccountDialog(&session, &window);
        if (dialog == QLatin1String("register")) {
            d->setPage(ui::AddAccountDialog::Page::Register);
            d->findChild<QLineEdit *>(QStringLiteral("domainEdit"))
                ->setText(QStringLiteral("parla.im"));
            d->submit();
        }
        d->show();
        grabTarget = d;
    } else if (dialog == QLatin1String("cert")) {
        xmpp::CertificateInfo info;
        info.fingerprintSha256 = QStringLiteral(
            "3A:7F:0C:91:D2:4B:88:E1:5C:06:AF:23:9B:71:C4:E8:12:5D:F0:9A:66:3B:C7:08:E4:"
            "21:BD:5F:90:13:A8:7C");
        info.subject = QStringLiteral("CN=corp.example");
        info.issuer = QStringLiteral("CN=corp.example (self-signed)");
        info.notBefore = QDateTime(QDate(2026, 1, 10), QTime(0, 0), Qt::UTC);
        info.notAfter = QDateTime(QDate(2027, 1, 10), QTime(0, 0), Qt::UTC);
        info.problems = {QStringLiteral("The certificate is self-signed and not trusted."),
                         QStringLiteral("The certificate does not match the host name.")};
        auto *d = new ui::CertificateDialog(&session, QStringLiteral("sam.weber@corp.example"),
                                            info, true, &window);
        d->show();
        grabTarget = d;
    } else if (dialog == QLatin1String("console")) {
        auto *c = new ui::XmlConsole(&session, QStringLiteral("sam@parla.im"), &window);
        c->show();
        Q_EMIT session.accounts().xmlTraffic(QStringLiteral("sam@parla.im"), false,
                                             "<presence><show>away</show></presence>");
        Q_EMIT session.accounts().xmlTraffic(
            QStringLiteral("sam@parla.im"), true,
            "<message from='anna@parla.im/phone' to='sam@parla.im' type='chat' id='a1'>"
            "<body>Yes, it's in my bag already</body><request xmlns='urn:xmpp:receipts'/>"
            "</message>");
        grabTarget = c;
    }

    const QString shot = cli.value(QStringLiteral("screenshot"));
    if (!shot.isEmpty()) {
        QTimer::singleShot(1500, &app, [grabTarget, shot] {
            grabTarget->grab().save(shot);
            QApplication::quit();
        });
    } else {
        QTimer::singleShot(3000, &session, [&session] {
            session.chats().receive(QStringLiteral("sam@parla.im"), QStringLiteral("anna@parla.im"),
                                    QStringLiteral("Great, thanks!"));
        });
    }
    return app.exec();
}
