// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types/roomtypes.h"
#include "xmpp/xep/xep0004_dataforms/dataform.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace parla {

/// A CAPTCHA (XEP-0158) the room wants answered before we may enter or speak.
struct RoomChallenge
{
    QString room;
    xmpp::DataForm form; ///< fields to answer (ocr, qa, …) with their labels
    QByteArray image;    ///< the challenge image (from a XEP-0231 data: cid), empty if none
    QString imageType;   ///< its MIME type
    QString fallbackUrl; ///< XEP-0158 §3.4 <url/> for solving it in a browser, if given
};

} // namespace parla

Q_DECLARE_METATYPE(parla::RoomChallenge)
