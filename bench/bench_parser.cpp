// SPDX-License-Identifier: GPL-3.0-or-later
// XmlStreamParser against a bare QXmlStreamReader pass over the same bytes: the cost of the
// hardening (byte scanner, UTF-8 validation, limits) and of building the Element DOM.
#include "core/xmpp/xmlstreamparser.h"

#include <QByteArray>
#include <QRandomGenerator>
#include <QXmlStreamReader>

#include <benchmark/benchmark.h>

using namespace parla::xmpp;

namespace {

constexpr qsizetype kChunk = 4096;

struct Burst
{
    QByteArray bytes;
    int stanzas = 0;
};

/// A login burst as a server sends it: features, a roster, then presences with caps of every
/// contact and offline/MAM messages of varying length, some of them not ASCII.
const Burst &loginBurst()
{
    static const Burst burst = [] {
        Burst b;
        QRandomGenerator rng(42); // fixed seed: the same stream in every run
        QByteArray &s = b.bytes;
        s.reserve(8 * 1024 * 1024);
        s += "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
             "xmlns:stream='http://etherx.jabber.org/streams' from='example.net' id='x7Gp2' "
             "version='1.0' xml:lang='en'>";
        s += "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
             "<sm xmlns='urn:xmpp:sm:3'/><ver xmlns='urn:xmpp:features:rosterver'/>"
             "</stream:features>";
        ++b.stanzas;
        const char *const names[] = {"Alice", "Bob",    "Zoë Müller", "Łukasz",
                                     "Мария", "王小明", "Søren",      "Ana 🌸"};
        const int contacts = 2000;
        s += "<iq type='result' id='roster1' to='me@example.net/pc'>"
             "<query xmlns='jabber:iq:roster' ver='ver42'>";
        for (int i = 0; i < contacts; ++i) {
            s += "<item jid='contact" + QByteArray::number(i) + "@example.org' name='" +
                 names[i % 8] + "' subscription='both'><group>Group " + QByteArray::number(i % 12) +
                 "</group></item>";
        }
        s += "</query></iq>";
        ++b.stanzas;
        const char *const words[] = {"hello",        "the",  "meeting", "is",
                                     "at",           "noon", "ça va",   "спасибо",
                                     "お疲れ様です", "👍",    "&amp;",   "&lt;ok&gt;"};
        int msg = 0;
        while (b.stanzas < 20000) {
            const int i = int(rng.bounded(contacts));
            const QByteArray from =
                "contact" + QByteArray::number(i) + "@example.org/res" + QByteArray::number(i % 3);
            if (rng.bounded(10) < 6) {
                s += "<presence from='" + from + "' to='me@example.net/pc'><priority>" +
                     QByteArray::number(i % 10) + "</priority>";
                if (i % 4 == 0)
                    s += "<show>away</show><status>In a meeting</status>";
                s += "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' "
                     "node='https://conversations.im' ver='q07IKJEyjvHSyhy//CH0CxmKi8w='/>"
                     "<delay xmlns='urn:xmpp:delay' stamp='2026-11-25T10:00:00Z'/></presence>";
            } else {
                s += "<message from='" + from + "' to='me@example.net/pc' type='chat' id='m" +
                     QByteArray::number(++msg) + "'><body>";
                const int length = 1 + int(rng.bounded(i % 10 == 0 ? 200 : 20));
                for (int w = 0; w < length; ++w) {
                    s += words[rng.bounded(12)];
                    s += ' ';
                }
                s += "</body><active xmlns='http://jabber.org/protocol/chatstates'/>"
                     "<stanza-id xmlns='urn:xmpp:sid:0' by='me@example.net' id='" +
                     QByteArray::number(rng.generate()) + "'/></message>";
            }
            ++b.stanzas;
        }
        return b;
    }();
    return burst;
}

void setCounters(benchmark::State &state, const Burst &burst)
{
    state.SetBytesProcessed(int64_t(state.iterations()) * burst.bytes.size());
    state.counters["stanzas/s"] =
        benchmark::Counter(double(state.iterations()) * burst.stanzas, benchmark::Counter::kIsRate);
}

void BM_XmlStreamParser(benchmark::State &state)
{
    const Burst &burst = loginBurst();
    const QByteArrayView all(burst.bytes);
    for (auto _ : state) {
        XmlStreamParser parser;
        int stanzas = 0;
        for (qsizetype pos = 0; pos < all.size(); pos += kChunk) {
            for (const ParseEvent &ev :
                 parser.feed(all.sliced(pos, qMin(kChunk, all.size() - pos))))
                stanzas += ev.kind == ParseEvent::Kind::Stanza;
        }
        if (stanzas != burst.stanzas || parser.hasFailed())
            state.SkipWithError("parser disagreed with the generator");
        benchmark::DoNotOptimize(stanzas);
    }
    setCounters(state, burst);
}
BENCHMARK(BM_XmlStreamParser)->Unit(benchmark::kMillisecond);

// Baseline: the tokenizer alone, no checks and no DOM, fed the same chunks.
void BM_QXmlStreamReaderBaseline(benchmark::State &state)
{
    const Burst &burst = loginBurst();
    const QByteArrayView all(burst.bytes);
    for (auto _ : state) {
        QXmlStreamReader reader;
        int stanzas = 0;
        int depth = 0;
        for (qsizetype pos = 0; pos < all.size(); pos += kChunk) {
            reader.addData(all.sliced(pos, qMin(kChunk, all.size() - pos)).toByteArray());
            for (;;) {
                const auto token = reader.readNext();
                if (token == QXmlStreamReader::Invalid)
                    break;
                if (token == QXmlStreamReader::StartElement)
                    ++depth;
                else if (token == QXmlStreamReader::EndElement && --depth == 1)
                    ++stanzas;
            }
            if (reader.error() != QXmlStreamReader::PrematureEndOfDocumentError)
                state.SkipWithError("reader failed");
        }
        if (stanzas != burst.stanzas)
            state.SkipWithError("reader disagreed with the generator");
        benchmark::DoNotOptimize(stanzas);
    }
    setCounters(state, burst);
}
BENCHMARK(BM_QXmlStreamReaderBaseline)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
