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
// no room model, no occupant list, no storage. The Parla side (services::Account joining through
// its room manager) is wired by the lead once the group-chat manager lands.
#include "core/xmpp/client.h"
#include "tests/support/localprosody.h"
#include "tests/support/muccrowd.h"

#include <QCoreApplication>
#include <QElapsedTimer>
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
    qint64 bytes = 0;
    int iteration = 0;
    for (auto _ : state) {
        xmpp::Client client;
        auto *counter = new PresenceCounter;
        counter->room = s->room();
        client.addExtension(counter);
        xmpp::ConnectionSettings settings;
        settings.jid = xmpp::Jid::fromString(s->jid());
        settings.password = kPassword;
        settings.resource = QStringLiteral("bare%1").arg(++iteration);
        settings.host = testing::LocalProsody::address();
        settings.port = s->prosody.c2sPort();
        settings.extraCaCertificates = {s->prosody.caCertificatePem()};
        client.setSettings(settings);
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
        QElapsedTimer clock;
        clock.start();
        client.send(presence);
        loop.exec();
        state.SetIterationTime(double(clock.nsecsElapsed()) / 1e9);
        if (counter->error || !counter->self || counter->presences < expected)
            return state.SkipWithError(
                qPrintable(QStringLiteral("join: %1 presences of %2, %3")
                               .arg(counter->presences)
                               .arg(expected)
                               .arg(counter->error ? u"error"_qs : u"no self"_qs)));
        bytes = received;
        client.disconnectFromServer();
    }
    state.counters["occupants"] = expected;
    state.counters["receivedMB"] = double(bytes) / 1e6;
    state.SetItemsProcessed(state.iterations() * expected);
}

// --- Parla side: wired by the lead --------------------------------------------------------
// BM_MucJoin_Parla: a services::Account (AppSession in a fresh profile, logged in, not
// measured) joins s->room() through its room manager (Account::rooms(), the group-chat
// helper's RoomManager::join); the clock stops when the room's state becomes Joined and its
// occupant model holds s->crowd->joined() + 1 rows. Register it next to BM_MucJoin_Bare below.

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int iterations = qEnvironmentVariableIsSet("PARLA_BENCH_ITERATIONS")
                               ? std::max(1, qEnvironmentVariableIntValue("PARLA_BENCH_ITERATIONS"))
                               : 5;
    benchmark::RegisterBenchmark("BM_MucJoin_Bare", BM_MucJoin_Bare)
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
