// SPDX-License-Identifier: GPL-3.0-or-later
// Waiting for a parla::Task in a test: the event loop runs (QTest::qWaitFor) until the task is
// finished or `ms` pass. Shared by the integration tests.
#pragma once

#include "core/xmpp/result.h"
#include "core/xmpp/task.h"

#include <QDebug>
#include <QTest>

#include <optional>

namespace parla::testing {

/// The task's value; nullopt (with a warning saying why) when it failed or timed out.
template <typename T>
std::optional<T> await(Task<xmpp::Result<T>> task, int ms = 15000)
{
    if (!QTest::qWaitFor([&] { return task.isFinished(); }, ms)) {
        qWarning() << "timed out";
        return std::nullopt;
    }
    if (!xmpp::isOk(*task.result())) {
        qWarning() << "failed:" << std::get<xmpp::Error>(*task.result()).text;
        return std::nullopt;
    }
    return std::get<T>(*task.result());
}

/// The task's error; nullopt when it succeeded or timed out.
template <typename T>
std::optional<xmpp::Error> awaitError(Task<xmpp::Result<T>> task, int ms = 15000)
{
    if (!QTest::qWaitFor([&] { return task.isFinished(); }, ms) || xmpp::isOk(*task.result()))
        return std::nullopt;
    return std::get<xmpp::Error>(*task.result());
}

} // namespace parla::testing
