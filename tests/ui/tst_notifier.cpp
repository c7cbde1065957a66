// SPDX-License-Identifier: GPL-3.0-or-later
// Notifier over a fake notification backend: what a message makes happen, and what the
// notification's actions do to the Session.
#include "fakesession.h"

#include "ui/notificationbackend.h"
#include "ui/notifier.h"

#include "core/models/roles.h"

#include <QSignalSpy>
#include <QTest>

using namespace parla;
using namespace parla::models;

namespace {

/// Records what the Notifier asks of a desktop notification service.
class FakeBackend : public ui::NotificationBackend
{
    Q_OBJECT
public:
    using NotificationBackend::NotificationBackend;
    void show(const Request &request) override { shown.append(request); }
    void close(quint32 key) override { closed.append(key); }
    bool supportsInlineReply() const override { return true; }

    // What the user does with the last notification.
    void click() { Q_EMIT activated(shown.constLast().key); }
    void press(const QString &action) { Q_EMIT actionInvoked(shown.constLast().key, action); }
    void reply(const QString &text) { Q_EMIT replied(shown.constLast().key, text); }
    void breakDown() { Q_EMIT failed(); }

    QList<Request> shown;
    QList<quint32> closed;
};

const QString kMe = QStringLiteral("sam@parla.im");
const QString kAnna = QStringLiteral("anna@parla.im");
const QString kCarla = QStringLiteral("carla@parla.im");
const QString kDmitri = QStringLiteral("dmitri@xmpp.example"); // muted in the fake session

} // namespace

class TestNotifier : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        test::FakeSession session;
        FakeBackend backend;
        ui::Notifier notifier{&session, &backend};
        ui::Notifier::Focus focus;
        int sounds = 0;
        Fixture()
        {
            notifier.setFocusProvider([this] { return focus; });
            notifier.setSoundPlayer([this] { ++sounds; });
        }
    };

private Q_SLOTS:
    void backgroundMessageNotifiesAndChimes()
    {
        Fixture f;
        f.session.chats().receive(kMe, kCarla, QStringLiteral("Photos are up"));
        QCOMPARE(f.backend.shown.size(), 1);
        QCOMPARE(f.backend.shown[0].title, QStringLiteral("Carla Mendes"));
        QCOMPARE(f.backend.shown[0].body, QStringLiteral("Photos are up"));
        QCOMPARE(f.sounds, 1);
        QVERIFY(f.notifier.isShown(kMe, kCarla));

        // The next message of the same conversation replaces it (same key).
        f.session.chats().receive(kMe, kCarla, QStringLiteral("And the video"));
        QCOMPARE(f.backend.shown.size(), 2);
        QCOMPARE(f.backend.shown[1].key, f.backend.shown[0].key);
        // Another conversation gets its own.
        f.session.chats().receive(kMe, kAnna, QStringLiteral("hi"));
        QVERIFY(f.backend.shown[2].key != f.backend.shown[0].key);
    }

    void mutedConversationIsSilent()
    {
        Fixture f;
        QVERIFY(f.session.chats().isConversationMuted(kMe, kDmitri));
        f.session.chats().receive(kMe, kDmitri, QStringLiteral("Your move"));
        QVERIFY(f.backend.shown.isEmpty());
        QCOMPARE(f.sounds, 0);

        // Muted for an hour through the seam, then unmuted: silent, then heard again.
        f.session.chats().setConversationMuted(kMe, kCarla,
                                               QDateTime::currentDateTimeUtc().addSecs(3600));
        f.session.chats().receive(kMe, kCarla, QStringLiteral("psst"));
        QVERIFY(f.backend.shown.isEmpty());
        f.session.chats().setConversationMuted(kMe, kCarla, {});
        f.session.chats().receive(kMe, kCarla, QStringLiteral("hello?"));
        QCOMPARE(f.backend.shown.size(), 1);
        QCOMPARE(f.sounds, 1);
    }

    void focusedConversationIsSilent()
    {
        Fixture f;
        f.focus = {true, kMe, kCarla};
        f.session.chats().receive(kMe, kCarla, QStringLiteral("seen at once"));
        QVERIFY(f.backend.shown.isEmpty());
        QCOMPARE(f.sounds, 0);

        // The window is in front but shows another chat: a sound, no desktop popup.
        f.session.chats().receive(kMe, kAnna, QStringLiteral("over here"));
        QVERIFY(f.backend.shown.isEmpty());
        QCOMPARE(f.sounds, 1);
    }

    void previewsAndSoundsCanBeTurnedOff()
    {
        Fixture f;
        f.notifier.setShowPreviews(false);
        f.notifier.setSoundsEnabled(false);
        f.session.chats().receive(kMe, kCarla, QStringLiteral("secret"));
        QCOMPARE(f.backend.shown.size(), 1);
        QCOMPARE(f.backend.shown[0].title, QStringLiteral("Carla Mendes"));
        QVERIFY(f.backend.shown[0].body.isEmpty());
        QCOMPARE(f.sounds, 0);
    }

    void markAsReadActionMarksReadAndCloses()
    {
        Fixture f;
        f.session.chats().receive(kMe, kCarla, QStringLiteral("hi"));
        f.backend.press(ui::NotificationBackend::markReadAction());
        const auto call = f.session.lastCall(QStringLiteral("markRead"));
        QVERIFY(call);
        QCOMPARE(call->args, (QStringList{kMe, kCarla}));
        QCOMPARE(f.backend.closed, QList<quint32>{f.backend.shown[0].key});
        QVERIFY(!f.notifier.isShown(kMe, kCarla));
    }

    void replyActionOpensTheConversation()
    {
        Fixture f;
        QSignalSpy reply(&f.notifier, &ui::Notifier::replyRequested);
        f.session.chats().receive(kMe, kCarla, QStringLiteral("hi"));
        f.backend.press(ui::NotificationBackend::replyAction());
        QCOMPARE(reply.size(), 1);
        QCOMPARE(reply[0], (QVariantList{kMe, kCarla}));
        QVERIFY(!f.session.lastCall(QStringLiteral("sendMessage")));
    }

    void inlineReplySendsAndMarksRead()
    {
        Fixture f;
        f.session.chats().receive(kMe, kCarla, QStringLiteral("coming?"));
        f.backend.reply(QStringLiteral(" yes! "));
        const auto sent = f.session.lastCall(QStringLiteral("sendMessage"));
        QVERIFY(sent);
        QCOMPARE(sent->args, (QStringList{kMe, kCarla, QStringLiteral("yes!")}));
        QVERIFY(f.session.lastCall(QStringLiteral("markRead")));
        QCOMPARE(f.backend.closed.size(), 1);
    }

    void clickOpensTheConversation()
    {
        Fixture f;
        QSignalSpy open(&f.notifier, &ui::Notifier::conversationActivated);
        f.session.chats().receive(kMe, kAnna, QStringLiteral("hi"));
        f.backend.click();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open[0], (QVariantList{kMe, kAnna}));
    }

    void readElsewhereClosesTheNotification()
    {
        Fixture f;
        f.session.chats().receive(kMe, kCarla, QStringLiteral("hi"));
        f.session.chats().receive(kMe, kAnna, QStringLiteral("hi"));
        const quint32 carlaKey = f.backend.shown[0].key;
        f.session.chats().markRead(kMe, kCarla); // e.g. the user opened it in the window
        QCOMPARE(f.backend.closed, QList<quint32>{carlaKey});
        QVERIFY(f.notifier.isShown(kMe, kAnna));
        // Muting a conversation takes its notification away too.
        f.session.chats().setConversationMuted(kMe, kAnna, parla::ChatsApi::mutedForever());
        QCOMPARE(f.backend.closed.size(), 2);
    }

    void brokenBackendFallsBack()
    {
        Fixture f;
        FakeBackend tray;
        f.notifier.setFallbackBackend(&tray);
        f.backend.breakDown();
        f.session.chats().receive(kMe, kCarla, QStringLiteral("hi"));
        QVERIFY(f.backend.shown.isEmpty());
        QCOMPARE(tray.shown.size(), 1);
    }
};

QTEST_MAIN(TestNotifier)
#include "tst_notifier.moc"
