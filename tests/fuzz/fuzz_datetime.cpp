// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0082 dates from the wire (delay stamps, archive times, vCard birthdays): parsing is total,
// every accepted date lies in years 1 to 9999 in UTC whatever its offset, and formatting it
// gives a string that parses back to the same instant.
#include "fuzzsupport.h"

#include "xmpp/xep/xep0082_datetime/datetime.h"

using namespace parla::xmpp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = parla::fuzz::text(data, size);
    if (const auto offset = datetime::parseTimeZoneOffset(input)) {
        FUZZ_CHECK(*offset > -24 * 3600 && *offset < 24 * 3600);
        FUZZ_CHECK(datetime::parseTimeZoneOffset(datetime::formatTimeZoneOffset(*offset)) ==
                   offset);
    }
    const auto parsed = datetime::parseDateTime(input);
    if (!parsed)
        return 0;
    FUZZ_CHECK(parsed->isValid() && parsed->timeSpec() == Qt::UTC);
    FUZZ_CHECK(parsed->date().year() >= 1 && parsed->date().year() <= 9999);
    const QString written = datetime::formatDateTime(*parsed);
    const auto back = datetime::parseDateTime(written);
    FUZZ_CHECK(back && *back == *parsed);
    FUZZ_CHECK(datetime::formatDateTime(*back) == written);
    return 0;
}
