// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace parla::testing {
class LocalProsody;
}
namespace parla::xmpp {
class Client;
struct ConnectionSettings;
class Jid;
class MessageManager;
class MucManager;
} // namespace parla::xmpp
namespace parla::services {
class AppSession;
}

namespace parla::app {

/// `parla --demo`: a real Prosody on loopback with alice and bob (contacts of each other), a
/// throw-away profile signed in as alice, and bob answering from inside the process, so a
/// newcomer sees the client working without an account anywhere. Bob also opens a group chat
/// (lounge@conference…, XEP-0045) where carol, dave and erin sit, and invites alice to it, so
/// the invitation banner, the room view and its occupant list can be tried. The server stops
/// with Parla.
class DemoEnvironment : public QObject
{
    Q_OBJECT
public:
    explicit DemoEnvironment(QObject *parent = nullptr);
    ~DemoEnvironment() override;

    /// Starts the server and bob; false with errorString() when it cannot.
    bool start();
    QString errorString() const { return m_error; }
    QString profileDirectory() const;
    /// Adds alice's account to the session (trusting the demo server's certificate).
    void addAccounts(services::AppSession *session);
    QString aliceJid() const;
    QString bobJid() const;

private:
    /// How the scripted people (bob, the room's guests) log in to the demo server.
    xmpp::ConnectionSettings settingsFor(const QString &user, const QString &password) const;
    void startBob();
    void bobSays(const xmpp::Jid &to, int line);
    void startRoom();
    void fillRoom();
    QString roomJid() const;

    std::unique_ptr<testing::LocalProsody> m_server;
    QTemporaryDir m_profile;
    xmpp::Client *m_bob = nullptr;
    xmpp::MessageManager *m_bobMessages = nullptr;
    xmpp::MucManager *m_bobRooms = nullptr;
    bool m_welcomed = false;
    bool m_filled = false;
    QString m_error;
    int m_replies = 0;
};

} // namespace parla::app
