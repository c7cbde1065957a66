// SPDX-License-Identifier: GPL-3.0-or-later
#include "chatstate.h"

#include "xmpp/namespaces.h"

namespace parla::xmpp {

namespace {
constexpr std::pair<ChatState, const char16_t *> kStates[] = {
    {ChatState::Active, u"active"}, {ChatState::Composing, u"composing"},
    {ChatState::Paused, u"paused"}, {ChatState::Inactive, u"inactive"},
    {ChatState::Gone, u"gone"},
};
} // namespace

std::optional<ChatStateNotification> ChatStateNotification::fromElement(const Element &element)
{
    if (element.xmlns() != ns::ChatStates)
        return std::nullopt;
    for (const auto &[state, name] : kStates) {
        if (element.name() == QStringView(name))
            return ChatStateNotification{state};
    }
    return std::nullopt;
}

std::optional<ChatStateNotification> ChatStateNotification::fromMessage(const Element &message)
{
    for (const Element &child : message.children()) {
        if (auto n = fromElement(child))
            return n;
    }
    return std::nullopt;
}

Element ChatStateNotification::toElement() const
{
    for (const auto &[s, name] : kStates) {
        if (s == state)
            return Element(QString::fromUtf16(name), ns::ChatStates);
    }
    return {};
}

} // namespace parla::xmpp
