// SPDX-License-Identifier: GPL-3.0-or-later
// The stream parser (RFC 6120 §11) against any bytes a server could send:
// - the same events whether the bytes come in one read, in random pieces or one byte at a time
//   (the parser's promise; a ']]>' and a NUL split across reads once broke it);
// - every stanza it accepts serialises to well-formed XML that parses back to the same element,
//   and serialising that again gives the same bytes (nothing a peer writes can make Parla's
//   output inject markup);
// - no crash, hang or unbounded growth (ASan, UBSan, libFuzzer's limits).
#include "fuzzsupport.h"

#include "xmpp/element.h"
#include "xmpp/xmlstreamparser.h"

#include <vector>

using namespace parla::xmpp;

namespace {

const QByteArray kHeader = QByteArrayLiteral(
    "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
    "from='example.org' id='s1' version='1.0'>");

bool sameEvent(const ParseEvent &a, const ParseEvent &b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case ParseEvent::Kind::StreamOpened:
        return a.header.from == b.header.from && a.header.to == b.header.to &&
               a.header.id == b.header.id && a.header.version == b.header.version &&
               a.header.lang == b.header.lang &&
               a.header.contentNamespace == b.header.contentNamespace;
    case ParseEvent::Kind::Stanza:
        return a.stanza == b.stanza;
    case ParseEvent::Kind::Error:
        return a.error == b.error;
    case ParseEvent::Kind::StreamClosed:
        return true;
    }
    return false;
}

template <typename NextSize>
std::vector<ParseEvent> parseInPieces(QByteArrayView input, NextSize nextSize)
{
    XmlStreamParser parser;
    std::vector<ParseEvent> events;
    qsizetype pos = 0;
    while (pos < input.size()) {
        const qsizetype n = std::min<qsizetype>(nextSize(), input.size() - pos);
        for (ParseEvent &ev : parser.feed(input.sliced(pos, n)))
            events.push_back(std::move(ev));
        pos += n;
    }
    return events;
}

void checkSame(const std::vector<ParseEvent> &a, const std::vector<ParseEvent> &b)
{
    FUZZ_CHECK(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i)
        FUZZ_CHECK(sameEvent(a[i], b[i]));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte chooses whether the input is a whole stream or stanzas after a header,
    // and seeds the piece sizes.
    const uint8_t control = data[0];
    QByteArray input = parla::fuzz::bytes(data + 1, size - 1).toByteArray();
    if (control & 1)
        input.prepend(kHeader);

    const auto whole = parseInPieces(input, [&] { return input.size(); });
    quint32 state = control * 2654435761u + quint32(size);
    const auto pieces = parseInPieces(input, [&] {
        state = state * 1664525u + 1013904223u;
        return qsizetype(1 + (state >> 24) % 64);
    });
    const auto oneByOne = parseInPieces(input, [] { return qsizetype(1); });
    checkSame(whole, pieces);
    checkSame(whole, oneByOne);

    for (const ParseEvent &ev : whole) {
        if (ev.kind != ParseEvent::Kind::Stanza)
            continue;
        const QByteArray xml = ev.stanza.toXml();
        FUZZ_CHECK(!xml.isEmpty());
        const Element back = Element::fromXml(xml);
        FUZZ_CHECK(back == ev.stanza);
        FUZZ_CHECK(back.toXml() == xml);
    }
    return 0;
}
