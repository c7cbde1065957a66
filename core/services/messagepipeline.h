// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace parla::services {

/// The ordered steps a message goes through (ARCHITECTURE.md "message pipeline").
/// Incoming: unwrap (the route: carbons, MAM, rooms) → decrypt → parse → classify → features →
/// de-duplicate + store → notify → apply. Outgoing: compose → encrypt → persist → send.
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
    Parse,
    Classify,
    Features,
    Apply,
};

QString pipelineStageName(PipelineStage stage);

/// Typed, ordered pipeline (STYLE.md §6). Each stage declares the stages it runs after; the
/// order is computed once by finalize(), which refuses a cycle. A step gets the value and a
/// `next` continuation: calling it passes the value on (now or later, for steps that wait for
/// storage or a key), not calling it drops the value. A stage may hold several steps, run in
/// the order they were added: core declares its stages (a slot such as Decrypt with no step of
/// its own), and plug-ins (omemo/, jingle/, tests) add steps to them with addStep().
template <typename T>
class MessagePipeline
{
public:
    using Next = std::function<void(T)>;
    using Step = std::function<void(T, Next)>;

    /// Adds (or replaces) a stage with one step, or none (an empty `step`: a slot for
    /// plug-ins). Must be called before finalize().
    void addStage(PipelineStage stage, std::vector<PipelineStage> after, Step step = {})
    {
        Definition &def = m_stages[stage];
        def.after = std::move(after);
        def.steps.clear();
        if (step)
            def.steps.push_back(std::move(step));
        m_order.clear();
    }

    /// Appends a step to a declared stage (after its own steps). False when the stage was
    /// never declared: a plug-in cannot invent stages, only fill them.
    bool addStep(PipelineStage stage, Step step)
    {
        const auto it = m_stages.find(stage);
        if (it == m_stages.end() || !step)
            return false;
        it->second.steps.push_back(std::move(step));
        return true;
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
    void run(T value) { runFrom(0, 0, std::move(value)); }
    /// Runs the value through the stages from `stage` on (a resend skips Persist, say).
    void runFrom(PipelineStage stage, T value)
    {
        for (size_t i = 0; i < m_order.size(); ++i) {
            if (m_order[i] == stage)
                return runFrom(i, 0, std::move(value));
        }
    }

private:
    struct Definition
    {
        std::vector<PipelineStage> after;
        std::vector<Step> steps;
    };

    void runFrom(size_t index, size_t step, T value)
    {
        while (index < m_order.size() && step >= m_stages.at(m_order[index]).steps.size()) {
            ++index; // a stage without (further) steps passes the value on
            step = 0;
        }
        if (index >= m_order.size())
            return;
        const Step &s = m_stages.at(m_order[index]).steps[step];
        s(std::move(value), [this, index, step](T v) { runFrom(index, step + 1, std::move(v)); });
    }

    std::map<PipelineStage, Definition> m_stages;
    std::vector<PipelineStage> m_order;
};

} // namespace parla::services
