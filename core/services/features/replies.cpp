// SPDX-License-Identifier: GPL-3.0-or-later
// XEP-0461 replies: the body without the XEP-0428 fallback quote, which is kept for a reply
// to a message we do not have.
#include "features.h"

#include "xmpp/namespaces.h"

namespace parla::services::features {

namespace {

/// The quoted text of a XEP-0461 fallback: its lines without the "> " prefix.
QString unquote(const QString &fallback)
{
    QStringList lines = fallback.split(u'\n');
    if (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    for (QString &line : lines) {
        if (line.startsWith(u"> "))
            line.remove(0, 2);
        else if (line.startsWith(u'>'))
            line.remove(0, 1);
    }
    return lines.join(u'\n');
}

class Replies final : public IncomingFeature
{
public:
    using IncomingFeature::IncomingFeature;
    QString name() const override { return QStringLiteral("XEP-0461 replies"); }

    void inspect(IncomingEnvelope &e) override
    {
        const xmpp::ChatMessage &m = e.message;
        if (!m.reply || m.body.isEmpty())
            return;
        e.record.replyToId = m.reply->id;
        e.record.replyToJid = m.reply->to.isValid() ? m.reply->to.bareString() : QString();
        const QString stripped = xmpp::Fallback::strip(m.body, m.fallbacks, xmpp::ns::Reply);
        if (!stripped.trimmed().isEmpty()) {
            e.record.replyQuote =
                unquote(xmpp::Fallback::extract(m.body, m.fallbacks, xmpp::ns::Reply));
            e.record.body = stripped;
        }
    }
};

} // namespace

std::unique_ptr<IncomingFeature> replies(PipelineHost &host)
{
    return std::make_unique<Replies>(host);
}

} // namespace parla::services::features
