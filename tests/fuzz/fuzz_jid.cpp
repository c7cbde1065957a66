// SPDX-License-Identifier: GPL-3.0-or-later
// JIDs (RFC 7622) from the wire: parsing is total, and a JID Parla accepted is canonical: its
// string form parses back to the same JID, so two spellings of one address never become two
// contacts, and each part stays within RFC 7622's 1023 octets.
#include "fuzzsupport.h"

#include "xmpp/jid.h"

using namespace parla::xmpp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = parla::fuzz::text(data, size);
    QString error;
    const std::optional<Jid> jid = Jid::parse(input, &error);
    if (!jid) {
        FUZZ_CHECK(!error.isEmpty());
        FUZZ_CHECK(!Jid::fromString(input).isValid());
        return 0;
    }
    FUZZ_CHECK(jid->isValid());
    FUZZ_CHECK(jid->local().toUtf8().size() <= 1023);
    FUZZ_CHECK(jid->domain().toUtf8().size() <= 1023);
    FUZZ_CHECK(jid->resource().toUtf8().size() <= 1023);
    const std::optional<Jid> again = Jid::parse(jid->toString());
    FUZZ_CHECK(again && *again == *jid);
    const std::optional<Jid> bare = Jid::parse(jid->bareString());
    FUZZ_CHECK(bare && bare->isBare() && bare->local() == jid->local() &&
               bare->domain() == jid->domain());
    return 0;
}
