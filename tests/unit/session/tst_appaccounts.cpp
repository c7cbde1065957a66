// SPDX-License-Identifier: GPL-3.0-or-later
// The accounts part of the Session seam that parla-cli relies on, through the real AppSession
// without a server: saveAccount stores without connecting (and replaces), trustCertificate pins
// once without reconnecting, connectAccount finishes with the first error (the problem itself,
// not the retry note) and disconnectAccount ends the attempts.
#include "services/passwordstore.h"
#include "session/appsession.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;

namespace {

const QString kMe = QStringLiteral("me@example.org");

/// Waits for the task (at most 10 s) and returns its result.
template <typename T>
std::optional<T> awaitTask(Task<T> task)
{
    if (!QTest::qWaitFor([&] { return task.isFinished(); }, 10000))
        return std::nullopt;
    return *task.result();
}

/// A loopback port nobody listens on (a server bound and closed again).
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestAppAccounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saveAccountStoresWithoutConnecting()
    {
        QTemporaryDir dir;
        {
            AppSession session(dir.path(), std::make_unique<MemoryPasswordStore>());
            AccountsApi &accounts = session.accounts();
            AccountSpec spec;
            spec.jid = kMe + QStringLiteral("/ignored");
            spec.resource = QStringLiteral("cli.1");
            auto saved = awaitTask(accounts.saveAccount(spec, QStringLiteral("secret")));
            QVERIFY(saved && xmpp::isOk(*saved));
            QCOMPARE(accounts.accountJids(), QStringList{kMe});
            QCOMPARE(accounts.connectionStatus(kMe).state, ConnectionState::Disconnected);
            QCOMPARE(session.account(kMe)->record().resource, QStringLiteral("cli.1"));

            // The same JID again replaces it.
            spec.resource = QStringLiteral("cli.2");
            saved = awaitTask(accounts.saveAccount(spec, QStringLiteral("secret")));
            QVERIFY(saved && xmpp::isOk(*saved));
            QCOMPARE(accounts.accountJids(), QStringList{kMe});
            QCOMPARE(session.account(kMe)->record().resource, QStringLiteral("cli.2"));

            auto refused = awaitTask(accounts.saveAccount(spec, QString()));
            QVERIFY(refused && !xmpp::isOk(*refused));
        }
        AppSession reopened(dir.path(), std::make_unique<MemoryPasswordStore>());
        QCOMPARE(reopened.accounts().accountJids(), QStringList{kMe});
        QCOMPARE(reopened.account(kMe)->record().resource, QStringLiteral("cli.2"));
    }

    void trustCertificatePinsOnceWithoutReconnecting()
    {
        QTemporaryDir dir;
        AppSession session(dir.path(), std::make_unique<MemoryPasswordStore>());
        AccountSpec spec;
        spec.jid = kMe;
        QVERIFY(awaitTask(session.accounts().saveAccount(spec, QStringLiteral("secret"))));
        QSignalSpy status(&session.accounts(), &AccountsApi::connectionStatusChanged);
        const QString fingerprint = QStringLiteral("AB:CD");
        session.accounts().trustCertificate(kMe, fingerprint);
        session.accounts().trustCertificate(kMe, fingerprint);
        QCOMPARE(session.account(kMe)->record().pinnedCertificates, QStringList{fingerprint});
        QVERIFY(status.isEmpty());
        QCOMPARE(session.accounts().connectionStatus(kMe).state, ConnectionState::Disconnected);
    }

    void connectAccountFinishesWithTheFirstError()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        QTemporaryDir dir;
        AppSession session(dir.path(), std::make_unique<MemoryPasswordStore>());
        AccountsApi &accounts = session.accounts();
        AccountSpec spec;
        spec.jid = kMe;
        spec.host = QStringLiteral("127.0.0.1");
        spec.port = port;
        QVERIFY(awaitTask(accounts.saveAccount(spec, QStringLiteral("secret"))));

        const auto result = awaitTask(accounts.connectAccount(kMe));
        QVERIFY(result);
        const auto *error = std::get_if<xmpp::Error>(&*result);
        QVERIFY(error);
        const ConnectionStatus status = accounts.connectionStatus(kMe);
        QVERIFY(status.state != ConnectionState::Connected);
        QVERIFY(!status.error.text.isEmpty());
        // The problem itself; the status keeps the account list's words (with the retry note).
        QCOMPARE(error->text, status.error.text);
        QVERIFY(!status.errorText.isEmpty());
        QVERIFY(status.boundJid.isEmpty());

        const auto disconnected = awaitTask(accounts.disconnectAccount(kMe));
        QVERIFY(disconnected && xmpp::isOk(*disconnected));
        QCOMPARE(accounts.connectionStatus(kMe).state, ConnectionState::Disconnected);

        const auto unknown = awaitTask(accounts.connectAccount(QStringLiteral("no@example.org")));
        QVERIFY(unknown && !xmpp::isOk(*unknown));
    }
};

QTEST_GUILESS_MAIN(TestAppAccounts)
#include "tst_appaccounts.moc"
