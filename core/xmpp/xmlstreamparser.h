// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "element.h"
#include "streamerror.h"

#include <QByteArrayView>
#include <QString>

#include <memory>
#include <vector>

namespace parla::xmpp {

/// Hard limits on what a peer may send; exceeding one ends the stream with
/// <policy-violation/> (RFC 6120 §4.9.3.14), never with an allocation failure.
struct ParserLimits
{
    qsizetype maxStanzaBytes = 1024 * 1024; ///< serialised size of one top-level stanza
    int maxDepth = 48;                      ///< nesting below <stream:stream>
    int maxAttributes = 64;                 ///< per element
};

/// The opening <stream:stream> tag's attributes (RFC 6120 §4.7).
struct StreamHeader
{
    QString from;
    QString to;
    QString id;
    QString version;
    QString lang;
    QString contentNamespace; ///< default namespace, jabber:client for us
};

/// What feeding bytes produced, in order.
struct ParseEvent
{
    enum class Kind
    {
        StreamOpened,
        Stanza,
        StreamClosed,
        Error
    };
    Kind kind;
    StreamHeader header; ///< for StreamOpened
    Element stanza;      ///< for Stanza (top-level children of the stream, incl. stream:features)
    StreamErrorCondition error = StreamErrorCondition::UndefinedCondition; ///< for Error
    QString errorText; ///< for Error: plain words, for logs and the XML console
};

/// Incremental, hardened parser for one XML stream (RFC 6120 §11).
///
/// Bytes may arrive split anywhere (even inside a UTF-8 sequence); the result is the same as
/// for one big read. Rejected with a stream error (RFC 6120 §11.1, §4.9.3): DTDs and entity
/// declarations, processing instructions and comments (restricted-xml), invalid UTF-8
/// (unsupported-encoding), malformed XML (not-well-formed), a wrong stream namespace
/// (invalid-namespace), and anything over the limits (policy-violation). After an Error event
/// the parser ignores further input until reset().
class XmlStreamParser
{
public:
    explicit XmlStreamParser(ParserLimits limits = {});
    ~XmlStreamParser();
    XmlStreamParser(const XmlStreamParser &) = delete;
    XmlStreamParser &operator=(const XmlStreamParser &) = delete;

    std::vector<ParseEvent> feed(QByteArrayView bytes);
    /// Starts over for a new stream (after STARTTLS or SASL success, RFC 6120 §5.4.3.3, §6.4.6).
    void reset();
    bool hasFailed() const;

    /// Parses one complete standalone element with default limits; null on any error.
    static Element parseElement(QByteArrayView xml);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace parla::xmpp
