// SPDX-License-Identifier: GPL-3.0-or-later
// Joining a crowded room (XEP-0045 §7.2): a room on a real Prosody holds 2,000 occupants
// (PARLA_CROWD overrides), filled cheaply by testing::MucCrowd through an external component
// (XEP-0114). One iteration: an account that is already logged in sends its join presence and
// the clock stops when its self-presence (status 110) arrives — the service sends it after the
// presences of every occupant (§7.2.3), so this is the time to receive and process the whole
// occupant list.
//
// Baseline: a bare xmpp::Client (the same bare-client pattern as bench_catchup's baseline) with
// one extension that only counts the room's presences: the same bytes on the same stream with
// no room model, no occupant list, no storage.
//
// Parla: an AppSession in a fresh profile, logged in (not measured), joins the room the way the
// join dialog does (RoomsApi::joinRoom: the room's conversation is opened too) and asks for the
// room's occupant model, as the occupant panel does. The clock stops when the room is Joined
// and the model holds every occupant. Budgets (issue): within 1.2x of the bare client, no stall
// of the main (GUI) thread over 50 ms, measured by bench::StallProbe.
#include "core/services/account.h"
#include "core/services/passwordstore.h"
#include "core/services/rooms.h"
#include "core/session/appsession.h"
#include "core/xmpp/client.h"
#include "tests/support/localprosody.h"
#include "tests/support/muccrowd.h"

#include "benchsupport.h"

#include <QAbstractItemModel>
#include <QTemporaryDir>

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <benchmark/benchmark.h>

#include <memory>

using namespace parla;

namespace {

const QString kUser = QStringLiteral("alice");
const QString kPassword = QStringLiteral("bench-password");
const QString kSecret = QStringLiteral("crowd-secret");
constexpr int kTimeoutMs = 5 * 60 * 1000;

int occupants()
{
    return qEnvironmentVariableIsSet("PARLA_CROWD")
               ? std::max(1, qEnvironmentVariableIntValue("PARLA_CROWD"))
               : 2000;
}

/// The server and the crowded room, set up once (not measured).
struct Server
{
    testing::LocalProsody prosody;
    std::unique_ptr<testing::MucCrowd> crowd;
    QTemporaryDir profiles;
    int profileCount = 0;
    QString error;
    QString room() const { return QStringLiteral("crowd@") + prosody.conferenceHost(); }
    QString jid() const { return kUser + u'@' + prosody.host(); }
};

Server *server()
{
    static Server *instance = [] {
        auto *s = new Server;
        testing::LocalProsodyOptions options;
        options.crowdComponentSecret = kSecret;
        options.startTimeoutMs = 30000;
        if (!s->prosody.prepare(options) || !s->prosody.registerUser(kUser, kPassword) ||
            !s->prosody.start()) {
            s->error = s->prosody.errorString();
            return s;
        }
        s->crowd = std::make_unique<testing::MucCrowd>(s->prosody.componentPort(),
                                                       s->prosody.crowdHost(), kSecret);
        QElapsedTimer clock;
        clock.start();
        if (!s->crowd->connectToServer() || !s->crowd->fill(s->room(), occupants())) {
            s->error = s->crowd->errorString() + QStringLiteral("\n") + s->prosody.logTail(15);
            return s;
        }
        s->crowd->discardIncoming();
        qInfo("filled %s with %d occupants in %lld ms (%.1f MB of broadcasts to the component)",
              qPrintable(s->room()), s->crowd->joined(), clock.elapsed(),
              double(s->crowd->bytesReceived()) / 1e6);
        return s;
    }();
    return instance;
}

// --- baseline: a bare client counting the room's presences ---------------------------------

/// Counts presences from the room and notices our own (status 110, XEP-0045 §7.2.3).
class PresenceCounter : public xmpp::Extension
{
public:
    QString room;
    int presences = 0;
    bool self = false;
    bool error = false;
    std::function<void()> done;

    bool handleStanza(const xmpp::Element &stanza) override
    {
        if (stanza.name() != u"presence" ||
            xmpp::Jid::fromString(stanza.attribute(u"from")).bare().toString() != room)
            return false;
        ++presences;
        if (stanza.attribute(u"type") == u"error") {
            error = true;
        } else {
            const auto x = stanza.firstChild(u"x", u"http://jabber.org/protocol/muc#user");
            for (const auto &status : x.childrenNamed(u"status"))
                self = self || status.attribute(u"code") == u"110";
        }
        if ((self || error) && done)
            done();
        return true;
    }
};

void BM_MucJoin_Bare(benchmark::State &state)
{
    Server *s = server();
    if (!s->error.isEmpty())
        return state.SkipWithError(qPrintable(s->error));
    const int expected = s->crowd->joined() + 1; // the crowd and ourselves
    bench::Measure measure;
    int iteration = 0;
    for (auto _ : state) {
        xmpp::Client client;
        auto *counter = new PresenceCounter;
        counter->room = s->room();
        client.addExtension(counter);
        client.setSettings(bench::bareSettings(s->prosody, s->jid(), kPassword,
                                               QStringLiteral("bare%1").arg(++iteration)));
        QEventLoop loop;
        QObject::connect(&client, &xmpp::Client::connected, &loop, &QEventLoop::quit);
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        client.connectToServer();
        loop.exec(); // logging in is not measured
        if (!client.isConnected())
            return state.SkipWithError("the bare client could not log in");

        qint64 received = 0;
        QObject::connect(&client, &xmpp::Client::xmlReceived,
                         [&received](const QByteArray &data) { received += data.size(); });
        counter->done = [&loop] { loop.quit(); };
        QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
        xmpp::Element presence(QStringLiteral("presence"), QStringLiteral("jabber:client"));
        presence.setAttribute(QStringLiteral("to"),
                              s->room() + QStringLiteral("/bench%1").arg(iteration));
        presence.appendChild(
            xmpp::Element(QStringLiteral("x"), QStringLiteral("http://jabber.org/protocol/muc")));
        measure.begin();
        client.send(presence);
        loop.exec();
        measure.end(state);
        if (counter->error || !counter->self || counter->presences < expected)
            return state.SkipWithError(
                qPrintable(QStringLiteral("join: %1 presences of %2, %3")
                               .arg(counter->presences)
                               .arg(expected)
                               .arg(counter->error ? u"error"_qs : u"no self"_qs)));
        measure.setReceivedBytes(received);
        client.disconnectFromServer();
    }
    state.counters["occupants"] = expected;
    measure.report(state, expected);
}

// --- Parla: an account in a fresh profile joining through the rooms service ---------------

/// A fresh profile holding only the account.
QString freshProfile(Server &s)
{
    const QString dir = s.profiles.filePath(QStringLiteral("profile-%1").arg(++s.profileCount));
    bench::createProfile(dir, s.prosody, s.jid(), QStringLiteral("parla%1").arg(s.profileCount))
        ->flush();
    return dir;
}

void BM_MucJoin_Parla(benchmark::State &state)
{
    Server *s = server();
    if (!s->error.isEmpty())
        return state.SkipWithError(qPrintable(s->error));
    const int expected = s->crowd->joined() + 1;
    bench::Measure measure;
    for (auto _ : state) {
        const QString profile = freshProfile(*s);
        services::AppSession session(profile, std::make_unique<services::MemoryPasswordStore>());
        session.setExtraCaCertificates({s->prosody.caCertificatePem()});
        services::Account *account = session.account(s->jid());
        if (!account)
            return state.SkipWithError("the profile has no account");
        QEventLoop loop;
        QObject::connect(account, &services::Account::stateChanged, &loop, [&loop, account] {
            if (account->state() != ConnectionState::Connecting)
                loop.quit();
        });
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        account->connectAccount(kPassword);
        loop.exec(); // logging in is not measured
        if (account->state() != ConnectionState::Connected)
            return state.SkipWithError("Parla could not log in");

        qint64 received = 0;
        QObject::connect(account->client(), &xmpp::Client::xmlReceived,
                         [&received](const QByteArray &data) { received += data.size(); });
        QAbstractItemModel *occupants = nullptr;
        // Done when the room is Joined and its model holds everyone (the model batches the
        // presences, so it may trail the self-presence by one batch), or when the join failed.
        const auto check = [&] {
            const services::Room *room = account->rooms()->room(s->room());
            if (!room || room->state() == RoomState::Joining ||
                room->state() == RoomState::NotJoined)
                return;
            if (room->state() != RoomState::Joined ||
                (occupants && occupants->rowCount() >= expected))
                loop.quit();
        };
        QObject::connect(account->rooms(), &services::RoomManager::roomChanged, &loop, check);
        QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
        measure.begin();
        // What the join dialog does, then the occupant panel asking for its model.
        session.rooms().joinRoom(s->jid(), s->room(),
                                 QStringLiteral("parla%1").arg(s->profileCount), {});
        occupants = session.rooms().occupantModel(s->jid(), s->room());
        if (!occupants)
            return state.SkipWithError("no occupant model for the room");
        QObject::connect(occupants, &QAbstractItemModel::rowsInserted, &loop, check);
        QObject::connect(occupants, &QAbstractItemModel::modelReset, &loop, check);
        loop.exec();
        measure.end(state);
        const services::Room *room = account->rooms()->room(s->room());
        if (!room || room->state() != RoomState::Joined || occupants->rowCount() < expected)
            return state.SkipWithError(
                qPrintable(QStringLiteral("join: state %1, %2 occupants of %3: %4")
                               .arg(room ? int(room->state()) : -1)
                               .arg(occupants->rowCount())
                               .arg(expected)
                               .arg(room ? room->info().errorText : QString())));
        measure.setReceivedBytes(received);
    }
    state.counters["occupants"] = expected;
    measure.report(state, expected);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int iterations = bench::iterations(5);
    benchmark::RegisterBenchmark("BM_MucJoin_Bare", BM_MucJoin_Bare)
        ->Iterations(iterations)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_MucJoin_Parla", BM_MucJoin_Parla)
        ->Iterations(iterations)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    delete server(); // stops prosody
    return 0;
}
