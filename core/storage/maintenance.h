// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../xmpp/result.h"
#include "../xmpp/task.h"

#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <memory>

namespace parla::storage {

/// Work that reads or copies the whole database file (seconds for a long history): on a thread
/// of its own with its own connection, beside the writer thread and never on the GUI thread.
/// Continuations run on the thread that created it. Destroying it interrupts an integrity check
/// (the next start checks again) and waits for a backup to be complete.
class Maintenance : public QObject
{
    Q_OBJECT
public:
    explicit Maintenance(const QString &databasePath, QObject *parent = nullptr);
    ~Maintenance() override;

    /// SQLite's integrity_check: every page, every index, every constraint (quick_check, run at
    /// each start, skips the indexes). The problems found, in SQLite's words; empty: none.
    Task<xmpp::Result<QStringList>> checkIntegrity();
    /// A consistent copy of the database to `target` (Database::backup).
    Task<xmpp::Result<xmpp::Success>> backup(const QString &target);

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    QThreadPool m_pool;
};

} // namespace parla::storage
