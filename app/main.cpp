// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo.h"
#include "singleinstance.h"

#include "services/passwordstore.h"
#include "session/appsession.h"
#include "ui/mainwindow.h"
#include "ui/thememanager.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>

using namespace parla;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Parla"));
    QApplication::setOrganizationName(QStringLiteral("Parla"));
    QApplication::setApplicationVersion(QStringLiteral(PARLA_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("im.parla.Parla"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Parla, an XMPP chat client"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QApplication::translate("main", "Use the profile (accounts, history) in <dir>."),
        QStringLiteral("dir"));
    QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QApplication::translate("main", "Start a local demo server and sign in as alice."));
    parser.addOption(profileOption);
    parser.addOption(demoOption);
    parser.addPositionalArgument(
        QStringLiteral("uri"),
        QApplication::translate("main", "xmpp: links to open (RFC 5122), e.g. from a browser."),
        QStringLiteral("[uri...]"));
    parser.process(app);
    const QStringList uris = parser.positionalArguments();

    std::unique_ptr<app::DemoEnvironment> demo;
    QString profile = parser.value(profileOption);
    if (parser.isSet(demoOption)) {
        demo = std::make_unique<app::DemoEnvironment>();
        if (!demo->start()) {
            QMessageBox::critical(nullptr, QStringLiteral("Parla"), demo->errorString());
            return 1;
        }
        profile = demo->profileDirectory();
    }
    if (profile.isEmpty())
        profile = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    // One Parla per profile: a second launch (a clicked xmpp: link) hands its links to the
    // running one and leaves before touching the database.
    app::SingleInstance instance(profile);
    if (!instance.start(uris))
        return 0;

    ui::ThemeManager theme(&app);
    services::AppSession session(
        profile, demo ? std::unique_ptr<services::PasswordStore>(new services::MemoryPasswordStore)
                      : std::make_unique<services::KeychainPasswordStore>(profile));
    if (!session.isOpen()) {
        QMessageBox::critical(nullptr, QStringLiteral("Parla"),
                              QApplication::translate("main", "Parla could not open its data: %1")
                                  .arg(session.openError()));
        return 1;
    }
    if (demo)
        demo->addAccounts(&session);

    ui::MainWindow window(&session);
    window.enableTrayAndNotifications();
    window.show();
    if (const QString notice = session.startupNotice(); !notice.isEmpty())
        QMessageBox::warning(&window, QStringLiteral("Parla"), notice);
    session.start();
    if (demo)
        window.openConversation(demo->aliceJid(), demo->bobJid()); // show alice chatting
    auto openUris = [&window](const QStringList &links) {
        for (const QString &link : links) {
            QString why;
            if (!window.openUri(link, &why)) {
                auto *box = new QMessageBox(QMessageBox::Information, QStringLiteral("Parla"), why,
                                            QMessageBox::Ok, &window);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            }
        }
    };
    QObject::connect(&instance, &app::SingleInstance::argumentsReceived, &window,
                     [&window, openUris](const QStringList &links) {
                         window.raiseAndActivate();
                         openUris(links);
                     });
    openUris(uris);
    const int rc = app.exec();
    return rc;
}
