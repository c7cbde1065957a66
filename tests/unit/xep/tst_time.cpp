// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0082_datetime/datetime.h"
#include "core/xmpp/xep/xep0202_time/timemanager.h"
#include "xmlhelper.h"

#include <QTest>

using namespace parla;
using namespace parla::xmpp;

class TestTime : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesXep0082DateTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDate d(1969, 7, 21);
        // XEP-0082 §3.2 examples.
        QTest::newRow("zulu") << u"1969-07-21T02:56:15Z"_qs
                              << QDateTime(d, QTime(2, 56, 15), Qt::UTC);
        QTest::newRow("offset") << u"1969-07-20T21:56:15-05:00"_qs
                                << QDateTime(d, QTime(2, 56, 15), Qt::UTC);
        QTest::newRow("fraction") << u"1969-07-21T02:56:15.123Z"_qs
                                  << QDateTime(d, QTime(2, 56, 15, 123), Qt::UTC);
        QTest::newRow("long fraction") << u"1969-07-21T02:56:15.123456+00:00"_qs
                                       << QDateTime(d, QTime(2, 56, 15, 123), Qt::UTC);
        QTest::newRow("short fraction")
            << u"1969-07-21T02:56:15.5Z"_qs << QDateTime(d, QTime(2, 56, 15, 500), Qt::UTC);
        // Offsets that leave the years XEP-0082 can write are clamped to them (issue 10: the
        // first became the year 10000 and did not parse back).
        const QDateTime last(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC);
        const QDateTime first(QDate(1, 1, 1), QTime(0, 0), Qt::UTC);
        QTest::newRow("past 9999") << u"9999-12-31T23:59:59-23:59"_qs << last;
        QTest::newRow("before 0001") << u"0001-01-01T00:00:00+23:59"_qs << first;
        QTest::newRow("edge kept") << u"9999-12-31T23:59:59Z"_qs
                                   << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC);
    }
    void parsesXep0082DateTimes()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const auto parsed = datetime::parseDateTime(text);
        QVERIFY(parsed);
        QCOMPARE(*parsed, expected);
        QCOMPARE(parsed->timeSpec(), Qt::UTC);
        // Whatever was read can be written and read back.
        QCOMPARE(datetime::parseDateTime(datetime::formatDateTime(*parsed)), parsed);
    }

    void refusesMalformedDateTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("no zone") << u"1969-07-21T02:56:15"_qs;
        QTest::newRow("date only") << u"1969-07-21"_qs;
        QTest::newRow("bad month") << u"1969-13-21T02:56:15Z"_qs;
        QTest::newRow("bad day") << u"1969-02-30T02:56:15Z"_qs;
        QTest::newRow("letters") << u"19x9-07-21T02:56:15Z"_qs;
        QTest::newRow("empty fraction") << u"1969-07-21T02:56:15.Z"_qs;
        QTest::newRow("bad offset") << u"1969-07-21T02:56:15+5:00"_qs;
        QTest::newRow("trailing") << u"1969-07-21T02:56:15Zjunk"_qs;
        QTest::newRow("offset hours") << u"1969-07-21T02:56:15+25:00"_qs;
    }
    void refusesMalformedDateTimes()
    {
        QFETCH(QString, text);
        QVERIFY(!datetime::parseDateTime(text));
    }

    void formatsDateTimes()
    {
        const QDateTime t(QDate(2006, 12, 19), QTime(17, 58, 35), Qt::UTC);
        QCOMPARE(datetime::formatDateTime(t), u"2006-12-19T17:58:35Z"_qs);
        QCOMPARE(datetime::formatDateTime(t.addMSecs(7)), u"2006-12-19T17:58:35.007Z"_qs);
        QCOMPARE(datetime::formatDateTime(t.toOffsetFromUtc(-6 * 3600)),
                 u"2006-12-19T17:58:35Z"_qs);
        QCOMPARE(datetime::formatTimeZoneOffset(-6 * 3600), u"-06:00"_qs);
        QCOMPARE(datetime::formatTimeZoneOffset(0), u"+00:00"_qs);
        QCOMPARE(datetime::formatTimeZoneOffset(5 * 3600 + 30 * 60), u"+05:30"_qs);
        QCOMPARE(datetime::parseTimeZoneOffset(u"-06:00"), -6 * 3600);
        QCOMPARE(datetime::parseTimeZoneOffset(u"Z"), 0);
        QVERIFY(!datetime::parseTimeZoneOffset(u"06:00"));
        // Outside the writable years: clamped, never "10000-…" or "0000-…".
        QCOMPARE(datetime::formatDateTime(QDateTime(QDate(12000, 1, 1), QTime(0, 0), Qt::UTC)),
                 u"9999-12-31T23:59:59.999Z"_qs);
        QCOMPARE(datetime::formatDateTime(QDateTime(QDate(-5, 1, 1), QTime(0, 0), Qt::UTC)),
                 u"0001-01-01T00:00:00Z"_qs);
    }

    void parsesXep0202Response()
    {
        // XEP-0202 §4 "A Response to the Query".
        const Element iq = test::fromXml(R"(
            <iq type='result'
                from='juliet@capulet.com/balcony'
                to='romeo@montague.net/orchard'
                id='time_1'>
              <time xmlns='urn:xmpp:time'>
                <tzo>-06:00</tzo>
                <utc>2006-12-19T17:58:35Z</utc>
              </time>
            </iq>)");
        const auto time = EntityTime::fromElement(iq.firstChild(u"time", ns::Time));
        QVERIFY(time);
        QCOMPARE(time->utc, QDateTime(QDate(2006, 12, 19), QTime(17, 58, 35), Qt::UTC));
        QCOMPARE(time->offsetFromUtc, -6 * 3600);
        QCOMPARE(time->localTime().time(), QTime(11, 58, 35));
        QCOMPARE(time->toElement(), iq.firstChild(u"time", ns::Time));
        QVERIFY(!EntityTime::fromElement(
            test::fromXml("<time xmlns='urn:xmpp:time'><utc>2006-12-19T17:58:35Z</utc></time>")));
        QVERIFY(!EntityTime::fromElement(
            test::fromXml("<time xmlns='urn:xmpp:time'><tzo>Z</tzo><utc>yesterday</utc></time>")));
    }

    void answersWithOurClock()
    {
        const Element request = test::fromXml(R"(
            <iq type='get'
                from='romeo@montague.net/orchard'
                to='juliet@capulet.com/balcony'
                id='time_1'>
              <time xmlns='urn:xmpp:time'/>
            </iq>)");
        const QDateTime now = QDateTime(QDate(2006, 12, 19), QTime(17, 58, 35, 250), Qt::UTC)
                                  .toOffsetFromUtc(-6 * 3600);
        const Element expected = test::fromXml(R"(
            <iq type='result'
                to='romeo@montague.net/orchard'
                id='time_1'>
              <time xmlns='urn:xmpp:time'>
                <tzo>-06:00</tzo>
                <utc>2006-12-19T17:58:35Z</utc>
              </time>
            </iq>)");
        QCOMPARE(TimeManager::makeResponse(request, now), expected);
    }

    void handlesOnlyTimeRequests()
    {
        TimeManager manager;
        QVERIFY(!manager.handleStanza(
            test::fromXml("<iq type='result' id='x'><time xmlns='urn:xmpp:time'/></iq>")));
        QVERIFY(!manager.handleStanza(test::fromXml("<message><body>hi</body></message>")));
        QCOMPARE(manager.discoFeatures(), QStringList{ns::Time});
    }
};

QTEST_GUILESS_MAIN(TestTime)
#include "tst_time.moc"
