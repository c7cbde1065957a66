// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../../element.h"
#include "../../jid.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace parla::xmpp {

/// One <identity/> of a disco#info answer (XEP-0030 §3.1).
struct DiscoIdentity
{
    QString category;
    QString type;
    QString name;
    QString lang; ///< xml:lang

    bool operator==(const DiscoIdentity &) const = default;
};

/// The answer to a disco#info query (XEP-0030 §3.1), with XEP-0128 extended information.
struct DiscoInfo
{
    QString node;
    std::vector<DiscoIdentity> identities;
    QStringList features;
    /// XEP-0128 extended forms (<x xmlns='jabber:x:data' type='result'/>), kept verbatim so
    /// that caps hashing (XEP-0115 §5) sees exactly what was sent.
    std::vector<Element> extensions;

    bool hasFeature(QStringView feature) const { return features.contains(feature); }
    bool hasIdentity(QStringView category, QStringView type) const;

    /// Parses <query xmlns='http://jabber.org/protocol/disco#info'/>. Total: identities
    /// without category or type (both REQUIRED, §3.1) and features without var are skipped.
    static std::optional<DiscoInfo> fromElement(const Element &query);
    Element toElement() const;

    bool operator==(const DiscoInfo &) const = default;
};

/// One <item/> of a disco#items answer (XEP-0030 §4.1).
struct DiscoItem
{
    Jid jid;
    QString node;
    QString name;

    bool operator==(const DiscoItem &) const = default;
};

/// The answer to a disco#items query (XEP-0030 §4.1).
struct DiscoItems
{
    QString node;
    std::vector<DiscoItem> items;

    /// Parses <query xmlns='http://jabber.org/protocol/disco#items'/>; items whose jid is
    /// missing or invalid (REQUIRED, §4.1) are skipped.
    static std::optional<DiscoItems> fromElement(const Element &query);
    Element toElement() const;

    bool operator==(const DiscoItems &) const = default;
};

} // namespace parla::xmpp

Q_DECLARE_METATYPE(parla::xmpp::DiscoInfo)
