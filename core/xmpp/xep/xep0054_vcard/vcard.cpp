// SPDX-License-Identifier: GPL-3.0-or-later
#include "vcard.h"

#include "../../client.h"
#include "../../iqutil.h"
#include "../../namespaces.h"

namespace parla::xmpp {

namespace {
constexpr int kMaxText = 4096;

QString cut(const QString &text)
{
    return text.trimmed().left(kMaxText);
}
} // namespace

std::optional<VCard> VCard::fromElement(const Element &vcard, qint64 maxPhotoBytes)
{
    if (!vcard.is(u"vCard", ns::VCardTemp))
        return std::nullopt;
    const QString &n = ns::VCardTemp;
    VCard v;
    v.fullName = cut(vcard.childText(u"FN", n));
    v.nickname = cut(vcard.childText(u"NICKNAME", n));
    v.email = cut(vcard.firstChild(u"EMAIL", n).childText(u"USERID", n));
    v.phone = cut(vcard.firstChild(u"TEL", n).childText(u"NUMBER", n));
    v.url = cut(vcard.childText(u"URL", n));
    v.note = cut(vcard.childText(u"DESC", n));
    const Element photo = vcard.firstChild(u"PHOTO", n);
    if (!photo.isNull()) {
        const QByteArray base64 = photo.childText(u"BINVAL", n).toLatin1();
        if (base64.size() <= (maxPhotoBytes / 3 + 1) * 4 + maxPhotoBytes / 38 + 16) {
            QByteArray compact = base64;
            compact.replace('\n', QByteArray())
                .replace('\r', QByteArray())
                .replace(' ', QByteArray());
            auto decoded =
                QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
            if (decoded && decoded.decoded.size() <= maxPhotoBytes) {
                v.photoData = decoded.decoded;
                v.photoType = cut(photo.childText(u"TYPE", n));
            }
        }
    }
    return v;
}

Element VCard::toElement() const
{
    const QString &n = ns::VCardTemp;
    Element vcard(QStringLiteral("vCard"), n);
    if (!fullName.isEmpty())
        vcard.appendTextChild(QStringLiteral("FN"), fullName);
    if (!nickname.isEmpty())
        vcard.appendTextChild(QStringLiteral("NICKNAME"), nickname);
    if (!url.isEmpty())
        vcard.appendTextChild(QStringLiteral("URL"), url);
    if (!phone.isEmpty()) {
        Element tel(QStringLiteral("TEL"), n);
        tel.appendChild(Element(QStringLiteral("VOICE"), n));
        tel.appendTextChild(QStringLiteral("NUMBER"), phone);
        vcard.appendChild(tel);
    }
    if (!email.isEmpty()) {
        Element mail(QStringLiteral("EMAIL"), n);
        mail.appendChild(Element(QStringLiteral("INTERNET"), n));
        mail.appendTextChild(QStringLiteral("USERID"), email);
        vcard.appendChild(mail);
    }
    if (!note.isEmpty())
        vcard.appendTextChild(QStringLiteral("DESC"), note);
    if (!photoData.isEmpty()) {
        Element photo(QStringLiteral("PHOTO"), n);
        photo.appendTextChild(QStringLiteral("TYPE"), photoType);
        photo.appendTextChild(QStringLiteral("BINVAL"), QString::fromLatin1(photoData.toBase64()));
        vcard.appendChild(photo);
    }
    return vcard;
}

VCardManager::VCardManager(QObject *parent) : Extension(parent) {}

Task<Result<VCard>> VCardManager::requestVCard(const Jid &jid)
{
    if (!client())
        return makeReadyTask<Result<VCard>>(Error::local(tr("Not connected.")));
    Promise<Result<VCard>> promise;
    client()
        ->sendIq(makeIq(u"get", jid.bareString(), Element(QStringLiteral("vCard"), ns::VCardTemp)))
        .then(this, [promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                if (error->kind == Error::Kind::Stanza &&
                    error->stanza.condition == u"item-not-found")
                    promise.finish(VCard{});
                else
                    promise.finish(*error);
                return;
            }
            const Element payload = std::get<Element>(r).firstChild(u"vCard", ns::VCardTemp);
            if (payload.isNull()) {
                promise.finish(VCard{}); // §3.1: an empty result means no vCard
                return;
            }
            if (auto vcard = VCard::fromElement(payload))
                promise.finish(*vcard);
            else
                promise.finish(VCard{});
        });
    return promise.task();
}

Task<Result<Success>> VCardManager::setOwnVCard(const VCard &vcard)
{
    if (!client())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    return resultOnly(client()->sendIq(makeIq(u"set", {}, vcard.toElement())), this);
}

} // namespace parla::xmpp
