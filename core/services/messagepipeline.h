// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace parla::services {

/// The ordered steps a message goes through (ARCHITECTURE.md "message pipeline").
/// Incoming: unwrap (carbons, MAM) → decrypt → de-duplicate + store → notify.
/// Outgoing: compose → encrypt → persist → send.
enum class PipelineStage
{
    Unwrap,
    Decrypt,
    Store,
    Notify,
    Compose,
    Encrypt,
    Persist,
    Send,
};

QString pipelineStageName(PipelineStage stage);

/// Typed, ordered pipeline (STYLE.md §6). Each stage declares the stages it runs after; the
/// order is computed once by finalize(), which refuses a cycle. A stage gets the value and a
/// `next` continuation: calling it passes the value on (now or later, for stages that wait for
/// storage or a key), not calling it drops the value. omemo/ adds its Decrypt/Encrypt stages
/// from outside core through addStage().
template <typename T>
class MessagePipeline
{
public:
    using Next = std::function<void(T)>;
    using Step = std::function<void(T, Next)>;

    /// Adds (or replaces) a stage. Must be called before finalize().
    void addStage(PipelineStage stage, std::vector<PipelineStage> after, Step step)
    {
        m_stages[stage] = {std::move(after), std::move(step)};
        m_order.clear();
    }

    /// Computes the order; returns an error text on a cycle or a missing dependency.
    std::optional<QString> finalize()
    {
        m_order.clear();
        std::map<PipelineStage, int> state; // 0 new, 1 visiting, 2 done
        std::optional<QString> error;
        std::function<void(PipelineStage)> visit = [&](PipelineStage s) {
            if (error || state[s] == 2)
                return;
            if (state[s] == 1) {
                error = QStringLiteral("message pipeline has a cycle at ") + pipelineStageName(s);
                return;
            }
            state[s] = 1;
            for (PipelineStage dep : m_stages.at(s).after) {
                if (m_stages.count(dep))
                    visit(dep);
            }
            state[s] = 2;
            m_order.push_back(s);
        };
        for (const auto &[stage, def] : m_stages)
            visit(stage);
        if (error)
            m_order.clear();
        return error;
    }

    const std::vector<PipelineStage> &order() const { return m_order; }

    /// Runs the value through every stage in order.
    void run(T value) { runFrom(0, std::move(value)); }

private:
    struct Definition
    {
        std::vector<PipelineStage> after;
        Step step;
    };

    void runFrom(size_t index, T value)
    {
        if (index >= m_order.size())
            return;
        const Step &step = m_stages.at(m_order[index]).step;
        step(std::move(value), [this, index](T v) { runFrom(index + 1, std::move(v)); });
    }

    std::map<PipelineStage, Definition> m_stages;
    std::vector<PipelineStage> m_order;
};

} // namespace parla::services
