// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types/searchtypes.h"

#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace parla::services {

/// Runs full-text searches (storage::SearchStore) off the GUI thread, on a read connection of
/// its own, so a search for a common word over a million messages never stalls the window.
///
/// One search runs at a time; a search that is still queued when a newer one arrives is
/// skipped (it finishes with an error saying so): search-as-you-type only wants the latest.
/// Tasks finish on the thread that created this object.
class MessageSearch : public QObject
{
    Q_OBJECT
public:
    explicit MessageSearch(const QString &databasePath, QObject *parent = nullptr);
    ~MessageSearch() override;

    Task<xmpp::Result<QList<SearchHit>>> search(const QString &text, const SearchFilter &filter,
                                                int limit);

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    QThreadPool m_pool;
};

} // namespace parla::services
