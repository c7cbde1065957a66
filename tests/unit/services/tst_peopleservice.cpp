// SPDX-License-Identifier: GPL-3.0-or-later
// The People service offline: avatars come from the disk cache only when their bytes match the
// advertised hash (a tampered or hostile cache file is refused and removed), decoding happens
// off the GUI thread, the XEP-0153 hint never overrides a PEP avatar, and nothing is fetched
// for a contact nobody asked about.
#include "services/people.h"
#include "xmpp/client.h"
#include "xmpp/im/presence.h"
#include "xmpp/xep/xep0084_avatar/avatar.h"
#include "xmpp/xep/xep0084_avatar/avatarmanager.h"

#include <QBuffer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::services;
using namespace parla::xmpp;

namespace {
const Jid kOwn = Jid::fromString(u"romeo@montague.lit");

QByteArray png(int w, int h, QColor color)
{
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

Element metadataEvent(const QString &from, const QString &id)
{
    return Element::fromXml(
        QStringLiteral("<message xmlns='jabber:client' from='%1'><event "
                       "xmlns='http://jabber.org/protocol/pubsub#event'><items "
                       "node='urn:xmpp:avatar:metadata'><item id='%2'><metadata "
                       "xmlns='urn:xmpp:avatar:metadata'><info bytes='10' id='%2' "
                       "type='image/png'/></metadata></item></items></event></message>")
            .arg(from, id)
            .toUtf8());
}

Element presenceHint(const QString &from, const QString &hash)
{
    return Element::fromXml(
        QStringLiteral("<presence xmlns='jabber:client' from='%1/x'><x "
                       "xmlns='vcard-temp:x:update'><photo>%2</photo></x></presence>")
            .arg(from, hash)
            .toUtf8());
}
} // namespace

class TestPeopleService : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    // A fresh client per test: People registers its managers with it (the client owns them).
    std::unique_ptr<Client> m_clientOwner;
    Client *m_client = nullptr;
    PresenceManager *m_presence = nullptr;

private Q_SLOTS:
    void init()
    {
        m_clientOwner = std::make_unique<Client>();
        m_client = m_clientOwner.get();
        m_presence = new PresenceManager(m_client);
    }
    void cleanup() { m_clientOwner.reset(); }

    void cachedAvatarDecodedOffThread()
    {
        People people(m_client, m_presence, m_dir.path());
        const QByteArray bytes = png(200, 100, Qt::red);
        const QString hash = avatarHash(bytes);
        QFile file(m_dir.filePath(hash + u".avatar"_qs));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();

        QSignalSpy changed(&people, &People::avatarChanged);
        people.avatars()->processStanza(metadataEvent(u"juliet@capulet.lit"_qs, hash), kOwn);
        QCOMPARE(people.avatarHash(u"juliet@capulet.lit"_qs), hash);
        QVERIFY(people.avatar(u"juliet@capulet.lit"_qs, 40).isNull()); // decoding now
        QVERIFY(QTest::qWaitFor(
            [&] { return !people.avatar(u"juliet@capulet.lit"_qs, 40).isNull(); }, 5000));
        QCOMPARE(people.avatar(u"juliet@capulet.lit"_qs, 40).size(), QSize(40, 20));
        QVERIFY(changed.size() >= 2); // the new hash, then the decoded image
    }

    void tamperedCacheFileRefusedAndRemoved()
    {
        People people(m_client, m_presence, m_dir.path());
        const QString hash = avatarHash(png(10, 10, Qt::blue));
        // Whatever sits in the cache under that name, it is not the advertised avatar.
        const QString path = m_dir.filePath(hash + u".avatar"_qs);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(png(30000, 1, Qt::black)); // also far too wide
        file.close();
        people.avatars()->processStanza(metadataEvent(u"mallory@evil.lit"_qs, hash), kOwn);
        QVERIFY(people.avatar(u"mallory@evil.lit"_qs, 40).isNull());
        QVERIFY(QTest::qWaitFor([&] { return !QFile::exists(path); }, 5000));
        QVERIFY(people.avatar(u"mallory@evil.lit"_qs, 40).isNull());
    }

    void vcardHintDoesNotOverridePep()
    {
        People people(m_client, m_presence, {});
        const QString pep = avatarHash("pep");
        const QString vcard = avatarHash("vcard");
        people.avatars()->processStanza(presenceHint(u"juliet@capulet.lit"_qs, vcard), kOwn);
        QCOMPARE(people.avatarHash(u"juliet@capulet.lit"_qs), vcard);
        people.avatars()->processStanza(metadataEvent(u"juliet@capulet.lit"_qs, pep), kOwn);
        QCOMPARE(people.avatarHash(u"juliet@capulet.lit"_qs), pep);
        people.avatars()->processStanza(presenceHint(u"juliet@capulet.lit"_qs, vcard), kOwn);
        QCOMPARE(people.avatarHash(u"juliet@capulet.lit"_qs), pep);
    }

    void ownPresenceHintNotReadyBeforeLogin()
    {
        // XEP-0153 §4.1: <x/> without <photo/> while we do not know our own avatar yet.
        People people(m_client, m_presence, {});
        const Element x = people.vcardUpdateElement();
        QVERIFY(x.is(u"x", u"vcard-temp:x:update"));
        QVERIFY(!x.hasChild(u"photo"));
    }

    void spoofedEventChangesOnlyTheSender()
    {
        People people(m_client, m_presence, {});
        const QString real = avatarHash("real");
        people.avatars()->processStanza(metadataEvent(u"juliet@capulet.lit"_qs, real), kOwn);
        // Mallory's event (or one from a full JID claiming to be juliet's) leaves juliet alone.
        people.avatars()->processStanza(metadataEvent(u"mallory@evil.lit"_qs, avatarHash("x")),
                                        kOwn);
        people.avatars()->processStanza(
            metadataEvent(u"juliet@capulet.lit/evil"_qs, avatarHash("y")), kOwn);
        QCOMPARE(people.avatarHash(u"juliet@capulet.lit"_qs), real);
        QCOMPARE(people.avatarHash(u"mallory@evil.lit"_qs), avatarHash("x"));
    }
};

QTEST_GUILESS_MAIN(TestPeopleService)
#include "tst_peopleservice.moc"
