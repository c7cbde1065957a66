// SPDX-License-Identifier: GPL-3.0-or-later
#include "xmpp/serverresolver.h"

#include <QTest>

using namespace parla::xmpp;
using Srv = ServerResolver::SrvRecord;
using Endpoints = std::vector<ServerEndpoint>;

namespace {
const QString kDomain = QStringLiteral("example.org");

QString describe(const Endpoints &endpoints)
{
    QStringList parts;
    for (const ServerEndpoint &e : endpoints)
        parts << QStringLiteral("%1:%2%3").arg(e.host).arg(e.port).arg(e.directTls ? "/tls" : "");
    return parts.join(u", "_qs);
}
} // namespace

#define COMPARE_ENDPOINTS(actual, expected)                                                        \
    QVERIFY2((actual) == (expected), qPrintable(u"got ["_qs + describe(actual) + u"], want ["_qs + \
                                                describe(expected) + u"]"_qs))

class TestServerResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void priorityFirst()
    {
        // RFC 2782: the lowest priority number is tried first, whatever the input order.
        const Endpoints got = ServerResolver::order(
            {
                {QStringLiteral("c.example.org."), 5222, 30, 0, false},
                {QStringLiteral("a.example.org."), 5222, 10, 0, false},
                {QStringLiteral("b.example.org."), 5222, 20, 0, false},
            },
            kDomain, true);
        const Endpoints want = {{QStringLiteral("a.example.org"), 5222, false},
                                {QStringLiteral("b.example.org"), 5222, false},
                                {QStringLiteral("c.example.org"), 5222, false}};
        COMPARE_ENDPOINTS(got, want);
    }

    void directTlsFirstAmongEqualPriority()
    {
        // XEP-0368 §3: among equal priorities, prefer direct TLS; but priority still wins.
        const Endpoints got = ServerResolver::order(
            {
                {QStringLiteral("plain.example.org"), 5222, 10, 100, false},
                {QStringLiteral("tls-late.example.org"), 443, 20, 100, true},
                {QStringLiteral("tls.example.org"), 5223, 10, 0, true},
            },
            kDomain, true);
        const Endpoints want = {{QStringLiteral("tls.example.org"), 5223, true},
                                {QStringLiteral("plain.example.org"), 5222, false},
                                {QStringLiteral("tls-late.example.org"), 443, true}};
        COMPARE_ENDPOINTS(got, want);
    }

    void higherWeightFirstAmongEquals()
    {
        const Endpoints got = ServerResolver::order(
            {
                {QStringLiteral("light.example.org"), 5222, 10, 5, false},
                {QStringLiteral("heavy.example.org"), 5222, 10, 60, false},
                {QStringLiteral("middle.example.org"), 5222, 10, 35, false},
                {QStringLiteral("tls-light.example.org"), 5223, 10, 1, true},
                {QStringLiteral("tls-heavy.example.org"), 5223, 10, 9, true},
            },
            kDomain, true);
        const Endpoints want = {{QStringLiteral("tls-heavy.example.org"), 5223, true},
                                {QStringLiteral("tls-light.example.org"), 5223, true},
                                {QStringLiteral("heavy.example.org"), 5222, false},
                                {QStringLiteral("middle.example.org"), 5222, false},
                                {QStringLiteral("light.example.org"), 5222, false}};
        COMPARE_ENDPOINTS(got, want);
    }

    void dotTargetDropped()
    {
        // RFC 2782: target "." means "decidedly not available" for that record; the other
        // record still counts, and no fallback is added because there was an answer.
        const Endpoints got = ServerResolver::order(
            {
                {QStringLiteral("."), 5223, 0, 0, true},
                {QStringLiteral("xmpp.example.org."), 5222, 5, 0, false},
            },
            kDomain, true);
        const Endpoints want = {{QStringLiteral("xmpp.example.org"), 5222, false}};
        COMPARE_ENDPOINTS(got, want);
    }

    void onlyDotTargetsMeansNoService()
    {
        // Both services declared unavailable: an answer existed, so no fallback either.
        const Endpoints got = ServerResolver::order(
            {
                {QStringLiteral("."), 0, 0, 0, true},
                {QStringLiteral("."), 0, 0, 0, false},
            },
            kDomain, true);
        COMPARE_ENDPOINTS(got, Endpoints{});
    }

    void duplicatesRemoved()
    {
        const Endpoints got = ServerResolver::order(
            {
                {QStringLiteral("xmpp.example.org."), 5222, 10, 0, false},
                {QStringLiteral("xmpp.example.org"), 5222, 20, 0, false},
                {QStringLiteral("xmpp.example.org."), 5222, 10, 50, false},
                // Same host and port but direct TLS: a different endpoint, kept.
                {QStringLiteral("xmpp.example.org"), 5222, 30, 0, true},
            },
            kDomain, true);
        const Endpoints want = {{QStringLiteral("xmpp.example.org"), 5222, false},
                                {QStringLiteral("xmpp.example.org"), 5222, true}};
        COMPARE_ENDPOINTS(got, want);
    }

    void fallbackOnlyWithoutAnswer()
    {
        // RFC 6120 §3.2.2: no SRV answer at all → the domain itself on 5222.
        const Endpoints fallback = ServerResolver::order({}, kDomain, false);
        COMPARE_ENDPOINTS(fallback, (Endpoints{{kDomain, 5222, false}}));

        // Records exist: no fallback appended.
        const Endpoints withAnswer = ServerResolver::order(
            {{QStringLiteral("xmpp.example.org"), 5269, 0, 0, false}}, kDomain, true);
        COMPARE_ENDPOINTS(withAnswer,
                          (Endpoints{{QStringLiteral("xmpp.example.org"), 5269, false}}));
    }
};

QTEST_GUILESS_MAIN(TestServerResolver)
#include "tst_serverresolver.moc"
