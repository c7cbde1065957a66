// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end encrypted messages no stage could read (no OMEMO plug-in yet, or decryption
// failed): shown as what they are, in plain words, instead of the sender's fallback body
// ("I sent you an OMEMO encrypted message…") or nothing at all. An OMEMO key transport
// element (a header without a payload) is no message and shows nothing (XEP-0384 §4.5).
#include "features.h"

#include <QCoreApplication>

namespace parla::services::features {

namespace {

bool isKeyTransport(const IncomingEnvelope &e)
{
    for (const auto *ns : {u"eu.siacs.conversations.axolotl", u"urn:xmpp:omemo:2"}) {
        const xmpp::Element encrypted = e.stanza.firstChild(u"encrypted", QStringView(ns));
        if (!encrypted.isNull())
            return !encrypted.hasChild(u"payload");
    }
    return false;
}

class UnreadableEncryption final : public IncomingFeature
{
    Q_DECLARE_TR_FUNCTIONS(UnreadableEncryption)
public:
    using IncomingFeature::IncomingFeature;
    QString name() const override { return QStringLiteral("unreadable encrypted messages"); }

    void inspect(IncomingEnvelope &e) override
    {
        using State = EncryptionSlot::State;
        if (e.encryption.state == State::Plaintext || e.encryption.state == State::Decrypted)
            return;
        if (isKeyTransport(e)) {
            e.store = false;
            return;
        }
        if (e.encryption.state == State::Failed)
            e.record.body =
                tr("🔒 This encrypted message could not be decrypted: %1").arg(e.encryption.error);
        else
            e.record.body = tr("🔒 This message is end-to-end encrypted (%1), which Parla "
                               "cannot read yet.")
                                .arg(schemeName(e.encryption.scheme));
    }

private:
    static QString schemeName(const QString &ns)
    {
        if (ns == u"eu.siacs.conversations.axolotl" || ns == u"urn:xmpp:omemo:2")
            return QStringLiteral("OMEMO");
        if (ns == u"urn:xmpp:openpgp:0")
            return QStringLiteral("OpenPGP");
        if (ns == u"jabber:x:encrypted")
            return QStringLiteral("legacy OpenPGP");
        return ns;
    }
};

} // namespace

std::unique_ptr<IncomingFeature> unreadableEncryption(PipelineHost &host)
{
    return std::make_unique<UnreadableEncryption>(host);
}

} // namespace parla::services::features
