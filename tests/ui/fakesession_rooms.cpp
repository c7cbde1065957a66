// SPDX-License-Identifier: GPL-3.0-or-later
// FakeSession's group chat part.
#include "fakesession.h"

namespace parla::test {

using namespace parla::xmpp;

namespace {
[[maybe_unused]] Error notYet()
{
    return Error::local(QStringLiteral("not in the fake"));
}
} // namespace

void FakeSession::joinRoom(const QString & /*account*/, const QString & /*room*/,
                           const QString & /*nick*/, const QString & /*password*/)
{}

void FakeSession::leaveRoom(const QString & /*account*/, const QString & /*room*/) {}

RoomInfo FakeSession::roomInfo(const QString & /*account*/, const QString & /*room*/)
{
    return {};
}

QAbstractItemModel *FakeSession::occupantModel(const QString & /*account*/,
                                               const QString & /*room*/)
{
    return nullptr;
}

void FakeSession::changeNick(const QString & /*account*/, const QString & /*room*/,
                             const QString & /*nick*/)
{}

void FakeSession::setRoomSubject(const QString & /*account*/, const QString & /*room*/,
                                 const QString & /*subject*/)
{}

void FakeSession::inviteToRoom(const QString & /*account*/, const QString & /*room*/,
                               const QString & /*jid*/, const QString & /*reason*/)
{}

void FakeSession::declineInvitation(const QString & /*account*/,
                                    const RoomInvitation & /*invitation*/,
                                    const QString & /*reason*/)
{}

void FakeSession::answerChallenge(const QString & /*account*/, const RoomChallenge & /*challenge*/,
                                  const xmpp::DataForm & /*answer*/)
{}

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

QList<RoomBookmark> FakeSession::bookmarks(const QString & /*account*/)
{
    return {};
}

Task<Result<Success>> FakeSession::setBookmark(const QString & /*account*/,
                                               const RoomBookmark & /*bookmark*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<Success>> FakeSession::removeBookmark(const QString & /*account*/,
                                                  const QString & /*room*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

} // namespace parla::test
