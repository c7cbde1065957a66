// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../element.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

/// The XML side of SASL in XMPP (RFC 6120 §6.4): what goes around a mechanism's bytes.
namespace parla::xmpp::sasl {

/// The <mechanism/> names of <mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'> in stream
/// features (RFC 6120 §6.4.1), trimmed, in the server's order; empty if SASL is not offered.
QStringList mechanismsFromFeatures(const Element &features);

/// <auth mechanism='…'>base64</auth>; an empty initial response is sent as "=" (§6.4.2), which
/// tells the server it is empty rather than absent.
Element authElement(const QString &mechanism, const QByteArray &initialResponse);

/// <response>base64</response>, empty element for an empty response (§6.4.3).
Element responseElement(const QByteArray &data);

/// The bytes inside <challenge/> or <success/>: empty for no text or "=", std::nullopt for
/// text that is not strict base64 (the caller then aborts, RFC 6120 §6.4.4).
std::optional<QByteArray> payload(const Element &element);

} // namespace parla::xmpp::sasl
