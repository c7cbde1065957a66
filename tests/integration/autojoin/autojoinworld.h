// SPDX-License-Identifier: GPL-3.0-or-later
// The world of "50 joined rooms at login", shared by tst_autojoin and bench_autojoin: a real
// Prosody with 50 rooms kept alive by an owner who posted messages in each (archived by
// mod_muc_mam), and an account "alice" with 50 XEP-0402 autojoin bookmarks to them plus a few
// bookmarks that are not autojoin. Header-only so the benchmark (which does not link QtTest) can
// use it; waits run an event loop instead of QTest::qWaitFor.
#pragma once

#include "tests/support/localprosody.h"

#include "services/account.h"
#include "services/passwordstore.h"
#include "services/rooms.h"
#include "session/appsession.h"
#include "session/session.h"
#include "storage/accountstore.h"
#include "storage/database.h"
#include "storage/messagestore.h"
#include "xmpp/client.h"
#include "xmpp/xep/xep0402_bookmarks/bookmarksmanager.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>

namespace parla::testing {

/// Runs the event loop until `done` holds (checked every 5 ms) or `ms` pass.
inline bool waitUntil(const std::function<bool()> &done, int ms)
{
    if (done())
        return true;
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    QTimer tick;
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() > ms)
            loop.quit();
    });
    tick.start();
    loop.exec();
    return done();
}

/// What one login of Parla did with its rooms, in order: the rooms its join presences went to
/// (read from the XML it sent), joined (RoomManager::roomJoined), caught up (roomCaughtUp).
struct AutojoinLog
{
    QStringList joinsSent;
    QStringList joined;
    QStringList caughtUp;
    QStringList mamQueriedRooms; ///< rooms whose archive was queried (XEP-0313 to the room)
    QObject context;

    void follow(services::Account *account)
    {
        QObject::connect(
            account->client(), &xmpp::Client::xmlSent, &context, [this](const QByteArray &data) {
                // A join: presence to room@service/nick with the MUC <x/> (§7.2.1).
                static const QRegularExpression join(
                    QStringLiteral("<presence[^>]*\\sto=['\"]([^'\"/]+)/[^>]*>(?:(?!"
                                   "</presence>).)*http://jabber.org/protocol/muc['\"]"),
                    QRegularExpression::DotMatchesEverythingOption);
                const QString text = QString::fromUtf8(data);
                for (auto it = join.globalMatch(text); it.hasNext();)
                    joinsSent << it.next().captured(1);
                // An archive query (XEP-0313 §4) addressed to a room.
                static const QRegularExpression mam(
                    QStringLiteral("<iq[^>]*\\sto=['\"]([^'\"/]+)['\"][^>]*>\\s*<query[^>]*"
                                   "urn:xmpp:mam:2"));
                for (auto it = mam.globalMatch(text); it.hasNext();)
                    mamQueriedRooms << it.next().captured(1);
            });
        QObject::connect(account->rooms(), &services::RoomManager::roomJoined, &context,
                         [this](const QString &room) { joined << room; });
        QObject::connect(account->rooms(), &services::RoomManager::roomCaughtUp, &context,
                         [this](const QString &room) { caughtUp << room; });
    }
};

class AutojoinWorld
{
public:
    static constexpr int kRooms = 50;
    static constexpr int kIdleBookmarks = 3; ///< bookmarks without autojoin

    QString error;
    LocalProsody prosody;

    QString password() const { return QStringLiteral("many-rooms-password"); }
    QString jid() const { return QStringLiteral("alice@") + prosody.host(); }
    QString ownerJid() const { return QStringLiteral("owner@") + prosody.host(); }
    QString room(int i) const
    {
        return QStringLiteral("room%1@").arg(i, 2, 10, QLatin1Char('0')) + prosody.conferenceHost();
    }
    QString idleRoom(int i) const
    {
        return QStringLiteral("idle%1@").arg(i) + prosody.conferenceHost();
    }
    QStringList rooms() const
    {
        QStringList out;
        for (int i = 0; i < kRooms; ++i)
            out << room(i);
        return out;
    }
    int postedPerRoom() const { return m_posted; }

    /// Prosody up, both users registered, the rooms created by the owner (who stays in them)
    /// with `messagesPerRoom` messages each, alice's bookmarks published.
    bool setUp(int messagesPerRoom)
    {
        if (!m_dir.isValid())
            return fail(QStringLiteral("no temporary directory"));
        LocalProsodyOptions options;
        options.startTimeoutMs = 30000;
        if (!prosody.prepare(options) ||
            !prosody.registerUser(QStringLiteral("alice"), password()) ||
            !prosody.registerUser(QStringLiteral("owner"), password()) || !prosody.start())
            return fail(prosody.errorString());
        return createRooms() && post(messagesPerRoom) && publishBookmarks();
    }

    /// The owner sends `count` more messages to every room and waits until the room reflected
    /// each (so each is in the room's archive).
    bool post(int count)
    {
        for (int n = 0; n < count; ++n) {
            ++m_posted;
            for (int i = 0; i < kRooms; ++i)
                m_owner->chats().sendMessage(
                    ownerJid(), room(i),
                    QStringLiteral("message %1 in room %2").arg(m_posted).arg(i));
        }
        services::Account *owner = m_owner->account(ownerJid());
        const bool sent = waitUntil(
            [&] {
                const auto pending = owner->messages().pendingOutgoing(ownerJid());
                return xmpp::isOk(pending) &&
                       std::get<QList<storage::MessageRecord>>(pending).isEmpty();
            },
            60000);
        return sent || fail(QStringLiteral("the owner's messages were not all reflected"));
    }

    /// A new profile directory with alice's account (not connected; no password prompt: the
    /// caller connects with password()).
    QString freshProfile()
    {
        const QString dir = m_dir.filePath(QStringLiteral("alice-%1").arg(++m_profiles));
        QDir().mkpath(dir);
        auto opened = storage::Database::open(QDir(dir).filePath(QStringLiteral("parla.db")));
        if (!xmpp::isOk(opened))
            return {};
        auto db = std::move(std::get<std::unique_ptr<storage::Database>>(opened));
        storage::AccountRecord record;
        record.jid = jid();
        record.resource = QStringLiteral("desk");
        record.host = LocalProsody::address();
        record.port = prosody.c2sPort();
        storage::AccountStore(*db).save(record);
        db->flush();
        return dir;
    }

    /// Opens `profile` as the app does at start, with `open` shown (ChatsApi::openConversation)
    /// before the account connects.
    std::unique_ptr<services::AppSession> openProfile(const QString &profile, const QString &open)
    {
        auto session = std::make_unique<services::AppSession>(
            profile, std::make_unique<services::MemoryPasswordStore>());
        session->setExtraCaCertificates({prosody.caCertificatePem()});
        if (!session->account(jid()))
            return nullptr;
        if (!open.isEmpty())
            session->chats().openConversation(jid(), open);
        return session;
    }

private:
    bool fail(const QString &why)
    {
        if (error.isEmpty())
            error = why;
        return false;
    }

    bool createRooms()
    {
        m_owner = std::make_unique<services::AppSession>(
            m_dir.filePath(QStringLiteral("owner")),
            std::make_unique<services::MemoryPasswordStore>());
        m_owner->setExtraCaCertificates({prosody.caCertificatePem()});
        AccountSpec spec;
        spec.jid = ownerJid();
        spec.host = LocalProsody::address();
        spec.port = prosody.c2sPort();
        spec.resource = QStringLiteral("owner");
        auto added = m_owner->accounts().addAccount(spec, password());
        if (!waitUntil([&] { return added.isFinished(); }, 30000) || !xmpp::isOk(*added.result()))
            return fail(QStringLiteral("the owner cannot log in"));
        services::Account *owner = m_owner->account(ownerJid());
        for (int i = 0; i < kRooms; ++i)
            owner->rooms()->join(room(i), QStringLiteral("owner")); // instant rooms (§10.1.2)
        const bool joined = waitUntil(
            [&] {
                for (int i = 0; i < kRooms; ++i) {
                    const services::Room *r = owner->rooms()->room(room(i));
                    if (!r || r->state() != RoomState::Joined)
                        return false;
                }
                return true;
            },
            60000);
        return joined || fail(QStringLiteral("the owner could not create every room"));
    }

    bool publishBookmarks()
    {
        xmpp::Client client;
        xmpp::ConnectionSettings s;
        s.jid = xmpp::Jid::fromString(jid());
        s.password = password();
        s.resource = QStringLiteral("setup");
        s.host = LocalProsody::address();
        s.port = prosody.c2sPort();
        s.extraCaCertificates = {prosody.caCertificatePem()};
        client.setSettings(s);
        client.connectToServer();
        if (!waitUntil([&] { return client.isConnected(); }, 30000))
            return fail(QStringLiteral("alice cannot log in to publish her bookmarks"));
        std::vector<Task<xmpp::Result<xmpp::Element>>> published;
        for (int i = 0; i < kRooms + kIdleBookmarks; ++i) {
            xmpp::BookmarkConference c;
            c.room = xmpp::Jid::fromString(i < kRooms ? room(i) : idleRoom(i - kRooms));
            c.name = QStringLiteral("Room %1").arg(i);
            c.nick = QStringLiteral("alice");
            c.autojoin = i < kRooms;
            published.push_back(client.sendIq(xmpp::BookmarksManager::makePublish(c)));
        }
        const bool done = waitUntil(
            [&] {
                return std::all_of(published.begin(), published.end(),
                                   [](const auto &t) { return t.isFinished(); });
            },
            60000);
        const bool ok = done && std::all_of(published.begin(), published.end(),
                                            [](const auto &t) { return xmpp::isOk(*t.result()); });
        client.disconnectFromServer();
        waitUntil([&] { return !client.isConnected(); }, 5000);
        return ok || fail(QStringLiteral("publishing the bookmarks failed"));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<services::AppSession> m_owner;
    int m_profiles = 0;
    int m_posted = 0;
};

} // namespace parla::testing
