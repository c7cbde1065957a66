// SPDX-License-Identifier: GPL-3.0-or-later
// Message text analysis per body: XEP-0393 styling, link detection, emoji-only detection.
//
// Baseline in the same run: one pass over the body that only counts the characters the
// parser looks at (a lower bound for any parser that must read every character). Hostile
// inputs show the work stays linear: 100,000 asterisks, "*a " repeated, 10,000 nested quotes.
#include "core/text/emojitext.h"
#include "core/text/messagestyling.h"
#include "core/text/textlinks.h"

#include <benchmark/benchmark.h>

using namespace parla::text;

namespace {

QString typical()
{
    return QStringLiteral("> Did you see the *release notes*?\nYes! The _new_ picker is great, "
                          "see https://parla.im/news (and `config` docs). ~Friday~ Today.\n");
}

QString input(int kind, int size)
{
    switch (kind) {
    case 0:
        return typical().repeated(qMax(1, size / int(typical().size())));
    case 1:
        return QString(size, QLatin1Char('*'));
    case 2:
        return QStringLiteral("*a ").repeated(size / 3);
    default:
        return QString(size, QLatin1Char('>')) + QStringLiteral(" x");
    }
}

void BM_Baseline_CountDirectives(benchmark::State &state)
{
    const QString body = input(int(state.range(0)), int(state.range(1)));
    for (auto _ : state) {
        int n = 0;
        for (const QChar c : body)
            n += c == QLatin1Char('*') || c == QLatin1Char('_') || c == QLatin1Char('~') ||
                 c == QLatin1Char('`') || c == QLatin1Char('>') || c == QLatin1Char('\n');
        benchmark::DoNotOptimize(n);
    }
    state.SetBytesProcessed(state.iterations() * body.size() * 2);
}

void BM_ParseStyling(benchmark::State &state)
{
    const QString body = input(int(state.range(0)), int(state.range(1)));
    for (auto _ : state)
        benchmark::DoNotOptimize(parseStyling(body));
    state.SetBytesProcessed(state.iterations() * body.size() * 2);
}

void BM_FindLinks(benchmark::State &state)
{
    const QString body = input(int(state.range(0)), int(state.range(1)));
    for (auto _ : state)
        benchmark::DoNotOptimize(findLinks(body));
    state.SetBytesProcessed(state.iterations() * body.size() * 2);
}

void BM_EmojiOnly(benchmark::State &state)
{
    const QString body = QStringLiteral("🎉🥳");
    for (auto _ : state)
        benchmark::DoNotOptimize(emojiOnlyCount(body));
}

// {kind: 0 typical, 1 asterisks, 2 "*a ", 3 nested quotes} x {size}
void args(benchmark::internal::Benchmark *b)
{
    b->Args({0, 120})->Args({0, 10000})->Args({0, 100000});
    b->Args({1, 100000})->Args({2, 100000})->Args({3, 10000});
}

} // namespace

BENCHMARK(BM_Baseline_CountDirectives)->Apply(args);
BENCHMARK(BM_ParseStyling)->Apply(args);
BENCHMARK(BM_FindLinks)->Apply(args);
BENCHMARK(BM_EmojiOnly);
BENCHMARK_MAIN();
