// SPDX-License-Identifier: GPL-3.0-or-later
// DBusNotificationBackend against a notification server on a private D-Bus session bus (a
// real dbus-daemon; the server is a small Desktop Notifications 1.2 implementation here).
#include "ui/notificationbackend.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using parla::ui::DBusNotificationBackend;
using parla::ui::NotificationBackend;

namespace {

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");

/// The notification server side, on its own bus connection.
class FakeServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    explicit FakeServer(QDBusConnection bus) : m_bus(bus) {}

    QStringList capabilities{QStringLiteral("body"), QStringLiteral("actions")};
    struct Shown
    {
        uint id;
        uint replaces;
        QString summary, body;
        QStringList actions;
        QVariantMap hints;
    };
    QList<Shown> shown;
    QList<uint> closed;

    void emitSignal(const QString &name, const QVariantList &args)
    {
        QDBusMessage m = QDBusMessage::createSignal(kPath, kService, name);
        m.setArguments(args);
        m_bus.send(m);
    }

public Q_SLOTS:
    QStringList GetCapabilities() { return capabilities; }
    uint Notify(const QString &, uint replaces, const QString &, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int)
    {
        const uint id = replaces ? replaces : m_next++;
        shown.append({id, replaces, summary, body, actions, hints});
        return id;
    }
    void CloseNotification(uint id)
    {
        closed.append(id);
        emitSignal(QStringLiteral("NotificationClosed"), {id, 3u});
    }

private:
    QDBusConnection m_bus;
    uint m_next = 41;
};

} // namespace

class TestDBusNotifications : public QObject
{
    Q_OBJECT

    QProcess m_daemon;
    QString m_address;

    bool waitFor(const std::function<bool()> &done)
    {
        // The backend talks asynchronously; both ends live on this thread's event loop.
        for (int i = 0; i < 500 && !done(); ++i)
            QTest::qWait(10);
        return done();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_daemon.start(QStringLiteral("dbus-daemon"),
                       {QStringLiteral("--session"), QStringLiteral("--nofork"),
                        QStringLiteral("--print-address")});
        QVERIFY(m_daemon.waitForStarted());
        QVERIFY(m_daemon.waitForReadyRead(10000));
        m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
        QVERIFY(!m_address.isEmpty());
        // sessionBus() reads the address on first use: nothing has used it yet.
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
        QVERIFY(QDBusConnection::sessionBus().isConnected());
    }

    void cleanupTestCase()
    {
        m_daemon.terminate();
        m_daemon.waitForFinished();
    }

    void noServiceNoBackend() { QVERIFY(!DBusNotificationBackend::isServiceAvailable()); }

    void notifyActionsReplaceAndClose()
    {
        QDBusConnection bus = QDBusConnection::connectToBus(m_address, QStringLiteral("server1"));
        FakeServer server(bus);
        QVERIFY(bus.registerObject(kPath, &server, QDBusConnection::ExportAllSlots));
        QVERIFY(bus.registerService(kService));
        QVERIFY(DBusNotificationBackend::isServiceAvailable());

        DBusNotificationBackend backend;
        QSignalSpy activated(&backend, &NotificationBackend::activated);
        QSignalSpy actions(&backend, &NotificationBackend::actionInvoked);
        backend.show({7, QStringLiteral("Carla"), QStringLiteral("<b>hi</b> & bye")});
        QVERIFY(waitFor([&] { return server.shown.size() == 1; }));
        const auto first = server.shown[0];
        QCOMPARE(first.summary, QStringLiteral("Carla"));
        QCOMPARE(first.body, QStringLiteral("&lt;b&gt;hi&lt;/b&gt; &amp; bye")); // markup escaped
        QVERIFY(first.actions.contains(NotificationBackend::replyAction()));
        QVERIFY(first.actions.contains(NotificationBackend::markReadAction()));
        QVERIFY(first.actions.contains(QStringLiteral("default")));
        QCOMPARE(first.hints.value(QStringLiteral("category")).toString(),
                 QStringLiteral("im.received"));

        // The same key replaces the shown notification.
        backend.show({7, QStringLiteral("Carla"), QStringLiteral("again")});
        QVERIFY(waitFor([&] { return server.shown.size() == 2; }));
        QCOMPARE(server.shown[1].replaces, first.id);

        // Clicks and buttons come back under our key; other applications' ids are ignored.
        server.emitSignal(QStringLiteral("ActionInvoked"), {first.id, QStringLiteral("default")});
        server.emitSignal(QStringLiteral("ActionInvoked"), {999u, QStringLiteral("default")});
        server.emitSignal(QStringLiteral("ActionInvoked"),
                          {first.id, NotificationBackend::markReadAction()});
        QVERIFY(waitFor([&] { return actions.size() == 1; }));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated[0][0].value<quint32>(), 7u);
        QCOMPARE(actions[0][1].toString(), NotificationBackend::markReadAction());

        backend.close(7);
        QVERIFY(waitFor([&] { return server.closed.size() == 1; }));
        QCOMPARE(server.closed[0], first.id);
        bus.unregisterService(kService);
        QDBusConnection::disconnectFromBus(QStringLiteral("server1"));
    }

    void inlineReplyWhereTheServerCan()
    {
        QDBusConnection bus = QDBusConnection::connectToBus(m_address, QStringLiteral("server2"));
        FakeServer server(bus);
        server.capabilities << QStringLiteral("inline-reply");
        QVERIFY(bus.registerObject(kPath, &server, QDBusConnection::ExportAllSlots));
        QVERIFY(bus.registerService(kService));

        DBusNotificationBackend backend;
        QVERIFY(waitFor([&] { return backend.supportsInlineReply(); }));
        QSignalSpy replied(&backend, &NotificationBackend::replied);
        backend.show({3, QStringLiteral("Anna"), QStringLiteral("coming?")});
        QVERIFY(waitFor([&] { return server.shown.size() == 1; }));
        QVERIFY(server.shown[0].actions.contains(QStringLiteral("inline-reply")));
        server.emitSignal(QStringLiteral("NotificationReplied"),
                          {server.shown[0].id, QStringLiteral("yes")});
        QVERIFY(waitFor([&] { return replied.size() == 1; }));
        QCOMPARE(replied[0][0].value<quint32>(), 3u);
        QCOMPARE(replied[0][1].toString(), QStringLiteral("yes"));
        bus.unregisterService(kService);
        QDBusConnection::disconnectFromBus(QStringLiteral("server2"));
    }

    void serviceGoneMeansFailed()
    {
        DBusNotificationBackend backend; // nobody owns the name now
        QSignalSpy failed(&backend, &NotificationBackend::failed);
        backend.show({1, QStringLiteral("x"), QString()});
        QVERIFY(failed.wait(10000));
    }
};

QTEST_MAIN(TestDBusNotifications)
#include "tst_dbusnotifications.moc"
