// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace parla {

/// Parla's one async style (STYLE.md §7): a request returns a Task<T>; the caller binds a
/// continuation to a context QObject with then(). The continuation runs exactly once, on the
/// thread that finishes the promise, and is dropped if the context has died by then. A task
/// finished before then() is called runs the continuation immediately.
///
/// Results that can fail are `Task<Result<T>>` (see xmpp/result.h): no exceptions cross modules.
template <typename T>
class Task
{
    struct State
    {
        std::optional<T> value;
        QPointer<QObject> context;
        bool hasContinuation = false;
        std::function<void(const T &)> continuation;
    };

public:
    Task() : m_state(std::make_shared<State>()) {}

    template <typename F>
    void then(QObject *context, F &&f)
    {
        Q_ASSERT(context);
        if (m_state->value) {
            f(*m_state->value);
            return;
        }
        m_state->context = context;
        m_state->hasContinuation = true;
        m_state->continuation = std::forward<F>(f);
    }

    bool isFinished() const { return m_state->value.has_value(); }
    /// The result once finished (for tests and synchronous callers).
    const std::optional<T> &result() const { return m_state->value; }

private:
    template <typename>
    friend class Promise;
    std::shared_ptr<State> m_state;
};

/// The producing side of a Task.
template <typename T>
class Promise
{
public:
    Task<T> task() const { return m_task; }
    bool isFinished() const { return m_task.isFinished(); }

    void finish(T value)
    {
        auto state = m_task.m_state;
        if (state->value)
            return;
        state->value = std::move(value);
        if (state->hasContinuation && state->context) {
            auto continuation = std::move(state->continuation);
            state->continuation = nullptr;
            continuation(*state->value);
        }
        state->continuation = nullptr;
    }

private:
    Task<T> m_task;
};

/// A task that is already finished.
template <typename T>
Task<T> makeReadyTask(T value)
{
    Promise<T> p;
    p.finish(std::move(value));
    return p.task();
}

} // namespace parla
