// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0313 MAM with XEP-0059 RSM: the query form, result parsing from the XEP's examples, and
// the sender rule (results only for a query we sent, from the archive we asked) with forged
// results; RSM paging values.
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0059_rsm/rsm.h"
#include "core/xmpp/xep/xep0313_mam/mammanager.h"
#include "xmlhelper.h"

#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
const Jid kJuliet = Jid::fromString(u"juliet@capulet.lit");

// XEP-0313 §4.2, Example 3 (with the queryid replaced by the one we generated).
QByteArray result(const QString &queryId, const QByteArray &id = "28482-98726-73623",
                  const QByteArray &fromAttr = "")
{
    return "<message xmlns='jabber:client' " + fromAttr +
           " to='juliet@capulet.lit/chamber' id='aeb213'>"
           "<result xmlns='urn:xmpp:mam:2' queryid='" +
           queryId.toUtf8() + "' id='" + id +
           "'><forwarded xmlns='urn:xmpp:forward:0'>"
           "<delay xmlns='urn:xmpp:delay' stamp='2010-07-10T23:08:25Z'/>"
           "<message xmlns='jabber:client' to='juliet@capulet.lit/balcony' "
           "from='romeo@montague.lit/orchard' type='chat'>"
           "<body>Call me but love, and I'll be new baptized; Henceforth I never will be Romeo."
           "</body></message></forwarded></result></message>";
}

Element fin(const QByteArray &complete, const QByteArray &first, const QByteArray &last)
{
    return test::fromXml("<iq type='result' id='x'><fin xmlns='urn:xmpp:mam:2' complete='" +
                         complete +
                         "'><set xmlns='http://jabber.org/protocol/rsm'><first index='0'>" + first +
                         "</first><last>" + last + "</last><count>3</count></set></fin></iq>");
}

QString queryIdOf(const Element &iq)
{
    return iq.firstChild(u"query", ns::Mam).attribute(u"queryid");
}
} // namespace

class TestMam : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void queryCarriesFormAndRsm()
    {
        MamQuery q;
        q.with = Jid::fromString(u"romeo@montague.lit");
        q.start = QDateTime(QDate(2010, 6, 7), QTime(0, 0), Qt::UTC);
        q.rsm.max = 10;
        q.rsm.after = u"09af3-cc343-b409f"_qs;
        const Element query = q.toElement(u"f27"_qs);
        QCOMPARE(query.attribute(u"queryid"), u"f27"_qs);
        const Element form = query.firstChild(u"x", ns::DataForms);
        QCOMPARE(form.attribute(u"type"), u"submit"_qs);
        QStringList vars;
        for (const Element &f : form.childrenNamed(u"field", ns::DataForms))
            vars << f.attribute(u"var") + u'=' + f.childText(u"value", ns::DataForms);
        QCOMPARE(vars, (QStringList{u"FORM_TYPE=urn:xmpp:mam:2"_qs, u"with=romeo@montague.lit"_qs,
                                    u"start=2010-06-07T00:00:00.000Z"_qs}));
        const Element set = query.firstChild(u"set", ns::Rsm);
        QCOMPARE(set.childText(u"max", ns::Rsm), u"10"_qs);
        QCOMPARE(set.childText(u"after", ns::Rsm), u"09af3-cc343-b409f"_qs);
        QVERIFY(!set.hasChild(u"before", ns::Rsm));
    }

    void rsmPaging()
    {
        // XEP-0059 §2.5: an empty <before/> asks for the last page.
        RsmRequest last;
        last.max = 5;
        last.before = QString();
        const Element e = last.toElement();
        QVERIFY(e.hasChild(u"before", ns::Rsm));
        QCOMPARE(e.childText(u"before", ns::Rsm), QString());
        QVERIFY(!e.hasChild(u"after", ns::Rsm));
        RsmRequest none;
        QVERIFY(none.toElement().children().empty());
        const auto r = RsmResult::fromElement(
            test::fromXml("<set xmlns='http://jabber.org/protocol/rsm'><first index='0'>a</first>"
                          "<last>b</last><count>800</count></set>"));
        QVERIFY(r);
        QCOMPARE(r->first, u"a"_qs);
        QCOMPARE(r->last, u"b"_qs);
        QCOMPARE(r->count, 800);
        const auto bad = RsmResult::fromElement(
            test::fromXml("<set xmlns='http://jabber.org/protocol/rsm'><count>-3</count></set>"));
        QVERIFY(bad && !bad->count);
        QVERIFY(!RsmResult::fromElement(test::fromXml("<set xmlns='other'/>")));
    }

    void resultParsed()
    {
        const auto r = MamResult::fromElement(test::fromXml(result(u"f27"_qs)));
        QVERIFY(r);
        QCOMPARE(r->queryId, u"f27"_qs);
        QCOMPARE(r->id, u"28482-98726-73623"_qs);
        QCOMPARE(r->stamp, QDateTime(QDate(2010, 7, 10), QTime(23, 8, 25), Qt::UTC));
        QCOMPARE(r->message.stamp, r->stamp);
        QCOMPARE(r->message.from.toString(), u"romeo@montague.lit/orchard"_qs);
        QVERIFY(r->message.body.startsWith(u"Call me but love"_qs));
        // No id, no delay, no inner message: nothing.
        QVERIFY(!MamResult::fromElement(test::fromXml(result(u"f27"_qs, ""))));
        QVERIFY(!MamResult::fromElement(
            test::fromXml("<message xmlns='jabber:client'><result xmlns='urn:xmpp:mam:2' id='1'>"
                          "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client'/>"
                          "</forwarded></result></message>")));
    }

    void pagesAreCollectedForOurQuery()
    {
        MamManager mam;
        MamQuery q;
        q.rsm.max = 2;
        const Element iq = mam.prepareQuery(q);
        QVERIFY(iq.attribute(u"to").isEmpty()); // our own archive (§3)
        const QString qid = queryIdOf(iq);
        QVERIFY(!qid.isEmpty());
        // No 'from' and our own bare JID are both our archive.
        QVERIFY(mam.handleResult(test::fromXml(result(qid, "a")), kJuliet));
        QVERIFY(mam.handleResult(test::fromXml(result(qid, "b", "from='juliet@capulet.lit'")),
                                 kJuliet));
        const auto page = mam.completeQuery(qid, fin("false", "a", "b"));
        QVERIFY(isOk(page));
        const auto &p = std::get<MamPage>(page);
        QCOMPARE(p.items.size(), size_t(2));
        QCOMPARE(p.items[0].id, u"a"_qs);
        QCOMPARE(p.items[1].id, u"b"_qs);
        QVERIFY(!p.complete);
        QCOMPARE(p.set.last, u"b"_qs);
        // The query is over: a late result for it is dropped.
        QVERIFY(mam.handleResult(test::fromXml(result(qid, "c")), kJuliet));
    }

    void forgedResultsAreDropped()
    {
        MamManager mam;
        const QString qid = queryIdOf(mam.prepareQuery(MamQuery{}));
        // A queryid we never sent, none at all, and ours but from a contact or a full JID.
        QVERIFY(mam.handleResult(test::fromXml(result(u"not-ours"_qs, "x1")), kJuliet));
        QVERIFY(mam.handleResult(test::fromXml(result(QString(), "x2")), kJuliet));
        QVERIFY(mam.handleResult(test::fromXml(result(qid, "x3", "from='romeo@montague.lit'")),
                                 kJuliet));
        QVERIFY(mam.handleResult(
            test::fromXml(result(qid, "x4", "from='juliet@capulet.lit/balcony'")), kJuliet));
        QVERIFY(mam.handleResult(test::fromXml(result(qid, "x5", "from='capulet.lit'")), kJuliet));
        const auto page = mam.completeQuery(qid, fin("true", "", ""));
        QVERIFY(isOk(page));
        QVERIFY(std::get<MamPage>(page).items.empty());
        QVERIFY(std::get<MamPage>(page).complete);
        // Not a result at all: left to others.
        QVERIFY(!mam.handleResult(
            test::fromXml("<message xmlns='jabber:client'><body>x</body></message>"), kJuliet));
    }

    void otherArchivesAnswerOnlyFromThemselves()
    {
        MamManager mam;
        const Jid room = Jid::fromString(u"coven@chat.shakespeare.lit");
        const Element iq = mam.prepareQuery(MamQuery{}, room);
        QCOMPARE(iq.attribute(u"to"), room.toString());
        const QString qid = queryIdOf(iq);
        QVERIFY(mam.handleResult(test::fromXml(result(qid, "r1")), kJuliet)); // no from: dropped
        QVERIFY(mam.handleResult(test::fromXml(result(qid, "r2", "from='juliet@capulet.lit'")),
                                 kJuliet)); // dropped
        QVERIFY(mam.handleResult(
            test::fromXml(result(qid, "r3", "from='coven@chat.shakespeare.lit'")), kJuliet));
        const auto page = mam.completeQuery(qid, fin("true", "r3", "r3"));
        QVERIFY(isOk(page));
        QCOMPARE(std::get<MamPage>(page).items.size(), size_t(1));
        QCOMPARE(std::get<MamPage>(page).items[0].id, u"r3"_qs);
    }

    void errorsAndBadAnswers()
    {
        MamManager mam;
        const QString qid = queryIdOf(mam.prepareQuery(MamQuery{}));
        Error notFound{Error::Kind::Stanza, {}, {}};
        notFound.stanza.condition = u"item-not-found"_qs;
        const auto r = mam.completeQuery(qid, notFound);
        QVERIFY(!isOk(r));
        QCOMPARE(std::get<Error>(r).stanza.condition, u"item-not-found"_qs);
        const QString qid2 = queryIdOf(mam.prepareQuery(MamQuery{}));
        QVERIFY(!isOk(mam.completeQuery(qid2, test::fromXml("<iq type='result' id='y'/>"))));
    }
};

QTEST_GUILESS_MAIN(TestMam)
#include "tst_mam.moc"
