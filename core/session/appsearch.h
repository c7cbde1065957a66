// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appcontext.h"
#include "searchapi.h"

namespace parla::services {

class MessageSearch;

/// AppSession's SearchApi over services::MessageSearch (its own thread and read connection).
class AppSearch : public SearchApi
{
    Q_OBJECT
public:
    explicit AppSearch(AppContext &context, QObject *parent = nullptr);
    /// Stops the search thread (it reads the database file, so this goes before the database).
    ~AppSearch() override;

    Task<xmpp::Result<QList<SearchHit>>>
    searchMessages(const QString &text, const SearchFilter &filter, int limit) override;

private:
    AppContext &m_context;
    MessageSearch *m_search = nullptr; ///< null when the profile did not open
};

} // namespace parla::services
