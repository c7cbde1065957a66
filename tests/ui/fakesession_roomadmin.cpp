// SPDX-License-Identifier: GPL-3.0-or-later
// FakeSession's room administration part.
#include "fakesession.h"

namespace parla::test {

using namespace parla::xmpp;

namespace {
[[maybe_unused]] Error notYet()
{
    return Error::local(QStringLiteral("not in the fake"));
}
} // namespace

Task<Result<QList<RoomListing>>> FakeSession::roomDirectory(const QString & /*account*/,
                                                            const QString & /*service*/)
{
    return makeReadyTask<Result<QList<RoomListing>>>(notYet());
}

Task<Result<QStringList>> FakeSession::mucServices(const QString & /*account*/)
{
    return makeReadyTask<Result<QStringList>>(notYet());
}

Task<Result<Success>> FakeSession::createRoom(const QString & /*account*/, const QString & /*room*/,
                                              const QString & /*nick*/, RoomPreset /*preset*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<DataForm>> FakeSession::roomConfiguration(const QString & /*account*/,
                                                      const QString & /*room*/)
{
    return makeReadyTask<Result<DataForm>>(notYet());
}

Task<Result<Success>> FakeSession::submitRoomConfiguration(const QString & /*account*/,
                                                           const QString & /*room*/,
                                                           const xmpp::DataForm & /*form*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<Success>> FakeSession::destroyRoom(const QString & /*account*/,
                                               const QString & /*room*/, const QString & /*reason*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<Success>> FakeSession::setOccupantRole(const QString & /*account*/,
                                                   const QString & /*room*/,
                                                   const QString & /*nick*/, RoomRole /*role*/,
                                                   const QString & /*reason*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<Success>> FakeSession::setAffiliation(const QString & /*account*/,
                                                  const QString & /*room*/, const QString & /*jid*/,
                                                  RoomAffiliation /*affiliation*/,
                                                  const QString & /*reason*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<QList<AffiliationEntry>>> FakeSession::affiliationList(const QString & /*account*/,
                                                                   const QString & /*room*/,
                                                                   RoomAffiliation /*affiliation*/)
{
    return makeReadyTask<Result<QList<AffiliationEntry>>>(notYet());
}

Task<Result<Success>> FakeSession::moderateMessage(const QString & /*account*/,
                                                   qint64 /*messageId*/, const QString & /*reason*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

} // namespace parla::test
