// SPDX-License-Identifier: GPL-3.0-or-later
// AppSession's part of the Session seam for room administration.
#include "appsession.h"

namespace parla::services {

using namespace parla::xmpp;

namespace {
[[maybe_unused]] Error notYet()
{
    return Error::local(QObject::tr("Group chat is not available yet."));
}
} // namespace

Task<Result<QList<RoomListing>>> AppSession::roomDirectory(const QString & /*account*/,
                                                           const QString & /*service*/)
{
    return makeReadyTask<Result<QList<RoomListing>>>(notYet());
}

Task<Result<QStringList>> AppSession::mucServices(const QString & /*account*/)
{
    return makeReadyTask<Result<QStringList>>(notYet());
}

Task<Result<Success>> AppSession::createRoom(const QString & /*account*/, const QString & /*room*/,
                                             const QString & /*nick*/, RoomPreset /*preset*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<DataForm>> AppSession::roomConfiguration(const QString & /*account*/,
                                                     const QString & /*room*/)
{
    return makeReadyTask<Result<DataForm>>(notYet());
}

Task<Result<Success>> AppSession::submitRoomConfiguration(const QString & /*account*/,
                                                          const QString & /*room*/,
                                                          const xmpp::DataForm & /*form*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<Success>> AppSession::destroyRoom(const QString & /*account*/, const QString & /*room*/,
                                              const QString & /*reason*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<Success>> AppSession::setOccupantRole(const QString & /*account*/,
                                                  const QString & /*room*/,
                                                  const QString & /*nick*/, RoomRole /*role*/,
                                                  const QString & /*reason*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<Success>> AppSession::setAffiliation(const QString & /*account*/,
                                                 const QString & /*room*/, const QString & /*jid*/,
                                                 RoomAffiliation /*affiliation*/,
                                                 const QString & /*reason*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<QList<AffiliationEntry>>> AppSession::affiliationList(const QString & /*account*/,
                                                                  const QString & /*room*/,
                                                                  RoomAffiliation /*affiliation*/)
{
    return makeReadyTask<Result<QList<AffiliationEntry>>>(notYet());
}

Task<Result<Success>> AppSession::moderateMessage(const QString & /*account*/, qint64 /*messageId*/,
                                                  const QString & /*reason*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

} // namespace parla::services
