// SPDX-License-Identifier: GPL-3.0-or-later
#include "mdsmanager.h"

#include "xmpp/client.h"
#include "xmpp/iqutil.h"
#include "xmpp/namespaces.h"

namespace parla::xmpp {

std::optional<MdsDisplayed> MdsDisplayed::fromItem(const Element &item)
{
    if (item.name() != u"item")
        return std::nullopt;
    const auto peer = Jid::parse(item.attribute(u"id"));
    if (!peer || !peer->resource().isEmpty())
        return std::nullopt;
    const Element sid =
        item.firstChild(u"displayed", ns::Mds).firstChild(u"stanza-id", ns::StanzaId);
    if (sid.isNull())
        return std::nullopt;
    MdsDisplayed d;
    d.peer = *peer;
    d.stanzaId = sid.attribute(u"id");
    const auto by = Jid::parse(sid.attribute(u"by"));
    if (d.stanzaId.isEmpty() || d.stanzaId.size() > 256 || !by)
        return std::nullopt;
    d.by = *by;
    return d;
}

Element MdsDisplayed::toItem() const
{
    Element sid(QStringLiteral("stanza-id"), ns::StanzaId);
    sid.setAttribute(QStringLiteral("id"), stanzaId);
    sid.setAttribute(QStringLiteral("by"), by.toString());
    Element displayed(QStringLiteral("displayed"), ns::Mds);
    displayed.appendChild(sid);
    Element item(QStringLiteral("item"), ns::PubSub);
    item.setAttribute(QStringLiteral("id"), peer.bareString());
    item.appendChild(displayed);
    return item;
}

MdsManager::MdsManager(QObject *parent) : Extension(parent) {}

QStringList MdsManager::discoFeatures() const
{
    return {ns::Mds + QStringLiteral("+notify")};
}

Element MdsManager::makePublish(const MdsDisplayed &displayed)
{
    Element publish(QStringLiteral("publish"), ns::PubSub);
    publish.setAttribute(QStringLiteral("node"), ns::Mds);
    publish.appendChild(displayed.toItem());

    Element form(QStringLiteral("x"), ns::DataForms);
    form.setAttribute(QStringLiteral("type"), QStringLiteral("submit"));
    auto field = [&form](const QString &var, const QString &value, bool hidden = false) {
        Element f(QStringLiteral("field"), ns::DataForms);
        f.setAttribute(QStringLiteral("var"), var);
        if (hidden)
            f.setAttribute(QStringLiteral("type"), QStringLiteral("hidden"));
        f.appendTextChild(QStringLiteral("value"), value, ns::DataForms);
        form.appendChild(f);
    };
    field(QStringLiteral("FORM_TYPE"), ns::PubSubPublishOptions, true);
    field(QStringLiteral("pubsub#persist_items"), QStringLiteral("true"));
    field(QStringLiteral("pubsub#max_items"), QStringLiteral("max"));
    field(QStringLiteral("pubsub#send_last_published_item"), QStringLiteral("never"));
    field(QStringLiteral("pubsub#access_model"), QStringLiteral("whitelist"));
    Element options(QStringLiteral("publish-options"), ns::PubSub);
    options.appendChild(form);

    Element pubsub(QStringLiteral("pubsub"), ns::PubSub);
    pubsub.appendChild(publish);
    pubsub.appendChild(options);
    Element iq(QStringLiteral("iq"), ns::Client);
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("set"));
    iq.appendChild(pubsub);
    return iq;
}

Task<Result<Success>> MdsManager::publish(const MdsDisplayed &displayed)
{
    if (!client() || !client()->isConnected())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    return resultOnly(client()->sendIq(makePublish(displayed)), this);
}

bool MdsManager::handleStanza(const Element &stanza)
{
    if (stanza.name() != u"message")
        return false;
    const Element items = stanza.firstChild(u"event", ns::PubSubEvent).firstChild(u"items");
    if (items.isNull() || items.attribute(u"node") != ns::Mds)
        return false;
    // Only our own PEP service speaks for this node; anything else is a forgery (consumed, so
    // it reaches no other handler either).
    const auto from = Jid::parse(stanza.attribute(u"from"));
    if (!from || *from != client()->boundJid().bare())
        return true;
    for (const Element &item : items.childrenNamed(u"item", ns::PubSubEvent)) {
        if (auto d = MdsDisplayed::fromItem(item))
            Q_EMIT displayedSynced(*d);
    }
    return true;
}

} // namespace parla::xmpp
