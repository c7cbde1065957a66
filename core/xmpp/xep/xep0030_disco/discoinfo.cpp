// SPDX-License-Identifier: GPL-3.0-or-later
#include "discoinfo.h"

#include "../../namespaces.h"

namespace parla::xmpp {

bool DiscoInfo::hasIdentity(QStringView category, QStringView type) const
{
    for (const DiscoIdentity &i : identities) {
        if (i.category == category && i.type == type)
            return true;
    }
    return false;
}

std::optional<DiscoInfo> DiscoInfo::fromElement(const Element &query)
{
    if (!query.is(u"query", ns::DiscoInfo))
        return std::nullopt;
    DiscoInfo info;
    info.node = query.attribute(u"node");
    for (const Element &child : query.children()) {
        if (child.is(u"identity", ns::DiscoInfo)) {
            DiscoIdentity identity{child.attribute(u"category"), child.attribute(u"type"),
                                   child.attribute(u"name"), child.attribute(u"xml:lang")};
            if (!identity.category.isEmpty() && !identity.type.isEmpty())
                info.identities.push_back(std::move(identity));
        } else if (child.is(u"feature", ns::DiscoInfo)) {
            const QString var = child.attribute(u"var");
            if (!var.isEmpty())
                info.features.append(var);
        } else if (child.is(u"x", ns::DataForms)) {
            info.extensions.push_back(child);
        }
    }
    return info;
}

Element DiscoInfo::toElement() const
{
    Element query(QStringLiteral("query"), ns::DiscoInfo);
    query.setAttribute(QStringLiteral("node"), node);
    for (const DiscoIdentity &i : identities) {
        Element identity(QStringLiteral("identity"), ns::DiscoInfo);
        identity.setAttribute(QStringLiteral("category"), i.category);
        identity.setAttribute(QStringLiteral("type"), i.type);
        identity.setAttribute(QStringLiteral("name"), i.name);
        identity.setAttribute(QStringLiteral("xml:lang"), i.lang);
        query.appendChild(identity);
    }
    for (const QString &f : features) {
        Element feature(QStringLiteral("feature"), ns::DiscoInfo);
        feature.setAttribute(QStringLiteral("var"), f);
        query.appendChild(feature);
    }
    for (const Element &x : extensions)
        query.appendChild(x);
    return query;
}

std::optional<DiscoItems> DiscoItems::fromElement(const Element &query)
{
    if (!query.is(u"query", ns::DiscoItems))
        return std::nullopt;
    DiscoItems items;
    items.node = query.attribute(u"node");
    for (const Element &child : query.childrenNamed(u"item", ns::DiscoItems)) {
        const auto jid = Jid::parse(child.attribute(u"jid"));
        if (!jid)
            continue;
        items.items.push_back({*jid, child.attribute(u"node"), child.attribute(u"name")});
    }
    return items;
}

Element DiscoItems::toElement() const
{
    Element query(QStringLiteral("query"), ns::DiscoItems);
    query.setAttribute(QStringLiteral("node"), node);
    for (const DiscoItem &i : items) {
        Element item(QStringLiteral("item"), ns::DiscoItems);
        item.setAttribute(QStringLiteral("jid"), i.jid.toString());
        item.setAttribute(QStringLiteral("node"), i.node);
        item.setAttribute(QStringLiteral("name"), i.name);
        query.appendChild(item);
    }
    return query;
}

} // namespace parla::xmpp
