// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace parla {

/// What the user types to add an existing account or create one.
struct AccountSpec
{
    QString jid;      ///< bare JID, user@domain
    QString resource; ///< empty: "parla.<random>"
    QString host;     ///< empty: DNS SRV
    quint16 port = 0;
    bool directTls = false;
};

} // namespace parla
