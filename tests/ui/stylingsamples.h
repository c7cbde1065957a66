// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fakesession.h"

namespace parla::test {

/// Appends messages that show XEP-0393 styling, /me, links and emoji (for the preview).
inline void appendStylingSamples(FakeMessageModel *model)
{
    if (!model)
        return;
    model->append(QStringLiteral("*Release notes* are _finally_ out: ~Friday~ today! See "
                                 "https://parla.im/news (and xmpp:news@muc.parla.im?join)."),
                  false, DeliveryState::Received);
    model->append(QStringLiteral("> Can you send the `config` snippet?\n>> which one?\n"
                                 "This one:\n```ini\n[account]\njid = sam@parla.im\n```"),
                  true, DeliveryState::Read);
    model->append(QStringLiteral("/me waves 👋 <b>not bold</b> javascript:alert(1)"), false,
                  DeliveryState::Received);
    model->append(QStringLiteral("🎉🥳"), true, DeliveryState::Delivered);
}

} // namespace parla::test
