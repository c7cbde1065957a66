// SPDX-License-Identifier: GPL-3.0-or-later
#include "maintenance.h"

#include "database.h"
#include "sqlite.h"

#include <QMetaObject>
#include <QPointer>

#include <mutex>

namespace parla::storage {

using xmpp::Error;
using xmpp::Result;

struct Maintenance::Shared
{
    QString path;
    std::mutex mutex;
    Connection *running = nullptr; ///< the connection of the check in progress
    bool stopping = false;
};

namespace {

/// Finishes `promise` on the thread of `owner` (dropped if it died meanwhile).
template <typename T>
void deliver(const QPointer<QObject> &owner, Promise<T> promise, T value)
{
    if (owner)
        QMetaObject::invokeMethod(
            owner.data(),
            [promise, value = std::move(value)]() mutable { promise.finish(std::move(value)); },
            Qt::QueuedConnection);
}

} // namespace

Maintenance::Maintenance(const QString &databasePath, QObject *parent)
    : QObject(parent), m_shared(std::make_shared<Shared>())
{
    m_shared->path = databasePath;
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("parla-maintenance"));
}

Maintenance::~Maintenance()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->stopping = true;
        if (m_shared->running)
            m_shared->running->interrupt();
    }
    m_pool.waitForDone();
}

Task<xmpp::Result<QStringList>> Maintenance::checkIntegrity()
{
    Promise<xmpp::Result<QStringList>> promise;
    QPointer<QObject> self(this);
    m_pool.start([shared = m_shared, promise, self] {
        auto opened = Connection::open(shared->path, Connection::Mode::ReadOnlyQueries);
        if (!xmpp::isOk(opened)) {
            deliver<xmpp::Result<QStringList>>(self, promise, std::get<Error>(opened));
            return;
        }
        Connection &c = *std::get<std::unique_ptr<Connection>>(opened);
        {
            std::lock_guard lock(shared->mutex);
            if (shared->stopping)
                return;
            shared->running = &c;
        }
        QStringList problems;
        std::optional<Error> failed;
        {
            Query q(c, "PRAGMA integrity_check(20)");
            while (q.next()) {
                if (const QString line = q.text(0); line != u"ok")
                    problems << line;
            }
            if (q.failed())
                failed = q.error();
        }
        {
            std::lock_guard lock(shared->mutex);
            shared->running = nullptr;
            if (shared->stopping)
                return; // interrupted: no verdict
        }
        if (failed && failed->text.contains(u"malformed"))
            problems << failed->text; // too damaged for the check itself to finish
        else if (failed)
            return deliver<xmpp::Result<QStringList>>(self, promise, *failed);
        deliver<xmpp::Result<QStringList>>(self, promise, problems);
    });
    return promise.task();
}

Task<xmpp::Result<xmpp::Success>> Maintenance::backup(const QString &target)
{
    Promise<xmpp::Result<xmpp::Success>> promise;
    QPointer<QObject> self(this);
    m_pool.start([path = m_shared->path, target, promise, self] {
        deliver<xmpp::Result<xmpp::Success>>(self, promise, Database::backup(path, target));
    });
    return promise.task();
}

} // namespace parla::storage
