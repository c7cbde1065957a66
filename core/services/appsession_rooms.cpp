// SPDX-License-Identifier: GPL-3.0-or-later
// AppSession's part of the Session seam for group chat.
#include "appsession.h"

namespace parla::services {

using namespace parla::xmpp;

namespace {
[[maybe_unused]] Error notYet()
{
    return Error::local(QObject::tr("Group chat is not available yet."));
}
} // namespace

void AppSession::joinRoom(const QString & /*account*/, const QString & /*room*/,
                          const QString & /*nick*/, const QString & /*password*/)
{}

void AppSession::leaveRoom(const QString & /*account*/, const QString & /*room*/) {}

RoomInfo AppSession::roomInfo(const QString & /*account*/, const QString & /*room*/)
{
    return {};
}

QAbstractItemModel *AppSession::occupantModel(const QString & /*account*/, const QString & /*room*/)
{
    return nullptr;
}

void AppSession::changeNick(const QString & /*account*/, const QString & /*room*/,
                            const QString & /*nick*/)
{}

void AppSession::setRoomSubject(const QString & /*account*/, const QString & /*room*/,
                                const QString & /*subject*/)
{}

void AppSession::inviteToRoom(const QString & /*account*/, const QString & /*room*/,
                              const QString & /*jid*/, const QString & /*reason*/)
{}

void AppSession::declineInvitation(const QString & /*account*/,
                                   const RoomInvitation & /*invitation*/,
                                   const QString & /*reason*/)
{}

void AppSession::answerChallenge(const QString & /*account*/, const RoomChallenge & /*challenge*/,
                                 const xmpp::DataForm & /*answer*/)
{}

} // namespace parla::services
