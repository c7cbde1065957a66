// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0402 items, publish/retract requests and notifications (only from our own account), and
// XEP-0048 private storage edited without losing other clients' data.
#include "core/xmpp/client.h"
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0048_bookmarks/legacybookmarks.h"
#include "core/xmpp/xep/xep0402_bookmarks/bookmarksmanager.h"
#include "tests/unit/xep/xmlhelper.h"

#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
const Jid kOwn = Jid::fromString(u"juliet@capulet.lit");

Element notification(const QByteArray &fromAttribute, const QByteArray &items)
{
    return test::fromXml("<message " + fromAttribute +
                         " to='juliet@capulet.lit/balcony' id='new-room1'>"
                         "<event xmlns='http://jabber.org/protocol/pubsub#event'>"
                         "<items node='urn:xmpp:bookmarks:1'>" +
                         items + "</items></event></message>");
}

const QByteArray kOrchardItem =
    "<item id='orchard@chat.shakespeare.lit'>"
    "<conference xmlns='urn:xmpp:bookmarks:1' name='The Orcard' autojoin='1'>"
    "<nick>JC</nick></conference></item>";
} // namespace

class TestBookmarkXml : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void conferenceFromXepExample()
    {
        // XEP-0402 Example 1, as a pubsub item.
        const Element item = test::fromXml(
            "<item xmlns='http://jabber.org/protocol/pubsub' "
            "id='council@conference.underhill.org'>"
            "<conference xmlns='urn:xmpp:bookmarks:1' name='Council of Oberon' autojoin='true'>"
            "<nick>Puck</nick></conference></item>");
        const auto b = BookmarkConference::fromItem(item);
        QVERIFY(b);
        QCOMPARE(b->room, Jid::fromString(u"council@conference.underhill.org"));
        QCOMPARE(b->name, QStringLiteral("Council of Oberon"));
        QCOMPARE(b->nick, QStringLiteral("Puck"));
        QVERIFY(b->autojoin);
        QVERIFY(b->password.isEmpty());
        QCOMPARE(b->toConference(), item.children().front());
        // Example 2: a bare conference is legal; autojoin defaults to false.
        const auto minimal = BookmarkConference::fromItem(
            test::fromXml("<item id='theplay@conference.shakespeare.lit'>"
                          "<conference xmlns='urn:xmpp:bookmarks:1'/></item>"));
        QVERIFY(minimal);
        QVERIFY(!minimal->autojoin);
        QVERIFY(minimal->name.isEmpty());
    }

    void hostileItemsAreRefused()
    {
        // Not a bare JID, no id, wrong payload namespace, no payload.
        for (const QByteArray &xml : {
                 QByteArray("<item id='room@chat.lit/nick'>"
                            "<conference xmlns='urn:xmpp:bookmarks:1'/></item>"),
                 QByteArray("<item><conference xmlns='urn:xmpp:bookmarks:1'/></item>"),
                 QByteArray("<item id='room@chat.lit'><conference xmlns='storage:bookmarks'/>"
                            "</item>"),
                 QByteArray("<item id='room@chat.lit'/>"),
                 QByteArray("<item id='@@'><conference xmlns='urn:xmpp:bookmarks:1'/></item>"),
             })
            QVERIFY2(!BookmarkConference::fromItem(test::fromXml(xml)), xml.constData());
    }

    void extensionsArePreservedOnRewrite()
    {
        // XEP-0402 §3: "Clients MUST preserve these … when editing items."
        const Element item = test::fromXml(
            "<item id='orchard@chat.shakespeare.lit'>"
            "<conference xmlns='urn:xmpp:bookmarks:1' name='Orchard'>"
            "<nick>JC</nick><extensions><state xmlns='http://myclient.example/bookmark/state' "
            "minimized='true'/><other xmlns='urn:example:x'>text</other></extensions>"
            "</conference></item>");
        auto b = BookmarkConference::fromItem(item);
        QVERIFY(b);
        b->name = QStringLiteral("The Orchard");
        b->autojoin = true;
        const Element publish = BookmarksManager::makePublish(*b);
        const Element conference = publish.firstChild(u"pubsub", ns::PubSub)
                                       .firstChild(u"publish", ns::PubSub)
                                       .firstChild(u"item", ns::PubSub)
                                       .firstChild(u"conference", ns::Bookmarks);
        QCOMPARE(conference.firstChild(u"extensions", ns::Bookmarks),
                 item.children().front().firstChild(u"extensions", ns::Bookmarks));
        QCOMPARE(conference.attribute(u"name"), QStringLiteral("The Orchard"));
    }

    void publishMatchesXepExample()
    {
        // XEP-0402 Example 5 (adding a bookmark), without the id the client assigns.
        const Element expected = test::fromXml(
            "<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
            "<publish node='urn:xmpp:bookmarks:1'><item id='theplay@conference.shakespeare.lit'>"
            "<conference xmlns='urn:xmpp:bookmarks:1' name='The Play&apos;s the Thing' "
            "autojoin='true'><nick>JC</nick></conference></item></publish>"
            "<publish-options><x xmlns='jabber:x:data' type='submit'>"
            "<field var='FORM_TYPE' type='hidden'>"
            "<value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
            "<field var='pubsub#access_model'><value>whitelist</value></field>"
            "<field var='pubsub#max_items'><value>max</value></field>"
            "<field var='pubsub#persist_items'><value>true</value></field>"
            "<field var='pubsub#send_last_published_item'><value>never</value></field>"
            "</x></publish-options></pubsub></iq>");
        BookmarkConference b;
        b.room = Jid::fromString(u"theplay@conference.shakespeare.lit");
        b.name = QStringLiteral("The Play's the Thing");
        b.autojoin = true;
        b.nick = QStringLiteral("JC");
        QCOMPARE(test::without(BookmarksManager::makePublish(b), QStringLiteral("id")), expected);
    }

    void retractAndFetchRequests()
    {
        // XEP-0402 Example 7 (retract with notify) and Example 3 (retrieve all items).
        QCOMPARE(test::without(BookmarksManager::makeRetract(
                                   Jid::fromString(u"theplay@conference.shakespeare.lit")),
                               QStringLiteral("id")),
                 test::fromXml("<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                               "<retract node='urn:xmpp:bookmarks:1' notify='1'>"
                               "<item id='theplay@conference.shakespeare.lit'/></retract>"
                               "</pubsub></iq>"));
        QCOMPARE(test::without(BookmarksManager::makeFetch(), QStringLiteral("id")),
                 test::fromXml("<iq type='get'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                               "<items node='urn:xmpp:bookmarks:1'/></pubsub></iq>"));
    }

    void fetchResultFromXepExample()
    {
        // XEP-0402 Example 4; a third, invalid item is skipped.
        const Element result = test::fromXml(
            "<iq type='result' to='juliet@capulet.lit/balcony' id='retrieve1'>"
            "<pubsub xmlns='http://jabber.org/protocol/pubsub'>"
            "<items node='urn:xmpp:bookmarks:1'>"
            "<item id='theplay@conference.shakespeare.lit'>"
            "<conference xmlns='urn:xmpp:bookmarks:1' name='The Play&apos;s the Thing' "
            "autojoin='true'><nick>JC</nick></conference></item>" +
            kOrchardItem +
            "<item id='not a jid@@'><conference xmlns='urn:xmpp:bookmarks:1'/></item>"
            "</items></pubsub></iq>");
        const auto list = BookmarksManager::conferencesFromResult(result);
        QCOMPARE(list.size(), size_t(2));
        QCOMPARE(list[0].name, QStringLiteral("The Play's the Thing"));
        QCOMPARE(list[1].room, Jid::fromString(u"orchard@chat.shakespeare.lit"));
        QVERIFY(list[1].autojoin); // autojoin='1'
    }

    void notificationsFromOurOwnAccount()
    {
        // XEP-0402 Example 9: from our bare JID.
        auto e = BookmarkEvent::fromMessage(notification("from='juliet@capulet.lit'", kOrchardItem),
                                            kOwn);
        QVERIFY(e);
        QCOMPARE(e->published.size(), size_t(1));
        QCOMPARE(e->published[0].nick, QStringLiteral("JC"));
        // No 'from': from our own account (RFC 6120 §8.1.2.1).
        QVERIFY(BookmarkEvent::fromMessage(notification("", kOrchardItem), kOwn));
        // Example 11: a retraction.
        e = BookmarkEvent::fromMessage(notification("from='juliet@capulet.lit'",
                                                    "<retract id='orchard@chat.shakespeare.lit'/>"),
                                       kOwn);
        QVERIFY(e);
        QVERIFY(e->published.empty());
        QCOMPARE(e->retracted, std::vector<Jid>{Jid::fromString(u"orchard@chat.shakespeare.lit")});
    }

    void forgedNotificationsAreRefused()
    {
        // A stranger, our own full JID (a client, not a PEP service), our server's domain.
        for (const QByteArray &from :
             {QByteArray("from='mallory@evil.lit'"),
              QByteArray("from='juliet@capulet.lit/balcony'"), QByteArray("from='capulet.lit'")})
            QVERIFY2(!BookmarkEvent::fromMessage(notification(from, kOrchardItem), kOwn),
                     from.constData());
        // Another node of our own account is not a bookmarks event.
        QVERIFY(!BookmarkEvent::fromMessage(
            test::fromXml("<message from='juliet@capulet.lit'>"
                          "<event xmlns='http://jabber.org/protocol/pubsub#event'>"
                          "<items node='urn:xmpp:mds:displayed:0'/></event></message>"),
            kOwn));
    }

    void managerConsumesForgedEventsSilently()
    {
        // Not connected: we have no own JID, so every sender is someone else. The forged event
        // is consumed (no other handler sees it) and reported nowhere.
        Client client;
        auto *manager = new BookmarksManager;
        client.addExtension(manager);
        int published = 0;
        connect(manager, &BookmarksManager::bookmarkPublished, this, [&] { ++published; });
        QVERIFY(manager->handleStanza(notification("from='mallory@evil.lit'", kOrchardItem)));
        QCOMPARE(published, 0);
        // Other messages are not ours to take.
        QVERIFY(!manager->handleStanza(test::fromXml("<message from='a@b.c'><body>hi</body>"
                                                     "</message>")));
        QCOMPARE(client.discoFeatures(), QStringList{ns::Bookmarks + QStringLiteral("+notify")});
    }

    void legacyStorageRoundTripKeepsUnknownData()
    {
        // XEP-0048 Example 1 plus a URL, an unknown element, an unknown attribute and child of a
        // conference, and a conference with an invalid JID: all must survive our edits.
        const Element result =
            test::fromXml("<iq type='result' id='1001'><query xmlns='jabber:iq:private'>"
                          "<storage xmlns='storage:bookmarks'>"
                          "<conference name='Council of Oberon' autojoin='true' "
                          "jid='council@conference.underhill.org' x-color='green'>"
                          "<nick>Puck</nick><minimized xmlns='urn:example:client'/></conference>"
                          "<url name='Complete Works of Shakespeare' "
                          "url='http://the-tech.mit.edu/Shakespeare/'/>"
                          "<conference jid='bad jid@@' name='broken'/>"
                          "<folder xmlns='urn:example:folders' name='Plays'/>"
                          "<conference jid='old@conference.underhill.org'/>"
                          "</storage></query></iq>");
        auto storage = LegacyBookmarkStorage::fromQueryResult(result);
        QVERIFY(storage);
        auto list = storage->conferences();
        QCOMPARE(list.size(), size_t(2));
        QCOMPARE(list[0].nick, QStringLiteral("Puck"));
        QVERIFY(list[0].autojoin);

        BookmarkConference changed = list[0];
        changed.autojoin = false;
        changed.password = QStringLiteral("secret");
        storage->setConference(changed);
        BookmarkConference added;
        added.room = Jid::fromString(u"new@conference.underhill.org");
        added.nick = QStringLiteral("Puck");
        storage->setConference(added);
        QVERIFY(storage->removeConference(Jid::fromString(u"old@conference.underhill.org")));
        QVERIFY(!storage->removeConference(Jid::fromString(u"none@conference.underhill.org")));

        const Element expected =
            test::fromXml("<storage xmlns='storage:bookmarks'>"
                          "<conference name='Council of Oberon' autojoin='false' "
                          "jid='council@conference.underhill.org' x-color='green'>"
                          "<minimized xmlns='urn:example:client'/><nick>Puck</nick>"
                          "<password>secret</password></conference>"
                          "<url name='Complete Works of Shakespeare' "
                          "url='http://the-tech.mit.edu/Shakespeare/'/>"
                          "<conference jid='bad jid@@' name='broken'/>"
                          "<folder xmlns='urn:example:folders' name='Plays'/>"
                          "<conference jid='new@conference.underhill.org' autojoin='false'>"
                          "<nick>Puck</nick></conference>"
                          "</storage>");
        QCOMPARE(storage->element(), expected);
        // What we store is exactly that element (XEP-0049 §2.1).
        QCOMPARE(LegacyBookmarksManager::makeStore(*storage)
                     .firstChild(u"query", ns::PrivateStorage)
                     .firstChild(u"storage", ns::LegacyBookmarks),
                 expected);
        list = storage->conferences();
        QCOMPARE(list.size(), size_t(2));
        QCOMPARE(list[0].password, QStringLiteral("secret"));
        QVERIFY(!list[0].autojoin);
    }

    void legacyEmptyAndHostileResults()
    {
        // Nothing stored yet: the server answers with the empty query or empty storage.
        auto empty = LegacyBookmarkStorage::fromQueryResult(
            test::fromXml("<iq type='result'><query xmlns='jabber:iq:private'/></iq>"));
        QVERIFY(empty);
        QVERIFY(empty->conferences().empty());
        QCOMPARE(LegacyBookmarksManager::makeFetch().firstChild(u"query", ns::PrivateStorage),
                 test::fromXml("<query xmlns='jabber:iq:private'>"
                               "<storage xmlns='storage:bookmarks'/></query>"));
        // Something else in the answer: not bookmark storage.
        QVERIFY(!LegacyBookmarkStorage::fromQueryResult(test::fromXml("<iq type='result'/>")));
        QVERIFY(!LegacyBookmarkStorage::fromStorage(
            test::fromXml("<storage xmlns='storage:rosternotes'/>")));
    }
};

QTEST_GUILESS_MAIN(TestBookmarkXml)
#include "tst_bookmarkxml.moc"
