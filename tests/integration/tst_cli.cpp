// SPDX-License-Identifier: GPL-3.0-or-later
// parla-cli, the built binary, against a real Prosody: account add, an untrusted certificate
// refused with its fingerprint, login, send (bob, a real AppSession/Account, receives it),
// listen printing bob's presence and message as JSON lines until SIGTERM, history, search,
// roster, and a wrong password giving a non-zero exit with a readable error.
#include "tests/support/localprosody.h"

#include "services/passwordstore.h"
#include "session/appsession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;

namespace {

const QString kPassword = QStringLiteral("s3cret-enough");

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

    testing::LocalProsody m_server;
    QTemporaryDir m_dir;
    QString m_caFile;
    std::unique_ptr<AppSession> m_bob;

    QString jid(const QString &user) const { return user + u'@' + m_server.host(); }
    QString profile(const QString &name) const { return m_dir.filePath(name); }

    QProcessEnvironment environment(const QString &password = {}) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PARLA_PASSWORD_FILE_FALLBACK"), QStringLiteral("1"));
        env.remove(QStringLiteral("PARLA_PASSWORD"));
        if (!password.isEmpty())
            env.insert(QStringLiteral("PARLA_PASSWORD"), password);
        return env;
    }

    CliResult run(const QStringList &args, const QString &password = {})
    {
        QProcess p;
        p.setProcessEnvironment(environment(password));
        p.start(QStringLiteral(PARLA_CLI_PATH), args);
        CliResult r;
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            r.err = QStringLiteral("timed out");
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    QStringList addAccountArgs(const QString &profileName, const QString &user) const
    {
        return {QStringLiteral("--profile"),
                profile(profileName),
                QStringLiteral("account"),
                QStringLiteral("add"),
                jid(user),
                QStringLiteral("--host"),
                testing::LocalProsody::address(),
                QStringLiteral("--port"),
                QString::number(m_server.c2sPort())};
    }

    QStringList alice(const QStringList &command) const
    {
        return QStringList{QStringLiteral("--profile"), profile(QStringLiteral("alice")),
                           QStringLiteral("--ca-file"), m_caFile} +
               command;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob", "carol"})
            QVERIFY(m_server.registerUser(QString::fromLatin1(user), kPassword));
        QVERIFY(m_server.seedMutualContacts(QStringLiteral("alice"), QStringLiteral("bob"),
                                            QStringLiteral("Friends")));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_caFile = m_dir.filePath(QStringLiteral("ca.pem"));
        QFile ca(m_caFile);
        QVERIFY(ca.open(QIODevice::WriteOnly));
        ca.write(m_server.caCertificatePem());
        ca.close();

        // Bob: a real account in this process.
        m_bob = std::make_unique<AppSession>(profile(QStringLiteral("bob")),
                                             std::make_unique<MemoryPasswordStore>());
        m_bob->setExtraCaCertificates({m_server.caCertificatePem()});
        AccountSpec spec;
        spec.jid = jid(QStringLiteral("bob"));
        spec.host = testing::LocalProsody::address();
        spec.port = m_server.c2sPort();
        spec.resource = QStringLiteral("desk");
        auto added = m_bob->accounts().addAccount(spec, kPassword);
        QVERIFY(QTest::qWaitFor([&] { return added.isFinished(); }, 15000));
        QVERIFY(xmpp::isOk(*added.result()));
    }

    void cleanupTestCase() { m_bob.reset(); }

    void untrustedCertificateIsRefusedWithItsFingerprint()
    {
        auto added =
            run(addAccountArgs(QStringLiteral("untrusted"), QStringLiteral("alice")), kPassword);
        QCOMPARE(added.exitCode, 0);
        auto login = run({QStringLiteral("--profile"), profile(QStringLiteral("untrusted")),
                          QStringLiteral("login")});
        QCOMPARE(login.exitCode, 1);
        QVERIFY2(login.err.contains(m_server.certificateSha256Fingerprint()),
                 qPrintable(login.err));
        QVERIFY(login.err.contains(QStringLiteral("--trust-fingerprint")));

        // The fingerprint, in any spelling, is the explicit decision that makes it work.
        const QString hex = m_server.certificateSha256Fingerprint().remove(u':').toLower();
        auto trusted = run({QStringLiteral("--profile"), profile(QStringLiteral("untrusted")),
                            QStringLiteral("--trust-fingerprint"), hex, QStringLiteral("login")});
        QVERIFY2(trusted.exitCode == 0, qPrintable(trusted.err));
        QVERIFY(
            trusted.out.contains(QStringLiteral("Logged in as ") + jid(QStringLiteral("alice"))));
    }

    void accountAddAndLogin()
    {
        auto noPassword = run(addAccountArgs(QStringLiteral("alice"), QStringLiteral("alice")));
        QCOMPARE(noPassword.exitCode, 1); // stdin is no terminal and PARLA_PASSWORD is unset
        QVERIFY(noPassword.err.contains(QStringLiteral("PARLA_PASSWORD")));

        auto added =
            run(addAccountArgs(QStringLiteral("alice"), QStringLiteral("alice")), kPassword);
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        // The password went to the password store (file fallback here), not the database.
        QVERIFY(QFile::exists(profile(QStringLiteral("alice/passwords.ini"))));

        auto login = run(alice({QStringLiteral("login")}));
        QVERIFY2(login.exitCode == 0, qPrintable(login.err));
        QVERIFY(
            login.out.startsWith(QStringLiteral("Logged in as ") + jid(QStringLiteral("alice"))));
    }

    void sendReachesBob()
    {
        Account *bob = m_bob->account(jid(QStringLiteral("bob")));
        // If bob's initial presence is not out yet, the server only archives the message and
        // bob's catch-up (XEP-0313) stores it: either way it must arrive once.
        QList<QVariantList> stored;
        QObject guard; // the connection ends with this test function
        connect(bob, &Account::messagesStored, &guard,
                [&stored](const QList<storage::MessageRecord> &records) {
                    for (const auto &r : records)
                        stored.append({QVariant::fromValue(r)});
                });
        auto sent = run(alice({QStringLiteral("send"), jid(QStringLiteral("bob")),
                               QStringLiteral("Hello Bob, the crème brûlée is ready")}));
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
        QVERIFY2(sent.out.contains(QStringLiteral(": sent.")) ||
                     sent.out.contains(QStringLiteral(": delivered.")),
                 qPrintable(sent.out));
        QVERIFY(QTest::qWaitFor([&] { return !stored.isEmpty(); }, 10000));
        const auto record = stored.first().at(0).value<storage::MessageRecord>();
        QCOMPARE(record.body, QStringLiteral("Hello Bob, the crème brûlée is ready"));
        QCOMPARE(record.peer, jid(QStringLiteral("alice")));
        QVERIFY(!record.outgoing);

        auto bad = run(
            alice({QStringLiteral("send"), QStringLiteral("not a jid@@"), QStringLiteral("x")}));
        QCOMPARE(bad.exitCode, 2);
    }

    void listenPrintsEventsAsJsonLines()
    {
        QProcess listener;
        listener.setProcessEnvironment(environment());
        listener.start(QStringLiteral(PARLA_CLI_PATH), alice({QStringLiteral("listen")}));
        QVERIFY(listener.waitForStarted());
        QList<QJsonObject> events;
        QString partial;
        auto readEvents = [&] {
            partial += QString::fromUtf8(listener.readAllStandardOutput());
            qsizetype nl;
            while ((nl = partial.indexOf(u'\n')) >= 0) {
                const QString line = partial.left(nl);
                partial.remove(0, nl + 1);
                QJsonParseError error;
                const auto doc = QJsonDocument::fromJson(line.toUtf8(), &error);
                if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                    qWarning() << "not a JSON line:" << line;
                    events.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("bad")}});
                    continue;
                }
                events.append(doc.object());
            }
        };
        auto has = [&](const QString &type, const QString &key, const QString &value) {
            readEvents();
            return std::any_of(events.cbegin(), events.cend(), [&](const QJsonObject &e) {
                return e.value(QStringLiteral("type")).toString() == type &&
                       e.value(key).toString() == value;
            });
        };
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return has(QStringLiteral("connection"), QStringLiteral("state"),
                                    QStringLiteral("connected"));
                     },
                     20000),
                 qPrintable(QString::fromUtf8(listener.readAllStandardError())));
        // Bob is online: his presence reaches alice's listener.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return has(QStringLiteral("presence"), QStringLiteral("jid"),
                           jid(QStringLiteral("bob")));
            },
            15000));
        const auto presence = *std::find_if(events.cbegin(), events.cend(), [&](const auto &e) {
            return e.value(QStringLiteral("type")).toString() == u"presence";
        });
        QCOMPARE(presence.value(QStringLiteral("availability")).toString(),
                 QStringLiteral("online"));

        m_bob->chats().sendMessage(jid(QStringLiteral("bob")), jid(QStringLiteral("alice")),
                                   QStringLiteral("On se voit au café à midi ?"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return has(QStringLiteral("message"), QStringLiteral("body"),
                           QStringLiteral("On se voit au café à midi ?"));
            },
            15000));
        const auto message = *std::find_if(events.cbegin(), events.cend(), [&](const auto &e) {
            return e.value(QStringLiteral("type")).toString() == u"message";
        });
        QCOMPARE(message.value(QStringLiteral("peer")).toString(), jid(QStringLiteral("bob")));
        QCOMPARE(message.value(QStringLiteral("outgoing")).toBool(), false);
        QVERIFY(message.value(QStringLiteral("id")).toInteger() > 0);
        QVERIFY(!has(QStringLiteral("bad"), QStringLiteral("type"), QStringLiteral("bad")));

        // SIGTERM: a clean exit.
        listener.terminate();
        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitStatus(), QProcess::NormalExit);
        QCOMPARE(listener.exitCode(), 0);
    }

    void historySearchAndRoster()
    {
        auto history = run(alice({QStringLiteral("history"), jid(QStringLiteral("bob")),
                                  QStringLiteral("--limit"), QStringLiteral("10")}));
        QVERIFY2(history.exitCode == 0, qPrintable(history.err));
        const QStringList lines = history.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(0).contains(QStringLiteral("\tout\t")));
        QVERIFY(lines.at(0).endsWith(QStringLiteral("Hello Bob, the crème brûlée is ready")));
        QVERIFY(lines.at(1).contains(QStringLiteral("\tin\t")));
        QVERIFY(lines.at(1).endsWith(QStringLiteral("On se voit au café à midi ?")));
        auto limited = run(alice({QStringLiteral("history"), jid(QStringLiteral("bob")),
                                  QStringLiteral("--limit"), QStringLiteral("1")}));
        QCOMPARE(limited.out.split(u'\n', Qt::SkipEmptyParts).size(), 1);

        // Accent-insensitive, prefix on the last word, plain text when piped.
        auto search = run(alice({QStringLiteral("search"), QStringLiteral("cafe mid")}));
        QVERIFY2(search.exitCode == 0, qPrintable(search.err));
        QCOMPARE(search.out.split(u'\n', Qt::SkipEmptyParts).size(), 1);
        QVERIFY(search.out.contains(jid(QStringLiteral("bob"))));
        QVERIFY(search.out.contains(QStringLiteral("On se voit au café à midi ?")));
        auto hostile = run(alice({QStringLiteral("search"), QStringLiteral("NEAR(\"*")}));
        QCOMPARE(hostile.exitCode, 0);
        QVERIFY(hostile.out.isEmpty());

        auto roster = run(alice({QStringLiteral("roster")}));
        QVERIFY2(roster.exitCode == 0, qPrintable(roster.err));
        QVERIFY2(roster.out.startsWith(jid(QStringLiteral("bob")) + u'\t'), qPrintable(roster.out));
        QVERIFY(roster.out.contains(QStringLiteral("\tboth\tFriends")));
    }

    void wrongPasswordFailsReadably()
    {
        auto added = run(addAccountArgs(QStringLiteral("carol"), QStringLiteral("carol")),
                         QStringLiteral("not-her-password"));
        QCOMPARE(added.exitCode, 0);
        auto login = run({QStringLiteral("--profile"), profile(QStringLiteral("carol")),
                          QStringLiteral("--ca-file"), m_caFile, QStringLiteral("login")});
        QCOMPARE(login.exitCode, 1);
        QVERIFY(login.out.isEmpty());
        QVERIFY2(login.err.startsWith(QStringLiteral("parla-cli: ") + jid(QStringLiteral("carol"))),
                 qPrintable(login.err));
        QVERIFY2(login.err.contains(QStringLiteral("password"), Qt::CaseInsensitive),
                 qPrintable(login.err));
        auto send = run({QStringLiteral("--profile"), profile(QStringLiteral("carol")),
                         QStringLiteral("--ca-file"), m_caFile, QStringLiteral("send"),
                         jid(QStringLiteral("bob")), QStringLiteral("never sent")});
        QCOMPARE(send.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
