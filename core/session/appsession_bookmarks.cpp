// SPDX-License-Identifier: GPL-3.0-or-later
// AppSession's part of the Session seam for bookmarks (XEP-0402, XEP-0048 fallback).
#include "appsession.h"
#include "services/account.h"
#include "services/bookmarks.h"

namespace parla::services {

using namespace parla::xmpp;

namespace {
Error noAccount()
{
    return Error::local(QObject::tr("No such account."));
}
} // namespace

void AppSession::wireBookmarks(Account *account)
{
    const QString jid = account->jid();
    connect(account->bookmarks(), &Bookmarks::changed, this,
            [this, jid] { Q_EMIT bookmarksChanged(jid); });
}

QList<RoomBookmark> AppSession::bookmarks(const QString &account)
{
    if (Account *a = this->account(account))
        return a->bookmarks()->list();
    return {};
}

Task<Result<Success>> AppSession::setBookmark(const QString &account, const RoomBookmark &bookmark)
{
    if (Account *a = this->account(account))
        return a->bookmarks()->set(bookmark);
    return makeReadyTask<Result<Success>>(noAccount());
}

Task<Result<Success>> AppSession::removeBookmark(const QString &account, const QString &room)
{
    if (Account *a = this->account(account))
        return a->bookmarks()->remove(room);
    return makeReadyTask<Result<Success>>(noAccount());
}

} // namespace parla::services
