// SPDX-License-Identifier: GPL-3.0-or-later
#include "captcha.h"

#include "xmpp/namespaces.h"
#include "xmpp/xep/xep0045_muc/mucuser.h"

namespace parla::xmpp {

namespace {
// A challenge image is small; anything larger is not shown (hostile input stays bounded).
constexpr qsizetype kMaxImageBase64 = 512 * 1024;
} // namespace

std::optional<Captcha> Captcha::fromMessage(const Element &message)
{
    if (message.name() != u"message")
        return std::nullopt;
    const Element captcha = message.firstChild(u"captcha", mucns::Captcha);
    if (captcha.isNull())
        return std::nullopt;
    auto form = DataForm::fromElement(captcha.firstChild(u"x", ns::DataForms));
    if (!form || form->formType() != mucns::Captcha)
        return std::nullopt;
    Captcha c;
    c.from = Jid::fromString(message.attribute(u"from"));
    c.id = message.attribute(u"id");
    c.form = *form;
    // The image is named by a <media><uri>cid:…</uri></media> of a field (XEP-0221).
    for (const Element &field : captcha.firstChild(u"x", ns::DataForms).children()) {
        for (const Element &media : field.childrenNamed(u"media")) {
            for (const Element &uri : media.children()) {
                if (uri.name() == u"uri" && uri.text().startsWith(u"cid:") && c.cid.isEmpty()) {
                    c.cid = uri.text().mid(4);
                    c.imageType = uri.attribute(u"type");
                }
            }
        }
    }
    for (const Element &data : message.childrenNamed(u"data", mucns::Bob)) {
        if (c.cid.isEmpty() || data.attribute(u"cid") != c.cid)
            continue;
        if (data.text().size() > kMaxImageBase64)
            break;
        const auto decoded = QByteArray::fromBase64Encoding(
            data.text().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (decoded) {
            c.image = *decoded;
            if (data.hasAttribute(u"type"))
                c.imageType = data.attribute(u"type");
        }
        break;
    }
    const QString url = message.firstChild(u"x", ns::Oob).childText(u"url", ns::Oob);
    if (url.startsWith(u"https://") || url.startsWith(u"http://"))
        c.url = url;
    return c;
}

Element Captcha::answer(const DataForm &filled) const
{
    Element iq(QStringLiteral("iq"), ns::Client);
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("set"));
    iq.setAttribute(QStringLiteral("to"), from.toString());
    Element captcha(QStringLiteral("captcha"), mucns::Captcha);
    DataForm submit = filled;
    submit.type = DataForm::Type::Submit;
    captcha.appendChild(submit.toElement());
    iq.appendChild(captcha);
    return iq;
}

} // namespace parla::xmpp
