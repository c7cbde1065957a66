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
