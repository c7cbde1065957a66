// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end encrypted messages no stage could read (no OMEMO plug-in yet, or decryption
// failed): shown as what they are, in plain words, instead of the sender's fallback body
// ("I sent you an OMEMO encrypted message…") or nothing at all. An OMEMO key transport
// element (a header without a payload) is no message and shows nothing (XEP-0384 §4.5).
#include "features.h"

#include "xmpp/namespaces.h"

#include <QCoreApplication>

namespace parla::services::features {

namespace {

bool isKeyTransport(const IncomingEnvelope &e)
{
    // Only OMEMO has key transport elements (whatever a plug-in already made of the slot).
    const QString scheme = xmpp::encryptedPayloadNamespace(e.stanza);
    if (scheme != xmpp::ns::OmemoLegacy && scheme != xmpp::ns::Omemo2)
        return false;
    return !e.stanza.firstChild(u"encrypted", scheme).hasChild(u"payload");
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
        if (ns == xmpp::ns::OmemoLegacy || ns == xmpp::ns::Omemo2)
            return QStringLiteral("OMEMO");
        if (ns == xmpp::ns::OpenPgp)
            return QStringLiteral("OpenPGP");
        if (ns == xmpp::ns::LegacyPgp)
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
