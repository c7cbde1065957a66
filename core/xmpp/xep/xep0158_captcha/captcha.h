// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/element.h"
#include "xmpp/jid.h"
#include "xmpp/xep/xep0004_dataforms/dataform.h"

#include <QByteArray>

#include <optional>

namespace parla::xmpp {

/// XEP-0158 CAPTCHA Forms (§3): a message carrying <captcha xmlns='urn:xmpp:captcha'> with a
/// data form (FORM_TYPE urn:xmpp:captcha, 'challenge' = the message id, 'from' = the entity),
/// optionally an image as XEP-0231 <data cid=''/> and a fallback URL (jabber:x:oob).
/// Parse-only: the answer is the form submitted back in an IQ set (§4).
struct Captcha
{
    Jid from;         ///< who challenges (the room)
    QString id;       ///< the message id, echoed as 'challenge'
    DataForm form;    ///< the fields to answer
    QString cid;      ///< the image's cid: URI, if the form names one
    QByteArray image; ///< the image bytes, when the message carried them (XEP-0231)
    QString imageType;
    QString url; ///< §3.4: a page where a person can solve it

    static std::optional<Captcha> fromMessage(const Element &message);
    /// The §4 answer: <iq type='set' to=from><captcha><x type='submit'/></captcha></iq>.
    Element answer(const DataForm &filled) const;
};

} // namespace parla::xmpp
