// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The incoming feature handlers Parla ships (internal to core/services; the list and its order
// are in features.cpp). Each file holds one XEP's handler.

#include "services/pipeline/incomingfeature.h"
#include "storage/messagestore.h"

namespace parla::services::features {

std::unique_ptr<IncomingFeature> replies(PipelineHost &host);
std::unique_ptr<IncomingFeature> chatStates(PipelineHost &host);
std::unique_ptr<IncomingFeature> receipts(PipelineHost &host);
std::unique_ptr<IncomingFeature> markers(PipelineHost &host);
std::unique_ptr<IncomingFeature> moderation(PipelineHost &host);
std::unique_ptr<IncomingFeature> retractions(PipelineHost &host);
std::unique_ptr<IncomingFeature> reactions(PipelineHost &host);
std::unique_ptr<IncomingFeature> corrections(PipelineHost &host);
std::unique_ptr<IncomingFeature> unreadableEncryption(PipelineHost &host);

/// Who may act on the message an envelope refers to: in a 1:1 chat its direction; in a room
/// the occupant (XEP-0421 id, else the nick, and for a live message only what that nick's
/// holder wrote after entering, XEP-0308 §6). See storage::Author.
storage::Author authorOf(const IncomingEnvelope &envelope);

/// Who a reaction is from (XEP-0444 §3.2 keeps one set per sender): our account, the peer, or
/// in a room the occupant (by occupant-id where the room assigns them).
QString reactorOf(const IncomingEnvelope &envelope);

} // namespace parla::services::features
