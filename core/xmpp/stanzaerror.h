// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "element.h"

#include <QString>

#include <optional>

namespace parla::xmpp {

/// A stanza error, RFC 6120 §8.3: <error type='…'><condition xmlns='…stanzas'/><text/></error>.
struct StanzaError
{
    enum class Type
    {
        Auth,
        Cancel,
        Continue,
        Modify,
        Wait
    };
    Type type = Type::Cancel;
    QString condition = QStringLiteral("undefined-condition"); ///< e.g. "item-not-found"
    QString text;                                              ///< the server's words, if any
    QString by;

    static std::optional<StanzaError> fromElement(const Element &error);
    /// Finds the <error/> child of a stanza of type='error'.
    static std::optional<StanzaError> fromStanza(const Element &stanza);
    Element toElement() const;
    /// Plain words for a person: the server's text if any, else the condition explained.
    QString describe() const;
};

} // namespace parla::xmpp
