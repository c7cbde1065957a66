// SPDX-License-Identifier: GPL-3.0-or-later
#include "blockingmanager.h"

#include "../../client.h"
#include "../../iqutil.h"
#include "../../namespaces.h"

namespace parla::xmpp {

namespace {
QSet<QString> itemJids(const Element &parent)
{
    QSet<QString> jids;
    for (const Element &item : parent.childrenNamed(u"item", ns::Blocking)) {
        // Blocked entries may be domains or full JIDs (§3.1), so the JID is kept as given,
        // normalised.
        if (const auto jid = Jid::parse(item.attribute(u"jid")))
            jids.insert(jid->toString());
    }
    return jids;
}

Element items(const QString &name, const QStringList &jids,
              const std::optional<SpamReport> &report = std::nullopt)
{
    Element e(name, ns::Blocking);
    for (const QString &jid : jids) {
        Element item(QStringLiteral("item"), ns::Blocking);
        item.setAttribute(QStringLiteral("jid"), jid);
        if (report)
            item.appendChild(report->toElement());
        e.appendChild(item);
    }
    return e;
}
} // namespace

BlockingManager::BlockingManager(QObject *parent) : Extension(parent) {}

Element BlockingManager::blockElement(const QStringList &jids,
                                      const std::optional<SpamReport> &report)
{
    return items(QStringLiteral("block"), jids, report);
}

Element BlockingManager::unblockElement(const QStringList &jids)
{
    return items(QStringLiteral("unblock"), jids);
}

bool BlockingManager::handleStanza(const Element &stanza)
{
    if (!client() || !processPush(stanza, client()->boundJid().bare()))
        return false;
    client()->sendIqResult(stanza);
    return true;
}

bool BlockingManager::processPush(const Element &stanza, const Jid &ownBare)
{
    const bool isBlock = isIqRequest(stanza, u"set", u"block", ns::Blocking);
    const bool isUnblock = isIqRequest(stanza, u"set", u"unblock", ns::Blocking);
    if (!isBlock && !isUnblock)
        return false;
    const QString from = stanza.attribute(u"from");
    if (!from.isEmpty() && Jid::fromString(from) != ownBare)
        return false; // a stranger may not edit our blocklist
    const Element payload = stanza.children().front();
    const QSet<QString> jids = itemJids(payload);
    if (isBlock) {
        m_blocklist.unite(jids);
    } else if (payload.childrenNamed(u"item", ns::Blocking).empty()) {
        m_blocklist.clear(); // §3.5: unblock all
    } else {
        m_blocklist.subtract(jids);
    }
    Q_EMIT blocklistChanged();
    return true;
}

void BlockingManager::onConnected(bool resumed)
{
    if (!resumed)
        requestBlocklist();
}

Task<Result<QSet<QString>>> BlockingManager::requestBlocklist()
{
    if (!client())
        return makeReadyTask<Result<QSet<QString>>>(Error::local(tr("Not connected.")));
    Promise<Result<QSet<QString>>> promise;
    client()
        ->sendIq(makeIq(u"get", {}, Element(QStringLiteral("blocklist"), ns::Blocking)))
        .then(this, [this, promise](const Result<Element> &r) mutable {
            if (const auto *error = std::get_if<Error>(&r)) {
                promise.finish(*error);
                return;
            }
            m_blocklist = itemJids(std::get<Element>(r).firstChild(u"blocklist", ns::Blocking));
            m_received = true;
            Q_EMIT blocklistChanged();
            promise.finish(m_blocklist);
        });
    return promise.task();
}

Task<Result<Success>> BlockingManager::sendSet(const Element &payload)
{
    if (!client())
        return makeReadyTask<Result<Success>>(Error::local(tr("Not connected.")));
    // The server pushes the change to all our resources (§3.3), which updates the list here.
    return resultOnly(client()->sendIq(makeIq(u"set", {}, payload)), this);
}

Task<Result<Success>> BlockingManager::block(const QStringList &jids,
                                             const std::optional<SpamReport> &report)
{
    if (jids.isEmpty())
        return makeReadyTask<Result<Success>>(Error::local(tr("Nobody to block.")));
    return sendSet(blockElement(jids, report));
}

Task<Result<Success>> BlockingManager::unblock(const QStringList &jids)
{
    return sendSet(unblockElement(jids));
}

} // namespace parla::xmpp
