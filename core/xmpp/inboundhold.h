// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <memory>

namespace parla::xmpp {

class Client;

/// XEP-0198: an inbound stanza its owner has not finished with (a message not yet stored). The
/// server hears it was handled (<a h/>, <resume h/>) only once every hold on it and on the
/// stanzas before it is released, so it never drops its copy of something we did not keep.
/// Copies share one hold; it is released by release() or when the last copy goes. A hold
/// of an earlier session means nothing to a new one.
class InboundHold
{
public:
    InboundHold() = default;
    bool isHeld() const;
    void release();
    /// The stanza was dropped unhandled: it is never counted in this session (the server
    /// keeps its copy, or archives it, for the next one).
    void abandon();

private:
    friend class Client;
    struct State;
    std::shared_ptr<State> d;
};

} // namespace parla::xmpp
