// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagesearch.h"

#include "storage/searchstore.h"

#include <QMetaObject>
#include <QMutex>
#include <QPointer>

namespace parla::services {

using xmpp::Error;
using xmpp::Result;

struct MessageSearch::Shared
{
    QString path;
    QMutex mutex; // the connection is used by one pool thread at a time; guards its creation
    std::unique_ptr<storage::Connection> connection;
    std::atomic<quint64> latest{0};
};

MessageSearch::MessageSearch(const QString &databasePath, QObject *parent)
    : QObject(parent), m_shared(std::make_shared<Shared>())
{
    m_shared->path = databasePath;
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("parla-search"));
}

MessageSearch::~MessageSearch()
{
    m_shared->latest = ~quint64(0); // queued searches are skipped
    m_pool.waitForDone();
}

Task<Result<QList<SearchHit>>> MessageSearch::search(const QString &text,
                                                     const SearchFilter &filter, int limit)
{
    Promise<Result<QList<SearchHit>>> promise;
    const quint64 generation = ++m_shared->latest;
    QPointer<MessageSearch> self(this);
    m_pool.start([shared = m_shared, generation, text, filter, limit, promise, self]() mutable {
        Result<QList<SearchHit>> result =
            Error::local(QObject::tr("A newer search replaced this one."));
        if (shared->latest == generation) {
            QMutexLocker lock(&shared->mutex);
            if (!shared->connection) {
                auto opened = storage::Connection::open(shared->path,
                                                        storage::Connection::Mode::ReadOnlyQueries);
                if (xmpp::isOk(opened))
                    shared->connection =
                        std::move(std::get<std::unique_ptr<storage::Connection>>(opened));
                else
                    result = std::get<Error>(opened);
            }
            if (shared->connection)
                result = storage::SearchStore(*shared->connection).search(text, limit, filter);
        }
        // Back to the owner's thread: continuations run where the caller lives.
        if (self)
            QMetaObject::invokeMethod(
                self.data(),
                [promise, result = std::move(result)]() mutable {
                    promise.finish(std::move(result));
                },
                Qt::QueuedConnection);
    });
    return promise.task();
}

} // namespace parla::services
