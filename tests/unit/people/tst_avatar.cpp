// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0084 / XEP-0153 values from the XEPs' examples; hostile avatars refused before decoding;
// PEP avatar events attributed only to their sender.
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0084_avatar/avatar.h"
#include "core/xmpp/xep/xep0084_avatar/avatarimage.h"
#include "core/xmpp/xep/xep0084_avatar/avatarmanager.h"
#include "core/xmpp/xep/xep0163_pep/pep.h"
#include "tests/unit/xep/xmlhelper.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>
#include <QtEndian>

using namespace parla;
using namespace parla::xmpp;

namespace {
const QByteArray kMetadataEvent = R"(
    <message to='romeo@montague.lit/home' from='juliet@capulet.lit'>
      <event xmlns='http://jabber.org/protocol/pubsub#event'>
        <items node='urn:xmpp:avatar:metadata'>
          <item id='111f4b3c50d7b0df729d299bc6f8e9ef9066971f'>
            <metadata xmlns='urn:xmpp:avatar:metadata'>
              <info bytes='12345' height='64' id='111f4b3c50d7b0df729d299bc6f8e9ef9066971f'
                    type='image/png' width='64'/>
            </metadata>
          </item>
        </items>
      </event>
    </message>)";

QByteArray eventFrom(const QByteArray &from)
{
    QByteArray xml = kMetadataEvent;
    return xml.replace("from='juliet@capulet.lit'", "from='" + from + "'");
}

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (char ch : data) {
        crc ^= quint8(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray chunk(const QByteArray &type, const QByteArray &data)
{
    QByteArray out(4, '\0');
    qToBigEndian<quint32>(quint32(data.size()), out.data());
    QByteArray crc(4, '\0');
    qToBigEndian<quint32>(crc32(type + data), crc.data());
    return out + type + data + crc;
}

/// A PNG whose (valid, CRC-correct) header claims width × height; the pixel data is a stub.
QByteArray pngClaiming(quint32 width, quint32 height)
{
    QByteArray ihdr(13, '\0');
    qToBigEndian<quint32>(width, ihdr.data());
    qToBigEndian<quint32>(height, ihdr.data() + 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 6; // RGBA
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) +
           chunk("IDAT", QByteArray(16, '\0')) + chunk("IEND", {});
}

QByteArray realPng(int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(Qt::red);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}
} // namespace

class TestAvatar : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void metadataFromTheXepExample()
    {
        const Element message = test::fromXml(kMetadataEvent);
        const auto event = PepEvent::fromMessage(message, {});
        QVERIFY(event);
        QCOMPARE(event->owner.bareString(), u"juliet@capulet.lit"_qs);
        QCOMPARE(event->node, ns::AvatarMetadata);
        QCOMPARE(event->items.size(), size_t(1));
        const auto metadata = AvatarMetadata::fromElement(event->items.front().payload);
        QVERIFY(metadata);
        QVERIFY(!metadata->isDisabled());
        const AvatarInfo expected{
            u"111f4b3c50d7b0df729d299bc6f8e9ef9066971f"_qs, 12345, 64, 64, u"image/png"_qs, {}};
        QCOMPARE(metadata->infos.front(), expected);
        QCOMPARE(*metadata->preferred(), expected);
        // Round trip.
        QCOMPARE(AvatarMetadata::fromElement(metadata->toElement()), metadata);
    }

    void metadataRefusesHostileInfos()
    {
        // An id that is not a SHA-1 (it names a cache file: no paths), no bytes, no type.
        const auto metadata = AvatarMetadata::fromElement(test::fromXml(R"(
            <metadata xmlns='urn:xmpp:avatar:metadata'>
              <info bytes='10' id='../../etc/passwd' type='image/png'/>
              <info bytes='-5' id='111f4b3c50d7b0df729d299bc6f8e9ef9066971f' type='image/png'/>
              <info bytes='10' id='111f4b3c50d7b0df729d299bc6f8e9ef9066971f'/>
              <info bytes='23456' id='357A8123A30844A3AA99861B6349264BA67A5694'
                    type='image/gif' url='http://avatars.example.org/happy.gif'/>
            </metadata>)"));
        QVERIFY(metadata);
        QCOMPARE(metadata->infos.size(), size_t(1));
        QCOMPARE(metadata->infos.front().id, u"357a8123a30844a3aa99861b6349264ba67a5694"_qs);
        QVERIFY(!metadata->preferred()); // only an HTTP one, which we do not fetch
        // XEP-0084 §4.5: empty metadata disables the avatar.
        const auto disabled = AvatarMetadata::fromElement(
            test::fromXml("<metadata xmlns='urn:xmpp:avatar:metadata'/>"));
        QVERIFY(disabled && disabled->isDisabled());
        QVERIFY(!AvatarMetadata::fromElement(
            test::fromXml("<metadata xmlns='urn:xmpp:avatar:data'/>")));
    }

    void dataParsedAndLimited()
    {
        const QByteArray png = realPng(4, 4);
        const Element data = AvatarData::toElement(png);
        QCOMPARE(AvatarData::fromElement(data, 1024 * 1024), png);
        // Line-wrapped base64, as some clients send.
        Element wrapped = data;
        QString text = data.text();
        text.insert(10, u"\n  "_qs);
        wrapped.setText(text);
        QCOMPARE(AvatarData::fromElement(wrapped, 1024 * 1024), png);
        // Oversized: refused on the base64 length, before decoding.
        QVERIFY(!AvatarData::fromElement(data, png.size() - 1));
        Element huge(u"data"_qs, ns::AvatarData);
        huge.setText(QString(2 * 1024 * 1024, u'A'));
        QVERIFY(!AvatarData::fromElement(huge, 1024 * 1024));
        Element garbage(u"data"_qs, ns::AvatarData);
        garbage.setText(u"***not base64***"_qs);
        QVERIFY(!AvatarData::fromElement(garbage, 1024 * 1024));
    }

    void vcardUpdateHint()
    {
        // XEP-0153 §3.2 example.
        const auto update = VCardPhotoUpdate::fromElement(
            test::fromXml("<x "
                          "xmlns='vcard-temp:x:update'><photo>"
                          "01b87fcd030b72895ff8e88db57ec525450f000d</photo></x>"));
        QVERIFY(update && update->known);
        QCOMPARE(update->hash, u"01b87fcd030b72895ff8e88db57ec525450f000d"_qs);
        const auto none = VCardPhotoUpdate::fromElement(
            test::fromXml("<x xmlns='vcard-temp:x:update'><photo/></x>"));
        QVERIFY(none && none->known && none->hash.isEmpty());
        const auto notReady =
            VCardPhotoUpdate::fromElement(test::fromXml("<x xmlns='vcard-temp:x:update'/>"));
        QVERIFY(notReady && !notReady->known);
        QVERIFY(!VCardPhotoUpdate::fromElement(
            test::fromXml("<x xmlns='vcard-temp:x:update'><photo>../x</photo></x>")));
    }

    void decodesAndScalesAGoodAvatar()
    {
        const QByteArray png = realPng(300, 200);
        const auto r = decodeAvatar(png, avatarHash(png), QSize(64, 64));
        QVERIFY(isOk(r));
        QCOMPARE(std::get<QImage>(r).size(), QSize(300, 200).scaled(64, 64, Qt::KeepAspectRatio));
    }

    void refusesHostileAvatarsBeforeDecoding_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("rightHash");
        QTest::addColumn<QString>("reason");
        QTest::addRow("65535x65535 header")
            << pngClaiming(65535, 65535) << true << u"dimensions"_qs;
        QTest::addRow("5000x10 header") << pngClaiming(5000, 10) << true << u"dimensions"_qs;
        QTest::addRow("4096x4097 header") << pngClaiming(4096, 4097) << true << u"dimensions"_qs;
        QTest::addRow("bad hash") << realPng(8, 8) << false << u"hash"_qs;
        QTest::addRow("over 1 MiB") << QByteArray(1024 * 1024 + 1, 'x') << true << u"too large"_qs;
        QTest::addRow("not an image")
            << QByteArray("GIF89a\x01\x00garbage", 16) << true << u"image"_qs;
        QTest::addRow("empty") << QByteArray() << true << u"empty"_qs;
    }

    void refusesHostileAvatarsBeforeDecoding()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, rightHash);
        QFETCH(QString, reason);
        const QString hash = rightHash ? avatarHash(bytes) : avatarHash("something else");
        const auto r = decodeAvatar(bytes, hash, QSize(64, 64));
        QVERIFY(!isOk(r));
        const Error &error = std::get<Error>(r);
        QCOMPARE(error.kind, Error::Kind::Invalid);
        QVERIFY2(error.text.contains(reason, Qt::CaseInsensitive), qPrintable(error.text));
    }

    void encodesOwnAvatarAsSquarePng()
    {
        QImage wide(400, 100, QImage::Format_RGB32);
        wide.fill(Qt::blue);
        const QByteArray png = encodeAvatarPng(wide, 192);
        QVERIFY(png.startsWith("\x89PNG"));
        const auto r = decodeAvatar(png, avatarHash(png), {});
        QVERIFY(isOk(r));
        QCOMPARE(std::get<QImage>(r).size(), QSize(192, 192));
    }

    void eventAttributedToItsSenderOnly()
    {
        AvatarManager manager;
        QSignalSpy spy(&manager, &AvatarManager::metadataReceived);
        const Jid own = Jid::fromString(u"romeo@montague.lit");

        // Y (mallory) sends a notification "about" juliet: ofrom / the item id do not make
        // it juliet's; it is mallory's avatar if anyone's.
        QByteArray spoof = eventFrom("mallory@evil.lit");
        spoof.replace("</message>", "<addresses xmlns='http://jabber.org/protocol/address'>"
                                    "<address type='ofrom' jid='juliet@capulet.lit'/></addresses>"
                                    "</message>");
        QVERIFY(manager.processStanza(test::fromXml(spoof), own));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<Jid>().bareString(), u"mallory@evil.lit"_qs);

        // A full JID is a client, not a PEP service: nobody's avatar.
        QVERIFY(
            !manager.processStanza(test::fromXml(eventFrom("juliet@capulet.lit/balcony")), own));
        QVERIFY(!manager.processStanza(test::fromXml(eventFrom("not a jid@@")), own));
        QCOMPARE(spy.size(), 1);

        // No 'from': from our own account, so it is our own avatar.
        QByteArray ownEvent = kMetadataEvent;
        ownEvent.replace("from='juliet@capulet.lit'", "");
        QVERIFY(manager.processStanza(test::fromXml(ownEvent), own));
        QCOMPARE(spy.size(), 2);
        QCOMPARE(spy.at(1).at(0).value<Jid>(), own);

        // The genuine one.
        QVERIFY(manager.processStanza(test::fromXml(kMetadataEvent), own));
        QCOMPARE(spy.at(2).at(0).value<Jid>().bareString(), u"juliet@capulet.lit"_qs);
    }

    void presenceHintFromItsSender()
    {
        AvatarManager manager;
        QSignalSpy spy(&manager, &AvatarManager::vcardPhotoAdvertised);
        const Element presence = test::fromXml(
            "<presence from='juliet@capulet.lit/balcony'><x xmlns='vcard-temp:x:update'>"
            "<photo>01b87fcd030b72895ff8e88db57ec525450f000d</photo></x></presence>");
        QVERIFY(!manager.processStanza(presence, {})); // never consumed
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<Jid>().bareString(), u"juliet@capulet.lit"_qs);
        QCOMPARE(spy.at(0).at(1).toString(), u"01b87fcd030b72895ff8e88db57ec525450f000d"_qs);
    }

    void requestsMatchTheXep()
    {
        // XEP-0084 Example 6 "Subscriber requests last item by ItemID" (payload only).
        const Element expected = test::fromXml(R"(
            <pubsub xmlns='http://jabber.org/protocol/pubsub'>
              <items node='urn:xmpp:avatar:data'>
                <item id='111f4b3c50d7b0df729d299bc6f8e9ef9066971f'/>
              </items>
            </pubsub>)");
        QCOMPARE(pep::itemsRequest(ns::AvatarData, u"111f4b3c50d7b0df729d299bc6f8e9ef9066971f"_qs),
                 expected);
        const Element publish =
            pep::publishRequest(ns::AvatarData, u"abc"_qs, AvatarData::toElement("x"),
                                {{u"pubsub#access_model"_qs, u"open"_qs}});
        const Element form =
            publish.firstChild(u"publish-options", ns::PubSub).firstChild(u"x", ns::DataForms);
        QCOMPARE(form.attribute(u"type"), u"submit"_qs);
        QCOMPARE(form.children().size(), size_t(2));
        QCOMPARE(form.children().at(0).childText(u"value", ns::DataForms),
                 ns::PubSubPublishOptions);
    }
};

QTEST_GUILESS_MAIN(TestAvatar)
#include "tst_avatar.moc"
