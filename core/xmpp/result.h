// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stanzaerror.h"

#include <QString>

#include <variant>

namespace parla::xmpp {

/// Why a request produced no result.
struct Error
{
    enum class Kind
    {
        Stanza,       ///< the entity answered with a stanza error (see `stanza`)
        Timeout,      ///< no answer in time
        Disconnected, ///< the stream ended before the answer came
        Invalid,      ///< the answer could not be understood
        Local,        ///< refused locally (not connected, bad input, storage failure)
    };
    Kind kind = Kind::Local;
    StanzaError stanza;
    QString text; ///< plain words for a person

    static Error fromStanza(const StanzaError &e) { return {Kind::Stanza, e, e.describe()}; }
    static Error local(const QString &text) { return {Kind::Local, {}, text}; }
};

template <typename T>
using Result = std::variant<T, Error>;

struct Success
{};

template <typename T>
bool isOk(const Result<T> &r)
{
    return std::holds_alternative<T>(r);
}

} // namespace parla::xmpp
