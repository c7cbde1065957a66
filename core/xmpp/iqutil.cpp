// SPDX-License-Identifier: GPL-3.0-or-later
#include "iqutil.h"

#include "namespaces.h"
#include "xmlwriter.h"

namespace parla::xmpp {

namespace {
/// Longer namespaces are not echoed: nothing Parla answers has one, and an echo should not be
/// a way to make us send back a peer's megabyte.
constexpr qsizetype kMaxEchoedNamespace = 256;
} // namespace

bool isIqRequest(const Element &stanza, QStringView type, QStringView name, QStringView xmlns)
{
    return stanza.is(u"iq", ns::Client) && stanza.attribute(u"type") == type &&
           stanza.children().size() == 1 && stanza.children().front().is(name, xmlns);
}

Element makeIqResult(const Element &request, const Element &payload)
{
    Element reply(QStringLiteral("iq"), ns::Client);
    reply.setAttribute(QStringLiteral("type"), QStringLiteral("result"));
    reply.setAttribute(QStringLiteral("id"), request.attribute(u"id"));
    reply.setAttribute(QStringLiteral("to"), request.attribute(u"from"));
    reply.appendChild(payload);
    return reply;
}

Element makeIqError(const Element &request, const StanzaError &error)
{
    Element reply(QStringLiteral("iq"), ns::Client);
    reply.setAttribute(QStringLiteral("type"), QStringLiteral("error"));
    reply.setAttribute(QStringLiteral("id"), request.attribute(u"id"));
    reply.setAttribute(QStringLiteral("to"), request.attribute(u"from"));
    // RFC 6120 §8.3.1 lets an error carry the original XML. Only what names the request is
    // echoed: the payload's element name and namespace, in an element built here. The peer's
    // attributes, text and children never are; echoing XML Parla did not build is how a
    // request once made Parla send stanzas of the requester's choosing.
    if (request.children().size() == 1) {
        const Element &payload = request.children().front();
        if (xmlwriter::isNcName(payload.name()) && payload.xmlns().size() <= kMaxEchoedNamespace)
            reply.appendChild(Element(payload.name(), payload.xmlns()));
    }
    reply.appendChild(error.toElement());
    return reply;
}

Element makeIq(QStringView type, const QString &to, const Element &payload)
{
    Element iq(QStringLiteral("iq"), ns::Client);
    iq.setAttribute(QStringLiteral("type"), type.toString());
    iq.setAttribute(QStringLiteral("to"), to);
    iq.appendChild(payload);
    return iq;
}

Task<Result<Success>> resultOnly(Task<Result<Element>> request, QObject *context)
{
    Promise<Result<Success>> promise;
    request.then(context, [promise](const Result<Element> &r) mutable {
        if (const auto *error = std::get_if<Error>(&r))
            promise.finish(*error);
        else
            promise.finish(Success{});
    });
    return promise.task();
}

} // namespace parla::xmpp
