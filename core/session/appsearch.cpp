// SPDX-License-Identifier: GPL-3.0-or-later
// AppSession's part of the Session seam for full-text search (SearchApi).
#include "appsearch.h"

#include "services/messagesearch.h"

#include "storage/database.h"

namespace parla::services {

using namespace parla::xmpp;

AppSearch::AppSearch(AppContext &context, QObject *parent) : SearchApi(parent), m_context(context)
{
    if (m_context.database)
        m_search = new MessageSearch(m_context.database->path(), this);
}

AppSearch::~AppSearch()
{
    delete m_search;
}

Task<Result<QList<SearchHit>>> AppSearch::searchMessages(const QString &text,
                                                         const SearchFilter &filter, int limit)
{
    if (!m_search)
        return makeReadyTask<Result<QList<SearchHit>>>(Error::local(m_context.openError));
    return m_search->search(text, filter, limit);
}

} // namespace parla::services
