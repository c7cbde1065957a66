// SPDX-License-Identifier: GPL-3.0-or-later
// Clickable links in a stranger's body: only http, https and xmpp become links, each lies
// inside the text, in order and without overlap, and its URL is allowed by the same check the
// view applies before opening anything.
#include "fuzzsupport.h"

#include "text/textlinks.h"

#include <QUrl>

using namespace parla::text;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString body = parla::fuzz::text(data, size);
    int end = 0;
    for (const TextLink &link : findLinks(body)) {
        FUZZ_CHECK(link.start >= end && link.length > 0 && link.start + link.length <= body.size());
        end = link.start + link.length;
        const QUrl url(link.url, QUrl::TolerantMode);
        const QString scheme = url.scheme().toLower();
        FUZZ_CHECK(scheme == u"http" || scheme == u"https" || scheme == u"xmpp");
        FUZZ_CHECK(isAllowedLink(url));
    }
    return 0;
}
