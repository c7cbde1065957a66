// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/result.h"

#include <QList>
#include <QPair>
#include <QString>

namespace parla::services {

/// An `xmpp:` URI or IRI (RFC 5122) with its query (XEP-0147), parsed into a target JID, an
/// action and its key/value pairs.
///
/// RFC 5122 §2.3: `xmpp:` [ `//` authority [ `/` ] ] path [ `?` query ] [ `#` fragment ].
/// The authority names the account to act from; RFC 5122 §2.5 lets an application ignore it,
/// and Parla does (the account is chosen from the rosters instead). Node, domain and resource
/// are percent-decoded separately after splitting at the first `@` and `/` (RFC 5122 §2.7.1),
/// so `%40` or `%2F` stay inside the part they belong to; decoded bytes must be UTF-8 (IRIs,
/// RFC 3987). The result must be a valid JID (RFC 7622), else parsing fails.
struct XmppUri
{
    /// XEP-0147 query types Parla understands; others are Unknown (the conversation opens).
    enum class Action
    {
        None,        ///< no query: open a conversation
        Message,     ///< ?message[;subject=…][;body=…]
        Roster,      ///< ?roster[;name=…][;group=…]
        Subscribe,   ///< ?subscribe
        Unsubscribe, ///< ?unsubscribe
        Remove,      ///< ?remove
        Join,        ///< ?join[;password=…] (MUC, later)
        Unknown,     ///< a query type this version does not know
    };

    QString jid; ///< the target, normalized (bare or full)
    Action action = Action::None;
    QString queryType; ///< the query type as written (decoded), empty for None
    QList<QPair<QString, QString>> parameters; ///< decoded key/value pairs, in order

    /// The first value of `key`, or an empty string.
    QString value(const QString &key) const;
    QString body() const { return value(QStringLiteral("body")); }
    QString subject() const { return value(QStringLiteral("subject")); }
    QString name() const { return value(QStringLiteral("name")); }
    QString group() const { return value(QStringLiteral("group")); }
    /// The target without its resource.
    QString bareJid() const;

    /// Parses `text`; hostile input (bad percent-encoding, invalid UTF-8, an invalid JID,
    /// control characters, more than kMaxLength characters) gives an Error in plain words.
    static xmpp::Result<XmppUri> parse(const QString &text);
    /// Serializes back to an URI (percent-encoding what RFC 5122 requires).
    QString toString() const;

    static constexpr int kMaxLength = 16 * 1024;
};

} // namespace parla::services
