// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types/searchtypes.h"

#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QList>
#include <QObject>
#include <QString>

namespace parla {

/// The search part of the Session seam: full-text search of the stored history.
class SearchApi : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Full-text search of the stored history of every account (or the filter's), best match
    /// first, at most `limit` hits; diacritics-insensitive, the last word a prefix. Runs off the
    /// GUI thread; a search superseded by a newer one finishes with an error.
    virtual Task<xmpp::Result<QList<SearchHit>>>
    searchMessages(const QString &text, const SearchFilter &filter, int limit) = 0;
};

} // namespace parla
