// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../element.h"
#include "../../extension.h"
#include "../../jid.h"
#include "../../result.h"
#include "../../task.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace parla::xmpp {

/// The part of a vCard Parla shows and edits: the minimal useful set of a profile.
/// Serialised as vcard-temp (XEP-0054) and vCard4 (XEP-0292, see vcard4.h).
struct VCard
{
    QString fullName;     ///< FN
    QString nickname;     ///< NICKNAME
    QString email;        ///< EMAIL/USERID (the first)
    QString phone;        ///< TEL/NUMBER (the first)
    QString url;          ///< URL
    QString note;         ///< DESC (vcard-temp) / note (vCard4)
    QString photoType;    ///< PHOTO/TYPE, e.g. image/png
    QByteArray photoData; ///< PHOTO/BINVAL, decoded

    bool isEmpty() const
    {
        return fullName.isEmpty() && nickname.isEmpty() && email.isEmpty() && phone.isEmpty() &&
               url.isEmpty() && note.isEmpty() && photoData.isEmpty();
    }

    /// Parses <vCard xmlns='vcard-temp'/> (XEP-0054 §3). Total; text fields are cut to 4096
    /// characters, a photo over `maxPhotoBytes` or with bad base64 is dropped.
    static std::optional<VCard> fromElement(const Element &vcard,
                                            qint64 maxPhotoBytes = 1024 * 1024);
    Element toElement() const;

    bool operator==(const VCard &) const = default;
};

/// vcard-temp, XEP-0054: fetch anyone's vCard, store our own. The answer to a request to
/// `jid` is accepted only from `jid` (IqTracker), and for our own from our account.
class VCardManager : public Extension
{
    Q_OBJECT
public:
    explicit VCardManager(QObject *parent = nullptr);

    /// XEP-0054 §3.1/§3.2: an empty or missing vCard (item-not-found) is an empty VCard.
    Task<Result<VCard>> requestVCard(const Jid &jid);
    /// XEP-0054 §3.3: replaces our vCard (an IQ set without 'to').
    Task<Result<Success>> setOwnVCard(const VCard &vcard);
};

} // namespace parla::xmpp
