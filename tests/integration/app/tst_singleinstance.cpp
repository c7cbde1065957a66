// SPDX-License-Identifier: GPL-3.0-or-later
// One Parla per profile: a second `parla --profile <dir> <uri>` hands the link to the running
// instance and exits 0 without opening the profile's database.
#include "app/singleinstance.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using parla::app::SingleInstance;

class TestSingleInstance : public QObject
{
    Q_OBJECT

    /// Runs the real parla as a second launch; returns its exit code (-1 if it did not end).
    static int launchSecond(const QString &profile, const QStringList &uris, QSignalSpy &spy)
    {
        QProcess second;
        second.setProcessChannelMode(QProcess::ForwardedChannels);
        second.start(QStringLiteral(PARLA_EXECUTABLE),
                     QStringList{QStringLiteral("--profile"), profile} + uris);
        if (!second.waitForStarted(10000))
            return -1;
        // The running instance answers from its event loop, which the spy's wait runs.
        if (spy.isEmpty() && !spy.wait(20000))
            return -1;
        if (!second.waitForFinished(20000))
            return -1;
        return second.exitStatus() == QProcess::NormalExit ? second.exitCode() : -1;
    }

private Q_SLOTS:
    void secondLaunchHandsItsLinkOver()
    {
        QTemporaryDir profile;
        SingleInstance first(profile.path());
        QVERIFY(first.start({}));
        QVERIFY(first.isPrimary());
        QSignalSpy spy(&first, &SingleInstance::argumentsReceived);

        const QString link = QStringLiteral("xmpp:bob@localhost?message;body=hi");
        QCOMPARE(launchSecond(profile.path(), {link}, spy), 0);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy[0][0].toStringList(), QStringList{link});
        // It left before touching the database the first instance owns.
        QVERIFY(!QFile::exists(QDir(profile.path()).filePath(QStringLiteral("parla.db"))));
    }

    void secondLaunchWithoutLinkRaisesTheWindow()
    {
        QTemporaryDir profile;
        SingleInstance first(profile.path());
        QVERIFY(first.start({}));
        QSignalSpy spy(&first, &SingleInstance::argumentsReceived);
        QCOMPARE(launchSecond(profile.path(), {}, spy), 0);
        QCOMPARE(spy.size(), 1);
        QVERIFY(spy[0][0].toStringList().isEmpty());
    }

    void profilesAreSeparate()
    {
        QTemporaryDir a, b;
        QVERIFY(SingleInstance::serverName(a.path()) != SingleInstance::serverName(b.path()));
        QCOMPARE(SingleInstance::serverName(a.path()),
                 SingleInstance::serverName(a.path() + QStringLiteral("/.")));
        SingleInstance first(a.path());
        QVERIFY(first.start({}));
        SingleInstance other(b.path());
        QVERIFY(other.start({QStringLiteral("xmpp:x@y.example")})); // nobody runs for b
        QVERIFY(other.isPrimary());
    }

    void staleSocketIsTakenOver()
    {
        // A crashed Parla leaves its socket file behind; nobody answers on it.
        QTemporaryDir profile;
        const QString path =
            QDir(QDir::tempPath()).filePath(SingleInstance::serverName(profile.path()));
        QFile stale(path);
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.close();
        SingleInstance instance(profile.path());
        QVERIFY(instance.start({}));
        QVERIFY(instance.isPrimary());
        QFile::remove(path);
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
