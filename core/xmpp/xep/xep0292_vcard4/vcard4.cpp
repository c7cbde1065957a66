// SPDX-License-Identifier: GPL-3.0-or-later
#include "vcard4.h"

#include "../../client.h"
#include "../../iqutil.h"
#include "../../namespaces.h"
#include "../xep0163_pep/pep.h"

namespace parla::xmpp {

namespace vcard4 {
namespace {
QString value(const Element &vcard, QStringView property, QStringView type)
{
    return vcard.firstChild(property, ns::VCard4).childText(type, ns::VCard4).trimmed().left(4096);
}

void add(Element &vcard, const QString &property, const QString &type, const QString &text)
{
    if (text.isEmpty())
        return;
    Element p(property, ns::VCard4);
    p.appendTextChild(type, text);
    vcard.appendChild(p);
}
} // namespace

std::optional<VCard> fromElement(const Element &vcard)
{
    if (!vcard.is(u"vcard", ns::VCard4))
        return std::nullopt;
    VCard v;
    v.fullName = value(vcard, u"fn", u"text");
    v.nickname = value(vcard, u"nickname", u"text");
    v.email = value(vcard, u"email", u"text");
    v.phone = value(vcard, u"tel", u"uri");
    if (v.phone.startsWith(u"tel:"))
        v.phone = v.phone.mid(4);
    if (v.phone.isEmpty())
        v.phone = value(vcard, u"tel", u"text");
    v.url = value(vcard, u"url", u"uri");
    v.note = value(vcard, u"note", u"text");
    return v;
}

Element toElement(const VCard &v)
{
    Element vcard(QStringLiteral("vcard"), ns::VCard4);
    add(vcard, QStringLiteral("fn"), QStringLiteral("text"), v.fullName);
    add(vcard, QStringLiteral("nickname"), QStringLiteral("text"), v.nickname);
    add(vcard, QStringLiteral("email"), QStringLiteral("text"), v.email);
    add(vcard, QStringLiteral("tel"), QStringLiteral("uri"),
        v.phone.isEmpty() ? QString() : QStringLiteral("tel:") + v.phone);
    add(vcard, QStringLiteral("url"), QStringLiteral("uri"), v.url);
    add(vcard, QStringLiteral("note"), QStringLiteral("text"), v.note);
    return vcard;
}
} // namespace vcard4

VCard4Manager::VCard4Manager(QObject *parent) : Extension(parent) {}

Task<Result<VCard>> VCard4Manager::requestVCard(const Jid &jid)
{
    if (!client())
        return makeReadyTask<Result<VCard>>(Error::local(tr("Not connected.")));
    Promise<Result<VCard>> promise;
    client()
        ->sendIq(makeIq(u"get", jid.bareString(), pep::itemsRequest(ns::VCard4Node)))
        .then(this, [promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                if (error->kind == Error::Kind::Stanza &&
                    error->stanza.condition == u"item-not-found")
                    promise.finish(VCard{});
                else
                    promise.finish(*error);
                return;
            }
            for (const PepItem &item : pep::itemsFromResult(std::get<Element>(r), ns::VCard4Node)) {
                if (auto v = vcard4::fromElement(item.payload)) {
                    promise.finish(*v);
                    return;
                }
            }
            promise.finish(VCard{});
        });
    return promise.task();
}

Task<Result<Success>> VCard4Manager::publish(const VCard &vcard)
{
    if (!client())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    return resultOnly(client()->sendIq(makeIq(
                          u"set", {},
                          pep::publishRequest(
                              ns::VCard4Node, QStringLiteral("current"), vcard4::toElement(vcard),
                              {{QStringLiteral("pubsub#access_model"), QStringLiteral("open")}}))),
                      this);
}

} // namespace parla::xmpp
