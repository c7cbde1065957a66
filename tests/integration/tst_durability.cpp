// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing lost, nothing twice (issue 12), tried as a hostile world would against a real
// Prosody: `parla-cli listen` SIGKILLed at random points of a 500-message burst, many times
// with fixed seeds, then started again: every message is stored exactly once and shown in the
// order it was sent. `parla-cli send` SIGKILLed at random points: the peer receives every
// message the sender stored exactly once (on the wire, not after de-duplication), and nothing
// the sender did not store. The peer is a bare xmpp::Client that counts what reaches it.
#include "tests/support/localprosody.h"

#include "storage/sqlite.h"
#include "xmpp/client.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {

const QString kPassword = QStringLiteral("s3cret-enough");
constexpr int kBurst = 500;

/// A `parla-cli listen` child, and the message lines it printed.
class Listener
{
public:
    Listener(const QStringList &args, const QProcessEnvironment &env)
    {
        m_process.setProcessEnvironment(env);
        QStringList all = args;
        if (const QString log = qEnvironmentVariable("PARLA_DURABILITY_DEBUG"); !log.isEmpty()) {
            m_process.setStandardErrorFile(log, QIODevice::Append); // the core's log
            all.prepend(QStringLiteral("--verbose"));
        }
        m_process.start(QStringLiteral(PARLA_CLI_PATH), all);
    }
    ~Listener()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    /// Reads what it printed: connection states and stored messages.
    void poll()
    {
        m_partial += QString::fromUtf8(m_process.readAllStandardOutput());
        qsizetype nl;
        while ((nl = m_partial.indexOf(u'\n')) >= 0) {
            const auto doc = QJsonDocument::fromJson(m_partial.left(nl).toUtf8());
            m_partial.remove(0, nl + 1);
            const QJsonObject e = doc.object();
            const QString type = e.value(QStringLiteral("type")).toString();
            if (type == u"connection" &&
                e.value(QStringLiteral("state")).toString() == u"connected")
                m_connected = true;
            else if (type == u"message" &&
                     e.value(QStringLiteral("body")).toString().startsWith(m_prefix))
                ++m_messages;
        }
    }
    bool waitConnected()
    {
        return QTest::qWaitFor(
            [this] {
                poll();
                return m_connected;
            },
            20000);
    }
    /// Stored messages (new ones only: a copy that merged is not announced) whose body
    /// starts with `prefix`.
    void countOnly(const QString &prefix) { m_prefix = prefix; }
    int messages() const { return m_messages; }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QString m_partial;
    QString m_prefix;
    bool m_connected = false;
    int m_messages = 0;
};

} // namespace

class TestDurability : public QObject
{
    Q_OBJECT

    testing::LocalProsody m_server;
    QTemporaryDir m_dir;
    QString m_caFile;
    std::unique_ptr<Client> m_bob;
    QByteArray m_bobWire; ///< everything bob received

    QString jid(const QString &user) const { return user + u'@' + m_server.host(); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PARLA_PASSWORD_FILE_FALLBACK"), QStringLiteral("1"));
        env.insert(QStringLiteral("PARLA_PASSWORD"), kPassword);
        return env;
    }

    QStringList cli(const QString &profile, const QStringList &command) const
    {
        return QStringList{QStringLiteral("--profile"), m_dir.filePath(profile),
                           QStringLiteral("--ca-file"), m_caFile} +
               command;
    }

    /// Runs parla-cli to its end: its exit code and standard output.
    std::pair<int, QString> run(const QStringList &args)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(QStringLiteral(PARLA_CLI_PATH), args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            qWarning() << "parla-cli timed out:" << args;
            return {-1, {}};
        }
        const int code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        if (code != 0)
            qWarning() << "parla-cli" << args << "failed:" << p.readAllStandardError();
        return {code, QString::fromUtf8(p.readAllStandardOutput())};
    }

    bool addAccount(const QString &profile, const QString &user)
    {
        return run(cli(profile, {QStringLiteral("account"), QStringLiteral("add"), jid(user),
                                 QStringLiteral("--host"), testing::LocalProsody::address(),
                                 QStringLiteral("--port"), QString::number(m_server.c2sPort())}))
                   .first == 0;
    }

    /// Messages in `profile`'s database whose body starts with `prefix`, read beside the
    /// running listener (WAL: what it committed).
    int storedCount(const QString &profile, const QString &prefix) const
    {
        auto c = storage::Connection::open(m_dir.filePath(profile) + u"/parla.db"_qs,
                                           storage::Connection::Mode::ReadOnlyQueries);
        if (!isOk(c))
            return -1;
        storage::Query q(*std::get<std::unique_ptr<storage::Connection>>(c),
                         "SELECT count(*) FROM message WHERE substr(body, 1, length(?1)) = ?1");
        q.bindText(1, prefix);
        return q.next() ? int(q.integer(0)) : -1;
    }

    /// The bodies of `profile`'s conversation with `peer` as parla-cli shows it, in order,
    /// with their direction ("in"/"out").
    QList<std::pair<QString, QString>> history(const QString &profile, const QString &peer)
    {
        const QString out = run(cli(profile, {QStringLiteral("history"), peer,
                                              QStringLiteral("--limit"), QStringLiteral("100000")}))
                                .second;
        QList<std::pair<QString, QString>> rows;
        for (const QString &line : out.split(u'\n', Qt::SkipEmptyParts)) {
            const QStringList fields = line.split(u'\t');
            if (fields.size() >= 4)
                rows.append({fields.at(1), fields.mid(3).join(u'\t')});
        }
        return rows;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.prepare(), qPrintable(m_server.errorString()));
        for (const char *user : {"alice", "bob", "carol"})
            QVERIFY(m_server.registerUser(QString::fromLatin1(user), kPassword));
        QVERIFY(m_server.seedMutualContacts(QStringLiteral("alice"), QStringLiteral("bob")));
        QVERIFY(m_server.seedMutualContacts(QStringLiteral("carol"), QStringLiteral("bob")));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_caFile = m_dir.filePath(QStringLiteral("ca.pem"));
        QFile ca(m_caFile);
        QVERIFY(ca.open(QIODevice::WriteOnly));
        ca.write(m_server.caCertificatePem());
        ca.close();

        // Bob: a bare client on the wire, online so that messages to his bare JID reach him.
        m_bob = std::make_unique<Client>();
        ConnectionSettings s;
        s.jid = Jid::fromString(jid(QStringLiteral("bob")));
        s.password = kPassword;
        s.resource = QStringLiteral("wire");
        s.host = testing::LocalProsody::address();
        s.port = m_server.c2sPort();
        s.extraCaCertificates = {m_server.caCertificatePem()};
        m_bob->setSettings(s);
        connect(m_bob.get(), &Client::xmlReceived, this,
                [this](const QByteArray &xml) { m_bobWire += xml; });
        QSignalSpy connected(m_bob.get(), &Client::connected);
        m_bob->connectToServer();
        QVERIFY(connected.wait(15000));
        QVERIFY(!m_bob->send(Element(QStringLiteral("presence"), QStringLiteral("jabber:client")))
                     .isEmpty());
        QVERIFY(addAccount(QStringLiteral("alice"), QStringLiteral("alice")));
    }

    void cleanupTestCase() { m_bob.reset(); }

    void killedListenerLosesNothing_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 8; ++seed)
            QTest::addRow("seed %u", seed) << seed;
    }

    // Issue 12: SIGKILL at a random point of a 500-message burst (while messages are being
    // acknowledged, stored and receipted), then a fresh start: the server's archive and
    // Parla's catch-up cursor must together bring every message exactly once, and recovery
    // must not reorder them.
    void killedListenerLosesNothing()
    {
        QFETCH(quint32, seed);
        const QString profile = QStringLiteral("alice");
        const QString alice = jid(QStringLiteral("alice"));
        QRandomGenerator rng(seed);
        const int killAfter = int(rng.bounded(kBurst - 50)) + 10; // stored messages seen
        const int extraMs = int(rng.bounded(40));

        const QString prefix = QStringLiteral("seed %1 #").arg(seed);
        {
            Listener first(cli(profile, {QStringLiteral("listen")}), environment());
            first.countOnly(prefix);
            QVERIFY(first.waitConnected());
            QTest::qWait(300); // its catch-up of earlier rounds is done
            for (int i = 0; i < kBurst; ++i) {
                Element m(QStringLiteral("message"), QStringLiteral("jabber:client"));
                m.setAttribute(QStringLiteral("to"), alice);
                m.setAttribute(QStringLiteral("type"), QStringLiteral("chat"));
                m.setAttribute(QStringLiteral("id"), QStringLiteral("s%1-%2").arg(seed).arg(i));
                Element body(QStringLiteral("body"), QStringLiteral("jabber:client"));
                body.setText(
                    QStringLiteral("seed %1 #%2").arg(seed).arg(i, 3, 10, QLatin1Char('0')));
                m.appendChild(body);
                Element request(QStringLiteral("request"), QStringLiteral("urn:xmpp:receipts"));
                m.appendChild(request);
                QVERIFY(!m_bob->send(m).isEmpty());
            }
            QVERIFY(QTest::qWaitFor(
                [&] {
                    first.poll();
                    return first.messages() >= killAfter;
                },
                30000));
            QTest::qWait(extraMs);
            first.process().kill(); // SIGKILL: no goodbye, no flush
            QVERIFY(first.process().waitForFinished(5000));
        }
        {
            // Started again: catch-up from the cursor, until every message is stored (read
            // from the database beside it), and a moment more for any that would come twice.
            Listener second(cli(profile, {QStringLiteral("listen")}), environment());
            QVERIFY(second.waitConnected());
            const bool all = QTest::qWaitFor(
                [&] {
                    second.poll();
                    return storedCount(profile, prefix) >= kBurst;
                },
                60000);
            QTest::qWait(1000);
            QVERIFY2(all, qPrintable(QStringLiteral("%1 of %2 messages came back within a minute")
                                         .arg(storedCount(profile, prefix))
                                         .arg(kBurst)));
            second.process().terminate();
            QVERIFY(second.process().waitForFinished(10000));
        }
        QStringList shown;
        for (const auto &[direction, body] : history(profile, jid(QStringLiteral("bob")))) {
            if (body.startsWith(QStringLiteral("seed %1 #").arg(seed)))
                shown << body;
        }
        QStringList expected;
        for (int i = 0; i < kBurst; ++i)
            expected << QStringLiteral("seed %1 #%2").arg(seed).arg(i, 3, 10, QLatin1Char('0'));
        if (shown != expected && qEnvironmentVariableIsSet("PARLA_DURABILITY_DEBUG")) {
            qInfo().noquote() << run(cli(profile,
                                         {QStringLiteral("history"), jid(QStringLiteral("bob")),
                                          QStringLiteral("--limit"), QStringLiteral("100000")}))
                                     .second;
            QTemporaryDir keep;
            keep.setAutoRemove(false);
            QFile::copy(m_dir.filePath(profile) + u"/parla.db"_qs, keep.filePath(u"parla.db"_qs));
            qInfo() << "profile copied to" << keep.path();
        }
        QCOMPARE(shown.size(), kBurst); // none lost, none twice
        QCOMPARE(shown, expected);      // and in the order bob sent them
    }

    void killedSenderSendsEachStoredMessageOnce()
    {
        // Carol sends with parla-cli, killed at random points (before login, after storing,
        // after sending, before the acknowledgement). Then one more run sends what is pending.
        const QString profile = QStringLiteral("carol");
        QVERIFY(addAccount(profile, QStringLiteral("carol")));
        const QString bob = jid(QStringLiteral("bob"));
        QRandomGenerator rng(12);
        QStringList attempted;
        for (int i = 0; i < 12; ++i) {
            const QString body = QStringLiteral("killed send %1").arg(i, 2, 10, QLatin1Char('0'));
            attempted << body;
            QProcess send;
            send.setProcessEnvironment(environment());
            send.start(QStringLiteral(PARLA_CLI_PATH),
                       cli(profile, {QStringLiteral("send"), bob, body}));
            QVERIFY(send.waitForStarted());
            QTest::qWait(int(rng.bounded(700)));
            send.kill();
            send.waitForFinished(5000);
        }
        {
            Listener flush(cli(profile, {QStringLiteral("listen")}), environment());
            QVERIFY(flush.waitConnected());
            QTest::qWait(4000); // catch-up, then the resend of what is still Pending
            flush.process().terminate();
            QVERIFY(flush.process().waitForFinished(10000));
        }
        QTest::qWait(500);
        QStringList stored;
        for (const auto &[direction, body] : history(profile, bob)) {
            if (direction == u"out" && body.startsWith(u"killed send"_qs))
                stored << body;
        }
        QVERIFY2(!stored.isEmpty(), "no send got as far as storing its message");
        int receivedOnce = 0;
        for (const QString &body : std::as_const(attempted)) {
            const int onWire = int(m_bobWire.count("<body>" + body.toUtf8() + "</body>"));
            if (stored.contains(body)) {
                QVERIFY2(onWire == 1, qPrintable(body + u": "_qs + QString::number(onWire)));
                ++receivedOnce;
            } else {
                QVERIFY2(onWire == 0, qPrintable(body + u" arrived but was never stored"_qs));
            }
        }
        QCOMPARE(stored.size(), int(QSet<QString>(stored.cbegin(), stored.cend()).size()));
        qInfo() << receivedOnce << "of" << attempted.size()
                << "killed sends had stored their message; each reached bob once";
    }
};

QTEST_MAIN(TestDurability)
#include "tst_durability.moc"
