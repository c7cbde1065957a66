// SPDX-License-Identifier: GPL-3.0-or-later
#include "people.h"

#include "xmpp/client.h"
#include "xmpp/im/presence.h"
#include "xmpp/xep/xep0012_last/lastactivitymanager.h"
#include "xmpp/xep/xep0054_vcard/vcard.h"
#include "xmpp/xep/xep0084_avatar/avatarimage.h"
#include "xmpp/xep/xep0084_avatar/avatarmanager.h"
#include "xmpp/xep/xep0092_version/versionmanager.h"
#include "xmpp/xep/xep0172_nick/nickmanager.h"
#include "xmpp/xep/xep0191_blocking/blockingmanager.h"
#include "xmpp/xep/xep0202_time/timemanager.h"
#include "xmpp/xep/xep0292_vcard4/vcard4.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QtConcurrent>

#include <memory>

Q_LOGGING_CATEGORY(lcPeople, "parla.services.people")

namespace parla::services {

using namespace parla::xmpp;

namespace {
QString key(const QString &hash, int size)
{
    return hash + u'/' + QString::number(size);
}

Profile toProfile(const VCard &v)
{
    return {v.fullName, v.nickname, v.email, v.phone, v.url, v.note};
}

void fillVCard(VCard &v, const Profile &p)
{
    v.fullName = p.fullName;
    v.nickname = p.nickname;
    v.email = p.email;
    v.phone = p.phone;
    v.url = p.url;
    v.note = p.note;
}

/// Counts down the answers of a multi-request flow, then finishes once.
struct DetailsFlow
{
    ContactDetails details;
    Promise<Result<ContactDetails>> promise;
    int pending = 0;
    void done()
    {
        if (--pending == 0)
            promise.finish(details);
    }
};
} // namespace

People::People(Client *client, PresenceManager *presence, const QString &cacheDirectory,
               QObject *parent)
    : QObject(parent), m_client(client), m_presence(presence), m_avatars(new AvatarManager),
      m_vcards(new VCardManager), m_vcards4(new VCard4Manager), m_nicks(new NickManager),
      m_last(new LastActivityManager), m_blocking(new BlockingManager), m_cacheDir(cacheDirectory)
{
    for (Extension *e : std::initializer_list<Extension *>{m_avatars, m_vcards, m_vcards4, m_nicks,
                                                           m_last, m_blocking})
        client->addExtension(e);
    if (!m_cacheDir.isEmpty())
        QDir().mkpath(m_cacheDir);
    connect(m_avatars, &AvatarManager::metadataReceived, this, &People::onMetadata);
    connect(m_avatars, &AvatarManager::vcardPhotoAdvertised, this, &People::onVCardHint);
    connect(m_nicks, &NickManager::nicknameReceived, this,
            [this](const Jid &owner, const QString &nick) {
                const QString jid = owner.bareString();
                if (m_nicknames.value(jid) == nick)
                    return;
                m_nicknames.insert(jid, nick);
                Q_EMIT nicknameChanged(jid);
            });
    connect(m_blocking, &BlockingManager::blocklistChanged, this, &People::blocklistChanged);
    connect(m_client, &Client::connected, this, [this] { pump(); });
    connect(m_client, &Client::disconnected, this, [this] {
        // Requests in flight fail with the stream; the queue waits for the next session.
        m_fetching.clear();
    });
}

People::~People() = default;

QString People::cacheFile(const QString &hash) const
{
    // `hash` was validated as 40 hex digits (normalizeAvatarHash): a safe file name.
    return m_cacheDir.isEmpty() ? QString() : m_cacheDir + u'/' + hash + QStringLiteral(".avatar");
}

// ---- avatars ----

void People::onMetadata(const Jid &owner, const AvatarMetadata &metadata)
{
    const AvatarInfo *info = metadata.preferred();
    setHash(owner.bareString(), info ? info->id : QString(), true);
}

void People::onVCardHint(const Jid &owner, const QString &hash)
{
    const QString jid = owner.bareString();
    if (m_hashes.value(jid).fromPep)
        return; // XEP-0398 §3: the PEP avatar is authoritative once known
    setHash(jid, hash, false);
}

void People::setHash(const QString &jid, const QString &hash, bool fromPep)
{
    const Known old = m_hashes.value(jid);
    m_hashes.insert(jid, {hash, fromPep || old.fromPep});
    if (old.hash != hash)
        Q_EMIT avatarChanged(jid);
}

QImage People::avatar(const QString &jid, int size)
{
    const auto it = m_hashes.constFind(jid);
    if (it == m_hashes.cend() || it->hash.isEmpty() || m_refused.contains(it->hash) || size <= 0)
        return {};
    const QString k = key(it->hash, size);
    if (const auto image = m_images.constFind(k); image != m_images.cend())
        return *image;
    if (m_decoding.contains(k))
        return {};
    const QString file = cacheFile(it->hash);
    if (!file.isEmpty() && QFile::exists(file)) {
        QFile f(file);
        if (f.size() <= AvatarLimits{}.maxBytes && f.open(QIODevice::ReadOnly)) {
            decode(it->hash, size, f.readAll());
            return {};
        }
    }
    m_wantedSizes[it->hash] << size;
    if (!m_fetching.contains(it->hash) &&
        std::find(m_queue.begin(), m_queue.end(), jid) == m_queue.end()) {
        m_queue.push_back(jid);
        pump();
    }
    return {};
}

void People::pump()
{
    while (m_fetching.size() < kMaxFetches && !m_queue.empty() && m_client->isConnected()) {
        const QString jid = m_queue.front();
        m_queue.pop_front();
        const Known known = m_hashes.value(jid);
        if (known.hash.isEmpty() || m_fetching.contains(known.hash))
            continue;
        fetch(jid, known);
    }
}

void People::fetch(const QString &jid, const Known &known)
{
    const QString hash = known.hash;
    m_fetching.insert(hash);
    // `hostile`: the data was refused (bad hash, unusable); anything else (timeout, a lost
    // stream) may be asked again later.
    auto finished = [this, hash](const QByteArray &bytes, const QString &error, bool hostile) {
        m_fetching.remove(hash);
        if (bytes.isEmpty()) {
            qCInfo(lcPeople) << "avatar" << hash << "not usable:" << error;
            if (hostile)
                m_refused.insert(hash);
        } else {
            stored(hash, bytes);
        }
        pump();
    };
    if (known.fromPep) {
        m_avatars->requestData(Jid::fromString(jid), hash)
            .then(this, [finished](const Result<QByteArray> &r) {
                if (isOk(r))
                    finished(std::get<QByteArray>(r), {}, false);
                else
                    finished({}, std::get<Error>(r).text,
                             std::get<Error>(r).kind == Error::Kind::Invalid);
            });
        return;
    }
    // XEP-0153 §3.3: only the hash is known, the photo is in the vCard.
    m_vcards->requestVCard(Jid::fromString(jid))
        .then(this, [finished, hash](const Result<VCard> &r) {
            if (!isOk(r))
                return finished({}, std::get<Error>(r).text, false);
            const QByteArray &photo = std::get<VCard>(r).photoData;
            if (xmpp::avatarHash(photo) != hash)
                return finished(
                    {}, QStringLiteral("vCard photo does not match the advertised hash"), true);
            finished(photo, {}, false);
        });
}

void People::stored(const QString &hash, const QByteArray &bytes)
{
    if (const QString file = cacheFile(hash); !file.isEmpty()) {
        QSaveFile f(file);
        if (f.open(QIODevice::WriteOnly)) {
            f.write(bytes);
            f.commit();
        }
    }
    const QList<int> sizes = m_wantedSizes.take(hash);
    for (int size : QSet<int>(sizes.cbegin(), sizes.cend()))
        decode(hash, size, bytes);
}

void People::decode(const QString &hash, int size, const QByteArray &bytes)
{
    const QString k = key(hash, size);
    if (m_decoding.contains(k))
        return;
    m_decoding.insert(k);
    // Off the GUI thread: even a valid 4096×4096 PNG takes a while to decode.
    auto *watcher = new QFutureWatcher<Result<QImage>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, hash, k] {
        watcher->deleteLater();
        m_decoding.remove(k);
        const Result<QImage> r = watcher->result();
        if (!isOk(r)) {
            qCWarning(lcPeople) << "avatar" << hash << "refused:" << std::get<Error>(r).text;
            m_refused.insert(hash);
            QFile::remove(cacheFile(hash));
            return;
        }
        m_images.insert(k, std::get<QImage>(r));
        for (auto it = m_hashes.cbegin(); it != m_hashes.cend(); ++it) {
            if (it->hash == hash)
                Q_EMIT avatarChanged(it.key());
        }
    });
    watcher->setFuture(QtConcurrent::run(
        [bytes, hash, size] { return decodeAvatar(bytes, hash, QSize(size, size)); }));
}

Element People::vcardUpdateElement() const
{
    VCardPhotoUpdate update;
    const Jid own = m_client->boundJid().bare();
    if (own.isValid()) {
        if (const auto it = m_hashes.constFind(own.bareString()); it != m_hashes.cend()) {
            update.known = true;
            update.hash = it->hash;
        }
    }
    return update.toElement();
}

Task<Result<Success>> People::publishAvatar(const QImage &image)
{
    const QByteArray png = encodeAvatarPng(image, 192);
    if (png.isEmpty())
        return makeReadyTask<Result<Success>>(Error::local(tr("The picture could not be read.")));
    Promise<Result<Success>> promise;
    m_avatars->publish(png, QStringLiteral("image/png"), 192, 192)
        .then(this, [this, promise, png](const Result<QString> &r) mutable {
            if (!isOk(r)) {
                promise.finish(std::get<Error>(r));
                return;
            }
            // XEP-0153 §3.1: the same picture as our vCard photo, keeping the other fields.
            m_vcards->requestVCard(m_client->boundJid().bare())
                .then(this, [this, promise, png](const Result<VCard> &current) mutable {
                    VCard v = isOk(current) ? std::get<VCard>(current) : VCard{};
                    v.photoType = QStringLiteral("image/png");
                    v.photoData = png;
                    m_vcards->setOwnVCard(v).then(
                        this, [promise](const Result<Success> &s) mutable { promise.finish(s); });
                });
        });
    return promise.task();
}

// ---- profiles ----

Task<Result<Profile>> People::fetchProfile(const QString &jid)
{
    const auto parsed = Jid::parse(jid);
    if (!parsed)
        return makeReadyTask<Result<Profile>>(Error::local(tr("Not a valid address.")));
    Promise<Result<Profile>> promise;
    // vCard4 first (XEP-0292 §5: preferred where available), vcard-temp when it has nothing.
    m_vcards4->requestVCard(parsed->bare())
        .then(this, [this, promise, parsed](const Result<VCard> &r) mutable {
            if (isOk(r) && !std::get<VCard>(r).isEmpty()) {
                promise.finish(toProfile(std::get<VCard>(r)));
                return;
            }
            m_vcards->requestVCard(parsed->bare())
                .then(this, [promise](const Result<VCard> &t) mutable {
                    if (isOk(t))
                        promise.finish(toProfile(std::get<VCard>(t)));
                    else
                        promise.finish(std::get<Error>(t));
                });
        });
    return promise.task();
}

Task<Result<Success>> People::publishProfile(const Profile &profile)
{
    Promise<Result<Success>> promise;
    m_vcards->requestVCard(m_client->boundJid().bare())
        .then(this, [this, promise, profile](const Result<VCard> &current) mutable {
            VCard v = isOk(current) ? std::get<VCard>(current) : VCard{}; // keeps the photo
            fillVCard(v, profile);
            m_vcards->setOwnVCard(v).then(
                this, [this, promise, v, profile](const Result<Success> &r) mutable {
                    if (!isOk(r)) {
                        promise.finish(r);
                        return;
                    }
                    // vCard4 and the nickname are best effort: the vcard-temp set is what counts.
                    m_vcards4->publish(v);
                    m_nicks->publish(profile.nickname)
                        .then(this, [promise](const Result<Success> &) mutable {
                            promise.finish(Success{});
                        });
                });
        });
    return promise.task();
}

Task<Result<ContactDetails>> People::fetchContactDetails(const QString &jid)
{
    const auto parsed = Jid::parse(jid);
    if (!parsed)
        return makeReadyTask<Result<ContactDetails>>(Error::local(tr("Not a valid address.")));
    auto flow = std::make_shared<DetailsFlow>();
    flow->details.jid = parsed->bareString();
    flow->pending = 1; // the profile
    auto *version = m_client->findExtension<VersionManager>();
    auto *time = m_client->findExtension<TimeManager>();
    const auto resources = m_presence->resources(parsed->bare());
    for (auto it = resources.cbegin(); it != resources.cend(); ++it)
        flow->details.resources.append(ResourceDetails{it.key(), {}, {}, {}, {}, -1});
    Task<Result<ContactDetails>> task = flow->promise.task();
    fetchProfile(flow->details.jid).then(this, [flow](const Result<Profile> &r) {
        if (isOk(r))
            flow->details.profile = std::get<Profile>(r);
        flow->done();
    });
    for (int i = 0; i < flow->details.resources.size(); ++i) {
        const Jid full = parsed->bare().withResource(flow->details.resources[i].resource);
        flow->pending += 3;
        if (version) {
            version->requestVersion(full).then(this, [flow, i](const Result<SoftwareVersion> &r) {
                if (const auto *v = std::get_if<SoftwareVersion>(&r)) {
                    flow->details.resources[i].clientName = v->name;
                    flow->details.resources[i].clientVersion = v->version;
                    flow->details.resources[i].os = v->os;
                }
                flow->done();
            });
        } else {
            flow->done();
        }
        if (time) {
            time->requestTime(full).then(this, [flow, i](const Result<EntityTime> &r) {
                if (const auto *t = std::get_if<EntityTime>(&r))
                    flow->details.resources[i].localTime = t->localTime();
                flow->done();
            });
        } else {
            flow->done();
        }
        m_last->requestLastActivity(full).then(this, [flow, i](const Result<LastActivity> &r) {
            if (const auto *a = std::get_if<LastActivity>(&r))
                flow->details.resources[i].idleSeconds = a->seconds;
            flow->done();
        });
    }
    if (resources.isEmpty()) {
        // XEP-0012 §4: asked of the bare JID, the server answers when they were last online.
        flow->pending += 1;
        m_last->requestLastActivity(parsed->bare())
            .then(this, [flow](const Result<LastActivity> &r) {
                if (const auto *a = std::get_if<LastActivity>(&r))
                    flow->details.lastSeenSecondsAgo = a->seconds;
                flow->done();
            });
    }
    return task;
}

// ---- what we reveal ----

void People::setRevealSettings(const RevealSettings &settings)
{
    m_reveal = settings;
    if (auto *version = m_client->findExtension<VersionManager>()) {
        version->setAnswering(settings.version);
        version->setRevealOperatingSystem(settings.operatingSystem);
    }
    if (auto *time = m_client->findExtension<TimeManager>())
        time->setAnswering(settings.time);
    m_last->setAnswering(settings.idle);
}

void People::setIdleProvider(std::function<qint64()> provider)
{
    m_last->setIdleProvider(std::move(provider));
}

// ---- blocking ----

QStringList People::blocklist() const
{
    QStringList list(m_blocking->blocklist().cbegin(), m_blocking->blocklist().cend());
    list.sort();
    return list;
}

bool People::isBlocked(const QString &jid) const
{
    return m_blocking->isBlocked(jid);
}

Task<Result<Success>> People::block(const QString &jid, bool reportSpam)
{
    const auto parsed = Jid::parse(jid);
    if (!parsed)
        return makeReadyTask<Result<Success>>(Error::local(tr("Not a valid address.")));
    std::optional<SpamReport> report;
    if (reportSpam)
        report = SpamReport{SpamReport::Reason::Spam, {}};
    return m_blocking->block({parsed->toString()}, report);
}

Task<Result<Success>> People::unblock(const QString &jid)
{
    const auto parsed = Jid::parse(jid);
    if (!parsed)
        return makeReadyTask<Result<Success>>(Error::local(tr("Not a valid address.")));
    return m_blocking->unblock({parsed->toString()});
}

} // namespace parla::services
