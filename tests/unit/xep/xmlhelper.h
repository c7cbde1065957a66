// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/xmpp/element.h"

#include <QXmlStreamReader>

#include <vector>

namespace parla::xmpp::test {

/// Builds an Element from XML pasted from a XEP, with QXmlStreamReader (test-only: the real
/// parser is the hardened incremental XmlStreamParser). The XML is read as if it were inside a
/// jabber:client stream, so stanzas without xmlns get jabber:client. Whitespace-only text
/// between elements is dropped, as pretty-printed examples are not meant to carry it.
/// Returns a null Element on malformed XML.
inline Element fromXml(const QByteArray &xml)
{
    QXmlStreamReader reader(QByteArrayLiteral("<wrapper xmlns='jabber:client'>") + xml +
                            QByteArrayLiteral("</wrapper>"));
    std::vector<Element> stack;
    Element result;
    int depth = 0;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            ++depth;
            if (depth == 1)
                break; // the wrapper
            Element e(reader.name().toString(), reader.namespaceUri().toString());
            for (const QXmlStreamAttribute &a : reader.attributes()) {
                if (a.namespaceUri() == u"http://www.w3.org/XML/1998/namespace")
                    e.setAttribute(QStringLiteral("xml:") + a.name().toString(),
                                   a.value().toString());
                else if (a.namespaceUri().isEmpty())
                    e.setAttribute(a.name().toString(), a.value().toString());
            }
            stack.push_back(e);
            break;
        }
        case QXmlStreamReader::Characters:
            if (!stack.empty() && !reader.isWhitespace())
                stack.back().setText(stack.back().text() + reader.text().toString());
            break;
        case QXmlStreamReader::EndElement: {
            --depth;
            if (stack.empty())
                break;
            Element done = stack.back();
            stack.pop_back();
            if (stack.empty()) {
                if (result.isNull())
                    result = done;
            } else {
                stack.back().appendChild(done);
            }
            break;
        }
        default:
            break;
        }
    }
    if (reader.hasError())
        return {};
    return result;
}

/// A copy of `e` without the attribute (e.g. 'from', which the server stamps on our replies).
inline Element without(Element e, const QString &attribute)
{
    e.setAttribute(attribute, QString());
    return e;
}

} // namespace parla::xmpp::test
