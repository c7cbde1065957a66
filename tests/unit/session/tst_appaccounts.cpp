// SPDX-License-Identifier: GPL-3.0-or-later
// The accounts part of the Session seam that parla-cli relies on, through the real AppSession
// without a server: saveAccount stores without connecting (and replaces), trustCertificate pins
// once without reconnecting, connectAccount finishes with the first error (the problem itself,
// not the retry note) and disconnectAccount ends the attempts.
#include "services/passwordstore.h"
#include "session/appsession.h"
#include "session/chatsapi.h"
#include "storage/database.h"
#include "storage/messagestore.h"

#include <QFile>
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

    // The full integrity check runs beside the session; damage that quick_check cannot see
    // (an index no longer matching its table) is told in the window and repaired at the next
    // start, keeping every message. A backup made before is a sound copy.
    void damageFoundInTheBackgroundIsRepairedAtTheNextStart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.db"));
        const QString backup = dir.filePath(QStringLiteral("backup.db"));
        constexpr int kCount = 400;
        {
            AppSession session(dir.path(), std::make_unique<MemoryPasswordStore>());
            QVERIFY(session.isOpen());
            QList<storage::MessageRecord> many;
            for (int i = 0; i < kCount; ++i) {
                storage::MessageRecord m;
                m.account = kMe;
                m.peer = QStringLiteral("juliet@example.com");
                m.senderJid = m.peer + QStringLiteral("/balcony");
                m.body = QStringLiteral("message %1").arg(i);
                m.timestamp = QDateTime::currentDateTimeUtc().addSecs(i - kCount);
                m.messageId = QStringLiteral("m%1").arg(i);
                m.stanzaId = QStringLiteral("sid-%1").arg(i, 4, 10, QLatin1Char('0'));
                m.stanzaIdBy = kMe;
                m.state = DeliveryState::Received;
                many << m;
            }
            storage::MessageStore store(*session.database());
            QVERIFY(xmpp::isOk(session.database()->wait(store.insertMany(many))));
            auto saved = awaitTask(session.accounts().backupProfile(backup));
            QVERIFY(saved && xmpp::isOk(*saved));
            auto clean = awaitTask(session.checkIntegrity());
            QVERIFY(clean && xmpp::isOk(*clean));
            QCOMPARE(std::get<QStringList>(*clean), QStringList{});
        }
        // The backup holds every message.
        {
            auto c = storage::Connection::open(backup, storage::Connection::Mode::ReadOnlyQueries);
            QVERIFY(xmpp::isOk(c));
            const auto n = std::get<std::unique_ptr<storage::Connection>>(c)->queryInt(
                "SELECT count(*) FROM message");
            QVERIFY(xmpp::isOk(n));
            QCOMPARE(std::get<qint64>(n), qint64(kCount));
        }
        // One archive id changed inside the message table only: every page is well formed (so
        // quick_check passes), but the index over archive ids no longer matches the table.
        {
            qint64 pageSize = 0;
            QList<qint64> pages;
            {
                auto c =
                    storage::Connection::open(path, storage::Connection::Mode::ReadOnlyQueries);
                QVERIFY(xmpp::isOk(c));
                auto &connection = *std::get<std::unique_ptr<storage::Connection>>(c);
                pageSize = std::get<qint64>(connection.queryInt("PRAGMA page_size"));
                storage::Query q(connection, "SELECT pageno FROM dbstat WHERE name = 'message' "
                                             "AND pagetype = 'leaf'");
                while (q.next())
                    pages << q.integer(0);
                QVERIFY(!pages.isEmpty());
            }
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            bool changed = false;
            for (qint64 page : std::as_const(pages)) {
                QVERIFY(file.seek((page - 1) * pageSize));
                QByteArray bytes = file.read(pageSize);
                const qsizetype at = bytes.indexOf("sid-0200");
                if (at < 0)
                    continue;
                bytes[at + 4] = 'X';
                QVERIFY(file.seek((page - 1) * pageSize));
                QCOMPARE(file.write(bytes), pageSize);
                changed = true;
                break;
            }
            QVERIFY(changed);
        }
        {
            AppSession session(dir.path(), std::make_unique<MemoryPasswordStore>());
            QVERIFY(session.isOpen());
            QCOMPARE(session.startupNotice(), QString()); // quick_check saw nothing
            QSignalSpy damaged(&session.chats(), &ChatsApi::databaseDamaged);
            auto found = awaitTask(session.checkIntegrity());
            QVERIFY(found && xmpp::isOk(*found));
            QVERIFY(!std::get<QStringList>(*found).isEmpty());
            QCOMPARE(damaged.count(), 1);
            QVERIFY2(damaged.at(0).at(0).toString().contains(u"start Parla again"),
                     qPrintable(damaged.at(0).at(0).toString()));
        }
        AppSession repaired(dir.path(), std::make_unique<MemoryPasswordStore>());
        QVERIFY(repaired.isOpen());
        QVERIFY2(repaired.startupNotice().contains(u"rebuilt"),
                 qPrintable(repaired.startupNotice()));
        const auto kept = repaired.database()->reader().queryInt("SELECT count(*) FROM message");
        QVERIFY(xmpp::isOk(kept));
        QCOMPARE(std::get<qint64>(kept), qint64(kCount));
        auto again = awaitTask(repaired.checkIntegrity());
        QVERIFY(again && xmpp::isOk(*again));
        QCOMPARE(std::get<QStringList>(*again), QStringList{});
        // A sound check is remembered, so the next starts do not repeat it for a while.
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto n = repaired.database()->reader().queryInt(
                    "SELECT count(*) FROM maintenance WHERE task = 'integrity_check'");
                return xmpp::isOk(n) && std::get<qint64>(n) == 1;
            },
            5000));
    }
};

QTEST_GUILESS_MAIN(TestAppAccounts)
#include "tst_appaccounts.moc"
