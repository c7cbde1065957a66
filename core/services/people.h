// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "peopletypes.h"

#include "xmpp/element.h"
#include "xmpp/jid.h"
#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>

#include <deque>

namespace parla::xmpp {
class Client;
class PresenceManager;
class AvatarManager;
class VCardManager;
class VCard4Manager;
class NickManager;
class LastActivityManager;
class BlockingManager;
struct AvatarMetadata;
struct SpamReport;
} // namespace parla::xmpp

namespace parla::services {

/// The "People" service of one account: avatars (XEP-0084 with the XEP-0153/0398 presence
/// hint), profiles (XEP-0054/0292), nicknames (XEP-0172), contact details (XEP-0092/0202/
/// 0012), blocking and spam reports (XEP-0191/0377), and what we reveal about ourselves.
///
/// Avatars are fetched lazily: only when someone asks for one (a row showing that contact),
/// at most kMaxFetches at a time; the bytes are cached on disk by their SHA-1 (verified
/// against the advertised id) and decoded off the GUI thread, refused if hostile
/// (decodeAvatar), scaled to the size asked for.
class People : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxFetches = 3;

    /// Registers its protocol managers with `client` (call before the message manager is
    /// added: PEP notifications are messages). `cacheDirectory` may be empty (memory only).
    People(xmpp::Client *client, xmpp::PresenceManager *presence, const QString &cacheDirectory,
           QObject *parent = nullptr);
    ~People() override;

    xmpp::AvatarManager *avatars() const { return m_avatars; }
    xmpp::VCardManager *vcards() const { return m_vcards; }
    xmpp::VCard4Manager *vcards4() const { return m_vcards4; }
    xmpp::NickManager *nicks() const { return m_nicks; }
    xmpp::LastActivityManager *lastActivity() const { return m_last; }
    xmpp::BlockingManager *blocking() const { return m_blocking; }

    // Avatars
    /// The avatar of `jid` scaled to fit size × size, or a null image (not known yet, being
    /// fetched, none). Asking starts the fetch; avatarChanged() says when to ask again.
    QImage avatar(const QString &jid, int size);
    /// The advertised hash of `jid`'s avatar (empty: none known).
    QString avatarHash(const QString &jid) const { return m_hashes.value(jid).hash; }
    /// Publishes our avatar: PNG scaled to 192×192 to PEP (data, then metadata) and as our
    /// vCard photo for XEP-0153 clients.
    Task<xmpp::Result<xmpp::Success>> publishAvatar(const QImage &image);
    /// <x xmlns='vcard-temp:x:update'/> for our presence (XEP-0153 §4.1): our avatar's hash
    /// once known (from our own metadata, which is also our vCard photo), else "not ready".
    xmpp::Element vcardUpdateElement() const;

    // Nicknames and profiles
    QString nickname(const QString &jid) const { return m_nicknames.value(jid); }
    Task<xmpp::Result<Profile>> fetchProfile(const QString &jid);
    /// Our profile: vCard-temp (keeping our photo), vCard4 and the nickname in PEP.
    Task<xmpp::Result<xmpp::Success>> publishProfile(const Profile &profile);
    /// Profile and every online resource's version, time and idle time, or the last-seen
    /// time from the server when none is online.
    Task<xmpp::Result<ContactDetails>> fetchContactDetails(const QString &jid);

    // What we reveal
    void setRevealSettings(const RevealSettings &settings);
    const RevealSettings &revealSettings() const { return m_reveal; }
    /// Our idle seconds for XEP-0012 (the UI knows the input idle time).
    void setIdleProvider(std::function<qint64()> provider);

    // Blocking
    QStringList blocklist() const;
    bool isBlocked(const QString &jid) const;
    Task<xmpp::Result<xmpp::Success>> block(const QString &jid, bool reportSpam);
    Task<xmpp::Result<xmpp::Success>> unblock(const QString &jid);

Q_SIGNALS:
    /// Ask avatar() again (new hash, or the image is decoded now).
    void avatarChanged(const QString &jid);
    void nicknameChanged(const QString &jid);
    void blocklistChanged();

private:
    struct Known
    {
        QString hash;
        bool fromPep = false; ///< XEP-0084 wins over the XEP-0153 hint
    };
    void onMetadata(const xmpp::Jid &owner, const xmpp::AvatarMetadata &metadata);
    void onVCardHint(const xmpp::Jid &owner, const QString &hash);
    void setHash(const QString &jid, const QString &hash, bool fromPep);
    void pump();
    void fetch(const QString &jid, const Known &known);
    void stored(const QString &hash, const QByteArray &bytes);
    void decode(const QString &hash, int size, const QByteArray &bytes);
    QString cacheFile(const QString &hash) const;

    xmpp::Client *m_client;
    xmpp::PresenceManager *m_presence;
    xmpp::AvatarManager *m_avatars;
    xmpp::VCardManager *m_vcards;
    xmpp::VCard4Manager *m_vcards4;
    xmpp::NickManager *m_nicks;
    xmpp::LastActivityManager *m_last;
    xmpp::BlockingManager *m_blocking;
    QString m_cacheDir;
    RevealSettings m_reveal;

    QHash<QString, Known> m_hashes;           ///< jid → advertised avatar
    QHash<QString, QString> m_nicknames;      ///< jid → XEP-0172 nickname
    QHash<QString, QImage> m_images;          ///< "hash/size" → decoded, scaled
    QSet<QString> m_decoding;                 ///< "hash/size" being decoded
    QSet<QString> m_refused;                  ///< hashes whose data was hostile or missing
    std::deque<QString> m_queue;              ///< jids waiting for a fetch
    QSet<QString> m_fetching;                 ///< hashes being fetched
    QHash<QString, QList<int>> m_wantedSizes; ///< hash → sizes asked while fetching
};

} // namespace parla::services
