// SPDX-License-Identifier: GPL-3.0-or-later
// xmpp: URIs (RFC 5122, XEP-0147) from links a stranger sends: parsing is total, and what was
// parsed survives a round trip through toString() (target, query type and every parameter).
#include "fuzzsupport.h"

#include "services/xmppuri.h"

using parla::services::XmppUri;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto parsed = XmppUri::parse(parla::fuzz::text(data, size));
    const auto *uri = std::get_if<XmppUri>(&parsed);
    if (!uri)
        return 0;
    const QString written = uri->toString();
    const auto again = XmppUri::parse(written);
    const auto *back = std::get_if<XmppUri>(&again);
    FUZZ_CHECK(back);
    FUZZ_CHECK(back->jid == uri->jid);
    FUZZ_CHECK(back->queryType == uri->queryType);
    FUZZ_CHECK(back->action == uri->action);
    FUZZ_CHECK(back->parameters == uri->parameters);
    FUZZ_CHECK(back->toString() == written);
    return 0;
}
