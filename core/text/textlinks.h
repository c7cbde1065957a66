// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringView>
#include <QUrl>

namespace parla::text {

/// A link found in plain message text: [start, start + length) of the text, and its URL.
struct TextLink
{
    int start = 0;
    int length = 0;
    QString url;
    bool operator==(const TextLink &) const = default;
};

/// Finds the links a person can click in a message body. Only http://, https:// and xmpp:
/// (RFC 5122) count: javascript:, file:, data: and every other scheme stay plain text, since a
/// body comes from a stranger. A link ends at whitespace or at < > " `; trailing sentence
/// punctuation (. , ; : ! ? ' " and the XEP-0393 directives * _ ~) is left out, and so is a
/// closing ) ] } without its opening partner inside the link ("(see https://x.org/a)").
/// Linear in the text's length.
QList<TextLink> findLinks(QStringView text);

/// Whether a URL may be opened from a message: http(s) with a host, or xmpp: with a path.
bool isAllowedLink(const QUrl &url);

/// Whether a URL is an xmpp: URI (RFC 5122), which Parla handles itself.
bool isXmppUri(const QUrl &url);

} // namespace parla::text
