// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers shared by the storage tests.
#pragma once

#include "core/storage/database.h"

#include <QTest>

/// Declares `var` from a Result<T> expression, failing the test with the error's words.
#define PARLA_TAKE(var, expr)                                                                      \
    auto var##Result = (expr);                                                                     \
    if (!parla::xmpp::isOk(var##Result))                                                           \
        QFAIL(qPrintable(std::get<parla::xmpp::Error>(var##Result).text));                         \
    auto var = std::move(std::get<0>(var##Result))

/// The same for a write Task: flushes the writer, then takes the result.
#define PARLA_WAIT(var, db, task) PARLA_TAKE(var, (db)->wait(task))

namespace parla::storage::test {

inline std::unique_ptr<Database> openOrNull(const QString &path)
{
    auto r = Database::open(path);
    if (!xmpp::isOk(r)) {
        qWarning("open failed: %s", qPrintable(std::get<xmpp::Error>(r).text));
        return nullptr;
    }
    return std::move(std::get<std::unique_ptr<Database>>(r));
}

} // namespace parla::storage::test
