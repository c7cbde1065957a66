// SPDX-License-Identifier: GPL-3.0-or-later
// Value parsing of the RFC 6121 stanzas (roster items, presence, messages) from hostile input.
#include "xmpp/im/message.h"
#include "xmpp/im/presence.h"
#include "xmpp/im/roster.h"

#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
Element xml(const QString &text)
{
    const Element e = Element::fromXml(text.toUtf8());
    if (e.isNull())
        qFatal("test input is not well-formed XML: %s", qPrintable(text));
    return e;
}

Element rosterItem(const QString &inner)
{
    return xml(u"<item xmlns='jabber:iq:roster' "_qs + inner);
}

Element presence(const QString &attributes, const QString &children = {})
{
    return xml(u"<presence xmlns='jabber:client' "_qs + attributes + u">"_qs + children +
               u"</presence>"_qs);
}

Element message(const QString &attributes, const QString &children = {})
{
    return xml(u"<message xmlns='jabber:client' "_qs + attributes + u">"_qs + children +
               u"</message>"_qs);
}
} // namespace

class TestRfc6121 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- RosterItem (RFC 6121 §2.1.2) ----

    void rosterItemParsed()
    {
        const auto item = RosterItem::fromElement(rosterItem(
            u"jid='Romeo@Example.NET' name='Romeo' subscription='both' approved='true'>"_qs
            "<group>Friends</group><group>Lovers</group></item>"_qs));
        QVERIFY(item);
        QCOMPARE(item->jid.bareString(), u"romeo@example.net"_qs); // normalised (RFC 7622)
        QCOMPARE(item->name, u"Romeo"_qs);
        QCOMPARE(item->subscription, RosterItem::Subscription::Both);
        QVERIFY(item->approved);
        QVERIFY(!item->askSubscribe);
        QCOMPARE(item->groups, (QStringList{u"Friends"_qs, u"Lovers"_qs}));
    }

    void rosterItemRefused_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addRow("no jid") << u"<item xmlns='jabber:iq:roster' name='x'/>"_qs;
        QTest::addRow("empty jid") << u"<item xmlns='jabber:iq:roster' jid=''/>"_qs;
        QTest::addRow("invalid jid") << u"<item xmlns='jabber:iq:roster' jid='a@b@c'/>"_qs;
        QTest::addRow("empty local") << u"<item xmlns='jabber:iq:roster' jid='@example.com'/>"_qs;
        // RFC 6121 §2.1.2.3: the jid of a roster item is a bare JID.
        QTest::addRow("full jid")
            << u"<item xmlns='jabber:iq:roster' jid='juliet@example.com/balcony'/>"_qs;
        QTest::addRow("wrong namespace") << u"<item xmlns='jabber:client' jid='a@b.c'/>"_qs;
        QTest::addRow("wrong name") << u"<contact xmlns='jabber:iq:roster' jid='a@b.c'/>"_qs;
    }

    void rosterItemRefused()
    {
        QFETCH(QString, input);
        QVERIFY(!RosterItem::fromElement(xml(input)));
    }

    void rosterGroupsDeduplicated()
    {
        const auto item = RosterItem::fromElement(
            rosterItem(u"jid='a@example.com'><group>Work</group><group>Home</group>"_qs
                       "<group>Work</group><group></group><group>work</group></item>"_qs));
        QVERIFY(item);
        // Exact duplicates and empty names dropped; group names are case-sensitive.
        QCOMPARE(item->groups, (QStringList{u"Work"_qs, u"Home"_qs, u"work"_qs}));
    }

    void rosterAskAndSubscription_data()
    {
        QTest::addColumn<QString>("attributes");
        QTest::addColumn<bool>("ask");
        QTest::addColumn<int>("subscription");
        QTest::addRow("ask subscribe")
            << u"ask='subscribe'"_qs << true << int(RosterItem::Subscription::None);
        QTest::addRow("ask other")
            << u"ask='unsubscribe'"_qs << false << int(RosterItem::Subscription::None);
        QTest::addRow("to") << u"subscription='to'"_qs << false
                            << int(RosterItem::Subscription::To);
        QTest::addRow("from + ask") << u"subscription='from' ask='subscribe'"_qs << true
                                    << int(RosterItem::Subscription::From);
        QTest::addRow("remove") << u"subscription='remove'"_qs << false
                                << int(RosterItem::Subscription::Remove);
        QTest::addRow("unknown subscription")
            << u"subscription='everything'"_qs << false << int(RosterItem::Subscription::None);
    }

    void rosterAskAndSubscription()
    {
        QFETCH(QString, attributes);
        QFETCH(bool, ask);
        QFETCH(int, subscription);
        const auto item =
            RosterItem::fromElement(rosterItem(u"jid='a@example.com' "_qs + attributes + u"/>"_qs));
        QVERIFY(item);
        QCOMPARE(item->askSubscribe, ask);
        QCOMPARE(int(item->subscription), subscription);
    }

    // ---- Presence (RFC 6121 §4.7) ----

    void presenceUnknownTypeIgnored()
    {
        // RFC 6121 §4.7.1: a presence with an unknown type is ignored.
        QVERIFY(!Presence::fromElement(presence(u"from='a@b.c/r' type='sleepy'"_qs)));
        QVERIFY(!Presence::fromElement(presence(u"from='a@b.c/r' type='Available'"_qs)));
        // Wrong stream namespace or element.
        QVERIFY(!Presence::fromElement(xml(u"<presence xmlns='jabber:server'/>"_qs)));
        QVERIFY(!Presence::fromElement(xml(u"<message xmlns='jabber:client'/>"_qs)));
        // Invalid sender.
        QVERIFY(!Presence::fromElement(presence(u"from='a@@b'"_qs)));
    }

    void presenceTypes()
    {
        const auto available = Presence::fromElement(presence(u"from='a@b.c/r'"_qs));
        QVERIFY(available);
        QCOMPARE(available->type, Presence::Type::Available);
        QCOMPARE(available->show, Availability::Online);
        QCOMPARE(available->from.toString(), u"a@b.c/r"_qs);

        const auto gone = Presence::fromElement(
            presence(u"from='a@b.c/r' type='unavailable'"_qs, u"<show>chat</show>"_qs));
        QVERIFY(gone);
        QCOMPARE(gone->type, Presence::Type::Unavailable);
        QCOMPARE(gone->show, Availability::Offline); // <show/> means nothing when unavailable

        const auto sub = Presence::fromElement(presence(u"from='a@b.c' type='subscribe'"_qs));
        QVERIFY(sub);
        QCOMPARE(sub->type, Presence::Type::Subscribe);
    }

    void presenceShow_data()
    {
        QTest::addColumn<QString>("show");
        QTest::addColumn<Availability>("expected");
        QTest::addRow("chat") << u"chat"_qs << Availability::Chat;
        QTest::addRow("away") << u"away"_qs << Availability::Away;
        QTest::addRow("xa") << u"xa"_qs << Availability::ExtendedAway;
        QTest::addRow("dnd") << u"dnd"_qs << Availability::DoNotDisturb;
        // Unknown or differently cased values fall back to plain available.
        QTest::addRow("unknown") << u"busy"_qs << Availability::Online;
        QTest::addRow("upper") << u"DND"_qs << Availability::Online;
        QTest::addRow("empty") << QString() << Availability::Online;
    }

    void presenceShow()
    {
        QFETCH(QString, show);
        QFETCH(Availability, expected);
        const auto p = Presence::fromElement(
            presence(u"from='a@b.c/r'"_qs, u"<show>"_qs + show + u"</show>"_qs));
        QVERIFY(p);
        QCOMPARE(p->show, expected);
    }

    void presencePriority_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected");
        // RFC 6121 §4.7.2.3: an integer between -128 and +127.
        QTest::addRow("positive") << u"5"_qs << 5;
        QTest::addRow("negative") << u"-1"_qs << -1;
        QTest::addRow("max") << u"127"_qs << 127;
        QTest::addRow("min") << u"-128"_qs << -128;
        QTest::addRow("above") << u"128"_qs << 127;
        QTest::addRow("below") << u"-129"_qs << -128;
        QTest::addRow("huge") << u"99999999999999999999"_qs << 0; // not an int at all
        QTest::addRow("int max") << u"2147483647"_qs << 127;
        QTest::addRow("garbage") << u"high"_qs << 0;
        QTest::addRow("empty") << QString() << 0;
    }

    void presencePriority()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        const auto p = Presence::fromElement(
            presence(u"from='a@b.c/r'"_qs, u"<priority>"_qs + text + u"</priority>"_qs));
        QVERIFY(p);
        QCOMPARE(p->priority, expected);
    }

    void presenceStatusTruncated()
    {
        const QString longStatus(5000, u'x');
        const auto p = Presence::fromElement(
            presence(u"from='a@b.c/r'"_qs, u"<status>"_qs + longStatus + u"</status>"_qs));
        QVERIFY(p);
        QVERIFY(p->status.size() < longStatus.size());
        QVERIFY(!p->status.isEmpty());
        QVERIFY(longStatus.startsWith(p->status));

        const auto shortOne = Presence::fromElement(
            presence(u"from='a@b.c/r'"_qs, u"<status>Gone fishing</status>"_qs));
        QVERIFY(shortOne);
        QCOMPARE(shortOne->status, u"Gone fishing"_qs);
    }

    // ---- ChatMessage (RFC 6121 §5, XEP-0203, XEP-0359) ----

    void messageTypeDefaultsToNormal_data()
    {
        QTest::addColumn<QString>("attributes");
        QTest::addColumn<ChatMessage::Type>("expected");
        // RFC 6121 §5.2.2: absent (or unknown, treated like absent) means normal.
        QTest::addRow("absent") << QString() << ChatMessage::Type::Normal;
        QTest::addRow("unknown") << u"type='urgent'"_qs << ChatMessage::Type::Normal;
        QTest::addRow("chat") << u"type='chat'"_qs << ChatMessage::Type::Chat;
        QTest::addRow("normal") << u"type='normal'"_qs << ChatMessage::Type::Normal;
        QTest::addRow("headline") << u"type='headline'"_qs << ChatMessage::Type::Headline;
        QTest::addRow("groupchat") << u"type='groupchat'"_qs << ChatMessage::Type::Groupchat;
        QTest::addRow("error") << u"type='error'"_qs << ChatMessage::Type::Error;
    }

    void messageTypeDefaultsToNormal()
    {
        QFETCH(QString, attributes);
        QFETCH(ChatMessage::Type, expected);
        const auto m = ChatMessage::fromElement(
            message(u"from='a@b.c/r' id='1' "_qs + attributes, u"<body>hi</body>"_qs));
        QVERIFY(m);
        QCOMPARE(m->type, expected);
        QCOMPARE(m->body, u"hi"_qs);
    }

    void messageDelayStamp_data()
    {
        QTest::addColumn<QString>("stamp");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime utc(QDate(2002, 9, 10), QTime(23, 8, 25), Qt::UTC);
        // XEP-0082 date-time, with or without fraction, Z or an offset.
        QTest::addRow("Z") << u"2002-09-10T23:08:25Z"_qs << utc;
        QTest::addRow("offset") << u"2002-09-11T01:08:25+02:00"_qs << utc;
        QTest::addRow("negative offset") << u"2002-09-10T18:08:25-05:00"_qs << utc;
        QTest::addRow("millis") << u"2002-09-10T23:08:25.250Z"_qs << utc.addMSecs(250);
        // ejabberd sends microseconds: kept to the millisecond.
        QTest::addRow("micros") << u"2002-09-10T23:08:25.250400Z"_qs << utc.addMSecs(250);
    }

    void messageDelayStamp()
    {
        QFETCH(QString, stamp);
        QFETCH(QDateTime, expected);
        const auto m = ChatMessage::fromElement(
            message(u"from='a@b.c/r' type='chat'"_qs,
                    u"<body>old</body><delay xmlns='urn:xmpp:delay' from='b.c' stamp='"_qs + stamp +
                        u"'/>"_qs));
        QVERIFY(m);
        QVERIFY2(m->stamp.isValid(), qPrintable(stamp));
        QCOMPARE(m->stamp.timeSpec(), Qt::UTC);
        QCOMPARE(m->stamp, expected);
    }

    void messageWithoutOrBadDelayIsLive()
    {
        const auto live =
            ChatMessage::fromElement(message(u"from='a@b.c/r'"_qs, u"<body>x</body>"_qs));
        QVERIFY(live);
        QVERIFY(live->stamp.isNull());
        const auto bad = ChatMessage::fromElement(
            message(u"from='a@b.c/r'"_qs,
                    u"<body>x</body><delay xmlns='urn:xmpp:delay' stamp='yesterday'/>"_qs));
        QVERIFY(bad);
        QVERIFY(!bad->stamp.isValid());
        // A delay in another namespace (the legacy jabber:x:delay is not read here).
        const auto legacy = ChatMessage::fromElement(message(
            u"from='a@b.c/r'"_qs,
            u"<body>x</body><delay xmlns='urn:xmpp:other' stamp='2002-09-10T23:08:25Z'/>"_qs));
        QVERIFY(legacy);
        QVERIFY(legacy->stamp.isNull());
    }

    void messageIds()
    {
        const auto m = ChatMessage::fromElement(message(
            u"from='juliet@capulet.lit/balcony' to='romeo@montague.lit' id='abc' type='chat'"_qs,
            u"<body>Art thou not Romeo?</body><thread>t1</thread>"
            "<origin-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4-431b-adb2-eb6b9e546013'/>"
            "<stanza-id xmlns='urn:xmpp:sid:0' id='5f3dbc5e-e1d3-4077-a492-693f3769c7ad' "
            "by='romeo@montague.lit'/>"_qs
            "<request xmlns='urn:xmpp:receipts'/>"_qs));
        QVERIFY(m);
        QCOMPARE(m->id, u"abc"_qs);
        QCOMPARE(m->from.toString(), u"juliet@capulet.lit/balcony"_qs);
        QCOMPARE(m->to.toString(), u"romeo@montague.lit"_qs);
        QCOMPARE(m->originId, u"de305d54-75b4-431b-adb2-eb6b9e546013"_qs);
        QCOMPARE(m->stanzaId, u"5f3dbc5e-e1d3-4077-a492-693f3769c7ad"_qs);
        QCOMPARE(m->stanzaIdBy.toString(), u"romeo@montague.lit"_qs);
        QCOMPARE(m->thread, u"t1"_qs);
        QVERIFY(m->receiptRequested);
        QVERIFY(!m->error);

        // ids in the wrong namespace are not XEP-0359 ids.
        const auto wrongNs = ChatMessage::fromElement(message(
            u"from='a@b.c/r'"_qs, u"<origin-id xmlns='urn:xmpp:sid:1' id='x'/>"_qs
                                  "<stanza-id xmlns='urn:xmpp:other' id='y' by='b.c'/>"_qs));
        QVERIFY(wrongNs);
        QVERIFY(wrongNs->originId.isEmpty());
        QVERIFY(wrongNs->stanzaId.isEmpty());
    }

    void messageBodyTruncated()
    {
        constexpr qsizetype limit = 256 * 1024;
        const QString huge(limit + 1000, u'a');
        const auto m = ChatMessage::fromElement(
            message(u"from='a@b.c/r'"_qs, u"<body>"_qs + huge + u"</body>"_qs));
        QVERIFY(m);
        QCOMPARE(m->body.size(), limit);

        const QString exact(limit, u'b');
        const auto fits = ChatMessage::fromElement(
            message(u"from='a@b.c/r'"_qs, u"<body>"_qs + exact + u"</body>"_qs));
        QVERIFY(fits);
        QCOMPARE(fits->body, exact);
    }

    void messageInvalidFromRefused_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addRow("two @") << u"a@b@c"_qs;
        QTest::addRow("empty") << QString();
        QTest::addRow("empty local") << u"@b.c"_qs;
        QTest::addRow("empty resource") << u"a@b.c/"_qs;
    }

    void messageInvalidFromRefused()
    {
        QFETCH(QString, from);
        QVERIFY(!ChatMessage::fromElement(
            message(u"from='"_qs + from + u"'"_qs, u"<body>x</body>"_qs)));
    }

    void messageWithoutFromAccepted()
    {
        // No 'from': the stanza comes from our own account (RFC 6120 §8.1.2.1).
        const auto m = ChatMessage::fromElement(message(QString(), u"<body>x</body>"_qs));
        QVERIFY(m);
        QVERIFY(!m->from.isValid());
    }

    void messageErrorParsed()
    {
        const auto m = ChatMessage::fromElement(
            message(u"from='b.c' type='error' id='42'"_qs,
                    u"<error type='cancel'><service-unavailable "_qs
                    "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"_qs));
        QVERIFY(m);
        QCOMPARE(m->type, ChatMessage::Type::Error);
        QVERIFY(m->error);
    }
};

QTEST_GUILESS_MAIN(TestRfc6121)
#include "tst_rfc6121.moc"
