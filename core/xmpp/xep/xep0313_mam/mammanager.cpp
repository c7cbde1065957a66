// SPDX-License-Identifier: GPL-3.0-or-later
#include "mammanager.h"

#include "../../client.h"
#include "../../iqutil.h"
#include "../../namespaces.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMam, "parla.xmpp.mam")

namespace parla::xmpp {

namespace {
Element formField(const QString &var, const QString &value, const QString &type = {})
{
    Element field(QStringLiteral("field"), ns::DataForms);
    field.setAttribute(QStringLiteral("var"), var);
    if (!type.isEmpty())
        field.setAttribute(QStringLiteral("type"), type);
    field.appendTextChild(QStringLiteral("value"), value);
    return field;
}

QString stamp(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}
} // namespace

Element MamQuery::toElement(const QString &queryId) const
{
    Element query(QStringLiteral("query"), ns::Mam);
    query.setAttribute(QStringLiteral("queryid"), queryId);
    Element form(QStringLiteral("x"), ns::DataForms);
    form.setAttribute(QStringLiteral("type"), QStringLiteral("submit"));
    form.appendChild(formField(QStringLiteral("FORM_TYPE"), ns::Mam, QStringLiteral("hidden")));
    if (with.isValid())
        form.appendChild(formField(QStringLiteral("with"), with.toString()));
    if (start.isValid())
        form.appendChild(formField(QStringLiteral("start"), stamp(start)));
    if (end.isValid())
        form.appendChild(formField(QStringLiteral("end"), stamp(end)));
    query.appendChild(form);
    query.appendChild(rsm.toElement());
    return query;
}

std::optional<MamResult> MamResult::fromElement(const Element &outer)
{
    if (!outer.is(u"message", ns::Client))
        return std::nullopt;
    const Element result = outer.firstChild(u"result", ns::Mam);
    if (result.isNull())
        return std::nullopt;
    MamResult r;
    r.queryId = result.attribute(u"queryid");
    r.id = result.attribute(u"id");
    const Element forwarded = result.firstChild(u"forwarded", ns::Forward);
    r.stamp = QDateTime::fromString(forwarded.firstChild(u"delay", ns::Delay).attribute(u"stamp"),
                                    Qt::ISODateWithMs);
    auto message = ChatMessage::fromElement(forwarded.firstChild(u"message", ns::Client));
    if (r.id.isEmpty() || !r.stamp.isValid() || !message)
        return std::nullopt;
    r.stamp = r.stamp.toUTC();
    r.message = *message;
    r.message.stamp = r.stamp; // §4.2: the archive's time, not any inner (offline) delay
    return r;
}

std::optional<MamFin> MamFin::fromElement(const Element &fin)
{
    if (!fin.is(u"fin", ns::Mam))
        return std::nullopt;
    MamFin f;
    f.complete = fin.attribute(u"complete") == u"true" || fin.attribute(u"complete") == u"1";
    if (auto set = RsmResult::fromElement(fin.firstChild(u"set", ns::Rsm)))
        f.set = *set;
    return f;
}

MamManager::MamManager(QObject *parent) : Extension(parent) {}

Element MamManager::prepareQuery(const MamQuery &query, const Jid &archive)
{
    const QString queryId = Client::generateId();
    m_queries.insert(queryId, Outstanding{archive.isValid() ? archive.bare() : Jid(), {}});
    Element iq = makeIq(u"set", archive.isValid() ? archive.bare().toString() : QString(),
                        query.toElement(queryId));
    iq.setAttribute(QStringLiteral("id"), queryId);
    return iq;
}

Result<MamPage> MamManager::completeQuery(const QString &queryId, const Result<Element> &answer)
{
    Outstanding done = m_queries.take(queryId);
    if (const auto *error = std::get_if<Error>(&answer))
        return *error;
    const auto fin = MamFin::fromElement(std::get<Element>(answer).firstChild(u"fin", ns::Mam));
    if (!fin)
        return Error{Error::Kind::Invalid, {}, tr("The archive's answer was not understood.")};
    MamPage page;
    page.items = std::move(done.items);
    page.complete = fin->complete;
    page.set = fin->set;
    return page;
}

Task<Result<MamPage>> MamManager::query(const MamQuery &query, const Jid &archive)
{
    if (!client() || !client()->isConnected())
        return makeReadyTask<Result<MamPage>>(Error::local(tr("Not connected.")));
    const Element iq = prepareQuery(query, archive);
    const QString queryId = iq.attribute(u"id");
    Promise<Result<MamPage>> promise;
    client()
        ->sendIq(iq, std::chrono::seconds(60))
        .then(this, [this, queryId, promise](const Result<Element> &r) mutable {
            promise.finish(completeQuery(queryId, r));
        });
    return promise.task();
}

bool MamManager::handleStanza(const Element &stanza)
{
    return handleResult(stanza, client()->boundJid().bare());
}

bool MamManager::handleResult(const Element &stanza, const Jid &ownBareJid)
{
    if (!stanza.is(u"message", ns::Client) || !stanza.hasChild(u"result", ns::Mam))
        return false;
    // From here on the stanza is a MAM result: whatever the checks say, it is consumed, so a
    // forged one never reaches the MessageManager as a live message either.
    const QString queryId = stanza.firstChild(u"result", ns::Mam).attribute(u"queryid");
    const auto it = m_queries.find(queryId);
    if (queryId.isEmpty() || it == m_queries.end()) {
        qCWarning(lcMam) << "dropped a MAM result for a query we did not send";
        return true;
    }
    const bool hasFrom = stanza.hasAttribute(u"from");
    const auto from = Jid::parse(stanza.attribute(u"from"));
    const bool fromArchive =
        it->archive.isValid()
            ? (hasFrom && from && *from == it->archive)
            : (!hasFrom || (from && ownBareJid.isValid() && *from == ownBareJid.bare()));
    if (!fromArchive) {
        qCWarning(lcMam) << "dropped a MAM result from" << stanza.attribute(u"from");
        return true;
    }
    auto result = MamResult::fromElement(stanza);
    if (!result) {
        qCInfo(lcMam) << "dropped a malformed MAM result";
        return true;
    }
    if (it->items.size() < kMaxResultsPerQuery)
        it->items.push_back(std::move(*result));
    return true;
}

void MamManager::onDisconnected()
{
    // The IQ tracker fails the requests themselves; late results must not match.
    m_queries.clear();
}

} // namespace parla::xmpp
