// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0004 data forms from a server or a room (registration, room configuration, CAPTCHA):
// parsing is total, and a form Parla accepted is written back (a submitted form echoes what the
// server sent) as XML that parses to the same form.
#include "fuzzsupport.h"

#include "xmpp/element.h"
#include "xmpp/xep/xep0004_dataforms/dataform.h"

using namespace parla::xmpp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Element x = Element::fromXml(parla::fuzz::bytes(data, size));
    if (x.isNull())
        return 0;
    const auto form = DataForm::fromElement(x);
    if (!form)
        return 0;
    const Element written = form->toElement();
    const QByteArray xml = written.toXml();
    FUZZ_CHECK(!xml.isEmpty());
    const Element reparsed = Element::fromXml(xml);
    FUZZ_CHECK(reparsed == written);
    const auto again = DataForm::fromElement(reparsed);
    FUZZ_CHECK(again && *again == *form);
    return 0;
}
