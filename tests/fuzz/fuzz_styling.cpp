// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0393 message styling of a stranger's body: total, and its runs and lines describe the
// body exactly (sorted, inside the text, lines covering it once), however deep the quotes go.
#include "fuzzsupport.h"

#include "text/messagestyling.h"

using namespace parla::text;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString body = parla::fuzz::text(data, size);
    const StyledText styled = parseStyling(body);
    int end = 0;
    for (const StyledRun &run : styled.runs) {
        FUZZ_CHECK(run.start >= end && run.length > 0 && run.start + run.length <= body.size());
        FUZZ_CHECK(run.styles != Styles());
        end = run.start + run.length;
    }
    int next = 0;
    for (const StyledLine &line : styled.lines) {
        FUZZ_CHECK(line.start == next && line.length >= 0);
        FUZZ_CHECK(line.start + line.length <= body.size());
        FUZZ_CHECK(line.quoteDepth >= 0 && line.quoteDepth <= kMaxQuoteDepth);
        next = line.start + line.length + 1; // past the '\n'
    }
    FUZZ_CHECK(styled.lines.isEmpty() ? body.isEmpty() : next == body.size() + 1);
    if (const auto action = meAction(body))
        FUZZ_CHECK(body.startsWith(u"/me ") && action->size() == body.size() - 4);
    return 0;
}
