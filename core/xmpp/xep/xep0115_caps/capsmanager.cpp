// SPDX-License-Identifier: GPL-3.0-or-later
#include "capsmanager.h"

#include "../../client.h"
#include "../../namespaces.h"
#include "../xep0030_disco/discomanager.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcCaps, "parla.xmpp.caps")

namespace parla::xmpp {

namespace {

/// One extended-info form reduced to what §5.1 step 7 hashes.
struct HashedForm
{
    QByteArray formType;
    std::vector<std::pair<QByteArray, std::vector<QByteArray>>> fields; // var → values
};

// §5.1: all sorting is "i;octet" (RFC 4790 §9.3), i.e. by UTF-8 bytes, which QByteArray's
// comparison does (QString's compares UTF-16 code units and orders some characters differently).
void sortOctets(std::vector<QByteArray> &v)
{
    std::sort(v.begin(), v.end());
}

bool containsDelimiter(const QByteArray &s)
{
    return s.contains('<');
}

} // namespace

CapsManager::CapsManager(DiscoManager *disco, CapsStore *store, QObject *parent)
    : Extension(parent), m_disco(disco)
{
    if (!store) {
        m_ownStore = std::make_unique<InMemoryCapsStore>();
        store = m_ownStore.get();
    }
    m_store = store;
    // XEP-0115 §6.2: we must answer disco#info at '<node>#<ver>' with the same info as without
    // a node. Only the current ver is ours; an old one gets item-not-found.
    m_disco->setOwnNodeMatcher([this](QStringView node) {
        return node == QString(ParlaNode + u'#' + ownVerificationString());
    });
}

CapsManager::~CapsManager()
{
    if (m_disco)
        m_disco->setOwnNodeMatcher({});
}

QStringList CapsManager::discoFeatures() const
{
    return {ns::Caps};
}

std::optional<QCryptographicHash::Algorithm> CapsManager::hashAlgorithm(QStringView hash)
{
    if (hash == u"sha-1")
        return QCryptographicHash::Sha1;
    if (hash == u"sha-224")
        return QCryptographicHash::Sha224;
    if (hash == u"sha-256")
        return QCryptographicHash::Sha256;
    if (hash == u"sha-384")
        return QCryptographicHash::Sha384;
    if (hash == u"sha-512")
        return QCryptographicHash::Sha512;
    return std::nullopt;
}

std::optional<QString> CapsManager::verificationString(const DiscoInfo &info, QStringView hash)
{
    const auto algorithm = hashAlgorithm(hash);
    if (!algorithm)
        return std::nullopt;

    // Steps 2–3: identities as category/type/lang/name, sorted.
    std::vector<QByteArray> identities;
    for (const DiscoIdentity &i : info.identities) {
        identities.push_back(i.category.toUtf8() + '/' + i.type.toUtf8() + '/' + i.lang.toUtf8() +
                             '/' + i.name.toUtf8());
    }
    sortOctets(identities);
    // §5.4 3.3: two identical identities make the whole answer ill-formed.
    if (std::adjacent_find(identities.begin(), identities.end()) != identities.end())
        return std::nullopt;

    // Steps 4–5: features, sorted; §5.4 3.4: duplicates are ill-formed.
    std::vector<QByteArray> features;
    for (const QString &f : info.features)
        features.push_back(f.toUtf8());
    sortOctets(features);
    if (std::adjacent_find(features.begin(), features.end()) != features.end())
        return std::nullopt;

    // Steps 6–7: XEP-0128 forms.
    std::vector<HashedForm> forms;
    for (const Element &x : info.extensions) {
        if (!x.is(u"x", ns::DataForms))
            continue;
        HashedForm form;
        bool hasFormType = false;
        bool formTypeHidden = false;
        for (const Element &field : x.childrenNamed(u"field", ns::DataForms)) {
            const QString var = field.attribute(u"var");
            std::vector<QByteArray> values;
            for (const Element &value : field.childrenNamed(u"value", ns::DataForms))
                values.push_back(value.text().toUtf8());
            if (var == u"FORM_TYPE") {
                // §5.4 3.5: a FORM_TYPE with differing values (or twice) is ill-formed.
                if (hasFormType || values.empty())
                    return std::nullopt;
                for (const QByteArray &v : values) {
                    if (v != values.front())
                        return std::nullopt;
                }
                hasFormType = true;
                formTypeHidden = field.attribute(u"type") == u"hidden";
                form.formType = values.front();
                continue;
            }
            sortOctets(values);
            form.fields.emplace_back(var.toUtf8(), std::move(values));
        }
        // §5.4 3.6: a form without a hidden FORM_TYPE is ignored, processing continues.
        if (!hasFormType || !formTypeHidden)
            continue;
        std::sort(form.fields.begin(), form.fields.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        forms.push_back(std::move(form));
    }
    std::sort(forms.begin(), forms.end(),
              [](const HashedForm &a, const HashedForm &b) { return a.formType < b.formType; });
    // §5.4 3.5: two forms with the same FORM_TYPE are ill-formed.
    for (size_t i = 1; i < forms.size(); ++i) {
        if (forms[i].formType == forms[i - 1].formType)
            return std::nullopt;
    }

    // The '<' delimiter inside a hashed string lets a forged answer be rearranged into the
    // same S (the "trivial preimage attack" of XEP-0115 §10, security list, July 2009), so an
    // answer with one is not trusted for anyone.
    QByteArray s;
    auto append = [&s](const QByteArray &part) {
        if (containsDelimiter(part))
            return false;
        s += part;
        s += '<';
        return true;
    };
    for (const QByteArray &i : identities) {
        if (!append(i))
            return std::nullopt;
    }
    for (const QByteArray &f : features) {
        if (!append(f))
            return std::nullopt;
    }
    for (const HashedForm &form : forms) {
        if (!append(form.formType))
            return std::nullopt;
        for (const auto &[var, values] : form.fields) {
            if (!append(var))
                return std::nullopt;
            for (const QByteArray &v : values) {
                if (!append(v))
                    return std::nullopt;
            }
        }
    }
    // Step 8: Base64 with padding, no whitespace (RFC 4648 §4).
    return QString::fromLatin1(QCryptographicHash::hash(s, *algorithm).toBase64());
}

CapsManager::Check CapsManager::check(const DiscoInfo &info, QStringView hash, QStringView ver)
{
    if (!hashAlgorithm(hash))
        return Check::UnsupportedHash;
    const auto computed = verificationString(info, hash);
    if (!computed)
        return Check::IllFormed;
    return *computed == ver ? Check::Valid : Check::HashMismatch;
}

QString CapsManager::ownVerificationString() const
{
    if (!m_disco)
        return {};
    return verificationString(m_disco->ownInfo()).value_or(QString());
}

Element CapsManager::capsElement() const
{
    Element c(QStringLiteral("c"), ns::Caps);
    c.setAttribute(QStringLiteral("hash"), QStringLiteral("sha-1"));
    c.setAttribute(QStringLiteral("node"), ParlaNode);
    c.setAttribute(QStringLiteral("ver"), ownVerificationString());
    return c;
}

bool CapsManager::handleStanza(const Element &stanza)
{
    // Presence is only observed: other managers (roster, MUC) need it too.
    if (!stanza.is(u"presence", ns::Client))
        return false;
    const auto from = Jid::parse(stanza.attribute(u"from"));
    if (!from)
        return false;
    const QString type = stanza.attribute(u"type");
    if (type == u"unavailable") {
        m_entities.remove(*from);
        return false;
    }
    if (!type.isEmpty())
        return false; // subscriptions, probes and errors say nothing about capabilities
    const Element c = stanza.firstChild(u"c", ns::Caps);
    EntityCaps caps{c.attribute(u"hash"), c.attribute(u"ver"), c.attribute(u"node"), {}};
    // §5.4 step 1: without 'hash' the ver is the legacy format, which we do not support.
    if (c.isNull() || caps.hash.isEmpty() || caps.ver.isEmpty() || caps.node.isEmpty()) {
        m_entities.remove(*from);
        return false;
    }
    const auto existing = m_entities.constFind(*from);
    if (existing != m_entities.cend() && existing->hash == caps.hash && existing->ver == caps.ver)
        return false; // nothing changed (presence is re-sent on every status change)
    m_entities.insert(*from, caps);
    resolve(*from);
    return false;
}

void CapsManager::onDisconnected()
{
    // Presence is gone with the stream; verified infos stay valid forever.
    ++m_generation;
    m_entities.clear();
    m_waiting.clear();
}

std::optional<DiscoInfo> CapsManager::knownInfo(const VerKey &key)
{
    if (const auto it = m_verified.constFind(key); it != m_verified.cend())
        return *it;
    const auto xml = m_store->lookup(key.first, key.second);
    if (!xml)
        return std::nullopt;
    // Checked again: the store is outside this process's control (a damaged or edited file).
    const auto info = DiscoInfo::fromElement(Element::fromXml(*xml));
    if (!info || check(*info, key.first, key.second) != Check::Valid) {
        qCWarning(lcCaps) << "stored caps entry does not match its ver, ignored" << key.second;
        return std::nullopt;
    }
    m_verified.insert(key, *info);
    return info;
}

std::optional<DiscoInfo> CapsManager::infoFor(const Jid &fullJid)
{
    const auto it = m_entities.constFind(fullJid);
    if (it == m_entities.cend())
        return std::nullopt;
    if (it->ownInfo)
        return it->ownInfo;
    if (!hashAlgorithm(it->hash))
        return std::nullopt;
    return knownInfo({it->hash, it->ver});
}

bool CapsManager::stillAdvertises(const Jid &jid, const VerKey &key) const
{
    const auto it = m_entities.constFind(jid);
    return it != m_entities.cend() && it->hash == key.first && it->ver == key.second;
}

void CapsManager::resolve(const Jid &jid)
{
    const EntityCaps &caps = m_entities[jid];
    const VerKey key{caps.hash, caps.ver};
    if (!hashAlgorithm(caps.hash)) {
        // §5.4 step 2: ask, but associate the answer with this entity only.
        query(jid, key);
        return;
    }
    if (const auto info = knownInfo(key)) {
        Q_EMIT capsResolved(jid, *info);
        return;
    }
    QList<Jid> &waiting = m_waiting[key];
    if (!waiting.contains(jid))
        waiting.append(jid);
    if (waiting.size() == 1)
        query(jid, key); // otherwise the same ver is already being asked of someone else
}

void CapsManager::queryNextWaiting(const VerKey &key)
{
    auto it = m_waiting.find(key);
    while (it != m_waiting.end() && !it->isEmpty() && !stillAdvertises(it->first(), key))
        it->removeFirst();
    if (it == m_waiting.end())
        return;
    if (it->isEmpty()) {
        m_waiting.erase(it);
        return;
    }
    query(it->first(), key);
}

void CapsManager::query(const Jid &jid, const VerKey &key)
{
    if (!m_disco || !client() || !client()->isConnected())
        return;
    const QString node = m_entities.value(jid).node + u'#' + key.second;
    const int generation = m_generation;
    m_disco->requestInfo(jid, node).then(
        this, [this, jid, key, generation](const Result<DiscoInfo> &result) {
            if (generation != m_generation)
                return;
            const bool supported = hashAlgorithm(key.first).has_value();
            const DiscoInfo *info = std::get_if<DiscoInfo>(&result);
            const Check verdict = info ? check(*info, key.first, key.second) : Check::IllFormed;
            if (verdict == Check::Valid) {
                m_verified.insert(key, *info);
                m_store->store(key.first, key.second, info->toElement().toXml());
                const QList<Jid> waiting = m_waiting.take(key);
                for (const Jid &j : waiting) {
                    if (stillAdvertises(j, key))
                        Q_EMIT capsResolved(j, *info);
                }
                return;
            }
            if (info && (verdict == Check::HashMismatch || verdict == Check::UnsupportedHash) &&
                stillAdvertises(jid, key)) {
                // §5.4 3.9 / step 2: not for anyone else, but it is what this entity says of
                // itself.
                if (verdict == Check::HashMismatch)
                    qCInfo(lcCaps) << "caps ver mismatch from" << jid.toString() << key.second;
                m_entities[jid].ownInfo = *info;
                Q_EMIT capsResolved(jid, *info);
            }
            if (supported) {
                // §5.4 3.9: "SHOULD check … another generating entity who advertises that value".
                if (auto it = m_waiting.find(key); it != m_waiting.end())
                    it->removeAll(jid);
                queryNextWaiting(key);
            }
        });
}

} // namespace parla::xmpp
