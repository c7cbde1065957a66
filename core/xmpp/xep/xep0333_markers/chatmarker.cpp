// SPDX-License-Identifier: GPL-3.0-or-later
#include "chatmarker.h"

#include "xmpp/namespaces.h"

namespace parla::xmpp {

namespace {
constexpr std::pair<ChatMarker::Kind, const char16_t *> kKinds[] = {
    {ChatMarker::Kind::Received, u"received"},
    {ChatMarker::Kind::Displayed, u"displayed"},
    {ChatMarker::Kind::Acknowledged, u"acknowledged"},
};
} // namespace

std::optional<ChatMarker> ChatMarker::fromElement(const Element &element)
{
    if (element.xmlns() != ns::ChatMarkers)
        return std::nullopt;
    const QString id = element.attribute(u"id");
    if (id.isEmpty() || id.size() > 256)
        return std::nullopt;
    for (const auto &[kind, name] : kKinds) {
        if (element.name() == QStringView(name))
            return ChatMarker{kind, id};
    }
    return std::nullopt;
}

std::optional<ChatMarker> ChatMarker::fromMessage(const Element &message)
{
    for (const Element &child : message.children()) {
        if (auto m = fromElement(child))
            return m;
    }
    return std::nullopt;
}

Element ChatMarker::toElement() const
{
    for (const auto &[k, name] : kKinds) {
        if (k == kind) {
            Element e(QString::fromUtf16(name), ns::ChatMarkers);
            e.setAttribute(QStringLiteral("id"), id);
            return e;
        }
    }
    return {};
}

} // namespace parla::xmpp
