// SPDX-License-Identifier: GPL-3.0-or-later
// AppSession's part of the Session seam for bookmarks.
#include "appsession.h"

namespace parla::services {

using namespace parla::xmpp;

namespace {
[[maybe_unused]] Error notYet()
{
    return Error::local(QObject::tr("Group chat is not available yet."));
}
} // namespace

QList<RoomBookmark> AppSession::bookmarks(const QString & /*account*/)
{
    return {};
}

Task<Result<Success>> AppSession::setBookmark(const QString & /*account*/,
                                              const RoomBookmark & /*bookmark*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

Task<Result<Success>> AppSession::removeBookmark(const QString & /*account*/,
                                                 const QString & /*room*/)
{
    return makeReadyTask<Result<Success>>(notYet());
}

} // namespace parla::services
