// SPDX-License-Identifier: GPL-3.0-or-later
#include "pep.h"

#include "../../namespaces.h"

namespace parla::xmpp {

namespace {
std::vector<PepItem> parseItems(const Element &items)
{
    std::vector<PepItem> out;
    for (const Element &item : items.childrenNamed(u"item")) {
        PepItem pepItem;
        pepItem.id = item.attribute(u"id");
        if (!item.children().empty())
            pepItem.payload = item.children().front();
        out.push_back(pepItem);
    }
    return out;
}
} // namespace

std::optional<PepEvent> PepEvent::fromMessage(const Element &message, const Jid &ownBare)
{
    if (!message.is(u"message", ns::Client) || message.attribute(u"type") == u"error")
        return std::nullopt;
    const Element event = message.firstChild(u"event", ns::PubSubEvent);
    const Element items = event.firstChild(u"items", ns::PubSubEvent);
    if (items.isNull() || items.attribute(u"node").isEmpty())
        return std::nullopt;
    PepEvent result;
    const QString from = message.attribute(u"from");
    if (from.isEmpty()) {
        result.owner = ownBare;
    } else {
        const auto jid = Jid::parse(from);
        if (!jid || !jid->isBare())
            return std::nullopt;
        result.owner = *jid;
    }
    if (!result.owner.isValid())
        return std::nullopt;
    result.node = items.attribute(u"node");
    result.items = parseItems(items);
    for (const Element &retract : items.childrenNamed(u"retract"))
        result.retracted << retract.attribute(u"id");
    return result;
}

namespace pep {

Element itemsRequest(const QString &node, const QString &itemId)
{
    Element pubsub(QStringLiteral("pubsub"), ns::PubSub);
    Element items(QStringLiteral("items"), ns::PubSub);
    items.setAttribute(QStringLiteral("node"), node);
    if (!itemId.isEmpty()) {
        Element item(QStringLiteral("item"), ns::PubSub);
        item.setAttribute(QStringLiteral("id"), itemId);
        items.appendChild(item);
    } else {
        items.setAttribute(QStringLiteral("max_items"), QStringLiteral("1"));
    }
    pubsub.appendChild(items);
    return pubsub;
}

Element publishRequest(const QString &node, const QString &itemId, const Element &payload,
                       const QMap<QString, QString> &options)
{
    Element pubsub(QStringLiteral("pubsub"), ns::PubSub);
    Element publish(QStringLiteral("publish"), ns::PubSub);
    publish.setAttribute(QStringLiteral("node"), node);
    Element item(QStringLiteral("item"), ns::PubSub);
    item.setAttribute(QStringLiteral("id"), itemId);
    item.appendChild(payload);
    publish.appendChild(item);
    pubsub.appendChild(publish);
    if (!options.isEmpty()) {
        Element x(QStringLiteral("x"), ns::DataForms);
        x.setAttribute(QStringLiteral("type"), QStringLiteral("submit"));
        auto field = [](const QString &var, const QString &value, const QString &type = {}) {
            Element f(QStringLiteral("field"), ns::DataForms);
            f.setAttribute(QStringLiteral("var"), var);
            f.setAttribute(QStringLiteral("type"), type);
            f.appendTextChild(QStringLiteral("value"), value, ns::DataForms);
            return f;
        };
        x.appendChild(
            field(QStringLiteral("FORM_TYPE"), ns::PubSubPublishOptions, QStringLiteral("hidden")));
        for (auto it = options.cbegin(); it != options.cend(); ++it)
            x.appendChild(field(it.key(), it.value()));
        Element publishOptions(QStringLiteral("publish-options"), ns::PubSub);
        publishOptions.appendChild(x);
        pubsub.appendChild(publishOptions);
    }
    return pubsub;
}

std::vector<PepItem> itemsFromResult(const Element &iqResult, const QString &node)
{
    const Element items =
        iqResult.firstChild(u"pubsub", ns::PubSub).firstChild(u"items", ns::PubSub);
    if (items.attribute(u"node") != node)
        return {};
    return parseItems(items);
}

} // namespace pep
} // namespace parla::xmpp
