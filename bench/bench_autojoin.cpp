// SPDX-License-Identifier: GPL-3.0-or-later
// "50 joined rooms at login" (issue 4): an account with 50 XEP-0402 autojoin bookmarks logs in
// to a real Prosody whose 50 rooms each hold a few archived messages (the world of
// tests/integration/autojoin/autojoinworld.h).
//
// Parla: an AppSession opens a fresh profile (room 37 shown, as after a restart) and the account
// connects; measured until every room is joined (RoomManager::roomJoined) and caught up
// (roomCaughtUp: disco#info done and the history stored). Parla/Relogin does the same from a
// profile that already holds the rooms' history (since-history on join plus the XEP-0313
// catch-up from the newest stored stanza-id). Baseline, same server and run: a bare
// xmpp::Client logs in as the same account, sends the 50 join presences (asking for the same
// history) and waits for the 50 self-presences: the protocol floor, without bookmarks, disco,
// store or models. Counters: longest main-thread stall and busy block (bench::StallProbe,
// budget 50 ms), time until the open room is caught up, time until all are joined.
#include "tests/integration/autojoin/autojoinworld.h"
#include "xmpp/xep/xep0045_muc/mucuser.h"

#include "benchsupport.h"

#include <QCoreApplication>

#include <benchmark/benchmark.h>

#include <algorithm>

using namespace parla;
using parla::testing::AutojoinWorld;

namespace {

constexpr int kTimeoutMs = 180000;
constexpr int kOpenRoom = 37;

AutojoinWorld *world()
{
    static AutojoinWorld *instance = [] {
        auto *w = new AutojoinWorld;
        w->setUp(3);
        return w;
    }();
    return instance;
}

/// Counts the rooms' self-presences (XEP-0045 §7.2.2, status 110) a bare client receives.
class SelfPresenceCounter : public xmpp::Extension
{
public:
    QSet<QString> rooms;
    bool handleStanza(const xmpp::Element &stanza) override
    {
        if (stanza.name() != u"presence")
            return false;
        const auto x = stanza.firstChild(u"x", u"http://jabber.org/protocol/muc#user");
        for (const xmpp::Element &status : x.childrenNamed(u"status")) {
            if (status.attribute(u"code") == u"110")
                rooms.insert(stanza.attribute(u"from").section(u'/', 0, 0));
        }
        return false;
    }
};

void BM_Autojoin_BareJoins(benchmark::State &state)
{
    AutojoinWorld *w = world();
    if (!w->error.isEmpty())
        return state.SkipWithError(qPrintable(w->error));
    bench::Measure measure;
    for (auto _ : state) {
        xmpp::Client client;
        auto *counter = new SelfPresenceCounter;
        client.addExtension(counter);
        client.setSettings(
            bench::bareSettings(w->prosody, w->jid(), w->password(), QStringLiteral("bare")));
        qint64 received = 0;
        QObject::connect(&client, &xmpp::Client::xmlReceived,
                         [&received](const QByteArray &data) { received += data.size(); });
        QObject::connect(&client, &xmpp::Client::connected, &client, [&] {
            for (const QString &room : w->rooms()) {
                xmpp::MucJoin join;
                join.maxStanzas = 50; // what Parla asks for on a first join
                xmpp::Element presence(QStringLiteral("presence"), QStringLiteral("jabber:client"));
                presence.setAttribute(QStringLiteral("to"), room + QStringLiteral("/bare"));
                presence.appendChild(join.toElement());
                client.send(presence);
            }
        });
        measure.begin();
        client.connectToServer();
        const bool done = testing::waitUntil(
            [&] { return counter->rooms.size() == AutojoinWorld::kRooms; }, kTimeoutMs);
        measure.end(state);
        measure.setReceivedBytes(received);
        client.disconnectFromServer();
        testing::waitUntil([&] { return !client.isConnected(); }, 5000);
        if (!done)
            return state.SkipWithError("the bare client was not joined everywhere");
    }
    measure.report(state, AutojoinWorld::kRooms);
}

/// One login of Parla from `profile`; false when it did not finish.
bool parlaLogin(AutojoinWorld &w, const QString &profile, benchmark::State &state,
                bench::Measure &measure, double &openMs, double &joinedMs)
{
    auto session = w.openProfile(profile, w.room(kOpenRoom));
    if (!session)
        return false;
    services::Account *account = session->account(w.jid());
    testing::AutojoinLog log;
    log.follow(account);
    QElapsedTimer clock;
    QObject marks;
    QObject::connect(account->rooms(), &services::RoomManager::roomCaughtUp, &marks,
                     [&](const QString &room) {
                         if (room == w.room(kOpenRoom))
                             openMs += clock.nsecsElapsed() / 1e6;
                     });
    QObject::connect(account->rooms(), &services::RoomManager::roomJoined, &marks, [&] {
        if (log.joined.size() == AutojoinWorld::kRooms)
            joinedMs += clock.nsecsElapsed() / 1e6;
    });
    qint64 received = 0;
    QObject::connect(account->client(), &xmpp::Client::xmlReceived, &marks,
                     [&received](const QByteArray &data) { received += data.size(); });
    measure.begin();
    clock.start();
    account->connectAccount(w.password());
    const bool done = testing::waitUntil(
        [&] { return log.caughtUp.size() >= AutojoinWorld::kRooms; }, kTimeoutMs);
    measure.end(state);
    measure.setReceivedBytes(received);
    return done;
}

void BM_Autojoin_Parla(benchmark::State &state)
{
    AutojoinWorld *w = world();
    if (!w->error.isEmpty())
        return state.SkipWithError(qPrintable(w->error));
    bench::Measure measure;
    double openMs = 0, joinedMs = 0;
    for (auto _ : state) {
        if (!parlaLogin(*w, w->freshProfile(), state, measure, openMs, joinedMs))
            return state.SkipWithError("Parla did not join and catch up every room");
    }
    measure.report(state, AutojoinWorld::kRooms);
    state.counters["openRoomCaughtUpMs"] = openMs / double(state.iterations());
    state.counters["allJoinedMs"] = joinedMs / double(state.iterations());
}

void BM_Autojoin_ParlaRelogin(benchmark::State &state)
{
    AutojoinWorld *w = world();
    if (!w->error.isEmpty())
        return state.SkipWithError(qPrintable(w->error));
    // A profile that already has every room's history (not measured).
    const QString profile = w->freshProfile();
    bench::Measure warmUp;
    double ignoredOpen = 0, ignoredJoined = 0;
    if (!parlaLogin(*w, profile, state, warmUp, ignoredOpen, ignoredJoined))
        return state.SkipWithError("the first login did not finish");
    bench::Measure measure;
    double openMs = 0, joinedMs = 0;
    for (auto _ : state) {
        if (!parlaLogin(*w, profile, state, measure, openMs, joinedMs))
            return state.SkipWithError("Parla did not join and catch up every room");
    }
    measure.report(state, AutojoinWorld::kRooms);
    state.counters["openRoomCaughtUpMs"] = openMs / double(state.iterations());
    state.counters["allJoinedMs"] = joinedMs / double(state.iterations());
}

BENCHMARK(BM_Autojoin_BareJoins)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_Autojoin_Parla)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_Autojoin_ParlaRelogin)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    delete world(); // the owner's session, then prosody
    return 0;
}
