// SPDX-License-Identifier: GPL-3.0-or-later
#include "xmpp/streammanagement.h"

#include <QTest>

using namespace parla::xmpp;

namespace {
Element stanza(int n)
{
    return Element::fromXml(
        QStringLiteral("<message xmlns='jabber:client' id='m%1'><body>%1</body></message>")
            .arg(n)
            .toUtf8());
}

QStringList ids(const std::vector<Element> &elements)
{
    QStringList out;
    for (const Element &e : elements)
        out << e.attribute(u"id");
    return out;
}

QStringList ids(const std::deque<Element> &elements)
{
    return ids(std::vector<Element>(elements.begin(), elements.end()));
}

/// Sends `count` stanzas numbered from `first`.
void send(StreamManagementState &sm, int first, int count)
{
    for (int i = first; i < first + count; ++i)
        sm.recordOutbound(stanza(i));
}
} // namespace

class TestStreamManagement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void enableStartsCounting()
    {
        StreamManagementState sm;
        QVERIFY(!sm.isEnabled());
        sm.recordOutbound(stanza(0)); // before <enabled/>: not tracked
        QVERIFY(sm.unacknowledged().empty());

        sm.enable(QStringLiteral("resume-1"), true, 300);
        QVERIFY(sm.isEnabled());
        QVERIFY(sm.canResume());
        QCOMPARE(sm.resumeId(), QStringLiteral("resume-1"));
        QCOMPARE(sm.inboundCount(), 0u);
        sm.countInbound();
        sm.countInbound();
        QCOMPARE(sm.inboundCount(), 2u);

        StreamManagementState notResumable;
        notResumable.enable(QStringLiteral("id"), false, 0);
        QVERIFY(!notResumable.canResume());
        StreamManagementState noId;
        noId.enable(QString(), true, 0);
        QVERIFY(!noId.canResume());
    }

    void acknowledgePopsNewlyAcked()
    {
        StreamManagementState sm;
        sm.enable(QStringLiteral("r"), true, 60);
        send(sm, 1, 5);
        bool ok = false;

        QCOMPARE(ids(sm.acknowledge(2, &ok)), (QStringList{u"m1"_qs, u"m2"_qs}));
        QVERIFY(ok);
        QCOMPARE(ids(sm.unacknowledged()), (QStringList{u"m3"_qs, u"m4"_qs, u"m5"_qs}));

        // The same h again acknowledges nothing new.
        ok = false;
        QVERIFY(sm.acknowledge(2, &ok).empty());
        QVERIFY(ok);
        QCOMPARE(sm.unacknowledged().size(), size_t(3));

        QCOMPARE(ids(sm.acknowledge(3, &ok)), (QStringList{u"m3"_qs}));
        QVERIFY(ok);
        send(sm, 6, 1);
        QCOMPARE(ids(sm.acknowledge(6, &ok)), (QStringList{u"m4"_qs, u"m5"_qs, u"m6"_qs}));
        QVERIFY(ok);
        QVERIFY(sm.unacknowledged().empty());
        // The popped stanzas are intact (body kept).
        send(sm, 7, 1);
        const auto acked = sm.acknowledge(7, &ok);
        QCOMPARE(acked.size(), size_t(1));
        QCOMPARE(acked.front().childText(u"body", u"jabber:client"), u"7"_qs);
    }

    void hBeyondSentIsViolation()
    {
        StreamManagementState sm;
        sm.enable(QStringLiteral("r"), true, 60);
        send(sm, 1, 3);
        bool ok = true;
        QVERIFY(sm.acknowledge(4, &ok).empty());
        QVERIFY(!ok);
        // Nothing was popped, and the counter did not move: a valid h still works after.
        QCOMPARE(sm.unacknowledged().size(), size_t(3));
        QCOMPARE(ids(sm.acknowledge(1, &ok)), (QStringList{u"m1"_qs}));
        QVERIFY(ok);
        // An h "behind" the last ack wraps to a huge difference: also a violation.
        QVERIFY(sm.acknowledge(0, &ok).empty());
        QVERIFY(!ok);
        QCOMPARE(sm.unacknowledged().size(), size_t(2));
        // ok may be null.
        QVERIFY(sm.acknowledge(100, nullptr).empty());
    }

    void hModularArithmetic()
    {
        // XEP-0198 §4: h counts modulo 2^32, so "newly acknowledged" is h minus the last h in
        // unsigned 32-bit arithmetic. Reaching a counter near 2^32 through the public API would
        // take 4 billion stanzas, so what is checked here is the visible consequence: an h just
        // "below" the last one (a difference that wraps to nearly 2^32) is beyond what was sent,
        // and the largest h values are refused rather than overflowing into a small count.
        StreamManagementState sm;
        sm.enable(QStringLiteral("r"), true, 60);
        send(sm, 1, 4);
        bool ok = true;
        for (quint32 h : {0xFFFFFFFFu, 0xFFFFFFFDu, 0x80000000u, 5u}) {
            QVERIFY(sm.acknowledge(h, &ok).empty());
            QVERIFY2(!ok, qPrintable(QString::number(h)));
        }
        QCOMPARE(ids(sm.acknowledge(3, &ok)), (QStringList{u"m1"_qs, u"m2"_qs, u"m3"_qs}));
        QVERIFY(ok);
        // 2 is now 2^32 - 1 behind: refused, nothing lost.
        QVERIFY(sm.acknowledge(2, &ok).empty());
        QVERIFY(!ok);
        QCOMPARE(ids(sm.unacknowledged()), (QStringList{u"m4"_qs}));
    }

    void takeUnacknowledged()
    {
        StreamManagementState sm;
        sm.enable(QStringLiteral("r"), true, 60);
        send(sm, 1, 4);
        bool ok = false;
        sm.acknowledge(1, &ok);
        QVERIFY(ok);
        QCOMPARE(ids(sm.takeUnacknowledged()), (QStringList{u"m2"_qs, u"m3"_qs, u"m4"_qs}));
        QVERIFY(sm.unacknowledged().empty());
        QVERIFY(sm.takeUnacknowledged().empty());
    }

    void suspendResumeKeepsQueue()
    {
        StreamManagementState sm;
        sm.enable(QStringLiteral("resume-7"), true, 300);
        send(sm, 1, 3);
        sm.countInbound();
        sm.countInbound();
        sm.countInbound();

        sm.suspend();
        QVERIFY(!sm.isEnabled());
        QVERIFY(sm.canResume()); // the id survives, to send <resume previd='…' h='3'/>
        QCOMPARE(sm.resumeId(), u"resume-7"_qs);
        QCOMPARE(sm.inboundCount(), 3u);
        QCOMPARE(sm.unacknowledged().size(), size_t(3));
        sm.recordOutbound(stanza(99)); // while the link is down: not tracked
        QCOMPARE(sm.unacknowledged().size(), size_t(3));

        // <resumed h='1'/>: the server got m1; m2 and m3 remain to resend.
        sm.resume();
        QVERIFY(sm.isEnabled());
        bool ok = false;
        QCOMPARE(ids(sm.acknowledge(1, &ok)), (QStringList{u"m1"_qs}));
        QVERIFY(ok);
        QCOMPARE(ids(sm.unacknowledged()), (QStringList{u"m2"_qs, u"m3"_qs}));
        // Counting continues from where it was, not from zero.
        sm.countInbound();
        QCOMPARE(sm.inboundCount(), 4u);
        send(sm, 4, 1);
        QCOMPARE(ids(sm.acknowledge(4, &ok)), (QStringList{u"m2"_qs, u"m3"_qs, u"m4"_qs}));
        QVERIFY(ok);
    }

    void resetClears()
    {
        StreamManagementState sm;
        sm.enable(QStringLiteral("r"), true, 60);
        send(sm, 1, 3);
        sm.countInbound();
        bool ok = false;
        sm.acknowledge(1, &ok);
        sm.reset();
        QVERIFY(!sm.isEnabled());
        QVERIFY(!sm.canResume());
        QVERIFY(sm.resumeId().isEmpty());
        QCOMPARE(sm.inboundCount(), 0u);
        QVERIFY(sm.unacknowledged().empty());

        // A new session counts from zero again.
        sm.enable(QStringLiteral("r2"), true, 60);
        send(sm, 10, 2);
        QCOMPARE(ids(sm.acknowledge(1, &ok)), (QStringList{u"m10"_qs}));
        QVERIFY(ok);
    }

    void enableAgainStartsFresh()
    {
        // A new <enabled/> (resumption failed, new session) starts both counters at zero.
        StreamManagementState sm;
        sm.enable(QStringLiteral("a"), true, 60);
        send(sm, 1, 3);
        bool ok = false;
        sm.acknowledge(2, &ok);
        sm.enable(QStringLiteral("b"), true, 60);
        QVERIFY(sm.unacknowledged().empty());
        send(sm, 5, 1);
        QCOMPARE(ids(sm.acknowledge(1, &ok)), (QStringList{u"m5"_qs}));
        QVERIFY(ok);
    }

    // XEP-0198 h counts what we handled: a message held until it is stored bounds it.
    void heldStanzasBoundTheHandledCount()
    {
        StreamManagementState sm;
        sm.enable(QStringLiteral("a"), true, 60);
        sm.countInbound(); // 1: a presence, handled at once
        sm.countInbound(); // 2: a message, held until stored
        const quint32 second = sm.hold();
        QCOMPARE(second, 2u);
        sm.countInbound(); // 3: another message, held
        const quint32 third = sm.hold();
        sm.countInbound(); // 4: a presence
        QCOMPARE(sm.inboundCount(), 4u);
        QCOMPARE(sm.handledCount(), 1u);

        // Stored out of order: the later one does not move h past the earlier one.
        QVERIFY(!sm.release(sm.epoch(), third));
        QCOMPARE(sm.handledCount(), 1u);
        QVERIFY(sm.release(sm.epoch(), second));
        QCOMPARE(sm.handledCount(), 4u);
        // A second release of the same hold changes nothing.
        QVERIFY(!sm.release(sm.epoch(), second));
        QCOMPARE(sm.handledCount(), 4u);
    }

    void holdsOfAnEarlierSessionMeanNothing()
    {
        StreamManagementState sm;
        sm.enable(QStringLiteral("a"), true, 60);
        QCOMPARE(sm.hold(), 0u); // nothing counted yet: nothing to hold
        sm.countInbound();
        const quint64 oldEpoch = sm.epoch();
        const quint32 held = sm.hold();
        sm.reset();
        sm.enable(QStringLiteral("b"), true, 60);
        QVERIFY(sm.epoch() != oldEpoch);
        sm.countInbound();
        const quint32 fresh = sm.hold();
        QCOMPARE(fresh, held); // the same number, another session
        QVERIFY(!sm.release(oldEpoch, held));
        QCOMPARE(sm.handledCount(), 0u);
        QVERIFY(sm.release(sm.epoch(), fresh));
        QCOMPARE(sm.handledCount(), 1u);

        StreamManagementState off; // not enabled: nothing is counted or held
        off.countInbound();
        QCOMPARE(off.hold(), 0u);
    }

    // <resume h/> tells the server what we handled; it sends the rest again, which is counted
    // from there and may be held a second time while the first copy is still being stored.
    void resumptionCountsOnFromWhatWasHandled()
    {
        StreamManagementState sm;
        sm.enable(QStringLiteral("a"), true, 60);
        sm.countInbound();
        sm.countInbound();
        const quint32 held = sm.hold();
        sm.countInbound();
        QCOMPARE(sm.handledCount(), 1u);
        sm.suspend();
        const quint64 epoch = sm.epoch();
        sm.resume();
        QCOMPARE(sm.epoch(), epoch);
        QCOMPARE(sm.inboundCount(), 1u);
        sm.countInbound(); // the server's second copy of stanza 2
        const quint32 again = sm.hold();
        QCOMPARE(again, held);
        sm.countInbound();                 // and of stanza 3
        QVERIFY(!sm.release(epoch, held)); // the first copy is stored; the second still held
        QCOMPARE(sm.handledCount(), 1u);
        QVERIFY(sm.release(epoch, again));
        QCOMPARE(sm.handledCount(), 3u);
    }
};

QTEST_GUILESS_MAIN(TestStreamManagement)
#include "tst_streammanagement.moc"
