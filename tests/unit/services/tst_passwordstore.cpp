// SPDX-License-Identifier: GPL-3.0-or-later
// The password stores: the in-memory one, and the keyring store's documented file fallback.
#include "services/passwordstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;

namespace {
template <typename T>
std::optional<xmpp::Result<T>> await(Task<xmpp::Result<T>> task)
{
    if (!QTest::qWaitFor([&] { return task.isFinished(); }, 20000))
        return std::nullopt;
    return *task.result();
}
} // namespace

class TestPasswordStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void memoryStoreRoundTrip()
    {
        MemoryPasswordStore store;
        auto missing = await(store.read(QStringLiteral("a@example.org")));
        QVERIFY(missing && !xmpp::isOk(*missing));
        QVERIFY(!std::get<xmpp::Error>(*missing).text.isEmpty());
        QVERIFY(await(store.write(QStringLiteral("a@example.org"), QStringLiteral("pw"))));
        auto read = await(store.read(QStringLiteral("a@example.org")));
        QVERIFY(read && xmpp::isOk(*read));
        QCOMPARE(std::get<QString>(*read), QStringLiteral("pw"));
        store.remove(QStringLiteral("a@example.org"));
        QVERIFY(!xmpp::isOk(*await(store.read(QStringLiteral("a@example.org")))));
    }

    void fileFallbackIsPrivateAndRoundTrips()
    {
        qputenv("PARLA_PASSWORD_FILE_FALLBACK", "1");
        QTemporaryDir profile;
        KeychainPasswordStore store(profile.path());
        QVERIFY(store.usesFallback());
        auto written =
            await(store.write(QStringLiteral("b@example.org"), QStringLiteral("s3cret")));
        QVERIFY(written && xmpp::isOk(*written));
        const QString path = QDir(profile.path()).filePath(QStringLiteral("passwords.ini"));
        QVERIFY(QFile::exists(path));
        // Readable and writable by the owner only.
        QCOMPARE(QFile::permissions(path) &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        // A second store (the next start of Parla) reads it back.
        KeychainPasswordStore again(profile.path());
        auto read = await(again.read(QStringLiteral("b@example.org")));
        QVERIFY(read && xmpp::isOk(*read));
        QCOMPARE(std::get<QString>(*read), QStringLiteral("s3cret"));
        again.remove(QStringLiteral("b@example.org"));
        auto gone = await(again.read(QStringLiteral("b@example.org")));
        QVERIFY(gone && !xmpp::isOk(*gone));
        qunsetenv("PARLA_PASSWORD_FILE_FALLBACK");
    }

    void noKeyringFallsBackToTheFile()
    {
        // No D-Bus session bus here: QtKeychain cannot reach a Secret Service, and the store
        // must still keep the password (in the file) instead of losing it.
        qunsetenv("PARLA_PASSWORD_FILE_FALLBACK");
        const QByteArray bus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/parla-test-bus");
        QTemporaryDir profile;
        KeychainPasswordStore store(profile.path());
        auto written = await(store.write(QStringLiteral("c@example.org"), QStringLiteral("pw3")));
        QVERIFY(written);
        if (!xmpp::isOk(*written))
            QFAIL(qPrintable(std::get<xmpp::Error>(*written).text));
        auto read = await(store.read(QStringLiteral("c@example.org")));
        QVERIFY(read && xmpp::isOk(*read));
        QCOMPARE(std::get<QString>(*read), QStringLiteral("pw3"));
        if (bus.isEmpty())
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        else
            qputenv("DBUS_SESSION_BUS_ADDRESS", bus);
    }
};

QTEST_GUILESS_MAIN(TestPasswordStore)
#include "tst_passwordstore.moc"
