// SPDX-License-Identifier: GPL-3.0-or-later
// Weak stand-ins for core symbols that the skeleton declares but does not define yet, so the UI
// tests can link against parla_core while the core is written in parallel. A real definition
// in parla_core always wins over these. The UI never calls them; reaching one is a bug.
// tests/ui/CMakeLists.txt only compiles this file while core lacks the definitions.
#include "core/xmpp/client.h"
#include "core/xmpp/xmlstreamparser.h"

#include <cstdlib>

namespace parla::xmpp {

#ifdef PARLA_STUB_CLIENT
class Client::Private
{};
__attribute__((weak)) Client::Client(QObject *parent) : QObject(parent)
{
    std::abort();
}
__attribute__((weak)) Client::~Client() = default;
#endif

#ifdef PARLA_STUB_PARSE_ELEMENT
__attribute__((weak)) Element XmlStreamParser::parseElement(QByteArrayView)
{
    return {};
}
#endif

} // namespace parla::xmpp
