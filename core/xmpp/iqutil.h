// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "element.h"
#include "result.h"
#include "stanzaerror.h"
#include "task.h"

class QObject;

namespace parla::xmpp {

/// Small helpers the managers share to build IQ replies as values (RFC 6120 §8.2.3), so that
/// each manager's answer can be computed by a pure function and tested without a stream.

/// Whether `stanza` is an <iq type='get'|'set'/> whose payload is <name xmlns='xmlns'/>.
bool isIqRequest(const Element &stanza, QStringView type, QStringView name, QStringView xmlns);

/// <iq type='result'/> addressed to the request's sender with the same id, carrying `payload`
/// (may be null for an empty result).
Element makeIqResult(const Element &request, const Element &payload = {});

/// <iq type='error'/> addressed to the request's sender with the same id. Of the original
/// payload (RFC 6120 §8.3.1 allows it) only an empty element with its name and namespace is
/// included, never anything else the requester wrote.
Element makeIqError(const Element &request, const StanzaError &error);

/// A new <iq type='get'|'set'/> with `payload`, addressed to `to` (no 'to' when empty).
Element makeIq(QStringView type, const QString &to, const Element &payload);

/// The outcome of an IQ set whose result carries nothing we need (a publish, a vCard, a block):
/// Success, or the request's error. The continuation is tied to `context`.
Task<Result<Success>> resultOnly(Task<Result<Element>> request, QObject *context);

} // namespace parla::xmpp
