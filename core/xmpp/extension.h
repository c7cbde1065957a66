// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "element.h"

#include <QObject>
#include <QStringList>

namespace parla::xmpp {

class Client;

/// The small fixed contract of a protocol feature manager (STYLE.md §3): it handles stanzas,
/// reacts to connect/disconnect and lists its disco features. One manager per XEP family,
/// in core/xmpp/xep/xepNNNN_<slug>/.
class Extension : public QObject
{
    Q_OBJECT
public:
    explicit Extension(QObject *parent = nullptr) : QObject(parent) {}

    /// Offered every incoming stanza that is not an IQ response; return true when consumed.
    /// A manager checks the sender itself, where the meaning lives (ARCHITECTURE.md).
    virtual bool handleStanza(const Element &stanza)
    {
        Q_UNUSED(stanza);
        return false;
    }
    /// Features advertised in disco#info (XEP-0030) and hashed into caps (XEP-0115).
    virtual QStringList discoFeatures() const { return {}; }
    /// After resource binding (resumed = false) or a stream-management resumption (true).
    virtual void onConnected(bool resumed) { Q_UNUSED(resumed); }
    virtual void onDisconnected() {}

    Client *client() const { return m_client; }

private:
    friend class Client;
    Client *m_client = nullptr;
};

} // namespace parla::xmpp
