// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo.h"

#include "tests/support/localprosody.h"

#include "session/appsession.h"
#include "storage/accountstore.h"
#include "xmpp/client.h"
#include "xmpp/im/message.h"
#include "xmpp/im/presence.h"
#include "xmpp/im/roster.h"
#include "xmpp/xep/xep0045_muc/mucmanager.h"
#include "xmpp/xep/xep0045_muc_admin/mucadmin.h"

#include <QTimer>

#include <algorithm>
#include <utility>

namespace parla::app {

using namespace parla::xmpp;

namespace {
const QString kAlicePassword = QStringLiteral("alice-demo-password");
const QString kBobPassword = QStringLiteral("bob-demo-password");

const QString kGuestPassword = QStringLiteral("guest-demo-password");
/// Who else sits in the demo room, and what each says on arrival.
const char *const kGuests[][2] = {
    {"carol", "Morning all ☕"},
    {"dave", "Has anyone tried the new build yet?"},
    {"erin", "Yes! Group chat works nicely. Type @ and a name, then Tab, to mention someone."},
};

const char *const kBobLines[] = {
    "Hi Alice! 👋 This is a real XMPP server running on your machine, just for this demo.",
    "Everything you send is stored before it leaves, and marked ✓ once the server has it.",
    "Try the contact list, the XML console (Ctrl+Shift+X), or adding an account of your own.",
    "I only know a few lines, but I am always happy to chat. 🙂",
};
} // namespace

DemoEnvironment::DemoEnvironment(QObject *parent)
    : QObject(parent), m_server(std::make_unique<testing::LocalProsody>())
{}

DemoEnvironment::~DemoEnvironment()
{
    if (m_bob)
        m_bob->disconnectFromServer();
    m_server->stop();
}

QString DemoEnvironment::profileDirectory() const
{
    return m_profile.path();
}

bool DemoEnvironment::start()
{
    if (!m_profile.isValid()) {
        m_error = tr("Could not create a temporary profile folder.");
        return false;
    }
    if (!m_server->prepare() || !m_server->registerUser(QStringLiteral("alice"), kAlicePassword) ||
        !m_server->registerUser(QStringLiteral("bob"), kBobPassword) ||
        !m_server->seedMutualContacts(QStringLiteral("alice"), QStringLiteral("bob"),
                                      QStringLiteral("Friends")) ||
        !std::all_of(std::begin(kGuests), std::end(kGuests),
                     [this](const auto &guest) {
                         return m_server->registerUser(QString::fromUtf8(guest[0]), kGuestPassword);
                     }) ||
        !m_server->start()) {
        m_error = tr("The demo server (prosody) could not start: %1").arg(m_server->errorString());
        return false;
    }
    startBob();
    return true;
}

QString DemoEnvironment::roomJid() const
{
    return QStringLiteral("lounge@") + m_server->conferenceHost();
}

QString DemoEnvironment::aliceJid() const
{
    return QStringLiteral("alice@") + m_server->host();
}
QString DemoEnvironment::bobJid() const
{
    return QStringLiteral("bob@") + m_server->host();
}

void DemoEnvironment::addAccounts(services::AppSession *session)
{
    storage::AccountRecord alice;
    alice.jid = aliceJid();
    alice.resource = QStringLiteral("parla");
    alice.host = testing::LocalProsody::address();
    alice.port = m_server->c2sPort();
    alice.displayName = QStringLiteral("Alice (demo)");
    // The user did not choose to trust this self-signed certificate; the demo did, for its own
    // throw-away server, which is what pinning is for.
    alice.pinnedCertificates = {m_server->certificateSha256Fingerprint()};
    session->addAccountRecord(alice, kAlicePassword);
}

void DemoEnvironment::bobSays(const Jid &to, int line)
{
    ChatMessage m;
    m.to = to;
    m.id = Client::generateId();
    m.originId = m.id;
    m.body = QString::fromUtf8(kBobLines[line]);
    m.receiptRequested = true;
    m_bobMessages->send(m);
}

ConnectionSettings DemoEnvironment::settingsFor(const QString &user, const QString &password) const
{
    ConnectionSettings settings;
    settings.jid = Jid::fromString(user + u'@' + m_server->host());
    settings.password = password;
    settings.resource = QStringLiteral("demo");
    settings.host = testing::LocalProsody::address();
    settings.port = m_server->c2sPort();
    settings.pinnedCertificates = {m_server->certificateSha256Fingerprint()};
    return settings;
}

void DemoEnvironment::startBob()
{
    m_bob = new Client(this);
    auto *roster = new RosterManager;
    auto *presence = new PresenceManager;
    m_bobMessages = new MessageManager;
    m_bobRooms = new MucManager;
    m_bob->addExtension(roster);
    m_bob->addExtension(presence);
    m_bob->addExtension(m_bobMessages);
    m_bob->addExtension(m_bobRooms);
    m_bob->setSettings(settingsFor(QStringLiteral("bob"), kBobPassword));
    presence->setOwnPresence(Availability::Chat, tr("Here to show you around"));
    connect(roster, &RosterManager::rosterReady, presence, &PresenceManager::sendCurrentPresence);
    connect(roster, &RosterManager::rosterReady, this, &DemoEnvironment::startRoom);
    connect(presence, &PresenceManager::presenceChanged, this, [this, presence](const Jid &jid) {
        // Greet alice once she comes online.
        if (m_replies == 0 && jid.local() == u"alice" && presence->bestPresence(jid)) {
            ++m_replies;
            QTimer::singleShot(800, this, [this, jid] { bobSays(jid, 0); });
        }
    });
    connect(m_bobMessages, &MessageManager::messageReceived, this, [this](const ChatMessage &in) {
        m_bobMessages->sendReceipt(in); // alice sees ✓✓ (XEP-0184)
        const int line = 1 + (m_replies++ % 3);
        QTimer::singleShot(600, this, [this, from = in.from.bare(), line] { bobSays(from, line); });
    });
    m_bob->connectToServer();
}

void DemoEnvironment::startRoom()
{
    const Jid room = Jid::fromString(roomJid());
    if (m_bobRooms->isTracked(room))
        return; // a reconnect: the room manager enters it again by itself
    connect(m_bobRooms, &MucManager::joined, this, [this](const Jid &r, const MucPresence &self) {
        if (!self.user.hasStatus(201)) // XEP-0045 §10.1.1: 201 = we created it, now locked
            return fillRoom();
        m_bob->sendIq(mucadmin::instantRoomRequest(r)).then(this, [this](const Result<Element> &) {
            m_bobRooms->setSubject(Jid::fromString(roomJid()), tr("Parla demo lounge: say hello!"));
            fillRoom();
        });
    });
    connect(m_bobRooms, &MucManager::occupantPresence, this,
            [this](const Jid &r, const MucPresence &p) {
                if (m_welcomed || !p.available || p.from.resource() != u"alice")
                    return;
                m_welcomed = true;
                QTimer::singleShot(900, this, [this, r] {
                    ChatMessage m;
                    m.to = r.bare();
                    m.id = Client::generateId();
                    m.originId = m.id;
                    m.body = tr("Welcome to the lounge, alice! 🎉 The people here are listed on "
                                "the right (Ctrl+Shift+O).");
                    m_bobRooms->sendGroupchat(m);
                });
            });
    MucJoin options;
    options.maxStanzas = 0;
    m_bobRooms->join(room, QStringLiteral("bob"), options);
}

void DemoEnvironment::fillRoom()
{
    if (std::exchange(m_filled, true))
        return;
    const Jid room = Jid::fromString(roomJid());
    int delay = 300;
    for (const auto &guest : kGuests) {
        auto *client = new Client(this);
        auto *rooms = new MucManager;
        client->addExtension(rooms);
        const ConnectionSettings settings =
            settingsFor(QString::fromUtf8(guest[0]), kGuestPassword);
        client->setSettings(settings);
        connect(client, &Client::connected, rooms, [rooms, room, nick = settings.jid.local()] {
            MucJoin options;
            options.maxStanzas = 0;
            rooms->join(room, nick, options);
        });
        connect(rooms, &MucManager::joined, this,
                [rooms, room, line = QString::fromUtf8(guest[1]), delay](const Jid &,
                                                                         const MucPresence &) {
                    QTimer::singleShot(delay, rooms, [rooms, room, line] {
                        ChatMessage m;
                        m.to = room;
                        m.id = Client::generateId();
                        m.originId = m.id;
                        m.body = line;
                        rooms->sendGroupchat(m);
                    });
                });
        delay += 400;
        client->connectToServer();
    }
    // Mediated invitation (XEP-0045 §7.8.2): alice sees a banner with Join and Decline.
    m_bobRooms->inviteMediated(room, Jid::fromString(aliceJid()), tr("Come and meet the others"));
}

} // namespace parla::app
